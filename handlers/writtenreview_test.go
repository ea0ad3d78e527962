package handlers_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The events of the points an answer missed come due in the learner's
// review: the next card of /review is one of them.
func TestWrite_MissedPointsComeDueInReview(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	q := tashkentQuestion(t, h)
	page := "/write/" + q.ID
	r := c.post(page, page+"/submit", url.Values{"text": {"Kosygin brought Ayub Khan and Shastri to Tashkent, where they signed the Tashkent Declaration in January 1966."}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("submit: %d", r.status)
	}
	pulled := h.rows(t, `SELECT count(*) FROM review_pulls`)
	if pulled == 0 {
		t.Fatal("no card was pulled into review for the points not found")
	}
	res := c.get(r.location)
	note := res.doc.Find(`[data-testid="pulled"]`).Text()
	if !strings.Contains(note, "brought into your review, due now") {
		t.Errorf("the answer page says %q about review; want the pulled cards named", note)
	}
	// The pulled questions' events are events of points the answer missed.
	var missed []string
	for _, p := range q.Points {
		if !strings.Contains(p.Text, "Tashkent Declaration") {
			missed = append(missed, p.Events...)
		}
	}
	rev := c.get("/review")
	href := rev.doc.Find(`main a[href^="/review/card/"], main form[action^="/review/card/"]`).First()
	target := href.AttrOr("href", href.AttrOr("action", ""))
	target, _, _ = strings.Cut(strings.TrimPrefix(target, "/review/card/"), "?")
	target, _, _ = strings.Cut(target, "/")
	id, _ := url.PathUnescape(target)
	bq, ok := h.bank.Question(id)
	if !ok {
		t.Fatalf("review's next card %q is not a question", id)
	}
	if !slices.Contains(missed, bq.Sibling()) {
		t.Errorf("review's next card is on %s; want one of the missed points' events %v", bq.Sibling(), missed)
	}
	if n := h.rows(t, `SELECT count(*) FROM review_pulls WHERE question_id = ?`, id); n != 1 {
		t.Errorf("the next card %s is not a pulled one", id)
	}
}

// The progress page lists the learner's written answers with the level
// each was given and the points they miss most often; another learner's
// progress shows none of them.
func TestProgress_ShowsWrittenAnswers(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	if got := c.get("/progress").doc.Find(`[data-testid="no-written"]`).Length(); got != 1 {
		t.Error("a learner with no written answers is not told how to start")
	}
	q := tashkentQuestion(t, h)
	page := "/write/" + q.ID
	var answers []string
	for _, text := range []string{"They signed the Tashkent Declaration in January 1966.", "Kosygin invited both sides to Tashkent in 1966."} {
		r := c.post(page, page+"/submit", url.Values{"text": {text}})
		if r.status != http.StatusSeeOther {
			t.Fatalf("submit: %d", r.status)
		}
		loc, _, _ := strings.Cut(r.location, "?")
		answers = append(answers, loc)
	}
	if r := c.post(answers[0], answers[0]+"/level", url.Values{"level": {"1"}}); r.status != http.StatusSeeOther {
		t.Fatalf("self level: %d", r.status)
	}
	p := c.get("/progress")
	if got := strings.Join(strings.Fields(p.doc.Find(`[data-testid="written-summary"]`).Text()), " "); got != "2 answers to 1 question; you gave a level to 1." {
		t.Errorf("summary %q", got)
	}
	rows := p.doc.Find(`[data-testid="written-answer"]`)
	if rows.Length() != 2 {
		t.Fatalf("%d answers listed; want 2", rows.Length())
	}
	top := q.Levels[len(q.Levels)-1].Level
	if got := rows.Eq(1).Text(); !strings.Contains(got, "Level 1 of "+strconv.Itoa(top)) {
		t.Errorf("the first answer (listed last) reads %q; want its level", got)
	}
	if got := rows.Eq(0).Text(); !strings.Contains(got, "Not yet") {
		t.Errorf("the newer answer reads %q; want it not yet marked", got)
	}
	if href := rows.Eq(1).Find("a").AttrOr("href", ""); href != answers[0] {
		t.Errorf("the first answer links to %q; want %q", href, answers[0])
	}
	missed := p.doc.Find(`[data-testid="most-missed"] li`)
	if missed.Length() == 0 || !strings.Contains(missed.First().Text(), "Missed in 2 of 2 answers") {
		t.Errorf("most missed: %q; want a point missed by both answers first", missed.First().Text())
	}
	if other := h.client().get("/progress"); other.doc.Find(`[data-testid="written-answer"]`).Length() != 0 {
		t.Error("another learner's progress lists these answers")
	}
}

// writtenMultipart is a written answer's form as the browser sends it
// (multipart, so text outside ASCII is not URL-encoded three times over).
func writtenMultipart(t *testing.T, fields map[string]string) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &b, w.FormDataContentType()
}

// 50,000 characters of Urdu (about 100 KB) are within the limit the pages
// state, as a draft and as an answer. (A body past the written routes' own
// limit is refused: TestLimits_BodiesOver64KiBAre413OnEveryRouteButImports.)
func TestWrite_FiftyThousandCharactersOfUrduAreAccepted(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	q := tashkentQuestion(t, h)
	page := "/write/" + q.ID
	token := c.get(page).doc.Find(`input[name="_csrf"]`).First().AttrOr("value", "")
	urdu := strings.Repeat("تاشقند", 50_000/6)
	body, ct := writtenMultipart(t, map[string]string{"_csrf": token, "text": urdu, "saved_at": strconv.FormatInt(time.Now().UnixMilli(), 10)})
	if r := c.sendRaw(http.MethodPost, page+"/draft", body, ct); r.status != http.StatusSeeOther {
		t.Fatalf("a draft of 50,000 Urdu characters: %d, want 303\n%.300s", r.status, r.body)
	}
	if got := c.get(page).doc.Find(`textarea[name="text"]`).Text(); strings.TrimSpace(got) != urdu {
		t.Fatalf("the stored draft holds %d characters; want the %d sent", len([]rune(got)), len([]rune(urdu)))
	}
	body, ct = writtenMultipart(t, map[string]string{"_csrf": token, "text": urdu})
	if r := c.sendRaw(http.MethodPost, page+"/submit", body, ct); r.status != http.StatusSeeOther {
		t.Fatalf("an answer of 50,000 Urdu characters: %d, want 303", r.status)
	}
}
