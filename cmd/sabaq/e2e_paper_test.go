//go:build e2e

package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sabaq/db"
)

// paper: a student on a phone sits a paper, answering 2 of 3 questions
// under one clock: each box saves as they type, they answer all three,
// choose which two count when they finish, and open a counted answer to
// mark it against its scheme.
func (s *suite) paper(t *testing.T) {
	tb := s.newTab(t, "student", tabOptions{})
	tb.narrow()
	tb.open("/write", "written questions")
	tb.click("sit a paper", `[data-testid=sit-paper]`, "paper setup")
	tb.do("offer three", chromedp.SetValue("#offered", "3"))
	tb.do("answer two", chromedp.SetValue("#answer", "2"))
	tb.click("start the paper", `[data-testid=start]`, "the paper")
	if got := tb.text(`[data-testid=paper-title]`); got != "Answer 2 of these 3 questions" {
		t.Errorf("the paper says %q", got)
	}
	if n := tb.count(`[data-testid=paper-question]`); n != 3 {
		t.Fatalf("%d questions on the paper; want 3", n)
	}
	if got := tb.text(`[data-testid=time-left]`); got == "" {
		t.Error("the paper shows no time left")
	}
	for i, text := range []string{
		"In 1965 Ayub Khan visited Moscow, and at Tashkent in January 1966 Kosygin brought the two sides together.",
		"The Soviet Union invaded Afghanistan in December 1979 and Pakistan backed the mujahideen.",
		"Bhutto visited Moscow in 1972.",
	} {
		box := "#text-" + string(rune('1'+i))
		tb.do("write answer "+box, chromedp.Click(chromedp.CSS(box)), chromedp.SendKeys(chromedp.CSS(box), text))
	}
	tb.waitFor("the third answer saved", `document.querySelectorAll("[data-testid=question-status]")[2].textContent.includes("Saved")`)
	tb.open(tb.path(), "the paper after a reload")
	if got := eval[string](tb, `document.querySelector("#text-3").value.trim()`); got != "Bhutto visited Moscow in 1972." {
		t.Errorf("after a reload the third box holds %q", got)
	}
	tb.click("finish the paper", `[data-testid=finish]`, "finish: choose which count")
	if n := tb.count(`[data-testid=choose] input[type=checkbox]`); n != 3 {
		t.Fatalf("%d answers to choose from; want 3", n)
	}
	for i, want := range []bool{true, true, false} {
		box := "count-" + string(rune('1'+i))
		if eval[bool](tb, `document.querySelector("#`+box+`").checked`) != want {
			tb.do("tick or untick "+box, chromedp.Click(chromedp.CSS(`label[for=`+box+`]`)))
		}
	}
	if !eval[bool](tb, `document.querySelector("#count-1").checked && document.querySelector("#count-2").checked && !document.querySelector("#count-3").checked`) {
		t.Fatal("the first two are not the ones chosen")
	}
	tb.click("finish", `[data-testid=finish-paper]`, "the paper's results")
	if got := tb.text(`[data-testid=counted]`); !strings.HasPrefix(got, "2 of") {
		t.Errorf("the results say %q; want two counted", got)
	}
	if n := tb.count(`[data-testid=answer-link]`); n != 2 {
		t.Fatalf("%d answers link to their marking; want 2", n)
	}
	tb.click("open a counted answer", `[data-testid=answer-link]`, "a paper's answer, to mark")
	if got := tb.text(`[data-testid=found-summary]`); !strings.HasPrefix(got, "Sabaq found ") {
		t.Errorf("the answer page says %q", got)
	}

	// A second paper runs out of time with text still unsaved: at zero the
	// page saves it (as written after time) and shows the results.
	tb.open("/write/paper", "paper setup again")
	tb.do("offer two", chromedp.SetValue("#offered", "2"))
	tb.do("answer one", chromedp.SetValue("#answer", "1"))
	tb.click("start another paper", `[data-testid=start]`, "the second paper")
	id, err := strconv.ParseInt(strings.TrimPrefix(tb.path(), "/write/paper/"), 10, 64)
	if err != nil {
		t.Fatalf("paper id in %s: %v", tb.path(), err)
	}
	store, err := db.Open(context.Background(), s.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := store.SetWrittenPaperDeadline(context.Background(), id, time.Now().Add(4*time.Second)); err != nil {
		t.Fatal(err)
	}
	tb.do("reload with four seconds left", chromedp.Reload())
	tb.do("write as time runs out", chromedp.Click(chromedp.CSS("#text-1")), chromedp.SendKeys(chromedp.CSS("#text-1"), "Kosygin hosted the talks at Tashkent in January 1966."))
	tb.waitFor("the results after time is up", `!!document.querySelector("[data-testid=results]")`)
	tb.check("the second paper's results, after time")
	tb.click("open the answer written as time ran out", `[data-testid=answer-link]`, "the second paper's answer")
	if got := tb.text(`[data-testid=answer]`); !strings.Contains(got, "Kosygin hosted the talks") {
		t.Errorf("the answer reads %q; want the text written as time ran out, kept", clip(got, 200))
	}
}
