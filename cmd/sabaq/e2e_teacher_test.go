//go:build e2e

package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The questions the teacher writes, all true/false.
const (
	teachA = "E2E: Kosygin mediated between India and Pakistan at Tashkent."
	teachB = "E2E: The U-2 of 1960 flew from Peshawar."
	teachC = "E2E: Bhutto visited Moscow in 1972."
)

// teacher: a teacher writes a set of three questions of their own, moves
// one up (with the mouse, then again from the keyboard), duplicates one,
// deletes the copy through the dialog (after backing out of it once by
// keyboard) and undoes that, deletes another with scripts off through the
// confirmation page, and previews the set as a student, which records
// nothing. Then a class of their own: a student practises the set, the
// teacher reads her answers, renews the join code and removes her.
func (s *suite) teacher(t *testing.T) {
	tb := s.newTab(t, "teacher", tabOptions{})
	tb.open("/login", "log in")
	tb.typeInto("#username", teacherName)
	tb.typeInto("#password", teacherPassword)
	tb.click("log in", `[data-testid=login]`, "home (teacher)")

	tb.open("/teach/sets/new", "new set")
	tb.typeInto("#title", "E2E teacher: reorder, duplicate, delete and undo")
	tb.click("save the set", `[data-testid=save]`, "set (empty)")
	setPath := tb.path()
	for i, prompt := range []string{teachA, teachB, teachC} {
		tb.open(setPath+"/items/new?kind=true-false", "new true/false question")
		tb.typeInto("#prompt", prompt)
		tb.do("mark it true", chromedp.Click(chromedp.CSS(`input[name=truth][value=true]`)))
		tb.click("save question "+prompt, `[data-testid=save]`, "")
		if n := tb.count(`[data-testid=item]`); n != i+1 {
			t.Fatalf("the set holds %d questions after adding %d", n, i+1)
		}
	}
	tb.check("set with three questions")
	tb.wantOrder("as written", teachA, teachB, teachC)
	edit, del := tb.text(`[data-testid=item] [data-testid=edit-item]`), tb.text(`[data-testid=item] [data-testid=delete-item]`)
	if looks := eval[[]string](tb, `["edit-item", "delete-item"].map(id => {
		const e = document.querySelector("[data-testid=item] [data-testid=" + id + "]"), cs = getComputedStyle(e);
		return cs.color + " " + cs.backgroundColor + " " + cs.borderTopStyle; })`); looks[0] == looks[1] {
		t.Errorf("%q and %q look alike: %s", edit, del, looks[0])
	}

	// Reorder: the third up with the mouse; its Up button keeps the focus,
	// and Enter moves it up once more.
	tb.click("move the third question up", `[data-testid=item]:nth-child(3) [data-testid=move-up]`, "set after a move")
	tb.wantOrder("after moving C up", teachA, teachC, teachB)
	if got := eval[string](tb, `document.activeElement?.closest("[data-testid=item]")?.querySelector("[data-testid=item-prompt]")?.innerText ?? ""`); got != teachC {
		t.Errorf("after the move the focus is on the question %q; want the one moved", got)
	}
	tb.follow("move it up again with Enter", "set after a second move", chromedp.KeyEvent("\r"))
	tb.wantOrder("after moving C up again", teachC, teachA, teachB)
	if tb.count(`[data-testid=item]:first-child [data-testid=move-up]`) != 0 {
		t.Error("the first question can still move up")
	}

	// Duplicate A: the copy comes right after it.
	tb.click("duplicate the second question", `[data-testid=item]:nth-child(2) [data-testid=duplicate-item]`, "set after duplicating")
	tb.wantOrder("after duplicating A", teachC, teachA, teachA, teachB)
	if !strings.Contains(tb.text(`[data-testid=notice]`), "duplicated") || tb.count(`[data-testid=notice-link]`) != 1 {
		t.Errorf("after duplicating the notice says %q", tb.text(`[data-testid=notice]`))
	}

	// Delete the copy through the dialog: first opened by keyboard and
	// left with Escape, which deletes nothing and gives the focus back.
	copyDelete := `[data-testid=item]:nth-child(3) [data-testid=delete-item]`
	tb.step = "open the delete dialog by keyboard"
	tb.tabTo(copyDelete)
	tb.press("\r")
	tb.waitFor("the dialog", `document.querySelector("dialog[open] [data-testid=confirm-form]")`)
	if got := eval[string](tb, `document.activeElement?.dataset.testid ?? ""`); got != "confirm-cancel" {
		t.Errorf("the dialog opens with the focus on %q; want Keep it", got)
	}
	tb.check("delete dialog")
	if got := tb.text(`dialog[open] h2`); got != "Delete this question?" {
		t.Errorf("the dialog asks %q", got)
	}
	if got := tb.text(`dialog[open] [data-testid=confirm-quote]`); got != teachA {
		t.Errorf("the dialog quotes %q; want %q", got, teachA)
	}
	tb.press("\x1b") // Escape
	tb.waitFor("the dialog to close", `!document.querySelector("dialog[open]")`)
	if !eval[bool](tb, `document.activeElement === document.querySelector(`+js(copyDelete)+`)`) {
		t.Error("closing the dialog does not give the focus back to Delete")
	}
	tb.wantOrder("after backing out", teachC, teachA, teachA, teachB)
	tb.do("open the delete dialog", chromedp.Click(chromedp.CSS(copyDelete)))
	tb.waitFor("the dialog", `document.querySelector("dialog[open] [data-testid=confirm-form]")`)
	tb.click("delete in the dialog", `dialog[open] [data-testid=confirm-submit]`, "set after deleting in the dialog")
	tb.wantOrder("after deleting the copy", teachC, teachA, teachB)
	if got := tb.text(`[data-testid=undo-banner] [data-testid=deleted-prompt]`); got != teachA {
		t.Fatalf("the undo banner names %q; want %q", got, teachA)
	}

	// Undo brings it back in its place.
	tb.click("undo the deletion", `[data-testid=undo-delete]`, "set after undoing")
	tb.wantOrder("after undoing", teachC, teachA, teachA, teachB)
	if tb.count(`[data-testid=undo-banner]`) != 0 {
		t.Error("the undo banner is still there after undoing")
	}

	// With scripts off, Delete opens the confirmation page.
	tb.opts.noJS = true
	tb.setScripts(false)
	tb.open(setPath, "set without scripts")
	tb.click("delete B without scripts", `[data-testid=item]:nth-child(4) [data-testid=delete-item]`, "delete confirmation page")
	if p := tb.path(); !strings.HasSuffix(p, "/delete") {
		t.Fatalf("without scripts Delete went to %s; want the confirmation page", p)
	}
	if got := tb.text(`h1`); got != "Delete this question?" {
		t.Errorf("the confirmation page asks %q", got)
	}
	if got := tb.text(`[data-testid=confirm-quote]`); got != teachB {
		t.Errorf("the confirmation page quotes %q; want %q", got, teachB)
	}
	tb.click("confirm the deletion", `[data-testid=confirm-submit]`, "set after deleting without scripts")
	tb.wantOrder("after deleting B", teachC, teachA, teachA)
	if got := tb.text(`[data-testid=undo-banner] [data-testid=deleted-prompt]`); got != teachB {
		t.Errorf("the undo banner names %q; want %q", got, teachB)
	}
	tb.opts.noJS = false
	tb.setScripts(true)

	// The preview: as a student sees it, and nothing is recorded.
	tb.open("/review", "review before the preview")
	before := tb.reviewCounts()
	tb.open(setPath, "set before the preview")
	tb.click("preview the set", `[data-testid=preview]`, "preview, question 1")
	if got := tb.text(`[data-testid=preview-banner]`); !strings.Contains(got, "Preview — answers are not recorded") {
		t.Errorf("the preview's banner says %q", got)
	}
	for i, step := range []struct{ prompt, answer, verdict string }{
		{teachC, "True", "Correct"}, {teachA, "False", "Not quite"}, {teachA, "True", "Correct"},
	} {
		if got := tb.text(`[data-testid=prompt]`); got != step.prompt {
			t.Errorf("preview question %d is %q; want %q", i+1, got, step.prompt)
		}
		tb.do("answer "+step.answer, chromedp.Click(chromedp.CSS(`input[name=answer][value=`+step.answer+`]`)))
		tb.click("check the answer", `[data-testid=submit]`, "preview feedback")
		if got := tb.text(`[data-testid=verdict]`); got != step.verdict {
			t.Errorf("preview question %d answered %s: %q; want %q", i+1, step.answer, got, step.verdict)
		}
		tb.click("go on", `[data-testid=next]`, "")
	}
	if p := tb.path(); p != setPath {
		t.Errorf("the preview ends at %s; want the set", p)
	}
	tb.open("/review", "review after the preview")
	if after := tb.reviewCounts(); after != before {
		t.Errorf("the teacher's counts were %+v before the preview and %+v after", before, after)
	}

	// A class: a student joins and practises the set; the teacher sees her
	// answers question by question, gives the class a new join code (the
	// old one stops working) and removes her, each through the dialog.
	tb.open("/teach/classes", "classes")
	tb.typeInto("#name", "E2E teacher's class")
	tb.click("make the class", `[data-testid=create-class]`, "class (teacher flow)")
	classPath := tb.path()
	tb.do("choose the set", chromedp.SetValue(chromedp.CSS(`#set`), strings.TrimPrefix(setPath, "/teach/sets/")))
	tb.click("assign the set", `[data-testid=assign]`, "class with the set assigned")
	code := tb.text(`[data-testid=join-code]`)

	student := s.newTab(t, "student", tabOptions{})
	student.open("/signup", "sign up")
	student.typeInto("#username", "e2e-bilal")
	student.typeInto("#password", "bilal's long password")
	student.typeInto("#password2", "bilal's long password")
	student.click("sign up", `[data-testid=signup]`, "home (student)")
	student.open("/join/"+code, "join link")
	student.click("join the class", `[data-testid=join]`, "home with the assignment")
	student.click("practise the set", `[data-testid=practise-set]`, "")
	res := student.practise("set practice", false)

	tb.open(classPath, "class with a student")
	tb.click("open the answers by student", `[data-testid=answers-link]`, "answers by student")
	states := eval[[]string](tb, `[...document.querySelectorAll("[data-testid=answer-cell]")].map(c => c.dataset.state)`)
	right := 0
	for _, st := range states {
		if st == "right" {
			right++
		}
	}
	if len(states) != 3 || right != res.right || strings.Contains(strings.Join(states, " "), "none") {
		t.Errorf("the answers table shows %v; the student answered %d questions, %d right", states, res.answered, res.right)
	}
	if got := tb.text(`[data-testid=student-answers] [data-testid=student]`); got != "e2e-bilal" {
		t.Errorf("the answers table's student is %q", got)
	}

	tb.open(classPath, "class before a new code")
	tb.do("open the new-code dialog", chromedp.Click(chromedp.CSS(`[data-testid=reset-code]`)))
	tb.waitFor("the dialog", `document.querySelector("dialog[open] [data-testid=confirm-form]")`)
	tb.check("new code dialog")
	tb.click("make a new code", `dialog[open] [data-testid=confirm-submit]`, "class with a new code")
	if got := tb.text(`[data-testid=join-code]`); got == code || len(got) != 6 {
		t.Errorf("after the reset the code is %q (was %q)", got, code)
	}
	if status := eval[int](student, `fetch("/join/`+code+`").then(r => r.status)`, chromedp.EvalAwaitPromise); status != 404 {
		t.Errorf("the old join link answers %d; want 404", status)
	}

	tb.do("open the remove dialog", chromedp.Click(chromedp.CSS(`[data-testid=member] [data-testid=remove-student]`)))
	tb.waitFor("the dialog", `document.querySelector("dialog[open] [data-testid=confirm-form]")`)
	if got := tb.text(`dialog[open] h2`); !strings.Contains(got, "Remove e2e-bilal") {
		t.Errorf("the remove dialog asks %q", got)
	}
	tb.click("remove the student", `dialog[open] [data-testid=confirm-submit]`, "class after removing the student")
	if n := tb.count(`[data-testid=member]`); n != 0 {
		t.Errorf("the class still lists %d students", n)
	}
}

// wantOrder fails unless the set page lists these prompts, in this order.
func (tb *tab) wantOrder(when string, prompts ...string) {
	tb.t.Helper()
	got := eval[[]string](tb, `[...document.querySelectorAll("[data-testid=item] [data-testid=item-prompt]")].map(p => p.innerText.trim())`)
	if strings.Join(got, " | ") != strings.Join(prompts, " | ") {
		tb.t.Errorf("%s: the set lists %q; want %q", when, got, prompts)
	}
}
