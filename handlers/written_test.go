package handlers_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions/written"
)

// tashkentQuestion is a describe question with points on the Tashkent
// Declaration.
func tashkentQuestion(t *testing.T, h *harness) written.Question {
	t.Helper()
	for _, q := range h.written.Questions {
		if q.Kind != written.Describe {
			continue
		}
		for _, p := range q.Points {
			if slices.Contains(p.Events, "tashkent-declaration") {
				return q
			}
		}
	}
	t.Fatal("no describe question on the Tashkent Declaration")
	return written.Question{}
}

func draftForm(text string, savedAt int64) url.Values {
	return url.Values{"text": {text}, "saved_at": {strconv.FormatInt(savedAt, 10)}}
}

func TestWrite_ListFiltersAndLinksToRandom(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	all := c.get("/write")
	if all.status != http.StatusOK {
		t.Fatalf("GET /write: %d", all.status)
	}
	if n := all.doc.Find(`[data-testid="write-questions"] li`).Length(); n != len(h.written.Questions) {
		t.Errorf("/write lists %d questions, want %d", n, len(h.written.Questions))
	}
	essays := c.get("/write?kind=essay")
	want := len(h.written.ByKind(written.Essay))
	if n := essays.doc.Find(`[data-testid="write-questions"] li`).Length(); n != want || n == 0 {
		t.Errorf("/write?kind=essay lists %d, want %d", n, want)
	}
	href, _ := essays.doc.Find(`[data-testid="random"]`).Attr("href")
	r := c.get(href)
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/write/") {
		t.Fatalf("random: %d to %q", r.status, r.location)
	}
	q, ok := h.written.Question(strings.TrimPrefix(r.location, "/write/"))
	if !ok || q.Kind != written.Essay {
		t.Errorf("random within essays went to %q", r.location)
	}
	if r := c.get("/write/no-such-question"); r.status != http.StatusNotFound {
		t.Errorf("unknown question: %d, want 404", r.status)
	}
}

func TestWrite_DraftSavedAndOlderRefused(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	q := tashkentQuestion(t, h)
	page := "/write/" + q.ID
	first := c.get(page)
	if got := first.doc.Find(`[data-testid="prompt"]`).Text(); got != q.Prompt {
		t.Errorf("prompt = %q", got)
	}
	wantTime := strconv.FormatFloat(float64(q.Marks)*1.5, 'f', -1, 64) + " minutes"
	if got := first.doc.Find(`[data-testid="suggested-time"]`).Text(); !strings.Contains(got, wantTime) {
		t.Errorf("suggested time = %q, want %q", got, wantTime)
	}
	now := time.Now().UnixMilli()
	r := c.post(page, page+"/draft", draftForm("My newer draft", now))
	if r.status != http.StatusSeeOther {
		t.Fatalf("save draft: %d", r.status)
	}
	if got := c.get(page).doc.Find(`textarea[name="text"]`).Text(); got != "My newer draft" {
		t.Errorf("reloaded draft = %q", got)
	}
	r = c.post(page, page+"/draft", draftForm("An older draft", now-5000))
	if r.status != http.StatusConflict {
		t.Errorf("older draft: %d, want 409", r.status)
	}
	if !strings.Contains(r.doc.Find(`[data-testid="form-error"]`).Text(), "later time") {
		t.Errorf("older draft: message %q", r.doc.Find(`[data-testid="form-error"]`).Text())
	}
	if got := c.get(page).doc.Find(`textarea[name="text"]`).Text(); got != "My newer draft" {
		t.Errorf("after an older save the draft is %q, want the newer one kept", got)
	}
	r = c.post(page, page+"/draft", draftForm(strings.Repeat("a", 50_001), now+1000))
	if r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("too long a draft: %d, want 413", r.status)
	}
	if got := c.get(page).doc.Find(`textarea[name="text"]`).Text(); got != "My newer draft" {
		t.Errorf("after too long a draft the draft is %q", got)
	}
	if r := c.post(page, page+"/draft", draftForm("", now+2000)); r.status != http.StatusSeeOther {
		t.Errorf("empty draft: %d", r.status)
	}
	if got := c.get(page).doc.Find(`textarea[name="text"]`).Text(); got != "" {
		t.Errorf("after an empty draft the box holds %q", got)
	}
}

func TestWrite_SubmitMarksAndSelfAssesses(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	q := tashkentQuestion(t, h)
	page := "/write/" + q.ID

	r := c.post(page, page+"/submit", url.Values{"text": {"   \n  "}})
	if r.status != http.StatusBadRequest || r.doc.Find(`[data-testid="form-error"]`).Length() != 1 {
		t.Errorf("empty answer: %d", r.status)
	}
	if got := r.doc.Find(`textarea[name="text"]`).Text(); got != "   \n  " {
		t.Errorf("empty answer: box holds %q, want the text kept", got)
	}
	r = c.post(page, page+"/submit", url.Values{"text": {strings.Repeat("word ", 12_000)}})
	if r.status < 400 || r.status >= 500 {
		t.Errorf("60,000 characters: %d, want 4xx", r.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_submissions`); n != 0 {
		t.Fatalf("%d submissions stored after refused ones", n)
	}

	answer := "The Soviet Union stayed neutral. Kosygin brought Ayub Khan and Shastri to Tashkent, where they signed the Tashkent Declaration in January 1966. <script>alert(1)</script>"
	r = c.post(page, page+"/submit", url.Values{"text": {answer}})
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/write/answers/") {
		t.Fatalf("submit: %d to %q", r.status, r.location)
	}
	// The answer's own address, without the note of what came due in review.
	r.location, _, _ = strings.Cut(r.location, "?")
	res := c.get(r.location)
	if res.status != http.StatusOK {
		t.Fatalf("answer page: %d", res.status)
	}
	marks := res.doc.Find(`[data-testid="answer"] mark`).Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if !slices.ContainsFunc(marks, func(m string) bool { return strings.Contains(m, "Tashkent") }) {
		t.Errorf("highlighted %q, want Tashkent among them", marks)
	}
	if res.doc.Find(`[data-testid="answer"] script`).Length() != 0 || !strings.Contains(res.doc.Find(`[data-testid="answer"]`).Text(), "<script>") {
		t.Error("the answer's text was not escaped")
	}
	found := 0
	for _, p := range q.Points {
		li := res.doc.Find(`[data-testid="points"] li`).FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Text(), p.Text)
		})
		ticked := li.AttrOr("data-found", "") == "true"
		// The answer names the talks and the declaration, not Shastri's
		// death: a point is never credited for what the text does not say.
		switch {
		case (p.ID == "p2" || p.ID == "p3") && !ticked:
			t.Errorf("point %s on the Tashkent Declaration not ticked", p.ID)
		case p.ID == "p4" && ticked:
			t.Errorf("point %s (%s) ticked; the answer does not mention it", p.ID, p.Text)
		}
		if ticked {
			found++
		}
	}
	want := "Sabaq found " + strconv.Itoa(found) + " of " + strconv.Itoa(len(q.Points)) + " points. It looks for events, names and dates; it cannot judge your explanation or your argument."
	if got := strings.Join(strings.Fields(res.doc.Find(`[data-testid="found-summary"]`).Text()), " "); got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	if res.doc.Find(`details[data-testid="outline"] li`).Length() != len(q.Outline) {
		t.Error("the model outline is missing")
	}

	if other := h.client(); other.get(r.location).status != http.StatusNotFound {
		t.Error("another learner can see the answer")
	}

	top := q.Levels[len(q.Levels)-1].Level
	lv := c.post(r.location, r.location+"/level", url.Values{"level": {strconv.Itoa(top)}})
	if lv.status != http.StatusSeeOther {
		t.Fatalf("self level: %d", lv.status)
	}
	if got := c.get(r.location).doc.Find(`input[name="level"][checked]`).AttrOr("value", ""); got != strconv.Itoa(top) {
		t.Errorf("saved level shows %q, want %d", got, top)
	}
	bad := c.post(r.location, r.location+"/level", url.Values{"level": {strconv.Itoa(top + 1)}})
	if bad.status != http.StatusBadRequest || bad.doc.Find(`[data-testid="form-error"]`).Length() != 1 {
		t.Errorf("level out of range: %d", bad.status)
	}
	if got := c.get(r.location).doc.Find(`input[name="level"][checked]`).AttrOr("value", ""); got != strconv.Itoa(top) {
		t.Errorf("after a bad level the saved one is %q", got)
	}
}

// The page's script saves drafts with fetch and reads a short text answer.
func TestWrite_ScriptSaveSaysWhyNotSaved(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	q := tashkentQuestion(t, h)
	page := "/write/" + q.ID
	token, _ := c.get(page).doc.Find(`input[name="_csrf"]`).Attr("value")
	send := func(text string, savedAt int64) (int, string) {
		form := draftForm(text, savedAt)
		form.Set("_csrf", token)
		req := httptest.NewRequest(http.MethodPost, page+"/draft", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Requested-With", "fetch")
		for k, v := range c.cookies {
			req.AddCookie(&http.Cookie{Name: k, Value: v})
		}
		res, err := h.app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("the script's answer is %q, want text/plain (the script shows only plain text)", ct)
		}
		return res.StatusCode, string(b)
	}
	now := time.Now().UnixMilli()
	if status, body := send("typed", now); status != http.StatusOK || body != "Saved" {
		t.Fatalf("save: %d %q", status, body)
	}
	if status, body := send("stale", now-1); status != http.StatusConflict || !strings.Contains(body, "later time") {
		t.Errorf("older save: %d %q", status, body)
	}
	if status, body := send(strings.Repeat("a", 50_001), now+1); status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "50,000") {
		t.Errorf("too long: %d %q", status, body)
	}
	if got := c.get(page).doc.Find(`textarea[name="text"]`).Text(); got != "typed" {
		t.Errorf("draft = %q, want %q", got, "typed")
	}
}
