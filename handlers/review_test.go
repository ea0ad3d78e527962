package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions"
)

// reviewCard follows /review to the card it shows and returns the card's URL.
func currentCard(t *testing.T, c *client) (string, response) {
	t.Helper()
	res := c.get("/review")
	if res.status != 200 {
		t.Fatalf("GET /review = %d", res.status)
	}
	href, ok := res.doc.Find(`[data-testid="reveal"]`).Attr("href")
	if !ok {
		t.Fatalf("no card to reveal on /review: %.400s", res.body)
	}
	return strings.SplitN(href, "?", 2)[0], res
}

func (h *harness) reviewLogs(t *testing.T, learnerID int64) []questions.ReviewRecord {
	t.Helper()
	logs, err := h.store.ReviewLogs(context.Background(), learnerID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return logs
}

func TestReview_FlashcardRevealGradeAndNext(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	card, page := currentCard(t, c)
	if got := page.doc.Find(`[data-testid="count-new-today"]`).Text(); got != "20" {
		t.Errorf("new cards left today %q; want 20 (the default limit)", got)
	}
	if got := page.doc.Find(`[data-testid="count-new"]`).Text(); got != strconv.Itoa(len(h.bank.Questions)) {
		t.Errorf("new %q; want the whole bank, %d, not yet studied", got, len(h.bank.Questions))
	}
	back := c.get(card + "?reveal=1")
	var intervals []string
	back.doc.Find(`[data-testid="grade-form"] button.grade small`).Each(func(_ int, s *goquery.Selection) {
		intervals = append(intervals, s.Text())
	})
	// Again and Good give the learning steps (1m, 10m), Hard the mean of
	// the two, and Easy graduates at FSRS's first stability, about 8 days,
	// give or take the fuzz.
	if len(intervals) != 4 || strings.Join(intervals[:3], " ") != "1m 6m 10m" {
		t.Fatalf("grade intervals %v; want 1m 6m 10m and about 8d, Anki-style", intervals)
	}
	if days, err := strconv.Atoi(strings.TrimSuffix(intervals[3], "d")); err != nil || days < 6 || days > 10 {
		t.Errorf("Easy on a new card gives %s; want about 8 days (6d to 10d with fuzz)", intervals[3])
	}
	// The answer: the right option marked, the right order, or the typed answer.
	answer := back.doc.Find(`[data-testid="back"] [data-testid="marked-option"][data-right], [data-testid="back"] [data-testid="placed"], [data-testid="back"] [data-testid="typed-answer"]`)
	if answer.Text() == "" || back.doc.Find(`ul.sources blockquote`).Length() == 0 {
		t.Error("the back shows no answer or no source")
	}
	form := url.Values{"rating": {"3"}, "version": {"0"}, "shown_at": {"1"}}
	res := c.post(card+"?reveal=1", card+"/grade", form)
	if res.status != http.StatusSeeOther || res.location != "/review" {
		t.Fatalf("grade: %d %q; want 303 to /review", res.status, res.location)
	}
	logs := h.reviewLogs(t, 1)
	if len(logs) != 1 || logs[0].Rating != 3 || logs[0].Mode != questions.ModeFlashcard {
		t.Fatalf("logs = %+v; want one Good flashcard review", logs)
	}
	// The next card is about another event: siblings are buried today.
	next, _ := currentCard(t, c)
	qid, _ := url.PathUnescape(strings.TrimPrefix(next, "/review/card/"))
	q, _ := h.bank.Question(qid)
	if q.EventIDs[0] == logs[0].EventID {
		t.Errorf("next card %s is a sibling of the card just reviewed", qid)
	}
}

func TestReview_DoubleSubmitAppliesOnce(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	card, _ := currentCard(t, c)
	page := c.get(card + "?reveal=1")
	token, _ := page.doc.Find(`input[name="_csrf"]`).Attr("value")
	form := url.Values{"rating": {"3"}, "version": {"0"}, "shown_at": {"1"}, "_csrf": {token}}
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if res := c.do(http.MethodPost, card+"/grade", form); res.status != http.StatusSeeOther {
				t.Errorf("submit: %d; want 303", res.status)
			}
		}()
	}
	wg.Wait()
	if logs := h.reviewLogs(t, 1); len(logs) != 1 {
		t.Fatalf("%d reviews stored; want 1", len(logs))
	}
	// A stale tab still holding version 0 changes nothing either.
	form.Set("rating", "1")
	c.do(http.MethodPost, card+"/grade", form)
	if logs := h.reviewLogs(t, 1); len(logs) != 1 || logs[0].Rating != 3 {
		t.Fatalf("after a stale submit: %+v; want the one Good review", logs)
	}
}

func TestReview_BadInputIs4xxAndWritesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	card, _ := currentCard(t, c)
	for _, tc := range []struct {
		name, path string
		form       url.Values
		status     int
	}{
		{"grade 5", card + "/grade", url.Values{"rating": {"5"}, "version": {"0"}}, 400},
		{"grade 0", card + "/grade", url.Values{"rating": {"0"}, "version": {"0"}}, 400},
		{"grade text", card + "/grade", url.Values{"rating": {"good"}, "version": {"0"}}, 400},
		{"no version", card + "/grade", url.Values{"rating": {"3"}}, 400},
		{"unknown card", "/review/card/no-such-card/grade", url.Values{"rating": {"3"}, "version": {"0"}}, 404},
		{"someone else's review", "/review/log/999/regrade", url.Values{"rating": {"3"}}, 404},
	} {
		res := c.post(card+"?reveal=1", tc.path, tc.form)
		if res.status != tc.status {
			t.Errorf("%s: %d; want %d", tc.name, res.status, tc.status)
		}
		if res.doc.Find(`[data-testid="error-message"]`).Text() == "" {
			t.Errorf("%s: no message", tc.name)
		}
	}
	if res := c.get("/review/card/no-such-card"); res.status != 404 {
		t.Errorf("unknown card page: %d; want 404", res.status)
	}
	if logs := h.reviewLogs(t, 1); len(logs) != 0 {
		t.Fatalf("%d reviews stored; want none", len(logs))
	}
}

func TestReview_UndoRestoresTheCard(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	card, _ := currentCard(t, c)
	c.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"3"}, "version": {"0"}})
	res := c.post(card+"?reveal=1", "/review/undo", url.Values{})
	if res.status != http.StatusSeeOther || res.location != card {
		t.Fatalf("undo: %d %q; want 303 to %s", res.status, res.location, card)
	}
	if logs := h.reviewLogs(t, 1); len(logs) != 0 {
		t.Fatalf("%d active reviews after undo; want 0", len(logs))
	}
	qid, _ := url.PathUnescape(strings.TrimPrefix(card, "/review/card/"))
	if _, err := h.store.Card(context.Background(), 1, qid); err == nil {
		t.Error("the card still exists after undoing its first review; want it new again")
	}
	// It can be graded again from version 0.
	if res := c.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"4"}, "version": {"0"}}); res.status != http.StatusSeeOther {
		t.Fatalf("grade after undo: %d", res.status)
	}
	if logs := h.reviewLogs(t, 1); len(logs) != 1 || logs[0].Rating != 4 {
		t.Fatalf("logs after re-grading = %+v; want one Easy", logs)
	}
}

func TestReview_QuizAnswerGradesAndCanBeChanged(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	card, _ := currentCard(t, c)
	page := c.get(card + "?mode=quiz")
	q := question2(t, h, card)
	form := answerForm(page, q, wrongAnswer(q))
	form.Set("version", "0")
	form.Set("shown_at", "1")
	res := c.post(card+"?mode=quiz", card+"/answer", form)
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/review/log/") {
		t.Fatalf("answer: %d %q; want 303 to the feedback", res.status, res.location)
	}
	fb := c.get(res.location)
	if got := fb.doc.Find(`[data-testid="verdict"]`).Text(); got != "Not quite" {
		t.Errorf("verdict %q; want Not quite", got)
	}
	logs := h.reviewLogs(t, 1)
	if len(logs) != 1 || logs[0].Rating != 1 || logs[0].Mode != questions.ModeQuiz {
		t.Fatalf("logs = %+v; want one Again quiz review", logs)
	}
	// The learner says it was a slip: Hard instead.
	res = c.post(res.location, res.location+"/regrade", url.Values{"rating": {"2"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("regrade: %d", res.status)
	}
	logs = h.reviewLogs(t, 1)
	if len(logs) != 1 || logs[0].Rating != 2 {
		t.Fatalf("logs after regrade = %+v; want one Hard review", logs)
	}
	if got := c.get(res.location).doc.Find(`button.grade.current`).AttrOr("value", ""); got != "2" {
		t.Errorf("current grade shown %q; want 2", got)
	}
}

func question2(t *testing.T, h *harness, card string) questions.Question {
	t.Helper()
	qid, _ := url.PathUnescape(strings.TrimPrefix(card, "/review/card/"))
	q, ok := h.bank.Question(qid)
	if !ok {
		t.Fatalf("unknown card %s", qid)
	}
	return q
}

func wrongAnswer(q questions.Question) []string {
	switch q.Kind.Format() {
	case questions.FormatOrder:
		return []string{q.Answer[1], q.Answer[0], q.Answer[2], q.Answer[3]}
	case questions.FormatTyped:
		return []string{"no idea"}
	}
	for _, o := range q.Options {
		if o != q.Answer[0] {
			return []string{o}
		}
	}
	return nil
}

func TestSettings_ValidationShowsMessagesAndSavesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	good := url.Values{"retention": {"0.85"}, "new_per_day": {"30"}, "reviews_per_day": {"150"},
		"timezone": {"Asia/Karachi"}, "mode": {"quiz"}, "exam_date": {time.Now().AddDate(0, 1, 0).Format(time.DateOnly)}}
	for _, tc := range []struct{ field, value string }{
		{"retention", "0.5"}, {"retention", "0.99"}, {"retention", "lots"},
		{"exam_date", "2001-01-01"}, {"exam_date", "tomorrow"},
		{"new_per_day", "-1"}, {"timezone", "Mars/Olympus"}, {"mode", "essay"},
	} {
		form := url.Values{}
		for k, v := range good {
			form[k] = v
		}
		form.Set(tc.field, tc.value)
		res := c.post("/settings", "/settings", form)
		if res.status != http.StatusBadRequest {
			t.Errorf("%s=%s: %d; want 400", tc.field, tc.value, res.status)
		}
		if res.doc.Find(`[data-testid="`+tc.field+`-error"]`).Text() == "" {
			t.Errorf("%s=%s: no message beside the field", tc.field, tc.value)
		}
	}
	rs, _ := h.store.ReviewSettings(context.Background(), 1)
	if rs.DesiredRetention != 0.90 || rs.ExamDate != "" {
		t.Fatalf("settings changed by invalid forms: %+v", rs)
	}
	// A new exam date is previewed first (its workload), then confirmed.
	if res := saveSettingsConfirmed(t, c, good); res.status != http.StatusSeeOther {
		t.Fatalf("valid settings: %d", res.status)
	}
	rs, _ = h.store.ReviewSettings(context.Background(), 1)
	if rs.DesiredRetention != 0.85 || rs.NewPerDay != 30 || rs.Mode != questions.ModeQuiz || rs.ExamDate != good.Get("exam_date") {
		t.Fatalf("saved settings = %+v", rs)
	}
}
