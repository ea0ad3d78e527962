//go:build e2e

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// classExam: a teacher sets an exam date on an assignment; a student on a
// phone sees the exam plan's forecast on their home page and compares
// retentions in Help me choose; the teacher's dashboard shows the class's
// forecast and each student's plan, the same figures as the student's.
func (s *suite) classExam(t *testing.T) {
	teacher, join := s.importAndAssign(t, classSet{title: "Tashkent, for the exam", format: "gift", file: "exam.gift",
		content: feedbackGIFT, class: "Exam class", summary: "2 questions"}, nil)
	// Assigning the set again sets its dates: an exam in nine days.
	exam := time.Now().AddDate(0, 0, 9)
	set := eval[string](teacher, `[...document.querySelectorAll("#set option")].find(o => o.textContent.trim().startsWith("Tashkent, for the exam ("))?.value ?? ""`)
	teacher.do("choose the set", chromedp.SetValue("#set", set))
	teacher.typeDate("#exam", exam)
	teacher.click("set the exam date", `[data-testid=assign]`, "class with an exam date")

	student := s.studentJoins(t, "hamid", join, true)
	forecast := student.text(`[data-testid=workload]`)
	if !strings.Contains(forecast, "on exam day") && !strings.Contains(forecast, "recall") {
		t.Errorf("the student's home page says %q; want the exam plan's forecast", clip(forecast, 200))
	}
	student.click("practise the set", `[data-testid=practise-set]`, "")
	student.answerWithMouse()
	student.click("check the answer", `[data-testid=submit]`, "set practice: feedback")
	student.open("/settings", "settings with a teacher's exam")
	student.do("open Help me choose", chromedp.Click(chromedp.CSS(`[data-testid=choose-retention] > summary`)))
	student.check("settings: help me choose for a teacher's exam")
	if got := student.text(`[data-testid=choose-retention]`); !strings.Contains(got, "your exam on") {
		t.Errorf("Help me choose says %q; want the teacher's exam", clip(got, 200))
	}

	teacher.activate("open the dashboard", `[data-testid=dashboard-link]`, "dashboard with an exam")
	summary := teacher.text(`[data-testid=class-exam-summary]`)
	if !strings.Contains(summary, "for the one student, about") || !strings.Contains(summary, "on exam day (today about") {
		t.Errorf("the dashboard's exam forecast says %q", summary)
	}
	teacher.do("open each student's plan", chromedp.Click(chromedp.CSS(`details.exam-students > summary`)))
	teacher.check("dashboard: each student's plan")
	if n := teacher.count(`[data-testid=exam-student]`); n != 1 {
		t.Errorf("%d students in the plan table; want 1", n)
	}
	// One of the set's two cards answered a moment ago: about half now.
	if now := teacher.text(`[data-testid=now-recall]`); now == "0%" || now == "" {
		t.Errorf("the student who just answered a question recalls %q of the set now", now)
	}
}
