package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/PuerkitoBio/goquery"
	"testing"

	"sabaq/questions"
)

// startSession starts a practice session through the form and returns the
// first question's path.
func startSession(t *testing.T, c *client, form url.Values) string {
	t.Helper()
	res := c.post("/practice", "/practice", form)
	if res.status != http.StatusSeeOther || !strings.HasSuffix(res.location, "/q/1") {
		t.Fatalf("start practice: %d %q; want 303 to the first question\n%.300s", res.status, res.location, res.body)
	}
	return res.location
}

// question reads which question a page shows.
func question(t *testing.T, h *harness, res response) questions.Question {
	t.Helper()
	id, ok := res.doc.Find(`input[name="question_id"]`).Attr("value")
	if !ok {
		t.Fatalf("no question on the page: %.300s", res.body)
	}
	q, ok := h.bank.Question(id)
	if !ok {
		t.Fatalf("page shows unknown question %q", id)
	}
	return q
}

// answerForm builds the form a learner would send to answer q with the
// given answer (in the order shown on the page, for ordering questions).
func answerForm(res response, q questions.Question, answer []string) url.Values {
	form := url.Values{"question_id": {q.ID}}
	switch q.Kind.Format() {
	case questions.FormatOrder:
		res.doc.Find(`input[name="item"]`).Each(func(_ int, s *goquery.Selection) {
			item, _ := s.Attr("value")
			form.Add("item", item)
			for i, a := range answer {
				if a == item {
					form.Add("position", strconv.Itoa(i+1))
				}
			}
		})
	default:
		form.Set("answer", answer[0])
	}
	return form
}

func TestPractice_FullFlowForEveryFormat(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	for _, kind := range []questions.Kind{questions.KindYear, questions.KindOrder, questions.KindCloze} {
		t.Run(string(kind), func(t *testing.T) {
			first := startSession(t, c, url.Values{"kind": {string(kind)}, "length": {"2"}})
			base := strings.TrimSuffix(first, "/q/1")
			path := first
			for i := range 2 {
				page := c.get(path)
				q := question(t, h, page)
				if q.Kind != kind {
					t.Fatalf("kind %s asked; want %s", q.Kind, kind)
				}
				answer := q.Answer
				wantVerdict := "Correct"
				if i == 1 { // get the second one wrong
					wantVerdict = "Not quite"
					switch kind.Format() {
					case questions.FormatOrder:
						answer = []string{q.Answer[1], q.Answer[0], q.Answer[2], q.Answer[3]}
					case questions.FormatTyped:
						answer = []string{"not the answer"}
					default:
						for _, o := range q.Options {
							if o != q.Answer[0] {
								answer = []string{o}
								break
							}
						}
					}
				}
				res := c.post(path, path, answerForm(page, q, answer))
				if res.status != http.StatusSeeOther || res.location != path {
					t.Fatalf("answer: %d %q; want 303 back to %s\n%.300s", res.status, res.location, path, res.body)
				}
				fb := c.get(path)
				if got := fb.doc.Find(`[data-testid="verdict"]`).Text(); got != wantVerdict {
					t.Errorf("verdict %q; want %q", got, wantVerdict)
				}
				if fb.doc.Find(`[data-testid="explanation"]`).Text() == "" || fb.doc.Find(`ul.sources blockquote`).Length() == 0 {
					t.Error("feedback lacks the explanation or a cited source")
				}
				next, _ := fb.doc.Find(`[data-testid="next"]`).Attr("href")
				path = next
			}
			if path != base+"/summary" {
				t.Fatalf("after the last question, next is %q; want the summary", path)
			}
			sum := c.get(path)
			if got := sum.doc.Find(`[data-testid="score"]`).Text(); !strings.Contains(got, "1 out of 2") {
				t.Errorf("summary score %q; want 1 out of 2", got)
			}
			if n := sum.doc.Find(`[data-testid="missed"] > li`).Length(); n != 1 {
				t.Errorf("%d missed questions listed; want 1", n)
			}
			if sum.doc.Find(`table.scores tbody tr`).Length() == 0 {
				t.Error("no score per era on the summary")
			}
		})
	}
	prog := c.get("/progress")
	if got := prog.doc.Find(`[data-testid="overall"]`).Text(); !strings.Contains(got, "6 answers") {
		t.Errorf("progress says %q; want 6 answers", got)
	}
}

func TestAnswer_DoubleSubmitRecordsOneAttempt(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	path := startSession(t, c, url.Values{"kind": {"year"}, "length": {"3"}})
	page := c.get(path)
	q := question(t, h, page)
	token, _ := page.doc.Find(`input[name="_csrf"]`).Attr("value")
	form := answerForm(page, q, q.Answer)
	form.Set("_csrf", token)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if res := c.do(http.MethodPost, path, form); res.status != http.StatusSeeOther {
				t.Errorf("submit: status %d; want 303", res.status)
			}
		}()
	}
	wg.Wait()
	if n := h.attempts(t); n != 1 {
		t.Fatalf("%d attempts stored; want 1", n)
	}
	// A later retry with another answer does not change the first.
	form.Set("answer", "1900")
	c.do(http.MethodPost, path, form)
	if got := c.get(path).doc.Find(`[data-testid="verdict"]`).Text(); got != "Correct" {
		t.Errorf("verdict after retry %q; want the first answer's Correct", got)
	}
}

func TestAnswer_TamperedOrMissingValues(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	path := startSession(t, c, url.Values{"kind": {"year"}, "length": {"2"}})
	page := c.get(path)
	q := question(t, h, page)
	other := h.bank.Questions[len(h.bank.Questions)-1]
	for _, tc := range []struct {
		name   string
		form   url.Values
		status int
	}{
		{"answer not an option", url.Values{"question_id": {q.ID}, "answer": {"<script>alert(1)</script>"}}, 400},
		{"question not in session", url.Values{"question_id": {other.ID}, "answer": {other.Answer[0]}}, 400},
		{"no question id", url.Values{"answer": {q.Answer[0]}}, 400},
		{"no answer chosen", url.Values{"question_id": {q.ID}}, 400},
	} {
		res := c.post(path, path, tc.form)
		if res.status != tc.status {
			t.Errorf("%s: status %d; want %d", tc.name, res.status, tc.status)
		}
		if strings.Contains(res.body, "<script>alert(1)</script>") {
			t.Errorf("%s: the submitted script is echoed unescaped", tc.name)
		}
	}
	if n := h.attempts(t); n != 0 {
		t.Fatalf("%d attempts stored after bad submits; want 0", n)
	}
	// Out-of-range positions and another learner's session are not found.
	for _, p := range []string{strings.Replace(path, "/q/1", "/q/3", 1), strings.Replace(path, "/q/1", "/q/0", 1)} {
		if res := c.get(p); res.status != 404 {
			t.Errorf("GET %s = %d; want 404", p, res.status)
		}
	}
	intruder := h.client()
	if res := intruder.get(path); res.status != 404 {
		t.Errorf("another learner reading the session: %d; want 404", res.status)
	}
	if res := intruder.post("/practice", path, url.Values{"question_id": {q.ID}, "answer": {q.Answer[0]}}); res.status != 404 {
		t.Errorf("another learner answering: %d; want 404", res.status)
	}
	if n := h.attempts(t); n != 0 {
		t.Fatalf("%d attempts stored; want 0", n)
	}
}

func TestAnswer_OrderWithRepeatedPlaceIsReShown(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	path := startSession(t, c, url.Values{"kind": {"order"}, "length": {"1"}})
	page := c.get(path)
	q := question(t, h, page)
	form := url.Values{"question_id": {q.ID}}
	page.doc.Find(`input[name="item"]`).Each(func(_ int, s *goquery.Selection) {
		v, _ := s.Attr("value")
		form.Add("item", v)
		form.Add("position", "1")
	})
	res := c.post(path, path, form)
	if res.status != http.StatusBadRequest || res.doc.Find(`[data-testid="form-error"]`).Length() != 1 {
		t.Errorf("status %d, form error shown %d; want 400 with the message beside the question", res.status, res.doc.Find(`[data-testid="form-error"]`).Length())
	}
	if n := h.attempts(t); n != 0 {
		t.Fatalf("%d attempts stored; want 0", n)
	}
}

func TestPractice_AnswersSurviveARestart(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	path := startSession(t, c, url.Values{"length": {"2"}, "kind": {"tone"}})
	page := c.get(path)
	q := question(t, h, page)
	c.post(path, path, answerForm(page, q, q.Answer))

	h.restart()
	if got := c.get("/progress").doc.Find(`[data-testid="overall"]`).Text(); !strings.Contains(got, "1 answer, 100% correct") {
		t.Errorf("progress after restart %q; want 1 answer, 100%% correct", got)
	}
	// The same session carries on at question 2, and the form token still works.
	res := c.get(strings.TrimSuffix(path, "/q/1"))
	if res.status != http.StatusSeeOther || !strings.HasSuffix(res.location, "/q/2") {
		t.Fatalf("resume after restart: %d %q; want 303 to question 2", res.status, res.location)
	}
	next := c.get(res.location)
	q2 := question(t, h, next)
	if res := c.post(res.location, res.location, answerForm(next, q2, q2.Answer)); res.status != http.StatusSeeOther {
		t.Errorf("answer after restart: %d; want 303", res.status)
	}
	if n := h.attempts(t); n != 2 {
		t.Errorf("%d attempts stored; want 2", n)
	}
}
