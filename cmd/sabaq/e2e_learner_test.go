//go:build e2e

package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// newcomer: home → timeline → an event → practise it → answers → summary,
// with the mouse, or with the keyboard alone.
func (s *suite) newcomer(keys bool) func(t *testing.T) {
	return func(t *testing.T) {
		tb := s.newTab(t, "visitor", tabOptions{})
		tb.open("/", "home")
		if h := tb.text("h1"); !strings.Contains(h, "Revise") {
			t.Fatalf("home heading %q", h)
		}

		tb.goTo(keys, "open the timeline", `header nav a[href="/timeline"]`, "timeline")
		// The chart has a title and a description, its marks are named
		// links, and every event it marks is also listed as text below it.
		if d := eval[string](tb, `document.querySelector("[data-testid=timeline-svg] desc")?.textContent ?? ""`); d == "" {
			t.Error("the timeline chart has no description")
		}
		marks, listed := tb.count(`[data-testid=timeline-svg] a[aria-label]`), tb.count(`[data-testid=era] ol.events li`)
		if marks == 0 || marks != listed {
			t.Errorf("the chart marks %d events with a name and the list below it has %d", marks, listed)
		}

		title := tb.text(`[data-testid=era] ol.events a`)
		tb.goTo(keys, "open the first event", `[data-testid=era] ol.events a`, "event")
		if h := tb.text(`[data-testid=event] h1`); h != title {
			t.Fatalf("the event page is headed %q; the link said %q", h, title)
		}
		if tb.text(`[data-testid=event-summary]`) == "" || tb.count(`ul.sources blockquote`) == 0 {
			t.Error("the event page shows no summary or no sources")
		}

		tb.goTo(keys, "practise the event", `[data-testid=practise-event]`, "")
		res := tb.practise("event practice", keys)
		tb.checkSummary(res)
		if res.explained != res.answered {
			t.Errorf("%d of %d answers were explained; every timeline question has an explanation", res.explained, res.answered)
		}
	}
}

// keyboard: revision with the keyboard alone. Flashcards with Space, 1–4
// and U; an exam date, and its countdown on the home page; a mock exam
// reloaded in the middle, with nothing lost.
func (s *suite) keyboard(t *testing.T) {
	tb := s.newTab(t, "learner", tabOptions{})
	tb.open("/", "home")
	tb.activate("go to the review", `header nav a[href="/review"]`, "review: a new card")

	before := tb.reviewCounts()
	if before.New == 0 {
		t.Fatalf("no new cards to review: %+v", before)
	}
	// Grade three cards: Good, Again, Easy. Each next card loads in place.
	// Cards are told apart by their address: two questions may ask the same
	// ("Which of these happened in 1947?") about different events.
	card := func() string {
		return eval[string](tb, `(document.querySelector("[data-testid=reveal]")?.getAttribute("href") ?? "").split("?")[0]`)
	}
	for i, grade := range []string{"3", "1", "4"} {
		shown := card()
		tb.revealByKey()
		if i == 0 {
			tb.check("review: the answer")
		}
		tb.gradeByKey(grade)
		if i == 0 {
			tb.check("review: the next card, loaded in place")
		}
		if c := card(); c == shown {
			t.Errorf("after grading %s the same card %s (%q) is shown", grade, c, tb.text(`[data-testid=prompt]`))
		}
	}
	graded := tb.reviewCounts()
	if graded.New != before.New-3 || graded.Studied != before.Studied+3 || graded.ReviewedToday != before.ReviewedToday+3 {
		t.Errorf("after three new cards: %+v; before: %+v", graded, before)
	}

	// A fourth card, graded Hard, then undone with U: it comes back, and the
	// counts are as they were.
	prompt := tb.text(`[data-testid=prompt]`)
	tb.revealByKey()
	tb.gradeByKey("2")
	if tb.reviewCounts() == graded {
		t.Errorf("grading Hard changed no count: %+v", graded)
	}
	tb.step = "undo with U"
	tb.press("u")
	tb.waitFor("the undone card", `document.querySelector("[data-testid=prompt]")?.innerText === `+js(prompt)+
		` && !document.querySelector("[data-testid=back]")`)
	tb.check("review: the undone card")
	if got := tb.reviewCounts(); got != graded {
		t.Errorf("after undo the counts are %+v; before the graded card they were %+v", got, graded)
	}
	if !tb.scriptsRan() {
		t.Error("app.js did not run: the keys above were not its shortcuts")
	}

	// An exam date, typed into the date field; the home page counts down.
	tb.activate("open the settings", `[data-testid=review] a[href="/settings"]`, "settings")
	karachi, err := time.LoadLocation("Asia/Karachi")
	if err != nil {
		t.Fatal(err)
	}
	// The learner's day starts at 04:00 in their time zone (Asia/Karachi by
	// default): twelve of their days from today.
	exam := time.Now().In(karachi).Add(-4*time.Hour).AddDate(0, 0, 12)
	tb.typeDate("#exam_date", exam)
	// A new exam date shows what it costs before anything is saved; the
	// whole bank in 12 days cannot be covered at 20 new cards a day, and the
	// page says so and offers choices. Accepting saves the date as it is.
	tb.activate("save the settings", `[data-testid=save]`, "exam workload preview")
	if tb.count(`[data-testid=workload-preview]`) == 0 {
		t.Fatalf("a new exam date was not previewed: %s", tb.text(`main`))
	}
	if got := eval[string](tb, `document.querySelector("[data-testid=workload]").dataset.withinLimits`); got != "false" {
		t.Errorf("the whole bank in 12 days at 20 new cards a day should not be within the limits; within-limits=%q", got)
	}
	tb.activate("accept the workload", `[data-testid=accept]`, "settings saved")
	if tb.count(`[data-testid=saved]`) == 0 {
		t.Fatalf("the settings were not saved: %s", tb.text(`.form-error`))
	}
	if got := eval[string](tb, `document.querySelector("#exam_date").value`); got != exam.Format(time.DateOnly) {
		t.Fatalf("the exam date saved is %q; typed %s", got, exam.Format(time.DateOnly))
	}
	// Help me choose: the exam plan at four retentions, for this exam.
	tb.do("open Help me choose", chromedp.Click(chromedp.CSS(`[data-testid=choose-retention] > summary`)))
	tb.check("settings: help me choose")
	if n := tb.count(`[data-testid=choose-retention-table] tbody tr`); n != 4 {
		t.Errorf("Help me choose compares %d retentions; want 4", n)
	}
	if got := tb.text(`[data-testid=choose-retention]`); !strings.Contains(got, "your exam on "+exam.Format("2 January 2006")) {
		t.Errorf("Help me choose says %q; want it to be for the exam just saved", clip(got, 200))
	}
	tb.activate("go home", `header a.brand`, "home with an exam date")
	countdown := tb.text(`[data-testid=exam-countdown]`)
	// 11 when the day turned at 04:00 since the date was typed.
	if !regexp.MustCompile(`^1[12] days to your exam on ` + exam.Format("2 January 2006") + `\.$`).MatchString(countdown) {
		t.Errorf("the home page's countdown says %q; the exam is on %s", countdown, exam.Format(time.DateOnly))
	}
	if w := tb.text(`[data-testid=workload-status]`); !strings.Contains(w, "cannot be covered") {
		t.Errorf("the home page's workload says %q; the whole bank cannot be covered in 12 days", w)
	}

	// A mock exam: two answers, a reload, nothing lost.
	tb.activate("open the mock exams", `[data-testid=home-mock] a[href="/mock"]`, "mock exam setup")
	tb.typeInto("#length", "5")
	tb.activate("start the exam", `[data-testid=start]`, "mock exam: question 1")
	given := map[int]string{}
	for n := 1; n <= 2; n++ {
		if pos := tb.text(`[data-testid=position]`); !strings.HasPrefix(pos, fmt.Sprintf("Question %d of 5", n)) {
			t.Fatalf("on %q; want question %d of 5", pos, n)
		}
		tb.answerByKeys()
		given[n] = tb.formAnswer()
		tb.activate(fmt.Sprintf("save answer %d", n), `[data-testid=submit]`, fmt.Sprintf("mock exam: question %d", n+1))
	}
	if got := tb.text(`[data-testid=answered]`); got != "2 answered" {
		t.Fatalf("after two answers the exam shows %q", got)
	}
	tb.step = "reload in the middle of the exam"
	tb.do("reload", chromedp.Reload())
	tb.check("mock exam: question 3, reloaded")
	if got := tb.text(`[data-testid=answered]`); got != "2 answered" {
		t.Errorf("after a reload the exam shows %q; want 2 answered", got)
	}
	if n := tb.count(`[data-testid=mock-nav] li[data-answered]`); n != 2 {
		t.Errorf("after a reload the exam's navigation marks %d questions answered; want 2", n)
	}
	for _, n := range []int{1, 2} {
		tb.activate(fmt.Sprintf("go back to question %d", n), fmt.Sprintf(`[data-testid=mock-nav] a[href$="/q/%d"]`, n), "")
		tb.do("reload", chromedp.Reload())
		tb.check(fmt.Sprintf("mock exam: question %d, reloaded", n))
		if got := tb.formAnswer(); got != given[n] {
			t.Errorf("question %d shows the answer %q after a reload; %q was saved", n, got, given[n])
		}
	}
	tb.activate("finish the exam", `[data-testid=finish]`, "mock exam summary")
	tb.activate("submit the exam", `[data-testid=submit-exam]`, "mock exam results")
	if got := tb.text(`p[data-testid=answered]`); !strings.HasPrefix(got, "2 of 5 questions answered") {
		t.Errorf("the results say %q; want 2 of 5 questions answered", got)
	}
	if n := tb.count(`[data-testid=missed-item]`); n < 3 {
		t.Errorf("the results list %d questions to go over; the 3 unanswered at least", n)
	}

	// The progress charts have their numbers in text too.
	tb.activate("open the progress page", `header nav a[href="/progress"]`, "progress")
	if got := tb.text(`[data-testid=heatmap-text]`); !strings.Contains(got, "reviews") {
		t.Errorf("the reviews-per-day chart has no text alternative with its numbers: %q", got)
	}
	if tb.text(`[data-testid=forecast-text]`) == "" || tb.text(`[data-testid=states-text]`) == "" {
		t.Error("the forecast or the card-state chart has no text with its numbers")
	}
}

// noJavaScript: the practice flow in a browser with JavaScript disabled,
// then a flashcard graded with the plain forms; with the keyboard alone.
func (s *suite) noJavaScript(t *testing.T) {
	tb := s.newTab(t, "learner", tabOptions{noJS: true, dark: true})
	tb.open("/", "home")
	if tb.scriptsRan() {
		t.Fatal("app.js ran: the browser's JavaScript is not off")
	}
	tb.activate("start ten questions", `[data-testid=quick-start]`, "")
	res := tb.practise("practice", true)
	if res.answered != 10 {
		t.Errorf("answered %d questions; the quick start has 10", res.answered)
	}
	tb.checkSummary(res)

	tb.activate("open the review", `header nav a[href="/review"]`, "review: a new card")
	before := tb.reviewCounts()
	tb.activate("show the answer", `[data-testid=reveal]`, "review: the answer")
	tb.activate("grade Good", `[data-testid=grade-3]`, "review: the next card")
	if got := tb.reviewCounts(); got.New != before.New-1 {
		t.Errorf("after grading a new card without JavaScript: %+v; before: %+v", got, before)
	}
	if tb.scriptsRan() {
		t.Error("app.js ran during the flow")
	}
}

// practiceResult is what a learner saw in one practice session.
type practiceResult struct {
	answered, right int
	explained       int             // feedback pages with an explanation
	verdicts        map[string]bool // prompt → answered right
}

// practise answers every question of the session the tab is on, checking
// each question and each feedback page, and ends on the summary.
func (tb *tab) practise(label string, keys bool) practiceResult {
	tb.t.Helper()
	res := practiceResult{verdicts: map[string]bool{}}
	for range 60 {
		if strings.HasSuffix(tb.path(), "/summary") {
			tb.check(label + ": summary")
			return res
		}
		pos := tb.text(`[data-testid=position]`)
		format := eval[string](tb, `document.querySelector("[data-testid=answer-form]")?.dataset.format ?? ""`)
		if pos == "" || format == "" {
			tb.t.Fatalf("%s: expected a question at %s", tb.name, tb.location())
		}
		prompt := tb.text(`[data-testid=prompt]`)
		tb.check(fmt.Sprintf("%s: %s (%s)", label, strings.ToLower(pos), format))
		if keys {
			tb.answerByKeys()
			tb.activate("check the answer", `[data-testid=submit]`, label+": feedback")
		} else {
			tb.answerWithMouse()
			tb.click("check the answer", `[data-testid=submit]`, label+": feedback")
		}
		verdict := tb.text(`[data-testid=verdict]`)
		if verdict != "Correct" && verdict != "Not quite" {
			tb.t.Fatalf("%s: after answering %q the page shows no verdict (%q): %s", tb.name, prompt, verdict, tb.text(`[data-testid=form-error]`))
		}
		if tb.text(`[data-testid=explanation]`) != "" {
			res.explained++
		}
		res.answered++
		if verdict == "Correct" {
			res.right++
		}
		res.verdicts[prompt] = verdict == "Correct"
		if keys {
			tb.activate("go on", `[data-testid=next]`, "")
		} else {
			tb.click("go on", `[data-testid=next]`, "")
		}
	}
	tb.t.Fatalf("%s: the practice session did not end", tb.name)
	return res
}

// checkSummary checks the session summary against what the learner saw.
func (tb *tab) checkSummary(res practiceResult) {
	tb.t.Helper()
	want := fmt.Sprintf("You scored %d out of %d.", res.right, res.answered)
	if got := tb.text(`[data-testid=score]`); got != want {
		tb.t.Errorf("%s: the summary says %q; the feedback pages add up to %q", tb.name, got, want)
	}
	if missed := tb.count(`[data-testid=missed] > li`); missed != res.answered-res.right {
		tb.t.Errorf("%s: the summary lists %d missed questions; %d were answered wrong", tb.name, missed, res.answered-res.right)
	}
}

// answerWithMouse answers the question on the page with the mouse, and the
// keyboard where a mouse would open a native list (a select) or type.
func (tb *tab) answerWithMouse() {
	tb.t.Helper()
	form := `[data-testid=answer-form] `
	switch f := eval[string](tb, `document.querySelector("[data-testid=answer-form]").dataset.format`); f {
	case "choice":
		tb.do("choose an answer", chromedp.Click(chromedp.CSS(form+`input[type=radio]`)))
	case "multi":
		tb.do("choose an answer", chromedp.Click(chromedp.CSS(form+`input[type=checkbox]`)))
	case "order":
		for i := range tb.count(form + `select[name=position]`) {
			tb.do("place an item", chromedp.Focus(chromedp.CSS(fmt.Sprintf("#pos-%d", i))), chromedp.KeyEvent(strconv.Itoa(i+1)))
		}
	case "match":
		for i := range tb.count(form + `select[name=match]`) {
			tb.do("match an item", chromedp.Focus(chromedp.CSS(fmt.Sprintf("#match-%d", i))), chromedp.KeyEvent(kb.ArrowDown))
		}
	case "number":
		tb.do("type a number", chromedp.SendKeys(chromedp.CSS("#typed"), "1965"))
	default:
		tb.do("type an answer", chromedp.SendKeys(chromedp.CSS("#typed"), "Tashkent"))
	}
	tb.requireAnswered()
}

// answerByKeys answers the question on the page with the keyboard alone.
func (tb *tab) answerByKeys() {
	tb.t.Helper()
	form := `[data-testid=answer-form] `
	switch f := eval[string](tb, `document.querySelector("[data-testid=answer-form]").dataset.format`); f {
	case "choice":
		if tb.opts.noJS {
			// Tab into the group of options, Space to choose the first.
			tb.tabTo(form + `input[type=radio]`)
			tb.press(" ")
			break
		}
		// app.js: 1–9 pick an option.
		tb.press("1")
		if eval[int](tb, `document.querySelectorAll("[data-testid=answer-form] input[type=radio]:checked").length`) != 1 {
			tb.t.Fatalf("%s: the key 1 chose no option", tb.name)
		}
	case "multi":
		tb.tabTo(form + `input[type=checkbox]`)
		tb.press(" ")
	case "order":
		for i := range tb.count(form + `select[name=position]`) {
			tb.tabTo(fmt.Sprintf("#pos-%d", i))
			tb.press(strconv.Itoa(i + 1))
		}
	case "match":
		for i := range tb.count(form + `select[name=match]`) {
			tb.tabTo(fmt.Sprintf("#match-%d", i))
			tb.press(kb.ArrowDown)
		}
	case "number":
		tb.typeInto("#typed", "1965")
	default:
		tb.typeInto("#typed", "Tashkent")
	}
	tb.requireAnswered()
}

// formAnswerJS reads the answer the form holds, whatever its format.
const formAnswerJS = `(() => {
	const f = document.querySelector("[data-testid=answer-form]");
	const checked = [...f.querySelectorAll("input:checked")].map(i => i.value);
	const selects = [...f.querySelectorAll("select")].map(s => s.value);
	const typed = f.querySelector("#typed")?.value ?? "";
	return [...checked, ...selects, typed].filter(Boolean).join(" | ");
})()`

// formAnswer is the answer the question's form holds.
func (tb *tab) formAnswer() string {
	tb.t.Helper()
	return eval[string](tb, formAnswerJS)
}

func (tb *tab) requireAnswered() {
	tb.t.Helper()
	ok := eval[bool](tb, `(() => {
		const f = document.querySelector("[data-testid=answer-form]");
		return f.checkValidity() && (f.dataset.format !== "multi" || f.querySelectorAll("input:checked").length > 0);
	})()`)
	if !ok {
		tb.t.Fatalf("%s: the answer form is not filled in: %q", tb.name, tb.formAnswer())
	}
}

// counts are a learner's counts, as every page shows them.
type counts struct{ DueNow, DueToday, Learning, New, Studied, ReviewedToday int }

// reviewCounts reads the counts on the page: the review page, or any other
// that shows them.
func (tb *tab) reviewCounts() counts {
	tb.t.Helper()
	n := func(id string) int {
		v, err := strconv.Atoi(tb.text(`[data-testid=counts] [data-testid=count-` + id + `]`))
		if err != nil {
			tb.t.Fatalf("%s: the page shows no %s count at %s", tb.name, id, tb.location())
		}
		return v
	}
	return counts{DueNow: n("due-now"), DueToday: n("due-today"), Learning: n("learning"), New: n("new"),
		Studied: n("studied"), ReviewedToday: n("reviewed-today")}
}

// revealByKey shows the back of the flashcard with Space; app.js loads it
// in place.
func (tb *tab) revealByKey() {
	tb.t.Helper()
	tb.step = "reveal with Space"
	tb.press(" ")
	tb.waitFor("the answer", `document.querySelector("[data-testid=back]")`)
}

// gradeByKey grades the revealed card with a key from 1 to 4; the next card
// loads in place.
func (tb *tab) gradeByKey(key string) {
	tb.t.Helper()
	tb.step = "grade with " + key
	tb.press(key)
	tb.waitFor("the next card", `!document.querySelector("[data-testid=back]") && (document.querySelector("[data-testid=prompt]") || document.querySelector("[data-testid=review-done]"))`)
}

// typeDate types a date into a date field, segment by segment as the
// browser's en-US field expects (month, day, year).
func (tb *tab) typeDate(sel string, d time.Time) {
	tb.t.Helper()
	tb.tabTo(sel)
	tb.press(d.Format("01022006"))
	if got := eval[string](tb, `document.querySelector(`+js(sel)+`).value`); got != d.Format(time.DateOnly) {
		tb.t.Fatalf("%s: typed %s into %s, which holds %q", tb.name, d.Format("01/02/2006"), sel, got)
	}
}
