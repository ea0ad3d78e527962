package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sabaq/questions"
)

// adminTeacher makes a teacher as `sabaq user add --role teacher` does (an
// admin) and logs them in.
func (h *harness) adminTeacher(t *testing.T, name string) *client {
	t.Helper()
	hash, _ := questions.HashPassword("teacher-password")
	if _, err := h.store.CreateAdmin(context.Background(), questions.NewAccount{Username: name, PasswordHash: hash, Role: questions.Teacher}); err != nil {
		t.Fatal(err)
	}
	c := h.client()
	if res := login(t, c, name, "teacher-password"); res.status != http.StatusSeeOther {
		t.Fatalf("admin log-in: %d", res.status)
	}
	return c
}

func reportPath(qid string) string { return "/report/" + url.PathEscape(qid) }

func queuePath(qid string) string { return "/reports/" + url.PathEscape(qid) }

// sendReport reports a question through its form, as a browser would.
func sendReport(t *testing.T, c *client, qid string, form url.Values) response {
	t.Helper()
	return c.post(reportPath(qid), reportPath(qid), form)
}

// practisedFeedback answers one question of a new practice session and
// returns the feedback page, the question and the page's path.
func practisedFeedback(t *testing.T, h *harness, c *client, form url.Values) (response, questions.Question, string) {
	t.Helper()
	path := startSession(t, c, form)
	page := c.get(path)
	q := question(t, h, page)
	if res := c.post(path, path, answerForm(page, q, q.Answer)); res.status != http.StatusSeeOther {
		t.Fatalf("answer: %d", res.status)
	}
	return c.get(path), q, path
}

func (h *harness) reportRows(t *testing.T, qid string) int {
	t.Helper()
	return h.rows(t, `SELECT count(*) FROM question_reports WHERE question_id = ?`, qid)
}

func TestReport_FromPracticeFeedbackAsAnonymousLearnerAndStudent(t *testing.T) {
	h := newHarness(t)
	anon := h.client()
	feedback, q, path := practisedFeedback(t, h, anon, url.Values{"length": {"1"}, "kind": {"year"}})
	link := feedback.doc.Find(`[data-testid="feedback"] [data-testid="report-link"]`).AttrOr("href", "")
	if want := reportPath(q.ID) + "?next=" + url.QueryEscape(path); link != want {
		t.Fatalf("the feedback's report link is %q; want %q", link, want)
	}
	form := anon.get(link)
	if form.status != http.StatusOK || form.doc.Find(`[data-testid="prompt"]`).Text() != q.Prompt {
		t.Fatalf("report form: %d, prompt %q; want the question", form.status, form.doc.Find(`[data-testid="prompt"]`).Text())
	}
	if got := form.doc.Find(`input[name="next"]`).AttrOr("value", ""); got != path {
		t.Errorf("the form returns to %q; want %q", got, path)
	}
	if n := form.doc.Find(`fieldset legend`).Length(); n != 1 || form.doc.Find(`fieldset input[type="radio"][name="reason"]`).Length() != 4 {
		t.Errorf("the reasons are not four radios in a fieldset with a legend")
	}
	if form.doc.Find(`label[for="comment"]`).Length() != 1 || form.doc.Find(`textarea#comment[maxlength="1000"]`).Length() != 1 {
		t.Error("the comment has no label or no limit")
	}

	res := anon.post(link, reportPath(q.ID), url.Values{"reason": {"unclear"}, "comment": {"Which calendar?"}, "next": {path}})
	if res.status != http.StatusSeeOther || res.location != path+"?reported=1" {
		t.Fatalf("report: %d %q; want 303 back to %s with the thanks", res.status, res.location, path)
	}
	back := anon.get(res.location)
	if got := back.doc.Find(`[data-testid="notice"]`).Text(); got != "Thanks: a teacher will look at it." {
		t.Errorf("back on the feedback the notice is %q", got)
	}
	if strings.Contains(back.doc.Find(`[data-testid="report-link"]`).AttrOr("href", ""), "reported") {
		t.Error("the report link carries the thanks flag on")
	}
	if n := h.rows(t, `SELECT count(*) FROM question_reports WHERE question_id = ? AND reason = 'unclear' AND comment = 'Which calendar?'`, q.ID); n != 1 {
		t.Fatalf("%d reports stored; want the one", n)
	}

	// Reporting again shows the earlier report and replaces it.
	again := anon.get(link)
	if again.doc.Find(`[data-testid="reported-before"]`).Length() != 1 || again.doc.Find(`input[value="unclear"]`).AttrOr("checked", "no") == "no" {
		t.Error("the form does not show the learner's earlier report")
	}
	if res := sendReport(t, anon, q.ID, url.Values{"reason": {"wrong-answer"}, "next": {path}}); res.status != http.StatusSeeOther {
		t.Fatalf("second report: %d", res.status)
	}
	if n, m := h.reportRows(t, q.ID), h.rows(t, `SELECT count(*) FROM question_reports WHERE reason = 'wrong-answer' AND comment = ''`); n != 1 || m != 1 {
		t.Errorf("after reporting twice: %d rows, %d replaced; want one report, replaced", n, m)
	}

	// A student (a logged-in learner) reports it too: a second learner.
	student := h.client()
	signup(t, student, "amna", "a long password")
	if res := sendReport(t, student, q.ID, url.Values{"reason": {"two-right"}, "next": {"/"}}); res.status != http.StatusSeeOther || res.location != "/?reported=1" {
		t.Fatalf("student's report: %d %q", res.status, res.location)
	}
	if n := h.reportRows(t, q.ID); n != 2 {
		t.Errorf("%d reports; want one from each learner", n)
	}
	// next never leaves Sabaq.
	for _, next := range []string{"https://evil.example/", "//evil.example/x", "/\\evil.example"} {
		res := sendReport(t, student, q.ID, url.Values{"reason": {"unclear"}, "next": {next}})
		if u := browserLocation(t, res.location); res.status != http.StatusSeeOther || u.Host != "sabaq.example" {
			t.Errorf("next %q: %d to %q", next, res.status, res.location)
		}
	}
}

func TestReport_LinkOnTheReviewCardAndEveryMockResult(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	card, _ := currentCard(t, c)
	back := c.get(card + "?reveal=1")
	qid, _ := url.PathUnescape(strings.TrimPrefix(card, "/review/card/"))
	link := back.doc.Find(`[data-testid="back"] [data-testid="report-link"]`).AttrOr("href", "")
	if want := reportPath(qid) + "?next=" + url.QueryEscape(card+"?reveal=1"); link != want {
		t.Errorf("the flashcard's back links to %q; want %q", link, want)
	}
	if front := c.get(card); front.doc.Find(`[data-testid="report-link"]`).Length() != 0 {
		t.Error("the front of a card, before the answer, links to the report form")
	}
	// A quiz answer's feedback.
	quiz := c.get(card + "?mode=quiz")
	res := c.do(http.MethodPost, card+"/answer", with(c.token(), fillAnswer(quiz, "Tashkent")))
	if !strings.HasPrefix(res.location, "/review/log/") {
		t.Fatalf("quiz answer: %d %q", res.status, res.location)
	}
	logPage := c.get(res.location)
	if got := logPage.doc.Find(`[data-testid="report-link"]`).AttrOr("href", ""); got != reportPath(qid)+"?next="+url.QueryEscape(res.location) {
		t.Errorf("the quiz feedback links to %q", got)
	}

	// A mock exam's results: every question, right or not, has its link.
	_, first := startMock(t, c, url.Values{"length": {"5"}, "minutes": {"10"}})
	page := c.get(first)
	q := question(t, h, page)
	c.post(first, first, answerForm(page, q, q.Answer))
	exam := strings.TrimSuffix(first, "/q/1")
	if res := c.post(exam, exam+"/finish", url.Values{}); res.status != http.StatusSeeOther {
		t.Fatalf("finish: %d", res.status)
	}
	results := c.get(exam + "/results")
	links := results.doc.Find(`[data-testid="report-link"]`)
	if links.Length() != 5 || results.doc.Find(`[data-testid="right-item"] [data-testid="report-link"]`).Length() != 1 {
		t.Errorf("the results have %d report links (%d on right answers); want 5, one on the right answer", links.Length(),
			results.doc.Find(`[data-testid="right-item"] [data-testid="report-link"]`).Length())
	}
	if href := links.First().AttrOr("href", ""); !strings.HasSuffix(href, "?next="+url.QueryEscape(exam+"/results")) {
		t.Errorf("a result's report link is %q; want it to return to the results", href)
	}
}

func TestReport_BadInputIs400BesideTheFieldAndWritesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	q := h.bank.Questions[0]
	form := c.get(reportPath(q.ID))
	token := form.doc.Find(`input[name="_csrf"]`).AttrOr("value", "")
	before := h.digests(t)
	for _, tc := range []struct {
		name, field string
		form        url.Values
	}{
		{"no reason", "reason", url.Values{"comment": {"x"}}},
		{"unknown reason", "reason", url.Values{"reason": {"spam"}, "comment": {"x"}}},
		{"other without a comment", "comment", url.Values{"reason": {"other"}, "comment": {"   "}}},
		{"comment over 1,000 characters", "comment", url.Values{"reason": {"unclear"}, "comment": {strings.Repeat("ب", 1001)}}},
	} {
		res := c.do(http.MethodPost, reportPath(q.ID), with(token, tc.form))
		if res.status != http.StatusBadRequest {
			t.Errorf("%s: %d; want 400", tc.name, res.status)
			continue
		}
		if msg := res.doc.Find(`[data-testid="` + tc.field + `-error"]`).Text(); msg == "" {
			t.Errorf("%s: no message beside the %s", tc.name, tc.field)
		}
		if tc.name == "unknown reason" && strings.Contains(res.body, "spam") {
			t.Errorf("%s: the unknown reason is shown back", tc.name)
		}
		if tc.field == "reason" && res.doc.Find(`textarea#comment`).Text() != "x" {
			t.Errorf("%s: the comment typed is not kept", tc.name)
		}
	}
	// Without the CSRF token: refused before anything.
	if res := c.do(http.MethodPost, reportPath(q.ID), url.Values{"reason": {"unclear"}}); res.status != http.StatusForbidden {
		t.Errorf("without a token: %d; want 403", res.status)
	}
	// An unknown question: not found, to read or to report.
	for _, id := range []string{"year:no-such-event", "set:999:1", "%25zz"} {
		if res := c.get("/report/" + id); res.status != http.StatusNotFound {
			t.Errorf("GET /report/%s: %d; want 404", id, res.status)
		}
		if res := c.do(http.MethodPost, "/report/"+id, with(token, url.Values{"reason": {"unclear"}})); res.status != http.StatusNotFound {
			t.Errorf("POST /report/%s: %d; want 404", id, res.status)
		}
	}
	if changed := changedTables(before, h.digests(t)); len(changed) > 0 {
		t.Errorf("refused reports changed %v", changed)
	}
}

func TestReport_ATeachersQuestionOnlyByThoseWhoMaySeeIt(t *testing.T) {
	t.Parallel()
	f := newSecFixture(t)
	h := f.h
	outsider := h.client()
	signup(t, outsider, "outsider", "a long password")
	other := h.teacher(t, "mr-ali")
	qid := f.questionIDs[0] // "Who mediated the Tashkent talks?"
	for name, c := range map[string]*client{"a visitor": f.visitor, "a student of no class": outsider, "another teacher": other} {
		before := h.digests(t)
		if res := c.get(reportPath(qid)); res.status != http.StatusNotFound || strings.Contains(res.body, "Tashkent talks") {
			t.Errorf("%s: GET the report form = %d; want 404 without the question", name, res.status)
		}
		if res := c.do(http.MethodPost, reportPath(qid), with(c.token(), url.Values{"reason": {"unclear"}})); res.status != http.StatusNotFound {
			t.Errorf("%s: POST a report = %d; want 404", name, res.status)
		}
		if changed := changedTables(before, h.digests(t)); len(changed) > 0 {
			t.Errorf("%s changed %v", name, changed)
		}
	}
	for name, c := range map[string]*client{"the assigned student": f.student, "the set's owner": f.teacher} {
		if res := sendReport(t, c, qid, url.Values{"reason": {"two-right"}, "next": {"/"}}); res.status != http.StatusSeeOther {
			t.Errorf("%s: %d; want the report taken", name, res.status)
		}
	}
	if n := h.reportRows(t, qid); n != 2 {
		t.Errorf("%d reports; want the student's and the owner's", n)
	}
}

func TestReports_QueueForTeachersWithCountsOfTheirOwnSetsAndTheTimeline(t *testing.T) {
	t.Parallel()
	f := newSecFixture(t)
	h := f.h
	setQ, timelineQ := f.questionIDs[0], h.bank.Questions[0]
	sendReport(t, f.student, setQ, url.Values{"reason": {"two-right"}, "comment": {"Kosygin and Brezhnev both went."}})
	sendReport(t, f.student, timelineQ.ID, url.Values{"reason": {"wrong-answer"}, "comment": {"<b>1960</b>, not 1959"}})
	sendReport(t, f.visitor, timelineQ.ID, url.Values{"reason": {"wrong-answer"}})
	anon := h.client()
	sendReport(t, anon, timelineQ.ID, url.Values{"reason": {"unclear"}})

	// Students are refused, visitors sent to log in.
	if res := f.student.get("/reports"); res.status != http.StatusForbidden || strings.Contains(res.body, "1960") {
		t.Errorf("a student: %d; want 403", res.status)
	}
	if res := h.client().get("/reports"); res.status != http.StatusSeeOther || res.location != "/login?next=/reports" {
		t.Errorf("a visitor: %d %q; want the log-in", res.status, res.location)
	}

	if href := f.teacher.get("/teach").doc.Find(`[data-testid="teach-reports"]`).AttrOr("href", ""); href != "/reports" {
		t.Errorf("/teach links to %q; want /reports", href)
	}
	page := f.teacher.get("/reports")
	if page.status != http.StatusOK {
		t.Fatalf("/reports as the teacher: %d", page.status)
	}
	rows := page.doc.Find(`[data-testid="report-row"]`)
	if rows.Length() != 2 {
		t.Fatalf("%d rows; want the timeline question and the set's", rows.Length())
	}
	first := rows.First()
	if first.AttrOr("data-question", "") != timelineQ.ID {
		t.Errorf("first row %q; want the most reported, %s", first.AttrOr("data-question", ""), timelineQ.ID)
	}
	if got := first.Find(`[data-testid="reporters"]`).Text(); got != "3 learners" {
		t.Errorf("reporters %q; want 3 learners", got)
	}
	if got := flatText(first.Find(`[data-testid="reason-count"]`)); got != "The answer given as right is wrong: 2The question is unclear: 1" {
		t.Errorf("counts by reason %q", got)
	}
	if got := first.Find(`[data-testid="comment"]`).Text(); got != "<b>1960</b>, not 1959" || strings.Contains(page.body, "<b>1960") {
		t.Errorf("the comment shows as %q; want it as text, escaped", got)
	}
	if first.Find(`[data-testid="report-prompt"]`).Text() != timelineQ.Prompt || first.Find(`[data-testid="status"]`).Text() != "Shown" {
		t.Error("the row does not show the prompt or its status")
	}
	// mrs-khan is not an admin: no hide button; her own set's question can
	// be resolved and edited.
	if page.doc.Find(`[data-testid="hide"]`).Length() != 0 {
		t.Error("a teacher who is not an admin is offered to hide a question")
	}
	setRow := rows.Eq(1)
	if setRow.Find(`[data-testid="resolve"]`).Length() != 1 || !strings.HasSuffix(setRow.Find(`[data-testid="edit-item"]`).AttrOr("href", ""), "/items/"+idStr(f.itemID)+"/edit") {
		t.Error("the set question's row has no resolve button or no link to the set editor")
	}

	// Another teacher sees the timeline's question, not mrs-khan's set's.
	other := h.teacher(t, "mr-ali")
	theirs := other.get("/reports")
	if n := theirs.doc.Find(`[data-testid="report-row"]`).Length(); n != 1 || strings.Contains(theirs.body, "Kosygin and Brezhnev") {
		t.Errorf("another teacher sees %d rows (or the set's comment); want only the timeline's", n)
	}
}

func TestReports_HideNeedsAnAdminAndTakesTheQuestionOutOfEveryQueue(t *testing.T) {
	h := newHarness(t)
	admin := h.adminTeacher(t, "ms.khan")
	plain := h.teacher(t, "mr.ali")

	// The first card of a new learner's review queue is the question.
	a := h.client()
	card, _ := currentCard(t, a)
	qid, _ := url.PathUnescape(strings.TrimPrefix(card, "/review/card/"))
	q, ok := h.bank.Question(qid)
	if !ok || q.SetID != 0 {
		t.Fatalf("first card %q is not a timeline question", qid)
	}
	sendReport(t, a, q.ID, url.Values{"reason": {"wrong-answer"}, "comment": {"Wrong year."}})

	// D has it as a learning card, and takes no new cards today: the queue
	// holds only that card.
	d := h.client()
	if c, _ := currentCard(t, d); c != card {
		t.Fatalf("D's first card %s; want %s", c, card)
	}
	d.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"1"}, "version": {"0"}})
	if res := d.post("/settings", "/settings", url.Values{"retention": {"0.9"}, "new_per_day": {"0"}, "reviews_per_day": {"200"},
		"timezone": {"Asia/Karachi"}, "mode": {"flashcard"}}); res.status != http.StatusSeeOther {
		t.Fatalf("settings: %d", res.status)
	}
	if c, _ := currentCard(t, d); c != card {
		t.Fatalf("D's learning card is not next: %s", c)
	}

	inPractice := func(c *client) int {
		t.Helper()
		loc := startSession(t, c, url.Values{"event": {q.EventIDs[0]}, "length": {"50"}})
		session, _ := strconv.ParseInt(strings.Split(loc, "/")[2], 10, 64)
		return h.rows(t, `SELECT count(*) FROM session_questions WHERE session_id = ? AND question_id = ?`, session, q.ID)
	}
	if n := inPractice(a); n != 1 {
		t.Fatalf("a practice of the question's event has it %d times before hiding; want 1", n)
	}

	// A teacher who is not an admin cannot hide it; nothing changes.
	before := h.digests(t)
	for _, action := range []string{"/hide", "/unhide", "/resolve"} {
		if res := plain.post("/reports", queuePath(q.ID)+action, url.Values{"note": {"no"}}); res.status != http.StatusForbidden {
			t.Errorf("mr.ali (not an admin) POST %s: %d; want 403", action, res.status)
		}
	}
	if changed := changedTables(before, h.digests(t)); len(changed) > 0 {
		t.Errorf("a refused hide changed %v", changed)
	}
	if c, _ := currentCard(t, a); c != card {
		t.Fatalf("after a refused hide A's card is %s", c)
	}

	// The admin hides it.
	queue := admin.get("/reports")
	if queue.doc.Find(`[data-testid="report-row"][data-question="`+q.ID+`"] [data-testid="hide"]`).Length() != 1 {
		t.Fatal("the admin is not offered to hide the question")
	}
	res := admin.post("/reports", queuePath(q.ID)+"/hide", url.Values{"note": {"Year wrong in the timeline"}})
	if res.status != http.StatusSeeOther || res.location != "/reports?done=hidden" {
		t.Fatalf("hide: %d %q", res.status, res.location)
	}
	queue = admin.get(res.location)
	row := queue.doc.Find(`[data-testid="report-row"][data-question="` + q.ID + `"]`)
	if !strings.HasPrefix(row.Find(`[data-testid="status"]`).Text(), "Hidden") || row.Find(`[data-testid="unhide"]`).Length() != 1 ||
		!strings.Contains(row.Text(), "Year wrong in the timeline") || queue.doc.Find(`[data-testid="done"]`).Text() == "" {
		t.Errorf("after hiding, the row shows %q", flatText(row))
	}

	hiddenEverywhere := func(when string) {
		t.Helper()
		// Review: the queue A kept in memory, a new learner's, and D's due card.
		if c, _ := currentCard(t, a); c == card {
			t.Errorf("%s: A's review still shows the hidden question", when)
		}
		if c, _ := currentCard(t, h.client()); c == card {
			t.Errorf("%s: a new learner's first card is the hidden question", when)
		}
		if res := d.get("/review"); res.doc.Find(`[data-testid="review-done"]`).Length() != 1 {
			t.Errorf("%s: D's review shows a card; the only one due is hidden", when)
		}
		// Practice, mock exams, and building a set from the timeline.
		if n := inPractice(h.client()); n != 0 {
			t.Errorf("%s: a practice of the event draws the hidden question", when)
		}
		if h.bank.Deck(nil, nil).Has(q.ID) || len(h.bank.Select(questions.Filter{})) != len(h.bank.Questions)-1 {
			t.Errorf("%s: the bank's deck or draws still hold the hidden question", when)
		}
		m := h.client()
		for range 3 {
			exam, _ := startMock(t, m, url.Values{"length": {"100"}, "minutes": {"10"}})
			if n := h.rows(t, `SELECT count(*) FROM mock_items WHERE exam_id = ? AND question_id = ?`, exam, q.ID); n != 0 {
				t.Errorf("%s: a mock exam draws the hidden question", when)
			}
		}
		set := createSetViaForm(t, admin, "Built "+when)
		if res := admin.post(setPath(set)+"/build", setPath(set)+"/build", url.Values{"event": {q.EventIDs[0]}, "count": {"50"}}); res.status != http.StatusSeeOther {
			t.Fatalf("%s: build: %d", when, res.status)
		}
		for _, it := range h.setItemsOf(t, set) {
			if it.Item.Prompt == q.Prompt {
				t.Errorf("%s: building a set from the timeline took the hidden question", when)
			}
		}
	}
	hiddenEverywhere("hidden")

	// Hidden it stays after a restart: the server reads the set back.
	h.bank.SetHidden(nil)
	h.restart()
	if !h.bank.Hidden(q.ID) {
		t.Fatal("after a restart the question is no longer hidden")
	}
	hiddenEverywhere("hidden, after a restart")

	// Shown again, it comes back.
	if res := admin.post("/reports", queuePath(q.ID)+"/unhide", url.Values{}); res.status != http.StatusSeeOther || res.location != "/reports?done=shown" {
		t.Fatalf("unhide: %d %q", res.status, res.location)
	}
	if n := h.rows(t, `SELECT count(*) FROM hidden_questions`); n != 0 {
		t.Errorf("%d hidden questions after unhiding", n)
	}
	if c, _ := currentCard(t, h.client()); c != card {
		t.Errorf("after unhiding a new learner's first card is %s; want %s", c, card)
	}
	if c, _ := currentCard(t, d); c != card {
		t.Errorf("after unhiding D's due card is not back: %s", c)
	}
	if n := inPractice(h.client()); n != 1 {
		t.Errorf("after unhiding a practice of the event has the question %d times", n)
	}
	set := createSetViaForm(t, admin, "Built after unhiding")
	admin.post(setPath(set)+"/build", setPath(set)+"/build", url.Values{"event": {q.EventIDs[0]}, "count": {"50"}})
	found := false
	for _, it := range h.setItemsOf(t, set) {
		found = found || it.Item.Prompt == q.Prompt
	}
	if !found {
		t.Error("after unhiding, building from the timeline leaves the question out")
	}

	// The admin resolves the reports on the timeline question.
	if res := admin.post("/reports", queuePath(q.ID)+"/resolve", url.Values{}); res.status != http.StatusSeeOther {
		t.Errorf("resolve: %d", res.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM question_reports WHERE resolved_at IS NULL`); n != 0 {
		t.Errorf("%d reports open after resolving", n)
	}
}

func TestReports_ActionsOnSetQuestionsForTheirOwnerOnly(t *testing.T) {
	t.Parallel()
	f := newSecFixture(t)
	h := f.h
	setQ := f.questionIDs[0]
	sendReport(t, f.student, setQ, url.Values{"reason": {"unclear"}})
	admin := h.adminTeacher(t, "root-admin")
	other := h.teacher(t, "mr-ali")
	before := h.digests(t)
	for _, tc := range []struct {
		who    string
		c      *client
		action string
		status int
	}{
		{"another teacher", other, "/resolve", http.StatusNotFound},
		{"an admin who does not own the set", admin, "/resolve", http.StatusNotFound},
		{"an admin who does not own the set", admin, "/hide", http.StatusNotFound},
		{"the owner", f.teacher, "/hide", http.StatusBadRequest}, // only the timeline's questions are hidden
		{"the owner", f.teacher, "/unhide", http.StatusBadRequest},
		{"the student", f.student, "/resolve", http.StatusForbidden},
		{"a visitor", f.visitor, "/resolve", http.StatusUnauthorized},
	} {
		if res := tc.c.post("/", queuePath(setQ)+tc.action, url.Values{}); res.status != tc.status {
			t.Errorf("%s POST %s: %d; want %d", tc.who, tc.action, res.status, tc.status)
		}
	}
	for _, id := range []string{"year:no-such-event", "set:999:1"} {
		if res := admin.post("/", queuePath(id)+"/hide", url.Values{}); res.status != http.StatusNotFound {
			t.Errorf("hide %s: %d; want 404", id, res.status)
		}
	}
	if changed := changedTables(before, h.digests(t)); len(changed) > 0 {
		t.Errorf("refused actions changed %v", changed)
	}
	if res := f.teacher.post("/reports", queuePath(setQ)+"/resolve", url.Values{}); res.status != http.StatusSeeOther {
		t.Fatalf("the owner resolves: %d", res.status)
	}
	row := f.teacher.get("/reports").doc.Find(`[data-testid="report-row"][data-question="` + setQ + `"]`)
	if got := row.Find(`[data-testid="open"]`).Text(); got != "0 open" || row.Find(`[data-testid="resolve"]`).Length() != 0 {
		t.Errorf("after resolving: %q, resolve offered %d times", got, row.Find(`[data-testid="resolve"]`).Length())
	}
}

func TestReports_CommentsAndFormsStayInert(t *testing.T) {
	t.Parallel()
	payloads := loadPayloads(t)
	h := newHarness(t)
	x := &xssRun{t: t, h: h, tags: templateTags(t), all: payloads}
	learner := h.client()
	admin := h.adminTeacher(t, "ms.khan")
	for i, p := range payloads {
		q := h.bank.Questions[i]
		// Refused, and shown back beside the field.
		res := learner.do(http.MethodPost, reportPath(q.ID), with(learner.token(), url.Values{"reason": {p}, "comment": {p}, "next": {p}}))
		if res.status != http.StatusBadRequest {
			t.Errorf("reason %q: %d; want 400", p, res.status)
		}
		x.check("POST a report with an odd reason", res, p)
		x.page(learner, reportPath(q.ID)+"?next="+url.QueryEscape(p))
		x.page(learner, "/report/"+url.PathEscape(p))
		// Taken, and shown to the teacher.
		if res := sendReport(t, learner, q.ID, url.Values{"reason": {"other"}, "comment": {p}, "next": {p}}); res.status != http.StatusSeeOther {
			t.Errorf("report with comment %q: %d", p, res.status)
		}
		admin.post("/reports", queuePath(q.ID)+"/hide", url.Values{"note": {p}})
	}
	x.page(admin, "/reports", payloads...)
	t.Logf("%d payloads through the report form and the queue; %d pages checked", len(payloads), x.checked)
}
