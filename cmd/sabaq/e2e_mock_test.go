//go:build e2e

package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sabaq/db"
)

// clockText is what the mock exam's clock shows once the script runs it:
// "29:58 left", "1:02:03 left".
var clockText = regexp.MustCompile(`^(?:(\d+):)?(\d+):(\d\d) left$`)

// clockSeconds reads the clock's text as seconds left, or -1.
func clockSeconds(s string) int {
	m := clockText.FindStringSubmatch(s)
	if m == nil {
		return -1
	}
	h, _ := strconv.Atoi(m[1])
	min, _ := strconv.Atoi(m[2])
	sec, _ := strconv.Atoi(m[3])
	return h*3600 + min*60 + sec
}

// mockExam: a mock exam as on the day. The clock counts down in the
// browser; a question flagged in place keeps the answer picked on it and
// shows in the grid; Finish leads to the summary, which lists what is
// flagged and unanswered, and submits. Then a second exam, its deadline
// moved on the server, warns at 5 minutes, at 1 minute, and at zero sends
// the learner to the results.
func (s *suite) mockExam(t *testing.T) {
	tb := s.newTab(t, "learner", tabOptions{})
	tb.open("/mock", "mock exam setup")
	if tb.count(`header nav a[href="/mock"][aria-current=page]`) != 1 {
		t.Error("the mock exam's setup does not mark Mock exam in the site's navigation")
	}
	tb.typeInto("#length", "5")
	tb.click("start the exam", `[data-testid=start]`, "mock exam: question 1")
	base := strings.TrimSuffix(tb.path(), "/q/1")

	// The clock counts down by itself.
	first := tb.text(`[data-testid=time-left]`)
	if clockSeconds(first) < 0 {
		t.Fatalf("the clock shows %q; want minutes and seconds left, counted by the script", first)
	}
	tb.waitFor("the clock to tick", `document.querySelector("[data-testid=time-left]").innerText.trim() !== `+js(first))
	later := tb.text(`[data-testid=time-left]`)
	if a, b := clockSeconds(first), clockSeconds(later); b < 0 || b >= a || a > 30*60 {
		t.Errorf("the clock went from %q to %q; want it counting down from at most 30:00", first, later)
	}

	tb.answerWithMouse()
	tb.click("save answer 1", `[data-testid=submit]`, "mock exam: question 2")

	// Pick an answer on question 2 but flag it before saving: the flag is
	// set in place, and the answer picked is still there.
	tb.answerWithMouse()
	picked := tb.formAnswer()
	tb.do("flag question 2", chromedp.Click(chromedp.CSS(`[data-testid=flag]`)))
	tb.waitFor("the flag to be set", `document.querySelector("[data-testid=flag]").innerText.trim() === "Remove flag"`)
	tb.check("mock exam: question 2, flagged")
	if got := tb.path(); got != base+"/q/2" {
		t.Errorf("flagging went to %s; want to stay on question 2", got)
	}
	if got := tb.formAnswer(); got != picked {
		t.Errorf("after flagging, the form holds %q; the learner had picked %q", got, picked)
	}
	if !eval[bool](tb, `document.activeElement === document.querySelector("[data-testid=flag]")`) {
		t.Error("after flagging in place, the focus is not on the flag button")
	}
	flagged := `[data-testid=mock-nav] li[data-flagged]`
	if tb.count(flagged) != 1 || !strings.HasPrefix(tb.text(flagged), "2") {
		t.Errorf("the grid marks %d questions flagged (%q); want question 2", tb.count(flagged), tb.text(flagged))
	}
	if tb.count(flagged+` svg.flag-icon`) != 1 || !strings.Contains(eval[string](tb, `document.querySelector(`+js(flagged)+`).textContent`), "flagged") {
		t.Error("the flagged question in the grid has no flag icon or no words for a screen reader")
	}
	// The flag is the server's: a reload still shows it.
	tb.do("reload", chromedp.Reload())
	tb.check("mock exam: question 2, reloaded")
	if tb.count(flagged) != 1 || tb.text(`[data-testid=flag]`) != "Remove flag" {
		t.Error("after a reload, question 2 is no longer flagged")
	}

	tb.click("finish the exam", `[data-testid=finish]`, "mock exam summary")
	if got := tb.path(); got != base {
		t.Errorf("Finish exam went to %s; want the summary %s", got, base)
	}
	if got := tb.text(`[data-testid=count-unanswered]`) + "/" + tb.text(`[data-testid=count-flagged]`); got != "4/1" {
		t.Errorf("the summary counts %s unanswered/flagged; want 4/1", got)
	}
	if got := tb.text(`[data-testid=flagged] li a`); got != "Question 2" {
		t.Errorf("the summary's flagged list starts with %q; want Question 2", got)
	}
	if n := tb.count(`[data-testid=unanswered] li a`); n != 4 {
		t.Errorf("the summary lists %d unanswered questions; want 4", n)
	}
	if clockSeconds(tb.text(`[data-testid=time-left]`)) <= 0 {
		t.Errorf("the summary's clock shows %q; want the time left, counting down", tb.text(`[data-testid=time-left]`))
	}
	tb.click("submit the exam", `[data-testid=submit-exam]`, "mock exam results")
	if got := tb.path(); got != base+"/results" {
		t.Fatalf("submitting went to %s; want the results", got)
	}
	if got := tb.text(`[data-testid=score]`); !strings.Contains(got, "out of 5") {
		t.Errorf("the results say %q", got)
	}

	// A second exam, its deadline moved on the server: the warnings, then time up.
	tb.open("/mock", "mock exam setup, second exam")
	tb.typeInto("#length", "5")
	tb.click("start a second exam", `[data-testid=start]`, "second exam: question 1")
	base = strings.TrimSuffix(tb.path(), "/q/1")
	id, err := strconv.ParseInt(strings.TrimPrefix(base, "/mock/"), 10, 64)
	if err != nil {
		t.Fatalf("exam id in %s: %v", base, err)
	}
	store, err := db.Open(context.Background(), s.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	moveDeadline := func(left time.Duration) {
		t.Helper()
		if err := store.SetMockDeadline(context.Background(), id, time.Now().Add(left)); err != nil {
			t.Fatal(err)
		}
		tb.do("reload", chromedp.Reload())
	}
	warning := `[data-testid=time-warning]`
	moveDeadline(64 * time.Second)
	tb.check("second exam: 64 seconds left")
	if got := tb.text(warning); !strings.HasPrefix(got, "Less than 5 minutes left") {
		t.Errorf("with 64 s left the warning says %q; want Less than 5 minutes left", got)
	}
	if live := eval[string](tb, `document.querySelector(`+js(warning)+`).getAttribute("aria-live")`); live == "" {
		t.Error("the warning is not in a live region: a screen reader would not hear it")
	}
	tb.waitFor("the 1-minute warning", `document.querySelector(`+js(warning)+`).innerText.startsWith("Less than 1 minute left")`)
	if sec := clockSeconds(tb.text(`[data-testid=time-left]`)); sec < 0 || sec > 60 {
		t.Errorf("at the 1-minute warning the clock shows %q", tb.text(`[data-testid=time-left]`))
	}
	moveDeadline(3 * time.Second)
	tb.waitFor("time up", `document.querySelector(`+js(warning)+`)?.innerText.startsWith("Time is up") && document.querySelector("[data-testid=time-left]").innerText === "Time is up"`)
	tb.waitFor("the results", `location.pathname === `+js(base+"/results")+` && document.readyState === "complete" && !!document.querySelector("[data-testid=score]")`)
	tb.check("second exam: results after the time ran out")
}
