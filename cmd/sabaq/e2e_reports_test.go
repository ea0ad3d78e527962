//go:build e2e

package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// phoneWidth is the narrowest screen the pages are checked at.
const phoneWidth = 390

// reports: on a phone-sized screen, a learner reports a question from the
// practice feedback, with the keyboard; the admin teacher (ms.khan, made
// from the shell) finds it in the queue, hides it and shows it again.
// It runs last: a hidden question would change the other flows' queues.
func (s *suite) reports(t *testing.T) {
	learner := s.newTab(t, "learner", tabOptions{})
	learner.narrow()
	learner.open("/", "home")
	learner.activate("start ten questions", `[data-testid=quick-start]`, "practice: question 1")
	prompt := learner.text(`[data-testid=prompt]`)
	learner.answerByKeys()
	learner.activate("check the answer", `[data-testid=submit]`, "practice feedback")
	learner.fits()
	feedback := learner.path()
	learner.activate("report the question", `[data-testid=feedback] [data-testid=report-link]`, "report a problem")
	learner.fits()
	if got := learner.text(`[data-testid=reported-question] [data-testid=prompt]`); got != prompt {
		t.Fatalf("the report form shows the question %q; the feedback was on %q", got, prompt)
	}
	// The reasons are one group of radios: Tab into it, arrows to the third.
	learner.tabTo(`input[name=reason]`)
	learner.press(kb.ArrowDown)
	learner.press(kb.ArrowDown)
	if got := eval[string](learner, `document.querySelector("input[name=reason]:checked")?.value ?? ""`); got != "unclear" {
		t.Fatalf("the arrows chose the reason %q; want unclear", got)
	}
	const comment = "Which calendar does the date use?"
	learner.typeInto("#comment", comment)
	learner.activate("send the report", `[data-testid=send-report]`, "practice feedback, with thanks")
	learner.fits()
	if got := learner.path(); got != feedback+"?reported=1" {
		t.Errorf("after the report the learner is at %s; want back at %s", got, feedback)
	}
	if got := learner.text(`[data-testid=notice]`); got != "Thanks: a teacher will look at it." {
		t.Errorf("the feedback page says %q after the report", got)
	}

	teacher := s.newTab(t, "teacher", tabOptions{})
	teacher.narrow()
	teacher.open("/login", "log in")
	teacher.typeInto("#username", teacherName)
	teacher.typeInto("#password", teacherPassword)
	teacher.activate("log in", `[data-testid=login]`, "home (teacher)")
	teacher.fits()
	teacher.activate("open Teach", `header nav a[href="/teach"]`, "teach")
	teacher.fits()
	teacher.activate("open the reported questions", `[data-testid=teach-reports]`, "reported questions")
	teacher.fits()
	qid := eval[string](teacher, `[...document.querySelectorAll("[data-testid=report-row]")].find(r =>
		r.querySelector("[data-testid=report-prompt]").innerText.trim() === `+js(prompt)+`)?.dataset.question ?? ""`)
	if qid == "" {
		t.Fatalf("the queue has no row for %q: %s", prompt, teacher.text(`[data-testid=reports]`))
	}
	row := `[data-testid=report-row][data-question=` + js(qid) + `] `
	if got := teacher.text(row + `[data-testid=reporters]`); got != "1 learner" {
		t.Errorf("the row counts %q; want 1 learner", got)
	}
	if got := teacher.text(row + `[data-testid=comment]`); got != comment {
		t.Errorf("the row's comment is %q; want %q", got, comment)
	}
	if !strings.Contains(teacher.text(row+`[data-testid=reason-count]`), "unclear: 1") {
		t.Errorf("the row's reasons say %q", teacher.text(row+`[data-testid=reason-count]`))
	}

	teacher.typeInto(row+`input[name=note]`, "Checking the date against the sources")
	teacher.activate("hide the question", row+`[data-testid=hide]`, "reported questions: one hidden")
	teacher.fits()
	if got := teacher.text(row + `[data-testid=status]`); !strings.HasPrefix(got, "Hidden") {
		t.Fatalf("after hiding, the row's status is %q", got)
	}
	teacher.activate("show the question again", row+`[data-testid=unhide]`, "reported questions: shown again")
	if got := teacher.text(row + `[data-testid=status]`); got != "Shown" {
		t.Errorf("after showing it again, the row's status is %q", got)
	}
}

// narrow makes the tab's window as wide as a small phone's.
func (tb *tab) narrow() {
	tb.t.Helper()
	tb.do("narrow the window", chromedp.EmulateViewport(phoneWidth, 844))
}
