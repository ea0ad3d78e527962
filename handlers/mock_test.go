package handlers_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions"
	"sabaq/questions/sets"
)

// startMock starts a mock exam through the setup form (with its CSRF token
// and form key) and returns the exam's id and the first question's path.
func startMock(t *testing.T, c *client, form url.Values) (int64, string) {
	t.Helper()
	res := postMockSetup(t, c, form)
	if res.status != http.StatusSeeOther || !strings.HasSuffix(res.location, "/q/1") {
		t.Fatalf("start mock: %d %q; want 303 to the first question\n%.300s", res.status, res.location, res.body)
	}
	id, err := strconv.ParseInt(strings.Split(res.location, "/")[2], 10, 64)
	if err != nil {
		t.Fatalf("exam id in %q: %v", res.location, err)
	}
	return id, res.location
}

func postMockSetup(t *testing.T, c *client, form url.Values) response {
	t.Helper()
	page := c.get("/mock")
	token, _ := page.doc.Find(`input[name="_csrf"]`).Attr("value")
	key, ok := page.doc.Find(`input[name="form_key"]`).Attr("value")
	if !ok || key == "" {
		t.Fatal("no form key on the setup form")
	}
	form.Set("_csrf", token)
	if _, set := form["form_key"]; !set {
		form.Set("form_key", key)
	}
	return c.do(http.MethodPost, "/mock", form)
}

// shownAnswer reads the answer a question page has already filled in.
func shownAnswer(res response, q questions.Question) []string {
	switch q.Kind.Format() {
	case questions.FormatChoice:
		v, ok := res.doc.Find(`input[name="answer"][checked]`).Attr("value")
		if !ok {
			return nil
		}
		return []string{v}
	case questions.FormatOrder:
		out := make([]string, len(q.Options))
		res.doc.Find(`[data-testid="order-item"]`).Each(func(_ int, s *goquery.Selection) {
			item, _ := s.Find(`input[name="item"]`).Attr("value")
			pos, _ := strconv.Atoi(s.Find(`option[selected]`).AttrOr("value", ""))
			if pos >= 1 && pos <= len(out) {
				out[pos-1] = item
			}
		})
		if out[0] == "" {
			return nil
		}
		return out
	default:
		v := res.doc.Find(`input[name="answer"]`).AttrOr("value", "")
		if v == "" {
			return nil
		}
		return []string{v}
	}
}

// rows counts rows in the harness's database file, read-only.
func (h *harness) rows(t *testing.T, query string, args ...any) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+h.path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (h *harness) mockExam(t *testing.T, learnerID, id int64) questions.MockExam {
	t.Helper()
	e, err := h.store.MockExam(context.Background(), learnerID, id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestMock_FullFlowScoresAtTheEndAndFeedsTheSchedulerOnce(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	if c.get("/").doc.Find(`[data-testid="home-mock"] a[href="/mock"]`).Length() != 1 {
		t.Error("no link to the mock exam on the home page")
	}
	setup := c.get("/mock")
	if v, _ := setup.doc.Find(`input[name="length"]`).Attr("value"); v != "25" {
		t.Errorf("default length %q; want 25", v)
	}
	if v, _ := setup.doc.Find(`input[name="minutes"]`).Attr("value"); v != "30" {
		t.Errorf("default minutes %q; want 30", v)
	}
	id, path := startMock(t, c, url.Values{"length": {"6"}, "minutes": {"30"}})
	base := "/mock/" + strconv.FormatInt(id, 10)

	// Answer five of six: right, wrong, right, wrong, right; leave the last.
	var given [][]string
	var asked []questions.Question
	for i := range 5 {
		if path != base+"/q/"+strconv.Itoa(i+1) {
			t.Fatalf("answer %d: at %q; want question %d", i+1, path, i+1)
		}
		page := c.get(path)
		if page.status != http.StatusOK {
			t.Fatalf("GET %s = %d", path, page.status)
		}
		if got := page.doc.Find(`[data-testid="time-left"]`).Text(); got != "30 min left" && got != "29 min left" {
			t.Errorf("time left %q; want 30 or 29 min left", got)
		}
		q := question(t, h, page)
		answer := q.Answer
		if i%2 == 1 {
			answer = wrongAnswer(q)
		}
		if q.Kind.Format() != questions.FormatOrder {
			answer = answer[:1] // the form sends one value; a typed question accepts several
		}
		res := c.post(path, path, answerForm(page, q, answer))
		if res.status != http.StatusSeeOther {
			t.Fatalf("answer %d: %d; want 303\n%.300s", i+1, res.status, res.body)
		}
		asked, given = append(asked, q), append(given, answer)
		// No feedback during the exam: the page shows the saved answer, not a verdict.
		again := c.get(path)
		if again.doc.Find(`[data-testid="verdict"], [data-testid="feedback"]`).Length() > 0 {
			t.Errorf("question %d shows feedback before the exam is finished", i+1)
		}
		if got := shownAnswer(again, q); strings.Join(got, "|") != strings.Join(answer, "|") {
			t.Errorf("question %d after a reload shows %q selected; want the saved %q", i+1, got, answer)
		}
		if n := again.doc.Find(`[data-testid="mock-nav"] li[data-answered]`).Length(); n != i+1 {
			t.Errorf("navigation marks %d answered; want %d", n, i+1)
		}
		path = res.location
	}
	if path != base+"/q/6" {
		t.Fatalf("after five answers, went to %q; want the sixth question", path)
	}
	over := c.get(base)
	if got := over.doc.Find(`[data-testid="answered"]`).Text(); got != "5 of 6 answered" {
		t.Errorf("overview says %q; want 5 of 6 answered", got)
	}

	// Finish twice at once (a double click): one finish, one feeding.
	token, _ := over.doc.Find(`input[name="_csrf"]`).Attr("value")
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := c.do(http.MethodPost, base+"/finish", url.Values{"_csrf": {token}})
			if res.status != http.StatusSeeOther || res.location != base+"/results" {
				t.Errorf("finish: %d %q; want 303 to the results", res.status, res.location)
			}
		}()
	}
	wg.Wait()

	results := c.get(base + "/results")
	if results.status != http.StatusOK {
		t.Fatalf("results: %d\n%.300s", results.status, results.body)
	}
	if got := results.doc.Find(`[data-testid="score"]`).Text(); !strings.Contains(got, "3 out of 6") {
		t.Errorf("score %q; want 3 out of 6", got)
	}
	eraRows := 0
	results.doc.Find(`table.scores`).Each(func(_ int, s *goquery.Selection) {
		if strings.Contains(s.Find("caption").Text(), "era") {
			eraRows = s.Find("tbody tr").Length()
		}
	})
	if eraRows == 0 {
		t.Error("no score per era on the results")
	}
	if results.doc.Find(`table.scores caption:contains("theme")`).Length() != 1 {
		t.Error("no score per theme on the results")
	}
	missed := results.doc.Find(`[data-testid="missed-item"]`)
	if missed.Length() != 3 {
		t.Errorf("%d questions to go over; want 3 (two wrong, one unanswered)", missed.Length())
	}
	missed.Each(func(i int, s *goquery.Selection) {
		if s.Find(`[data-testid="explanation"]`).Text() == "" || s.Find(`ul.sources blockquote`).Length() == 0 {
			t.Errorf("missed question %d lacks its explanation or a cited source", i+1)
		}
	})
	if got := missed.Eq(2).Find(`[data-testid="given"]`).Text(); got != "Not answered." {
		t.Errorf("the unanswered question says %q; want Not answered.", got)
	}
	if results.doc.Find(`[data-testid="late"]`).Length() != 0 {
		t.Error("late answers listed when none was late")
	}

	// Five answers fed the scheduler as mock reviews, once each, and a
	// reload of the results feeds nothing more.
	c.get(base + "/results")
	logs := h.reviewLogs(t, 1)
	if len(logs) != 5 {
		t.Fatalf("%d reviews; want 5, one per answered question", len(logs))
	}
	for i, lg := range logs {
		if lg.Mode != questions.ModeMock {
			t.Errorf("review %d mode %q; want mock", i, lg.Mode)
		}
	}
	cards, _ := h.store.Cards(context.Background(), 1)
	if len(cards) != 5 {
		t.Errorf("%d cards; want 5", len(cards))
	}
	for i, q := range asked {
		found := false
		for _, lg := range logs {
			if lg.QuestionID == q.ID {
				found = true
				if wantGood := i%2 == 0; (lg.Rating == 3) != wantGood {
					t.Errorf("question %d graded %d; right answers are Good, wrong Again", i+1, lg.Rating)
				}
				if strings.Join(lg.Answer, "|") != strings.Join(given[i], "|") {
					t.Errorf("question %d review answer %q; want %q", i+1, lg.Answer, given[i])
				}
			}
		}
		if !found {
			t.Errorf("question %d was not fed to the scheduler", i+1)
		}
	}
	// A finished exam's pages lead to the results.
	if res := c.get(base + "/q/1"); res.status != http.StatusSeeOther || res.location != base+"/results" {
		t.Errorf("question of a finished exam: %d %q; want 303 to the results", res.status, res.location)
	}
}

func TestMock_LateAnswerIsKeptMarkedAndNotScored(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startMock(t, c, url.Values{"length": {"5"}, "minutes": {"10"}})
	first := c.get(path)
	q1 := question(t, h, first)
	if res := c.post(path, path, answerForm(first, q1, q1.Answer)); res.status != http.StatusSeeOther {
		t.Fatalf("on-time answer: %d", res.status)
	}
	second := c.get(res2(path))
	q2 := question(t, h, second)

	// The page was open when the time ran out; the answer comes in late.
	if err := h.store.SetMockDeadline(context.Background(), id, time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	res := c.post("/mock", res2(path), answerForm(second, q2, q2.Answer))
	if res.status != http.StatusSeeOther {
		t.Fatalf("late answer: %d; want 303 (kept, not refused)\n%.300s", res.status, res.body)
	}
	e := h.mockExam(t, 1, id)
	if a := e.Items[1].Answer; a == nil || !a.Late || !a.Correct {
		t.Fatalf("late answer stored as %+v; want kept, right and late", a)
	}
	if e.Finished() {
		t.Fatal("the late answer finished the exam; only opening it should")
	}
	// Opening the exam after the deadline finishes it.
	if next := c.get(res.location); next.status != http.StatusSeeOther || !strings.HasSuffix(next.location, "/results") {
		t.Fatalf("opening an expired exam: %d %q; want 303 to the results", next.status, next.location)
	}
	results := c.get("/mock/" + strconv.FormatInt(id, 10) + "/results")
	if got := results.doc.Find(`[data-testid="score"]`).Text(); !strings.Contains(got, "1 out of 5") {
		t.Errorf("score %q; want 1 out of 5: the late answer does not count", got)
	}
	late := results.doc.Find(`[data-testid="late"]`)
	if !strings.Contains(late.Text(), "do not count") || late.Find("li").Length() != 1 || !strings.Contains(late.Find("li").Text(), "Question 2") {
		t.Errorf("late section %q; want question 2 listed as not counting", late.Text())
	}
	// The late answer still feeds the scheduler: it is a real recall.
	if logs := h.reviewLogs(t, 1); len(logs) != 2 {
		t.Errorf("%d reviews; want 2 (the on-time and the late answer)", len(logs))
	}
	// And now answers are closed.
	third := answerForm(second, q2, q2.Answer)
	if res := c.post("/mock", res2(path), third); res.status != http.StatusConflict {
		t.Errorf("answer after the exam closed: %d; want 409", res.status)
	}
}

// res2 is the second question's path, given the first's.
func res2(first string) string { return strings.TrimSuffix(first, "/q/1") + "/q/2" }

func TestMock_AnswerAfterFinishIs409AndWritesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startMock(t, c, url.Values{"length": {"5"}, "minutes": {"30"}})
	page := c.get(path)
	q := question(t, h, page)
	c.post(path, path, answerForm(page, q, q.Answer))
	base := "/mock/" + strconv.FormatInt(id, 10)
	if res := c.post(base, base+"/finish", url.Values{}); res.status != http.StatusSeeOther {
		t.Fatalf("finish: %d", res.status)
	}
	answers, reviews := h.rows(t, `SELECT count(*) FROM mock_answers`), len(h.reviewLogs(t, 1))
	for _, p := range []string{path, res2(path)} {
		res := c.post("/mock", p, answerForm(page, q, wrongAnswer(q)))
		if res.status != http.StatusConflict {
			t.Errorf("POST %s after finishing: %d; want 409", p, res.status)
		}
		if href, _ := res.doc.Find(`[data-testid="results-link"]`).Attr("href"); href != base+"/results" {
			t.Errorf("409 page links to %q; want the results", href)
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM mock_answers`); n != answers {
		t.Errorf("%d answers stored; want still %d", n, answers)
	}
	if n := len(h.reviewLogs(t, 1)); n != reviews {
		t.Errorf("%d reviews; want still %d", n, reviews)
	}
	if a := h.mockExam(t, 1, id).Items[0].Answer; a == nil || !a.Correct {
		t.Errorf("first answer now %+v; want the right answer given before finishing", a)
	}
}

func TestMock_InvalidSetupIs400AndWritesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	for name, tc := range map[string]struct {
		form  url.Values
		field string
	}{
		"too few questions":  {url.Values{"length": {"4"}, "minutes": {"30"}}, "length"},
		"too many questions": {url.Values{"length": {"101"}, "minutes": {"30"}}, "length"},
		"length not a whole": {url.Values{"length": {"ten"}, "minutes": {"30"}}, "length"},
		"no length":          {url.Values{"minutes": {"30"}}, "length"},
		"too little time":    {url.Values{"length": {"25"}, "minutes": {"4"}}, "minutes"},
		"too much time":      {url.Values{"length": {"25"}, "minutes": {"181"}}, "minutes"},
		"minutes not a num":  {url.Values{"length": {"25"}, "minutes": {"1e3"}}, "minutes"},
		"unknown era":        {url.Values{"length": {"25"}, "minutes": {"30"}, "era": {"mughal"}}, "eras"},
	} {
		res := postMockSetup(t, c, tc.form)
		if res.status != http.StatusBadRequest {
			t.Errorf("%s: status %d; want 400", name, res.status)
			continue
		}
		if msg := res.doc.Find(`[data-testid="` + tc.field + `-error"]`).Text(); msg == "" {
			t.Errorf("%s: no message beside the %s field", name, tc.field)
		}
		if v, _ := res.doc.Find(`input[name="length"]`).Attr("value"); v != tc.form.Get("length") {
			t.Errorf("%s: length shown back as %q; want what was typed, %q", name, v, tc.form.Get("length"))
		}
	}
	if res := postMockSetup(t, c, url.Values{"length": {"25"}, "minutes": {"30"}, "form_key": {strings.Repeat("k", 65)}}); res.status != http.StatusBadRequest {
		t.Errorf("overlong form key: %d; want 400", res.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM mock_exams`); n != 0 {
		t.Errorf("%d exams written; want none", n)
	}
}

func TestMock_AnotherLearnersExamIsNotFound(t *testing.T) {
	h := newHarness(t)
	owner := h.client()
	id, path := startMock(t, owner, url.Values{"length": {"5"}, "minutes": {"30"}})
	page := owner.get(path)
	q := question(t, h, page)
	base := "/mock/" + strconv.FormatInt(id, 10)

	intruder := h.client()
	for _, p := range []string{base, path, base + "/results"} {
		if res := intruder.get(p); res.status != http.StatusNotFound {
			t.Errorf("another learner GET %s: %d; want 404", p, res.status)
		}
	}
	for _, p := range []string{path, base + "/finish"} {
		if res := intruder.post("/mock", p, answerForm(page, q, q.Answer)); res.status != http.StatusNotFound {
			t.Errorf("another learner POST %s: %d; want 404", p, res.status)
		}
	}
	e := h.mockExam(t, 1, id)
	if e.Finished() || e.Answered() != 0 {
		t.Errorf("after the intruder, exam finished=%v answered=%d; want untouched", e.Finished(), e.Answered())
	}
	for _, p := range []string{"/mock/999", "/mock/abc", "/mock/999/q/1", "/mock/999/results", base + "/q/0", base + "/q/6", base + "/q/x"} {
		if res := owner.get(p); res.status != http.StatusNotFound {
			t.Errorf("GET %s: %d; want 404", p, res.status)
		}
	}
}

func TestMock_DoubleSubmitStoresOneAnswerAndAChangeKeepsBoth(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	// A double-clicked start button starts one exam.
	form := url.Values{"length": {"5"}, "minutes": {"30"}, "form_key": {"same-key"}}
	id, path := startMock(t, c, form)
	if again, _ := startMock(t, c, url.Values{"length": {"5"}, "minutes": {"30"}, "form_key": {"same-key"}}); again != id {
		t.Errorf("the same setup form started exams %d and %d; want one", id, again)
	}
	page := c.get(path)
	q := question(t, h, page)
	token, _ := page.doc.Find(`input[name="_csrf"]`).Attr("value")
	answer := answerForm(page, q, q.Answer)
	answer.Set("_csrf", token)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if res := c.do(http.MethodPost, path, answer); res.status != http.StatusSeeOther {
				t.Errorf("submit: %d; want 303", res.status)
			}
		}()
	}
	wg.Wait()
	if n := h.rows(t, `SELECT count(*) FROM mock_answers WHERE exam_id = ?`, id); n != 1 {
		t.Fatalf("%d answers stored; want 1", n)
	}
	// Changing the answer before finishing: the latest counts, the first is kept.
	wrong := answerForm(page, q, wrongAnswer(q))
	if res := c.post(path, path, wrong); res.status != http.StatusSeeOther {
		t.Fatalf("change: %d", res.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM mock_answers WHERE exam_id = ?`, id); n != 2 {
		t.Errorf("%d answers stored after a change; want 2", n)
	}
	if a := h.mockExam(t, 1, id).Items[0].Answer; a == nil || a.Correct {
		t.Errorf("current answer %+v; want the changed, wrong one", a)
	}
	// A problem the learner can fix is shown beside the question; nothing is written.
	empty := answerForm(page, q, q.Answer)
	empty.Del("answer")
	if empty.Has("position") {
		empty["position"] = make([]string, len(empty["position"]))
	}
	res := c.post(path, path, empty)
	if res.status != http.StatusBadRequest || res.doc.Find(`[data-testid="form-error"]`).Text() == "" {
		t.Errorf("empty answer: %d; want 400 with a message", res.status)
	}
	if res := c.post(path, path, url.Values{"question_id": {"no-such-question"}, "answer": {"x"}}); res.status != http.StatusBadRequest {
		t.Errorf("answer for another question: %d; want 400", res.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM mock_answers WHERE exam_id = ?`, id); n != 2 {
		t.Errorf("%d answers stored after bad submits; want 2", n)
	}
}

// flagMock sends a question's flag form as its button would.
func flagMock(c *client, question string, flagged bool) response {
	c.h.t.Helper()
	v := "0"
	if flagged {
		v = "1"
	}
	return c.post(question, question+"/flag", url.Values{"flagged": {v}})
}

// hrefs lists the hrefs of the links under sel.
func hrefs(res response, sel string) []string {
	var out []string
	res.doc.Find(sel).Each(func(_ int, s *goquery.Selection) { out = append(out, s.AttrOr("href", "")) })
	return out
}

func TestMock_FlagForLaterShowsInTheGridAndTheSummary(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, _ := startMock(t, c, url.Values{"length": {"6"}, "minutes": {"30"}})
	base := "/mock/" + strconv.FormatInt(id, 10)
	q := func(n int) string { return base + "/q/" + strconv.Itoa(n) }

	page := c.get(q(2))
	if got := strings.TrimSpace(page.doc.Find(`[data-testid="flag"]`).Text()); got != "Flag for later" {
		t.Errorf("flag button on an unflagged question says %q; want Flag for later", got)
	}
	if a := page.doc.Find(`[data-testid="flag-form"]`).AttrOr("action", ""); a != q(2)+"/flag" {
		t.Errorf("flag form posts to %q; want %s/flag", a, q(2))
	}
	// A double click flags once, and goes back to the same question.
	for range 2 {
		if res := flagMock(c, q(2), true); res.status != http.StatusSeeOther || res.location != q(2) {
			t.Fatalf("flag: %d %q; want 303 back to %s", res.status, res.location, q(2))
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM mock_items WHERE exam_id = ? AND flagged = 1`, id); n != 1 {
		t.Fatalf("%d flagged items; want 1", n)
	}
	page = c.get(q(2))
	if got := strings.TrimSpace(page.doc.Find(`[data-testid="flag"]`).Text()); got != "Remove flag" {
		t.Errorf("flag button on a flagged question says %q; want Remove flag", got)
	}
	if page.doc.Find(`[data-testid="flag-state"]`).Text() == "" {
		t.Error("a flagged question does not say it is flagged")
	}
	flagged := page.doc.Find(`[data-testid="mock-nav"] li[data-flagged]`)
	if flagged.Length() != 1 || !strings.HasPrefix(strings.TrimSpace(flagged.Text()), "2") {
		t.Fatalf("grid marks %d questions flagged (%q); want question 2", flagged.Length(), flagged.Text())
	}
	if flagged.Find(`svg.flag-icon[aria-hidden="true"]`).Length() != 1 || flagged.Find(`.visually-hidden:contains("flagged")`).Length() != 1 {
		t.Error("the flagged question in the grid lacks its icon or its words for a screen reader")
	}
	// Answer questions 1 and 3 and flag question 3 too.
	for _, n := range []int{1, 3} {
		p := c.get(q(n))
		qq := question(t, h, p)
		ans := qq.Answer
		if qq.Kind.Format() != questions.FormatOrder {
			ans = ans[:1]
		}
		if res := c.post(q(n), q(n), answerForm(p, qq, ans)); res.status != http.StatusSeeOther {
			t.Fatalf("answer %d: %d", n, res.status)
		}
	}
	flagMock(c, q(3), true)
	if a := h.mockExam(t, 1, id).Items[2].Answer; a == nil {
		t.Fatal("flagging question 3 lost its answer")
	}

	sum := c.get(base)
	if sum.status != http.StatusOK {
		t.Fatalf("summary: %d", sum.status)
	}
	if got := sum.doc.Find(`[data-testid="answered"]`).Text(); got != "2 of 6 answered" {
		t.Errorf("summary says %q; want 2 of 6 answered", got)
	}
	if got := sum.doc.Find(`[data-testid="count-unanswered"]`).Text(); got != "4" {
		t.Errorf("summary counts %q unanswered; want 4", got)
	}
	if got := sum.doc.Find(`[data-testid="count-flagged"]`).Text(); got != "2" {
		t.Errorf("summary counts %q flagged; want 2", got)
	}
	if got, want := hrefs(sum, `[data-testid="unanswered"] li a`), []string{q(2), q(4), q(5), q(6)}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("unanswered links %v; want %v", got, want)
	}
	if got, want := hrefs(sum, `[data-testid="flagged"] li a`), []string{q(2), q(3)}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("flagged links %v; want %v", got, want)
	}
	if sum.doc.Find(`[data-testid="flagged"] li`).First().Find(`[dir="auto"]`).Text() == "" {
		t.Error("a flagged question on the summary does not show its prompt")
	}
	if got := hrefs(sum, `[data-testid="back"]`); len(got) != 1 || got[0] != q(2) {
		t.Errorf("back link %v; want the first question still to see to, %s", got, q(2))
	}
	if sum.doc.Find(`[data-testid="mock-nav"] li[data-flagged]`).Length() != 2 {
		t.Error("the summary's grid does not mark the two flagged questions")
	}

	// Removing the flag, twice, leaves question 3 alone flagged.
	for range 2 {
		if res := flagMock(c, q(2), false); res.status != http.StatusSeeOther {
			t.Fatalf("remove flag: %d", res.status)
		}
	}
	sum = c.get(base)
	if got := hrefs(sum, `[data-testid="flagged"] li a`); len(got) != 1 || got[0] != q(3) {
		t.Errorf("flagged links after removing 2's flag: %v; want only %s", got, q(3))
	}
}

func TestMock_FlagRefusesBadFormsOtherLearnersAndFinishedExams(t *testing.T) {
	h := newHarness(t)
	owner := h.client()
	id, path := startMock(t, owner, url.Values{"length": {"5"}, "minutes": {"30"}})
	base := "/mock/" + strconv.FormatInt(id, 10)
	flags := func() int { return h.rows(t, `SELECT count(*) FROM mock_items WHERE exam_id = ? AND flagged = 1`, id) }

	if res := owner.do(http.MethodPost, path+"/flag", url.Values{"flagged": {"1"}}); res.status != http.StatusForbidden {
		t.Errorf("flag without the CSRF token: %d; want 403", res.status)
	}
	for _, v := range []string{"", "yes", "2"} {
		if res := owner.post(path, path+"/flag", url.Values{"flagged": {v}}); res.status != http.StatusBadRequest {
			t.Errorf("flagged=%q: %d; want 400", v, res.status)
		}
	}
	intruder := h.client()
	intruder.get("/")
	for _, p := range []string{path + "/flag", base + "/q/2/flag"} {
		if res := intruder.post("/mock", p, url.Values{"flagged": {"1"}}); res.status != http.StatusNotFound {
			t.Errorf("another learner flagging %s: %d; want 404", p, res.status)
		}
	}
	for _, p := range []string{base + "/q/6/flag", base + "/q/0/flag", "/mock/999/q/1/flag"} {
		if res := owner.post(path, p, url.Values{"flagged": {"1"}}); res.status != http.StatusNotFound {
			t.Errorf("POST %s: %d; want 404", p, res.status)
		}
	}
	if n := flags(); n != 0 {
		t.Fatalf("%d flags after refused forms; want none", n)
	}
	if res := owner.post(base, base+"/finish", url.Values{}); res.status != http.StatusSeeOther {
		t.Fatalf("submit: %d", res.status)
	}
	if res := owner.post("/mock", path+"/flag", url.Values{"flagged": {"1"}}); res.status != http.StatusConflict {
		t.Errorf("flagging a submitted exam: %d; want 409", res.status)
	}
	if n := flags(); n != 0 {
		t.Errorf("%d flags on a submitted exam; want none", n)
	}
}

func TestMock_FinishLeadsToTheSummaryWhereASecondSubmitChangesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startMock(t, c, url.Values{"length": {"5"}, "minutes": {"30"}})
	base := "/mock/" + strconv.FormatInt(id, 10)
	page := c.get(path)
	if page.doc.Find(`header nav a[href="/mock"][aria-current="page"]`).Length() != 1 {
		t.Error("the exam's question page does not mark Mock exam in the site's navigation")
	}
	finish := page.doc.Find(`[data-testid="finish"]`)
	if goquery.NodeName(finish) != "a" || finish.AttrOr("href", "") != base {
		t.Errorf("Finish exam on a question is <%s href=%q>; want a link to the summary %s", goquery.NodeName(finish), finish.AttrOr("href", ""), base)
	}
	if page.doc.Find(`form[action$="/finish"]`).Length() != 0 {
		t.Error("a question page submits the exam itself; only the summary should")
	}
	q := question(t, h, page)
	ans := q.Answer
	if q.Kind.Format() != questions.FormatOrder {
		ans = ans[:1]
	}
	c.post(path, path, answerForm(page, q, ans))

	sum := c.get(base)
	form := sum.doc.Find(`form[data-testid="submit-form"]`)
	if form.AttrOr("action", "") != base+"/finish" || form.AttrOr("method", "") != "post" {
		t.Fatalf("summary's submit form: %q %q; want POST %s/finish", form.AttrOr("method", ""), form.AttrOr("action", ""), base)
	}
	if got := strings.TrimSpace(form.Find(`[data-testid="submit-exam"]`).Text()); got != "Submit exam" {
		t.Errorf("submit button says %q; want Submit exam", got)
	}
	if !strings.Contains(form.Text(), "4 questions are not answered") {
		t.Errorf("the submit form does not warn of the 4 unanswered questions: %q", form.Text())
	}
	if h.mockExam(t, 1, id).Finished() {
		t.Fatal("opening the summary submitted the exam")
	}
	token := form.Find(`input[name="_csrf"]`).AttrOr("value", "")
	res := c.do(http.MethodPost, base+"/finish", url.Values{"_csrf": {token}})
	if res.status != http.StatusSeeOther || res.location != base+"/results" {
		t.Fatalf("submit: %d %q; want 303 to the results", res.status, res.location)
	}
	e := h.mockExam(t, 1, id)
	reviews := len(h.reviewLogs(t, 1))
	// A retried submit (the same form sent again) lands on the same results
	// and changes nothing.
	if again := c.do(http.MethodPost, base+"/finish", url.Values{"_csrf": {token}}); again.status != http.StatusSeeOther || again.location != base+"/results" {
		t.Errorf("second submit: %d %q; want 303 to the results", again.status, again.location)
	}
	if after := h.mockExam(t, 1, id); !after.FinishedAt.Equal(e.FinishedAt) || after.Score != e.Score {
		t.Errorf("second submit moved the exam from %v/%v to %v/%v", e.FinishedAt, e.Score, after.FinishedAt, after.Score)
	}
	if n := len(h.reviewLogs(t, 1)); n != reviews || n != 1 {
		t.Errorf("%d reviews after a second submit; want still %d, one per answer", n, reviews)
	}
	if res := c.get(base); res.status != http.StatusSeeOther || res.location != base+"/results" {
		t.Errorf("summary of a submitted exam: %d %q; want 303 to the results", res.status, res.location)
	}
}

func TestMock_TimeLeftIsOnEveryPageWithoutJavaScriptAndWarnsNearTheEnd(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	id, path := startMock(t, c, url.Values{"length": {"5"}, "minutes": {"30"}})
	base := "/mock/" + strconv.FormatInt(id, 10)
	for _, p := range []string{path, base} {
		page := c.get(p)
		if got := page.doc.Find(`[data-testid="time-left"]`).Text(); got != "30 min left" && got != "29 min left" {
			t.Errorf("%s: time left %q; want 30 or 29 min left", p, got)
		}
		clk := page.doc.Find(`[data-mock-clock]`)
		if ms, _ := strconv.ParseInt(clk.AttrOr("data-remaining-ms", ""), 10, 64); ms <= 29*60*1000 || ms > 30*60*1000 {
			t.Errorf("%s: the script is told %d ms are left; want just under 30 minutes", p, ms)
		}
		if u := clk.AttrOr("data-end-url", ""); u != base+"/results" {
			t.Errorf("%s: at zero the script goes to %q; want the results", p, u)
		}
		if w := page.doc.Find(`[data-testid="time-warning"]`); w.Length() != 1 || w.Text() != "" || w.AttrOr("aria-live", "") == "" {
			t.Errorf("%s: warning region %q (%d, aria-live %q); want one empty live region with 30 minutes left", p, w.Text(), w.Length(), w.AttrOr("aria-live", ""))
		}
		var at []string
		page.doc.Find(`[data-mock-warnings] [data-at]`).Each(func(_ int, s *goquery.Selection) { at = append(at, s.AttrOr("data-at", "")) })
		if strings.Join(at, " ") != "300 60 0" {
			t.Errorf("%s: the script warns at %v seconds; want 300, 60 and time up at 0", p, at)
		}
	}
	e := h.mockExam(t, 1, id)
	karachi, _ := time.LoadLocation("Asia/Karachi")
	if got, want := c.get(base).doc.Find(`[data-testid="ends"]`).Text(), e.Deadline.In(karachi).Format("15:04")+" PKT"; !strings.HasSuffix(got, want) {
		t.Errorf("summary says %q; want the end at %s, in the learner's zone", got, want)
	}
	started := c.get("/mock").doc.Find(`[data-testid="mock-exams"] [data-testid="exam-started"]`).First().Text()
	if want := e.StartedAt.In(karachi).Format("2 Jan 2006 15:04") + " PKT"; started != want {
		t.Errorf("the setup page says the exam started %q; want %q, in the learner's zone", started, want)
	}

	for _, tc := range []struct {
		left           time.Duration
		timeLeft, warn string
	}{
		{4*time.Minute + 30*time.Second, "5 min left", "Less than 5 minutes left"},
		{30 * time.Second, "Less than a minute left", "Less than 1 minute left"},
	} {
		if err := h.store.SetMockDeadline(context.Background(), id, time.Now().Add(tc.left)); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, base} {
			page := c.get(p)
			if got := page.doc.Find(`[data-testid="time-left"]`).Text(); got != tc.timeLeft {
				t.Errorf("%v left, %s: time left %q; want %q", tc.left, p, got, tc.timeLeft)
			}
			if got := page.doc.Find(`[data-testid="time-warning"]`).Text(); !strings.HasPrefix(got, tc.warn) {
				t.Errorf("%v left, %s: warning %q; want %q", tc.left, p, got, tc.warn)
			}
		}
	}
}

// TestMock_PartlyRightAnswersEarnTheirShareOfTheMark sits mock exams of a
// teacher's weighted short-answer and numerical items (Moodle's own
// examples): a half-marks answer adds half a mark to the score, and the
// results mark it "◐ Partly right (50%)" with the feedback of the answer
// matched, as practice does.
func TestMock_PartlyRightAnswersEarnTheirShareOfTheMark(t *testing.T) {
	items := []sets.Item{
		{Kind: sets.ShortAnswer, Prompt: "What is a group of cats called?",
			Accepted: []string{"Cat", "Clowder"}, AcceptedWeights: []float64{50, 100},
			AcceptedFeedback: []string{"What is it with Moodlers and cats?", "Right"}, OtherFeedback: "A clowder."},
		{Kind: sets.Numerical, Prompt: "When was Ulysses S. Grant born?",
			Numbers: []sets.NumericAnswer{
				{Value: 1822, Weight: 100, Feedback: "Correct! Full credit."},
				{Value: 1822, Tolerance: 2, Weight: 50, Feedback: "He was born in 1822. Half credit for being close."},
			}, OtherFeedback: "Completely wrong"},
	}
	h := newHarness(t)
	teacher := h.teacher(t, "ms-khan")
	_, qids := storeSet(t, h, accountIDOf(t, h, "ms-khan"), "Partial", items)
	acc, _, err := h.store.AccountByUsername(context.Background(), "ms-khan")
	if err != nil {
		t.Fatal(err)
	}
	halfNotes := []string{"What is it with Moodlers and cats?", "He was born in 1822. Half credit for being close."}
	for _, tc := range []struct {
		name    string
		answers [2]string
		credits [2]float64
		score   string // on the results
		status  string // in the list of exams
	}{
		{"both right", [2]string{"Clowder", "1822"}, [2]float64{1, 1}, "You scored 2 out of 2 (100%).", "Scored 2 out of 2"},
		{"half a cat", [2]string{"cat", "1822"}, [2]float64{0.5, 1}, "You scored 1.5 out of 2 (75%).", "Scored 1.5 out of 2"},
		{"a year out", [2]string{"clowder", "1823"}, [2]float64{1, 0.5}, "You scored 1.5 out of 2 (75%).", "Scored 1.5 out of 2"},
		{"two halves", [2]string{"cat", "1821"}, [2]float64{0.5, 0.5}, "You scored 1 out of 2 (50%).", "Scored 1 out of 2"},
		{"both wrong", [2]string{"dog", "1900"}, [2]float64{0, 0}, "You scored 0 out of 2 (0%).", "Scored 0 out of 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, err := h.store.CreateMockExam(context.Background(), acc.LearnerID, "", questions.MockSetup{Length: 2, Minutes: 30}, 7, qids)
			if err != nil {
				t.Fatal(err)
			}
			base := "/mock/" + strconv.FormatInt(id, 10)
			for i, answer := range tc.answers {
				path := base + "/q/" + strconv.Itoa(i+1)
				q := question(t, h, teacher.get(path))
				if res := teacher.post(path, path, url.Values{"question_id": {q.ID}, "answer": {answer}}); res.status != http.StatusSeeOther {
					t.Fatalf("answer %d: %d\n%.300s", i+1, res.status, res.body)
				}
			}
			if res := teacher.post(base, base+"/finish", url.Values{}); res.status != http.StatusSeeOther {
				t.Fatalf("submit: %d", res.status)
			}
			e := h.mockExam(t, acc.LearnerID, id)
			for i, want := range tc.credits {
				if a := e.Items[i].Answer; a == nil || a.Credit != want || a.Correct != (want == 1) {
					t.Errorf("answer %d stored as %+v; want credit %v, correct only at full marks", i+1, a, want)
				}
			}

			res := teacher.get(base + "/results")
			if res.status != http.StatusOK {
				t.Fatalf("results: %d", res.status)
			}
			if got := strings.Join(strings.Fields(res.doc.Find(`[data-testid="score"]`).Text()), " "); got != tc.score {
				t.Errorf("score %q; want %q", got, tc.score)
			}
			partial := res.doc.Find(`[data-testid="missed-item"]`).FilterFunction(func(_ int, s *goquery.Selection) bool {
				return s.Find(`[data-testid="partial"]`).Length() > 0
			})
			var wantNotes []string
			for i, c := range tc.credits {
				if c == 0.5 {
					wantNotes = append(wantNotes, halfNotes[i])
				}
			}
			if partial.Length() != len(wantNotes) {
				t.Fatalf("%d questions marked partly right; want %d", partial.Length(), len(wantNotes))
			}
			partial.Each(func(i int, s *goquery.Selection) {
				if got := strings.Join(strings.Fields(s.Find(`[data-testid="partial"]`).Text()), " "); got != "◐ Partly right (50%)" {
					t.Errorf("partly right answer marked %q; want ◐ Partly right (50%%)", got)
				}
				if got := s.Find(`[data-testid="option-feedback"]`).Text(); got != wantNotes[i] {
					t.Errorf("partly right answer's feedback %q; want %q", got, wantNotes[i])
				}
			})
			if n := res.doc.Find(`[data-testid="right-item"] [data-testid="partial"]`).Length(); n != 0 {
				t.Errorf("%d partly right answers listed as answered right", n)
			}
			row := teacher.get("/mock").doc.Find(`[data-testid="mock-exams"] li`).FilterFunction(func(_ int, s *goquery.Selection) bool {
				return s.Find(`a[href="`+base+`/results"]`).Length() == 1
			})
			if got := row.Text(); !strings.Contains(got, tc.status) {
				t.Errorf("the exam's row in the list reads %q; want %q", strings.Join(strings.Fields(got), " "), tc.status)
			}
		})
	}
}
