package handlers_test

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions/written"
)

// startPaper starts a paper through the setup form (with its CSRF token and
// form key) and returns its id and path.
func startPaper(t *testing.T, c *client, form url.Values) (int64, string) {
	t.Helper()
	res := postPaperSetup(t, c, form)
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/write/paper/") {
		t.Fatalf("start paper: %d %q; want 303 to the paper\n%.300s", res.status, res.location, res.body)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(res.location, "/write/paper/"), 10, 64)
	if err != nil {
		t.Fatalf("paper id in %q: %v", res.location, err)
	}
	return id, res.location
}

func postPaperSetup(t *testing.T, c *client, form url.Values) response {
	t.Helper()
	page := c.get("/write/paper")
	token, _ := page.doc.Find(`input[name="_csrf"]`).Attr("value")
	key, ok := page.doc.Find(`input[name="form_key"]`).Attr("value")
	if !ok || key == "" {
		t.Fatal("no form key on the setup form")
	}
	form.Set("_csrf", token)
	if _, set := form["form_key"]; !set {
		form.Set("form_key", key)
	}
	return c.do(http.MethodPost, "/write/paper", form)
}

// paper reads a paper as stored, whoever's it is.
func (h *harness) paper(t *testing.T, id int64) written.Paper {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+h.path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var learnerID int64
	if err := db.QueryRow(`SELECT learner_id FROM written_papers WHERE id = ?`, id).Scan(&learnerID); err != nil {
		t.Fatal(err)
	}
	p, err := h.store.WrittenPaper(context.Background(), learnerID, id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// paperPost posts a form with the given token, without first opening a page
// (opening a paper whose time is up would finish it).
func (c *client) paperPost(token, path string, form url.Values) response {
	c.h.t.Helper()
	form.Set("_csrf", token)
	return c.do(http.MethodPost, path, form)
}

// paperScript posts a form as the page's script does, and returns the status
// and the short text answer.
func (c *client) paperScript(token, path string, form url.Values) (int, string) {
	c.h.t.Helper()
	form.Set("_csrf", token)
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Requested-With", "fetch")
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	res, err := c.h.app.Test(req, -1)
	if err != nil {
		c.h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		c.h.t.Errorf("the script's answer is %q, want text/plain", ct)
	}
	return res.StatusCode, string(b)
}

func paperMS(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

func TestPaper_SetupStartsAPaperOfMQuestionsUnderOneDeadline(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	if href, ok := c.get("/write").doc.Find(`[data-testid="sit-paper"]`).Attr("href"); !ok || href != "/write/paper" {
		t.Errorf("the /write list links to %q, want /write/paper", href)
	}
	setup := c.get("/write/paper")
	if setup.status != http.StatusOK {
		t.Fatalf("GET /write/paper: %d", setup.status)
	}
	if v := setup.doc.Find(`input[name="offered"]`).AttrOr("value", ""); v != "5" {
		t.Errorf("offered defaults to %q, want 5", v)
	}
	if v := setup.doc.Find(`input[name="answer"]`).AttrOr("value", ""); v != "3" {
		t.Errorf("answer defaults to %q, want 3", v)
	}
	for _, name := range []string{"era", "offered", "answer"} {
		if setup.doc.Find(`label[for="`+name+`"]`).Length() != 1 {
			t.Errorf("no label for %s", name)
		}
	}

	id, path := startPaper(t, c, url.Values{"era": {""}, "offered": {"5"}, "answer": {"3"}})
	p := h.paper(t, id)
	if len(p.Items) != 5 || p.Setup.Answer != 3 || p.Finished() {
		t.Fatalf("paper = %+v", p)
	}
	marks := make([]int, len(p.Items))
	for i, it := range p.Items {
		marks[i] = it.Marks
		q, ok := h.written.Question(it.QuestionID)
		if !ok || q.Marks != it.Marks {
			t.Errorf("item %d: question %q (%v) marks %d", i, it.QuestionID, ok, it.Marks)
		}
	}
	if got, want := p.Deadline.Sub(p.StartedAt), written.TimeAllowed(marks, 3); got != want || want <= 0 {
		t.Errorf("time allowed %v, want %v (1.5 minutes a mark for the 3 with most marks)", got, want)
	}
	page := c.get(path)
	if page.status != http.StatusOK {
		t.Fatalf("GET %s: %d", path, page.status)
	}
	if got := page.doc.Find(`[data-testid="paper-title"]`).Text(); got != "Answer 3 of these 5 questions" {
		t.Errorf("title %q", got)
	}
	if n := page.doc.Find(`textarea`).Length(); n != 5 {
		t.Errorf("%d boxes, want 5", n)
	}
	page.doc.Find(`textarea`).Each(func(i int, s *goquery.Selection) {
		id := s.AttrOr("id", "")
		if id == "" || page.doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("box %d (%q) has no label", i+1, id)
		}
	})
	for i, it := range p.Items {
		q, _ := h.written.Question(it.QuestionID)
		if got := page.doc.Find(`[data-testid="prompt"]`).Eq(i).Text(); got != q.Prompt {
			t.Errorf("question %d prompt %q, want %q", i+1, got, q.Prompt)
		}
	}
	// Without JavaScript: the time left and when it ends.
	if got := page.doc.Find(`[data-testid="time-left"]`).Text(); !strings.HasSuffix(got, "min left") {
		t.Errorf("time left %q", got)
	}
	ends := page.doc.Find(`[data-testid="ends"]`).Text()
	if want := "Ends at " + p.Deadline.In(karachi(t)).Format("15:04") + " PKT"; ends != want {
		t.Errorf("ends %q, want %q", ends, want)
	}
	// With it: the countdown from the server's milliseconds left.
	left, err := strconv.ParseInt(page.doc.Find(`[data-paper-clock]`).AttrOr("data-remaining-ms", ""), 10, 64)
	if err != nil || left <= 0 || time.Duration(left)*time.Millisecond > written.TimeAllowed(marks, 3) {
		t.Errorf("remaining ms %d (%v)", left, err)
	}
	if c.get("/write/paper").doc.Find(`[data-testid="papers"] li`).Length() != 1 {
		t.Error("the setup page does not list the paper")
	}

	// One era, some kinds: every question offered is of them.
	id, _ = startPaper(t, c, url.Values{"era": {"zia"}, "kind": {"essay", "explain"}, "offered": {"3"}, "answer": {"1"}})
	for _, it := range h.paper(t, id).Items {
		q, _ := h.written.Question(it.QuestionID)
		if (q.Kind != written.Essay && q.Kind != written.Explain) || !strings.Contains(strings.Join(q.Eras, " "), "zia") {
			t.Errorf("question %s (%s, %v) is outside Zia's era and essays or explain", q.ID, q.Kind, q.Eras)
		}
	}
}

func karachi(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Karachi")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestPaper_InvalidSetupIs400WithTheMessageBesideTheFieldAndWritesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	for _, tc := range []struct {
		name  string
		form  url.Values
		field string
	}{
		{"offered not a number", url.Values{"offered": {"five"}, "answer": {"3"}}, "offered"},
		{"one offered", url.Values{"offered": {"1"}, "answer": {"1"}}, "offered"},
		{"too many offered", url.Values{"offered": {"9"}, "answer": {"3"}}, "offered"},
		{"answer not a number", url.Values{"offered": {"5"}, "answer": {""}}, "answer"},
		{"none to answer", url.Values{"offered": {"5"}, "answer": {"0"}}, "answer"},
		{"more to answer than offered", url.Values{"offered": {"4"}, "answer": {"5"}}, "answer"},
		{"unknown era", url.Values{"era": {"1066"}, "offered": {"5"}, "answer": {"3"}}, "era"},
		{"unknown kind", url.Values{"kind": {"mcq"}, "offered": {"5"}, "answer": {"3"}}, "kinds"},
		{"too few questions match", url.Values{"era": {"soviet-end"}, "kind": {"evaluate"}, "offered": {"2"}, "answer": {"1"}}, "offered"},
	} {
		res := postPaperSetup(t, c, tc.form)
		if res.status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", tc.name, res.status)
			continue
		}
		if msg := res.doc.Find(`[data-testid="` + tc.field + `-error"]`).Text(); msg == "" {
			t.Errorf("%s: no message beside %s\n%.300s", tc.name, tc.field, res.doc.Find(`[data-testid="paper-setup"]`).Text())
		}
		// What was typed is shown back.
		if got := res.doc.Find(`input[name="offered"]`).AttrOr("value", ""); got != tc.form.Get("offered") {
			t.Errorf("%s: offered shown back as %q", tc.name, got)
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM written_papers`); n != 0 {
		t.Errorf("%d papers after invalid forms", n)
	}
}

func TestPaper_DoubleSubmitMakesOnePaper(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	form := url.Values{"offered": {"5"}, "answer": {"3"}, "form_key": {"the-same-key"}}
	_, first := startPaper(t, c, form)
	_, second := startPaper(t, c, url.Values{"offered": {"4"}, "answer": {"2"}, "form_key": {"the-same-key"}})
	if first != second {
		t.Errorf("a resubmitted form went to %s, want the first paper %s", second, first)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_papers`); n != 1 {
		t.Errorf("%d papers, want 1", n)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_paper_items`); n != 5 {
		t.Errorf("%d questions, want the first paper's 5", n)
	}
	startPaper(t, c, url.Values{"offered": {"5"}, "answer": {"3"}}) // a new form, a new key
	if n := h.rows(t, `SELECT count(*) FROM written_papers`); n != 2 {
		t.Errorf("%d papers after a new form, want 2", n)
	}
}

func TestPaper_DraftsSavedByTheButtonAndTheScriptALaterSaveWins(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startPaper(t, c, url.Values{"offered": {"3"}, "answer": {"2"}})
	tok := c.token()
	now := time.Now()

	// Without JavaScript, Save sends every box.
	res := c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(now)}, "text-1": {"First answer"}, "text-2": {""}, "text-3": {"Third"}})
	if res.status != http.StatusSeeOther || res.location != path+"?saved=1" {
		t.Fatalf("save: %d %q", res.status, res.location)
	}
	page := c.get(res.location)
	if got := page.doc.Find(`[data-testid="save-status"]`).Text(); got != "Saved." {
		t.Errorf("status %q", got)
	}
	if got := page.doc.Find(`textarea[name="text-1"]`).Text(); got != "First answer" {
		t.Errorf("box 1 holds %q", got)
	}
	if got := page.doc.Find(`[data-testid="answered"]`).Text(); got != "2 answered" {
		t.Errorf("answered %q", got)
	}

	// The script sends one box as the student types.
	if status, body := c.paperScript(tok, path+"/save", url.Values{"saved_at": {paperMS(now.Add(time.Second))}, "text-2": {"Second, typed"}}); status != http.StatusOK || body != "Saved" {
		t.Fatalf("script save: %d %q", status, body)
	}
	// An older save of a box is refused and the newer text kept.
	if status, body := c.paperScript(tok, path+"/save", url.Values{"saved_at": {paperMS(now)}, "text-2": {"stale"}}); status != http.StatusConflict || !strings.Contains(body, "later time") {
		t.Errorf("older save: %d %q, want 409", status, body)
	}
	// Without JavaScript, a stale box is refused beside it, the others saved,
	// and the page shows every box as sent.
	res = c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(now.Add(500 * time.Millisecond))},
		"text-1": {"First, changed"}, "text-2": {"stale from an old tab"}, "text-3": {"Third"}})
	if res.status != http.StatusConflict {
		t.Fatalf("stale plain save: %d, want 409", res.status)
	}
	if got := res.doc.Find(`textarea[name="text-2"]`).Text(); got != "stale from an old tab" {
		t.Errorf("the refused box shows %q, want the text as sent", got)
	}
	errBox := res.doc.Find(`#text-2-error`)
	if !strings.Contains(errBox.Text(), "later time") || res.doc.Find(`textarea[name="text-2"]`).AttrOr("aria-invalid", "") != "true" {
		t.Errorf("no message beside the refused box: %q", errBox.Text())
	}
	p := h.paper(t, id)
	if p.Items[0].Text != "First, changed" || p.Items[1].Text != "Second, typed" || p.Items[2].Text != "Third" {
		t.Errorf("stored %q %q %q", p.Items[0].Text, p.Items[1].Text, p.Items[2].Text)
	}

	// Over 50,000 characters: refused whole, nothing overwritten.
	long := strings.Repeat("a", 50_001)
	if status, body := c.paperScript(tok, path+"/save", url.Values{"saved_at": {paperMS(now.Add(time.Hour))}, "text-1": {long}}); status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "50,000") {
		t.Errorf("too long by script: %d %q", status, body)
	}
	res = c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(now.Add(time.Hour))}, "text-1": {long}, "text-3": {"Third, changed"}})
	if res.status != http.StatusRequestEntityTooLarge || !strings.Contains(res.doc.Find(`#text-1-error`).Text(), "50,000") {
		t.Errorf("too long: %d, message %q", res.status, res.doc.Find(`#text-1-error`).Text())
	}
	if p := h.paper(t, id); p.Items[0].Text != "First, changed" || p.Items[2].Text != "Third" {
		t.Errorf("after a refused save: %q %q", p.Items[0].Text, p.Items[2].Text)
	}
	// A save that does not say when it was written is refused.
	if res := c.paperPost(tok, path+"/save", url.Values{"text-1": {"x"}}); res.status != http.StatusBadRequest {
		t.Errorf("no saved_at: %d, want 400", res.status)
	}
	// Finish from the paper saves first, then asks to confirm.
	res = c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(now.Add(2 * time.Hour))}, "text-1": {"Final first"}, "next": {"finish"}})
	if res.status != http.StatusSeeOther || res.location != path+"/finish" {
		t.Errorf("save and finish: %d %q", res.status, res.location)
	}
	if p := h.paper(t, id); p.Items[0].Text != "Final first" || p.Finished() {
		t.Errorf("save and finish: %q, finished %v; want saved, not yet finished", p.Items[0].Text, p.Finished())
	}
}

func TestPaper_TextSavedAfterTheDeadlineIsKeptApartAndMarkedLate(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startPaper(t, c, url.Values{"offered": {"3"}, "answer": {"2"}})
	tok := c.token()
	now := time.Now()
	c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(now)}, "text-1": {"In time"}})

	// The page was open when the time ran out; the text comes in late.
	if err := h.store.SetWrittenPaperDeadline(context.Background(), id, now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	status, body := c.paperScript(tok, path+"/save", url.Values{"saved_at": {paperMS(now.Add(time.Second))}, "text-1": {"In time, and a paragraph after"}})
	if status != http.StatusOK || !strings.Contains(body, "written after time") {
		t.Fatalf("late save: %d %q; want kept and said to be late", status, body)
	}
	res := c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(now.Add(2 * time.Second))}, "text-1": {"In time, and a paragraph after"},
		"text-2": {"Only after time"}, "text-3": {""}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("late plain save: %d; want 303 (kept, not refused)", res.status)
	}
	p := h.paper(t, id)
	if p.Items[0].Text != "In time" || p.Items[0].LateText != "In time, and a paragraph after" {
		t.Errorf("item 1: in time %q, late %q; the late text must not overwrite the text in time", p.Items[0].Text, p.Items[0].LateText)
	}
	if !p.Items[1].OnlyLate() || p.Items[2].HasLate {
		t.Errorf("items 2 and 3: %+v %+v", p.Items[1], p.Items[2])
	}
	if p.Finished() {
		t.Fatal("a late save finished the paper; only opening it should")
	}

	// Opening the paper (here its finish page) after the deadline finishes
	// it: two answered, two count, one of them written after time.
	if r := c.get(path + "/finish"); r.status != http.StatusSeeOther || r.location != path {
		t.Fatalf("the finish page after the time: %d %q; want the paper finished and its results", r.status, r.location)
	}
	results := c.get(path)
	if results.status != http.StatusOK || results.doc.Find(`[data-testid="results"]`).Length() != 1 {
		t.Fatalf("opening an expired paper: %d; want its results", results.status)
	}
	p = h.paper(t, id)
	if !p.Finished() || p.Rule != written.CountAll {
		t.Fatalf("finished %v, rule %q", p.Finished(), p.Rule)
	}
	rows := results.doc.Find(`[data-testid="result"]`)
	if got := rows.Eq(0).Find(`[data-testid="status"]`).Text(); got != "Counts" {
		t.Errorf("question 1: %q", got)
	}
	if got := rows.Eq(0).Find(`[data-testid="late-text"]`).Text(); !strings.Contains(got, "Written after time") || !strings.Contains(got, "a paragraph after") {
		t.Errorf("question 1's late text: %q", got)
	}
	if got := rows.Eq(1).Find(`[data-testid="status"]`).Text(); got != "Counts, written after time" {
		t.Errorf("question 2: %q", got)
	}
	if got := rows.Eq(2).Find(`[data-testid="status"]`).Text(); got != "Not answered" {
		t.Errorf("question 3: %q", got)
	}
	// The counted answers open at the marking page: the text in time for
	// the first, the late text for the second, marked late in the database.
	for i, want := range []string{"In time", "Only after time"} {
		href, ok := rows.Eq(i).Find(`[data-testid="answer-link"]`).Attr("href")
		if !ok {
			t.Fatalf("question %d: no link to its answer", i+1)
		}
		ans := c.get(href)
		if ans.status != http.StatusOK || !strings.Contains(ans.doc.Find(`[data-testid="answer"]`).Text(), want) {
			t.Errorf("answer %d at %s: %d %q", i+1, href, ans.status, ans.doc.Find(`[data-testid="answer"]`).Text())
		}
		if late := ans.doc.Find(`[data-testid="late"]`).Length() == 1; late != (i == 1) {
			t.Errorf("answer %d says it was written after time: %v; want %v", i+1, late, i == 1)
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM written_submissions WHERE paper_id = ? AND late = 1`, id); n != 1 {
		t.Errorf("%d late submissions, want 1", n)
	}
	// The paper is closed now: a save is refused, and the text sent shown
	// back to copy.
	res = c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(now.Add(time.Minute))}, "text-3": {"Too late now"}})
	if res.status != http.StatusConflict || !strings.Contains(res.doc.Find(`[data-testid="sent-text"]`).Text(), "Too late now") {
		t.Errorf("save after the finish: %d; want 409 with the text shown back", res.status)
	}
	if status, _ := c.paperScript(tok, path+"/save", url.Values{"saved_at": {paperMS(now.Add(time.Minute))}, "text-3": {"x"}}); status != http.StatusConflict {
		t.Errorf("script save after the finish: %d, want 409", status)
	}
	if h.paper(t, id).Items[2].HasLate {
		t.Error("text was saved in a finished paper")
	}
}

func TestPaper_MoreAnsweredThanCountTheLearnerChoosesAndASecondFinishChangesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startPaper(t, c, url.Values{"offered": {"5"}, "answer": {"3"}})
	tok := c.token()
	c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(time.Now())},
		"text-1": {"one"}, "text-2": {"two"}, "text-3": {"   "}, "text-4": {"four"}, "text-5": {"five"}})

	form := c.get(path + "/finish")
	if form.status != http.StatusOK {
		t.Fatalf("finish page: %d", form.status)
	}
	boxes := form.doc.Find(`[data-testid="choose"] input[name="count"]`)
	if boxes.Length() != 4 {
		t.Fatalf("%d answers to choose from, want the 4 answered (a blank one is no answer)", boxes.Length())
	}
	if n := form.doc.Find(`[data-testid="choose"] input[name="count"][checked]`).Length(); n != 3 {
		t.Errorf("%d ticked to start with, want 3", n)
	}
	if form.doc.Find(`[data-testid="ends"]`).Length() != 1 {
		t.Error("the finish page does not say when the paper ends")
	}
	// Two chosen of three: refused with the message, nothing finished.
	res := c.paperPost(tok, path+"/finish", url.Values{"count": {"0", "4"}})
	if res.status != http.StatusBadRequest || !strings.Contains(res.doc.Find(`[data-testid="form-error"]`).Text(), "exactly 3") {
		t.Errorf("two chosen: %d %q", res.status, res.doc.Find(`[data-testid="form-error"]`).Text())
	}
	if got := res.doc.Find(`input[name="count"][checked]`).Length(); got != 2 {
		t.Errorf("after a refused choice %d are ticked, want the 2 chosen", got)
	}
	// The blank one cannot be chosen; nor a question not in the paper.
	if res := c.paperPost(tok, path+"/finish", url.Values{"count": {"0", "2", "4"}}); res.status != http.StatusBadRequest {
		t.Errorf("a blank answer chosen: %d, want 400", res.status)
	}
	if res := c.paperPost(tok, path+"/finish", url.Values{"count": {"0", "1", "9"}}); res.status != http.StatusBadRequest {
		t.Errorf("a question not in the paper chosen: %d, want 400", res.status)
	}
	if h.paper(t, id).Finished() || h.rows(t, `SELECT count(*) FROM written_submissions`) != 0 {
		t.Fatal("a refused finish finished the paper")
	}

	res = c.paperPost(tok, path+"/finish", url.Values{"count": {"0", "3", "4"}})
	if res.status != http.StatusSeeOther || res.location != path {
		t.Fatalf("finish: %d %q", res.status, res.location)
	}
	p := h.paper(t, id)
	var counted []int
	for _, it := range p.Items {
		if it.SubmissionID != 0 {
			counted = append(counted, it.Position)
		}
	}
	if p.Rule != written.CountChosen || len(counted) != 3 || counted[0] != 0 || counted[1] != 3 || counted[2] != 4 {
		t.Errorf("rule %q, counted %v; want the chosen 0, 3, 4", p.Rule, counted)
	}
	results := c.get(path)
	if got := results.doc.Find(`[data-testid="counted"]`).Text(); got != "3 of 3 answers counted" {
		t.Errorf("counted %q", got)
	}
	if got := results.doc.Find(`[data-testid="rule"]`).Text(); !strings.Contains(got, "chose") {
		t.Errorf("rule %q", got)
	}
	if got := results.doc.Find(`[data-testid="result"]`).Eq(1).Find(`[data-testid="status"]`).Text(); got != "Not counted" {
		t.Errorf("question 2: %q", got)
	}
	if n := results.doc.Find(`[data-testid="answer-link"]`).Length(); n != 3 {
		t.Errorf("%d answers linked, want 3", n)
	}

	// A second finish (a double click, a retry) changes nothing.
	again := c.paperPost(tok, path+"/finish", url.Values{"count": {"0", "1", "3"}})
	if again.status != http.StatusSeeOther {
		t.Errorf("second finish: %d", again.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_submissions WHERE paper_id = ?`, id); n != 3 {
		t.Errorf("%d submissions after a second finish, want 3", n)
	}
	if h.paper(t, id).Items[1].SubmissionID != 0 {
		t.Error("a second finish changed which answers count")
	}
	if r := c.get(path + "/finish"); r.status != http.StatusSeeOther || r.location != path {
		t.Errorf("the finish page of a finished paper: %d %q", r.status, r.location)
	}
}

func TestPaper_TimeUpWithoutAChoiceSaysWhichRuleApplied(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	tok := c.token()
	for _, way := range []string{"finish sent without a choice", "paper opened"} {
		id, path := startPaper(t, c, url.Values{"offered": {"4"}, "answer": {"2"}})
		c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(time.Now())}, "text-2": {"two"}, "text-3": {"three"}, "text-4": {"four"}})
		if err := h.store.SetWrittenPaperDeadline(context.Background(), id, time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		var res response
		if way == "paper opened" {
			res = c.get(path)
			if res.status != http.StatusOK {
				t.Fatalf("%s: %d", way, res.status)
			}
		} else {
			if r := c.paperPost(tok, path+"/finish", url.Values{}); r.status != http.StatusSeeOther || r.location != path {
				t.Fatalf("%s: %d %q", way, r.status, r.location)
			}
			res = c.get(path)
		}
		p := h.paper(t, id)
		if p.Rule != written.CountFirst || p.Items[1].SubmissionID == 0 || p.Items[2].SubmissionID == 0 || p.Items[3].SubmissionID != 0 {
			t.Errorf("%s: rule %q; want the first two answered counted", way, p.Rule)
		}
		if got := res.doc.Find(`[data-testid="rule"]`).Text(); !strings.Contains(got, "time ran out") || !strings.Contains(got, "first 2") {
			t.Errorf("%s: rule shown %q", way, got)
		}
	}
}

func TestPaper_EmptyAnswersAreNotSubmitted(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startPaper(t, c, url.Values{"offered": {"2"}, "answer": {"1"}})
	tok := c.token()
	c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(time.Now())}, "text-1": {" \n "}})
	if got := c.get(path + "/finish").doc.Find(`[data-testid="nothing-answered"]`).Length(); got != 1 {
		t.Error("the finish page does not say nothing is answered")
	}
	if res := c.paperPost(tok, path+"/finish", url.Values{}); res.status != http.StatusSeeOther {
		t.Fatalf("finish: %d", res.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_submissions`); n != 0 {
		t.Errorf("%d empty answers submitted", n)
	}
	if !h.paper(t, id).Finished() {
		t.Error("not finished")
	}
	if got := c.get(path).doc.Find(`[data-testid="rule"]`).Text(); !strings.Contains(got, "nothing to mark") {
		t.Errorf("rule %q", got)
	}
}

func TestPaper_AnotherLearnersPaperIsNotFound(t *testing.T) {
	h := newHarness(t)
	owner, other := h.client(), h.client()
	id, path := startPaper(t, owner, url.Values{"offered": {"3"}, "answer": {"2"}})
	tok := other.token()
	for _, res := range []response{
		other.get(path),
		other.get(path + "/finish"),
		other.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(time.Now())}, "text-1": {"not mine"}}),
		other.paperPost(tok, path+"/finish", url.Values{}),
		other.get("/write/paper/999"),
		other.get("/write/paper/abc"),
	} {
		if res.status != http.StatusNotFound {
			t.Errorf("another learner: %d, want 404", res.status)
		}
	}
	if p := h.paper(t, id); p.Finished() || p.Items[0].Text != "" {
		t.Error("another learner changed the paper")
	}
	if other.get("/write/paper").doc.Find(`[data-testid="papers"]`).Length() != 0 {
		t.Error("another learner's setup page lists the paper")
	}
}

func TestPaper_FormsWithoutTheCSRFTokenAre403(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startPaper(t, c, url.Values{"offered": {"3"}, "answer": {"2"}})
	for name, res := range map[string]response{
		"start":  c.do(http.MethodPost, "/write/paper", url.Values{"offered": {"3"}, "answer": {"2"}}),
		"save":   c.do(http.MethodPost, path+"/save", url.Values{"saved_at": {paperMS(time.Now())}, "text-1": {"forged"}}),
		"finish": c.do(http.MethodPost, path+"/finish", url.Values{}),
	} {
		if res.status != http.StatusForbidden {
			t.Errorf("%s without the token: %d, want 403", name, res.status)
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM written_papers`); n != 1 {
		t.Errorf("%d papers", n)
	}
	if p := h.paper(t, id); p.Finished() || p.Items[0].Text != "" {
		t.Error("a forged form changed the paper")
	}
}

func TestPaper_WarnsNearTheEndWithoutJavaScript(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startPaper(t, c, url.Values{"offered": {"3"}, "answer": {"2"}})
	page := c.get(path)
	if got := page.doc.Find(`[data-testid="time-warning"]`).Text(); got != "" {
		t.Errorf("a warning at the start: %q", got)
	}
	// The script's warnings: 5 minutes, 1 minute and the time up, as the
	// mock exam's.
	if n := page.doc.Find(`[data-mock-warnings] li`).Length(); n != 3 {
		t.Errorf("%d warnings for the script, want 3", n)
	}
	for _, tc := range []struct {
		left time.Duration
		want string
	}{
		{4 * time.Minute, "Less than 5 minutes left"},
		{30 * time.Second, "Less than 1 minute left"},
	} {
		if err := h.store.SetWrittenPaperDeadline(context.Background(), id, time.Now().Add(tc.left)); err != nil {
			t.Fatal(err)
		}
		page := c.get(path)
		if got := page.doc.Find(`[data-testid="time-warning"]`).Text(); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%v left: warning %q, want %q", tc.left, got, tc.want)
		}
		if got := c.get(path + "/finish").doc.Find(`[data-testid="time-warning"]`).Text(); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%v left: the finish page warns %q, want %q", tc.left, got, tc.want)
		}
	}
}

// A browser sends a box's line breaks as CRLF, the script as LF: the same
// text sent both ways after the time is not saved again as late text.
func TestPaper_TheSameTextWithOtherLineBreaksIsNotLateText(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startPaper(t, c, url.Values{"offered": {"2"}, "answer": {"1"}})
	tok := c.token()
	if status, _ := c.paperScript(tok, path+"/save", url.Values{"saved_at": {paperMS(time.Now())}, "text-1": {"Line one\nLine two"}}); status != http.StatusOK {
		t.Fatalf("script save: %d", status)
	}
	if err := h.store.SetWrittenPaperDeadline(context.Background(), id, time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	res := c.paperPost(tok, path+"/save", url.Values{"saved_at": {paperMS(time.Now().Add(time.Second))}, "text-1": {"Line one\r\nLine two"}, "text-2": {""}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("plain save: %d", res.status)
	}
	if it := h.paper(t, id).Items[0]; it.HasLate || it.Text != "Line one\nLine two" {
		t.Errorf("item = %+v; want the text in time alone", it)
	}
}
