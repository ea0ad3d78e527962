package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"sabaq/questions"
)

// countIDs are the learner's counts, by data-testid, as every page shows them.
var countIDs = []string{"count-due-now", "count-due-today", "count-learning", "count-new", "count-studied", "count-reviewed-today"}

// pageCounts reads the counts a page shows, by data-testid.
func pageCounts(t *testing.T, res response) map[string]string {
	t.Helper()
	if res.status != http.StatusOK {
		t.Fatalf("page: %d\n%.300s", res.status, res.body)
	}
	out := map[string]string{}
	for _, id := range countIDs {
		s := res.doc.Find(`[data-testid="counts"] [data-testid="` + id + `"]`)
		if s.Length() != 1 {
			t.Fatalf("the page shows %d %s; want one\n%.500s", s.Length(), id, res.body)
		}
		out[id] = strings.TrimSpace(s.Text())
	}
	return out
}

// practiseTimeline answers a practice of n timeline questions, right and
// wrong in turn, and returns how many it answered right.
func practiseTimeline(t *testing.T, h *harness, c *client, n int) int {
	t.Helper()
	path := startSession(t, c, url.Values{"length": {strconv.Itoa(n)}, "kind": {"year", "which-event", "true-false"}})
	right := 0
	for i := range n {
		page := c.get(path)
		q := question(t, h, page)
		answer := q.Answer[:1]
		if i%2 == 1 {
			answer = wrongAnswer(q)
		} else {
			right++
		}
		if res := c.post(path, path, answerForm(page, q, answer)); res.status != http.StatusSeeOther {
			t.Fatalf("practice answer %d: %d", i+1, res.status)
		}
		path = c.get(path).doc.Find(`[data-testid="next"]`).AttrOr("href", "")
	}
	return right
}

// One learner, one picture: a student practises (right and wrong), reviews
// (Again and Good), takes a mock exam and answers the assigned set, and
// home, /review, /progress, her class page and her teacher's roster show
// the same counts.
func TestLedger_EveryPageShowsTheSameCounts(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	h := cr.h
	amna := cr.student(t, "amna")
	learnerID := func() int64 {
		acc, _, err := h.store.AccountByUsername(context.Background(), "amna")
		if err != nil {
			t.Fatal(err)
		}
		return acc.LearnerID
	}()
	if got := amna.get("/").doc.Find(`[data-testid="no-answers"]`).Length(); got != 1 {
		t.Error("a new student's home does not say she has answered nothing yet")
	}

	// Practice: four timeline questions, two right and two wrong.
	practiseTimeline(t, h, amna, 4)
	if home := amna.get("/"); home.doc.Find(`[data-testid="no-answers"]`).Length() != 0 ||
		!strings.Contains(home.doc.Find(`[data-testid="activity"]`).Text(), "4 practice answers") {
		t.Errorf("after practising, home says %q", strings.Join(strings.Fields(home.doc.Find(`[data-testid="home-progress"]`).Text()), " "))
	}
	// Reviews: Again, then Good.
	for _, rating := range []string{"1", "3"} {
		card, _ := currentCard(t, amna)
		v := "0"
		if q := question2(t, h, card); q.ID != "" {
			if stored, err := h.store.Card(context.Background(), learnerID, q.ID); err == nil {
				v = strconv.FormatInt(stored.Version, 10)
			}
		}
		if res := amna.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {rating}, "version": {v}}); res.status != http.StatusSeeOther {
			t.Fatalf("grade %s: %d", rating, res.status)
		}
	}
	// A mock exam of five, two answered (one right), then finished.
	id, path := startMock(t, amna, url.Values{"length": {"5"}, "minutes": {"30"}})
	for i := range 2 {
		page := amna.get(path)
		q := question(t, h, page)
		answer := q.Answer[:1]
		if q.Kind.Format() == questions.FormatOrder {
			answer = q.Answer
		}
		if i == 1 {
			answer = wrongAnswer(q)
		}
		res := amna.post(path, path, answerForm(page, q, answer))
		if res.status != http.StatusSeeOther {
			t.Fatalf("mock answer %d: %d", i+1, res.status)
		}
		path = res.location
	}
	mock := "/mock/" + idStr(id)
	if res := amna.post(mock, mock+"/finish", url.Values{}); res.status != http.StatusSeeOther {
		t.Fatalf("finish the mock: %d", res.status)
	}
	// The assigned set, answered in practice: two right, one wrong.
	cr.practise(t, amna, map[questions.Kind]string{questions.KindMultipleChoice: "Kosygin",
		questions.KindTrueFalse: questions.OptionFalse, questions.KindShortAnswer: "Tashkent"})

	// The ledger: every answer is one review, by where it was given.
	for mode, want := range map[string]int{"practice": 7, "flashcard": 2, "mock": 2} {
		if n := h.rows(t, `SELECT count(*) FROM review_logs WHERE learner_id = ? AND mode = ? AND undone_at IS NULL`, learnerID, mode); n != want {
			t.Errorf("%d %s reviews; want %d", n, mode, want)
		}
	}

	// Every page, read together; read again if a card came due in between.
	var pages map[string]map[string]string
	var roster map[string]string
	var studied map[string]string
	for range 3 {
		pages = map[string]map[string]string{
			"home":       pageCounts(t, amna.get("/")),
			"review":     pageCounts(t, amna.get("/review")),
			"progress":   pageCounts(t, amna.get("/progress")),
			"class page": pageCounts(t, amna.get("/classes/"+idStr(cr.classID))),
		}
		dash := cr.teacher.get(cr.url + "/dashboard")
		row := dash.doc.Find(`[data-testid="roster-row"]`)
		if row.Length() != 1 {
			t.Fatalf("roster rows: %d; want amna's", row.Length())
		}
		roster = map[string]string{}
		for id, col := range map[string]string{"count-studied": "cards", "count-due-now": "due-now",
			"count-due-today": "due-today", "count-reviewed-today": "reviewed-today"} {
			roster[id] = strings.TrimSpace(row.Find(`[data-testid="` + col + `"]`).Text())
		}
		home, class := amna.get("/"), amna.get("/classes/"+idStr(cr.classID))
		studied = map[string]string{
			"home":       home.doc.Find(`[data-testid="home-assignment"] [data-testid="studied"]`).Text(),
			"class page": class.doc.Find(`[data-testid="class-assignment"] [data-testid="studied"]`).Text(),
			"roster":     strings.TrimSpace(row.Find(`[data-testid="assigned"]`).Text()),
		}
		if same(pages, roster) {
			break
		}
	}
	t.Logf("counts on every page: %v; roster %v; assigned %v", pages["home"], roster, studied)
	if !same(pages, roster) {
		t.Fatalf("the pages disagree:\n%v\nroster %v", pages, roster)
	}
	if studied["home"] != "3 of 3 questions studied" || studied["class page"] != studied["home"] || studied["roster"] != "3 / 3" {
		t.Errorf("assigned studied: %v; want 3 of 3 everywhere", studied)
	}

	// The figures themselves, against the ledger.
	c := pages["home"]
	reviewed, _ := strconv.Atoi(c["count-reviewed-today"])
	if reviewed != 11 {
		t.Errorf("reviewed today %d; want 11 (7 practice answers, 2 reviews, 2 mock answers)", reviewed)
	}
	studiedN, _ := strconv.Atoi(c["count-studied"])
	newN, _ := strconv.Atoi(c["count-new"])
	learning, _ := strconv.Atoi(c["count-learning"])
	if distinct := h.rows(t, `SELECT count(DISTINCT question_id) FROM review_logs WHERE learner_id = ?`, learnerID); studiedN != distinct {
		t.Errorf("studied %d; the ledger has %d questions", studiedN, distinct)
	}
	if deck := len(h.bank.Questions) + len(tashkentItems); studiedN+newN != deck {
		t.Errorf("studied %d + new %d; want the deck, %d", studiedN, newN, deck)
	}
	if cards := h.rows(t, `SELECT count(*) FROM cards WHERE learner_id = ? AND state IN (1, 3)`, learnerID); learning != cards || learning == 0 {
		t.Errorf("learning %d; the learner has %d cards in learning or relearning", learning, cards)
	}
	home := amna.get("/")
	if home.doc.Find(`[data-testid="no-answers"]`).Length() != 0 {
		t.Error("home says she has answered nothing")
	}
	if got := strings.Join(strings.Fields(home.doc.Find(`[data-testid="activity"]`).Text()), " "); !strings.Contains(got, "7 practice answers") ||
		!strings.Contains(got, "2 reviews") || !strings.Contains(got, "2 mock exam answers") {
		t.Errorf("home's progress card says %q; want 7 practice answers, 2 reviews, 2 mock exam answers", got)
	}
}

// same reports whether every page shows the same counts, and the roster
// the same as they do.
func same(pages map[string]map[string]string, roster map[string]string) bool {
	var first map[string]string
	for _, p := range pages {
		if first == nil {
			first = p
		}
		for k, v := range p {
			if first[k] != v {
				return false
			}
		}
	}
	for k, v := range roster {
		if first[k] != v {
			return false
		}
	}
	return true
}

// A practice answer is one review of its card, however often it is sent,
// and none when the learner says practice does not count.
func TestPractice_AnAnswerIsOneReviewUnlessPracticeDoesNotCount(t *testing.T) {
	for _, tc := range []struct {
		name    string
		counts  bool
		submits int
		want    int
	}{
		{"one answer, one review", true, 1, 1},
		{"a double submit, still one", true, 5, 1},
		{"practice does not count: none", false, 2, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			c := h.client()
			path := startSession(t, c, url.Values{"length": {"1"}, "kind": {"year"}})
			if !tc.counts {
				rs := questions.DefaultReviewSettings()
				rs.PracticeCounts = false
				if err := h.store.SaveReviewSettings(context.Background(), 1, rs); err != nil {
					t.Fatal(err)
				}
			}
			page := c.get(path)
			q := question(t, h, page)
			form := answerForm(page, q, wrongAnswer(q))
			form.Set("_csrf", page.doc.Find(`input[name="_csrf"]`).AttrOr("value", ""))
			var wg sync.WaitGroup
			for range tc.submits {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if res := c.do(http.MethodPost, path, form); res.status != http.StatusSeeOther {
						t.Errorf("submit: %d", res.status)
					}
				}()
			}
			wg.Wait()
			logs := h.reviewLogs(t, 1)
			if len(logs) != tc.want {
				t.Fatalf("%d reviews; want %d", len(logs), tc.want)
			}
			if tc.want == 1 && (logs[0].Mode != questions.ModePractice || logs[0].Rating != 1 || logs[0].QuestionID != q.ID) {
				t.Errorf("review %+v; want Again in practice mode of %s", logs[0], q.ID)
			}
			if n := h.rows(t, `SELECT count(*) FROM attempts`); n != 1 {
				t.Errorf("%d attempts; want 1", n)
			}
			// The practice shows on the review page's counts, or not at all.
			counts := pageCounts(t, c.get("/review"))
			if want := strconv.Itoa(tc.want); counts["count-reviewed-today"] != want || counts["count-studied"] != want {
				t.Errorf("review page counts %v; want %s studied and reviewed today", counts, want)
			}
		})
	}
}

// A class's page for its students: a member sees it with her counts; anyone
// else gets 404, and a visitor the log-in.
func TestStudentClass_OnlyForItsMembers(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	amna := cr.student(t, "amna")
	path := "/classes/" + idStr(cr.classID)
	home := amna.get("/")
	if got := home.doc.Find(`[data-testid="home-class-names"] a`).AttrOr("href", ""); got != path {
		t.Errorf("home links the class to %q; want %s", got, path)
	}
	res := amna.get(path)
	if res.status != http.StatusOK || strings.TrimSpace(res.doc.Find(`[data-testid="class-name"]`).Text()) != "Year 9 History" ||
		res.doc.Find(`[data-testid="class-assignment"] [data-testid="studied"]`).Text() != "0 of 3 questions studied" {
		t.Fatalf("class page: %d\n%.500s", res.status, res.body)
	}
	pageCounts(t, res)
	other := cr.h.client()
	signup(t, other, "dawood", "a long password")
	for name, c := range map[string]*client{"another student": other, "the teacher": cr.teacher} {
		if res := c.get(path); res.status != http.StatusNotFound {
			t.Errorf("%s: %d; want 404", name, res.status)
		}
	}
	for _, p := range []string{"/classes/999", "/classes/x", "/classes/-1"} {
		if res := amna.get(p); res.status != http.StatusNotFound {
			t.Errorf("%s: %d; want 404", p, res.status)
		}
	}
	if res := cr.h.client().get(path); res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/login") {
		t.Errorf("a visitor: %d %q; want the log-in", res.status, res.location)
	}
}
