//go:build e2e

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// writtenMarking: a teacher assigns a written question to a class with a
// due date; a student on a phone without scripts finds it on their home
// page, writes and hands it in; the teacher reads it on the assignment's
// page with what Sabaq found, is told a mark outside the chosen level's
// range, marks it with a level, a mark and a comment; the student sees the
// mark and comment on their answer; the dashboard's written-answers view
// counts it.
func (s *suite) writtenMarking(t *testing.T) {
	teacher, join := s.importAndAssign(t, classSet{title: "Tashkent, written", format: "gift", file: "written.gift",
		content: feedbackGIFT, class: "Written class", summary: "2 questions"}, nil)
	teacher.do("choose the written question", chromedp.SetValue("#question", "military-describe-tashkent"))
	teacher.typeDate("#written-due", time.Now().AddDate(0, 0, 7))
	teacher.click("assign the written question", `[data-testid=assign-written]`, "class with a written assignment")
	if n := teacher.count(`[data-testid=written-assignment]`); n != 1 {
		t.Fatalf("%d written assignments on the class page; want 1", n)
	}
	classPage := teacher.path()

	student := s.newTab(t, "student without scripts", tabOptions{noJS: true})
	student.narrow()
	student.open("/signup", "sign up, no scripts")
	student.typeInto("#username", "sana")
	student.typeInto("#password", "sana's long password")
	student.typeInto("#password2", "sana's long password")
	student.click("sign up", `[data-testid=signup]`, "home (student, no scripts)")
	student.open(join[strings.Index(join, "/join/"):], "join link, no scripts")
	student.click("join the class", `[data-testid=join]`, "home with a written assignment")
	student.click("open the written assignment", `[data-testid=write-assigned]`, "the assigned written question")
	if got := student.text(`[data-testid=assignment-note]`); !strings.Contains(got, "Written class") {
		t.Errorf("the question page says %q; want the class it is handed in to", got)
	}
	student.do("write the answer", chromedp.Click(chromedp.CSS(`#text`)), chromedp.SendKeys(chromedp.CSS(`#text`), writingAnswer))
	student.click("hand it in", `[data-testid=submit-answer]`, "the handed-in answer")
	answer := student.path()

	teacher.open(classPage, "the class again")
	teacher.click("open the written assignment", `[data-testid=written-link]`, "the written assignment's answers")
	if got := teacher.text(`[data-testid=submission] [data-testid=answer]`); !strings.Contains(got, "Tashkent Declaration") {
		t.Fatalf("the teacher sees %q; want the student's answer", clip(got, 200))
	}
	if teacher.count(`[data-testid=submission] [data-testid=answer] mark`) == 0 {
		t.Error("nothing Sabaq recognised is highlighted for the teacher")
	}
	// Level 1 of the question is 1–2 marks: 4 is refused, with the range.
	teacher.do("choose level 1", chromedp.Click(chromedp.CSS(`[data-testid=mark-form] input[name=level][value="1"]`)))
	teacher.do("give 4 marks", chromedp.SetValue(`[data-testid=mark-form] input[name=mark]`, "4"))
	teacher.click("save a mark outside the level", `[data-testid=save-mark]`, "a mark outside its level refused")
	if got := teacher.text(`[data-testid=mark-form] [data-testid=form-error]`); !strings.Contains(got, "Level 1 is 1–2 marks") {
		t.Errorf("a mark outside the level: %q; want the level's range", got)
	}
	teacher.do("choose level 2", chromedp.Click(chromedp.CSS(`[data-testid=mark-form] input[name=level][value="2"]`)))
	teacher.do("give 3 marks", chromedp.SetValue(`[data-testid=mark-form] input[name=mark]`, "3"))
	teacher.do("write a comment", chromedp.SendKeys(chromedp.CSS(`[data-testid=mark-form] textarea[name=comment]`), "Good detail; say why Moscow wanted the talks."))
	teacher.click("save the mark", `[data-testid=save-mark]`, "the answer marked")

	student.open(answer, "the answer with the teacher's mark")
	if got := student.text(`[data-testid=teacher-mark]`); !strings.Contains(got, "3") || !strings.Contains(got, "say why Moscow wanted the talks") {
		t.Errorf("the student sees %q; want the mark and the comment", clip(got, 200))
	}
	if student.scriptsRan() {
		t.Error("scripts ran in the tab without them")
	}

	teacher.open(classPage+"/written", "the written-answers dashboard")
	if n := teacher.count(`[data-testid=written-row]`); n != 1 {
		t.Errorf("%d questions on the written-answers view; want 1", n)
	}
	teacher.narrow()
	teacher.open(classPage+"/written", "the written-answers dashboard on a phone")

	// The teacher writes a question of their own in the set, on a phone,
	// with one point linked to an event and one free, and assigns it.
	teacher.open("/teach/sets", "question sets on a phone")
	set := eval[string](teacher, `[...document.querySelectorAll("main a")].find(a => a.textContent.trim() === "Tashkent, written")?.getAttribute("href") ?? ""`)
	if set == "" {
		t.Fatal("no link to the set")
	}
	teacher.open(set, "the set with its written questions")
	teacher.click("add a written question", `[data-testid=add-written]`, "a new written question")
	teacher.do("choose describe", chromedp.SetValue("#kind", "describe"))
	teacher.typeInto("#prompt", "Describe the Tashkent talks of January 1966.")
	teacher.do("four marks", chromedp.SetValue("#marks", "4"))
	// The levels' and points' rows, filled as a teacher types them.
	eval[bool](teacher, `(() => {
		const set = (sel, i, v) => { document.querySelectorAll(sel)[i].value = v; };
		set("input[name=level_min]", 0, "1"); set("input[name=level_max]", 0, "2");
		set("input[name=level_min]", 1, "3"); set("input[name=level_max]", 1, "4");
		set("textarea[name=level_descriptor]", 0, "One or two points, little detail.");
		set("textarea[name=level_descriptor]", 1, "Three or four points with detail.");
		set("textarea[name=point_text]", 0, "Ayub Khan and Shastri signed the Tashkent Declaration.");
		set("input[name=point_events]", 0, "tashkent-declaration");
		set("textarea[name=point_text]", 1, "Kosygin acted as the host and mediator.");
		return true;
	})()`)
	teacher.click("save the written question", `[data-testid=written-form] [data-testid=save]`, "the set with a written question of the teacher's")
	if got := teacher.text(`[data-testid=written-list]`); !strings.Contains(got, "Describe the Tashkent talks") {
		t.Fatalf("the set lists %q; want the new written question", clip(got, 200))
	}
	teacher.open(classPage, "the class, to assign the teacher's question")
	own := eval[string](teacher, `[...document.querySelectorAll("#question option")].find(o => o.textContent.includes("Describe the Tashkent talks"))?.value ?? ""`)
	if !strings.HasPrefix(own, "t") {
		t.Fatalf("the assign form offers no question of the teacher's own (%q)", own)
	}
	teacher.do("choose the teacher's question", chromedp.SetValue("#question", own))
	teacher.typeDate("#written-due", time.Now().AddDate(0, 0, 3))
	teacher.click("assign it", `[data-testid=assign-written]`, "class with two written assignments")
	student.open("/", "home with two written assignments")
	if n := student.count(`[data-testid=write-assigned]`); n != 2 {
		t.Errorf("the student sees %d written assignments; want 2", n)
	}
	student.open("/write/"+own, "the teacher's own question, for the student")
}
