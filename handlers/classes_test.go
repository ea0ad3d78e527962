package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions"
	"sabaq/questions/sets"
)

// tashkentItems is a set of one question of each common kind.
var tashkentItems = []sets.Item{
	{Kind: sets.MultipleChoice, Prompt: "Who mediated the Tashkent talks?",
		Choices: []sets.Choice{{Text: "Kosygin", Weight: 100}, {Text: "Nixon"}, {Text: "Zhou Enlai"}}},
	{Kind: sets.TrueFalse, Prompt: "The Tashkent Declaration was signed in January 1966.", Truth: true},
	{Kind: sets.ShortAnswer, Prompt: "In which city was the 1966 declaration signed?", Accepted: []string{"Tashkent"}},
}

// classFixture is a teacher (mrs-khan) with a class and a set of theirs
// assigned to it, due in a week with an exam in 30 days.
type classFixture struct {
	h            *harness
	teacher      *client
	teacherID    int64
	classID      int64
	url, code    string
	setID        int64
	questionIDs  []string // in set order
	due, exam    string   // YYYY-MM-DD
	assignmentID int64
	setTitle     string
	karachiToday time.Time
}

func accountIDOf(t *testing.T, h *harness, name string) int64 {
	t.Helper()
	acc, _, err := h.store.AccountByUsername(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return acc.ID
}

// createClass makes a class through the form and returns its page's path.
func makeClass(t *testing.T, c *client, name string) string {
	t.Helper()
	res := c.post("/teach/classes", "/teach/classes", url.Values{"name": {name}})
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/teach/classes/") {
		t.Fatalf("create class: %d %q\n%.300s", res.status, res.location, res.body)
	}
	return res.location
}

// createSet stores a set for the teacher and restarts the app, which loads
// its items into the question bank.
func storeSet(t *testing.T, h *harness, teacherID int64, title string, items []sets.Item) (int64, []string) {
	t.Helper()
	id, itemIDs, err := h.store.CreateSet(context.Background(), teacherID, title, "", items)
	if err != nil {
		t.Fatal(err)
	}
	h.restart()
	qids := make([]string, len(itemIDs))
	for i, it := range itemIDs {
		qids[i] = sets.QuestionID(id, it)
	}
	return id, qids
}

func newClassFixture(t *testing.T, setTitle string) *classFixture {
	t.Helper()
	h := newHarness(t)
	karachi, _ := time.LoadLocation(questions.DefaultTimeZone)
	cr := &classFixture{h: h, teacher: h.teacher(t, "mrs-khan"), setTitle: setTitle, karachiToday: time.Now().In(karachi)}
	cr.teacherID = accountIDOf(t, h, "mrs-khan")
	cr.url = makeClass(t, cr.teacher, "Year 9 History")
	cr.classID, _ = strconv.ParseInt(strings.TrimPrefix(cr.url, "/teach/classes/"), 10, 64)
	cr.code = cr.teacher.get(cr.url).doc.Find(`[data-testid="join-code"]`).Text()
	if len(cr.code) != 6 {
		t.Fatalf("join code %q", cr.code)
	}
	cr.setID, cr.questionIDs = storeSet(t, h, cr.teacherID, setTitle, tashkentItems)
	cr.due = cr.karachiToday.AddDate(0, 0, 7).Format(time.DateOnly)
	cr.exam = cr.karachiToday.AddDate(0, 0, 30).Format(time.DateOnly)
	res := cr.teacher.post(cr.url, cr.url+"/assignments", url.Values{"set": {idStr(cr.setID)}, "due": {cr.due}, "exam": {cr.exam}})
	if res.status != http.StatusSeeOther || res.location != cr.url {
		t.Fatalf("assign: %d %q\n%.300s", res.status, res.location, res.body)
	}
	as, err := h.store.ClassAssignments(context.Background(), cr.classID)
	if err != nil || len(as) != 1 {
		t.Fatalf("assignments %+v, %v", as, err)
	}
	cr.assignmentID = as[0].ID
	return cr
}

// student signs up a student and joins the class with its code, typed in
// lower case on the home page.
func (cr *classFixture) student(t *testing.T, name string) *client {
	t.Helper()
	c := cr.h.client()
	if res := signup(t, c, name, "a long password"); res.status != http.StatusSeeOther {
		t.Fatalf("signup %s: %d", name, res.status)
	}
	res := c.post("/", "/join", url.Values{"code": {strings.ToLower(cr.code)}})
	if res.status != http.StatusSeeOther || res.location != "/" {
		t.Fatalf("%s joins: %d %q\n%.300s", name, res.status, res.location, res.body)
	}
	return c
}

func idStr(n int64) string { return strconv.FormatInt(n, 10) }

func (cr *classFixture) members(t *testing.T) []string {
	t.Helper()
	ms, err := cr.h.store.Members(context.Background(), cr.classID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.Username)
	}
	return out
}

func TestClasses_CreateShowsCodeAndLinkAndBadNamesAreRefused(t *testing.T) {
	h := newHarness(t)
	teacher := h.teacher(t, "mrs-khan")
	if res := teacher.get("/teach"); res.status != 200 || res.doc.Find(`[data-testid="teach-classes"]`).Length() != 1 ||
		res.doc.Find(`[data-testid="teach-sets"]`).AttrOr("href", "") != "/teach/sets" {
		t.Errorf("/teach: %d, no links to classes and sets", res.status)
	}
	for name, tc := range map[string]string{"empty": "   ", "too long": strings.Repeat("x", 101)} {
		res := teacher.post("/teach/classes", "/teach/classes", url.Values{"name": {tc}})
		if res.status != http.StatusBadRequest || res.doc.Find(`[data-testid="name-error"]`).Text() == "" {
			t.Errorf("%s name: %d, no message beside the field", name, res.status)
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM classes`); n != 0 {
		t.Fatalf("%d classes made from bad names", n)
	}
	long := strings.Repeat("é", 100) // 100 characters, 200 bytes
	makeClass(t, teacher, long)
	path := makeClass(t, teacher, "Year 9 History")
	page := teacher.get(path)
	code := page.doc.Find(`[data-testid="join-code"]`).Text()
	link := page.doc.Find(`[data-testid="join-link"]`).AttrOr("href", "")
	if len(code) != 6 || !strings.HasSuffix(link, "/join/"+code) {
		t.Errorf("code %q, link %q; want a 6-character code and its /join link", code, link)
	}
	list := teacher.get("/teach/classes")
	if got := list.doc.Find(`[data-testid="classes"] tbody tr`).Length(); got != 2 {
		t.Errorf("%d classes listed; want 2", got)
	}
	if !strings.Contains(list.doc.Find(`[data-testid="classes"]`).Text(), code) {
		t.Error("the list does not show the join code")
	}
}

func TestClasses_StudentsJoinByCodeAndByLink(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	h := cr.h
	cr.student(t, "amna")

	// By the link: a logged-in student confirms.
	bilal := h.client()
	signup(t, bilal, "bilal", "a long password")
	page := bilal.get("/join/" + cr.code)
	if page.status != 200 || page.doc.Find(`[data-testid="class-name"]`).Text() != "Year 9 History" {
		t.Fatalf("join link: %d, class name %q", page.status, page.doc.Find(`[data-testid="class-name"]`).Text())
	}
	if res := bilal.post("/join/"+cr.code, "/join", url.Values{"code": {cr.code}}); res.status != http.StatusSeeOther {
		t.Fatalf("confirm join: %d", res.status)
	}
	if page := bilal.get("/join/" + cr.code); page.doc.Find(`[data-testid="already-member"]`).Length() != 1 {
		t.Error("joining again does not say the student is already in the class")
	}

	// Anonymous: asked to log in, and brought back to the link after.
	chand := h.client()
	page = chand.get("/join/" + cr.code)
	loginURL := page.doc.Find(`[data-testid="login-link"]`).AttrOr("href", "")
	if want := "/login?next=" + url.QueryEscape("/join/"+cr.code); loginURL != want {
		t.Errorf("log-in link %q; want %q", loginURL, want)
	}
	if res := chand.post("/", "/join", url.Values{"code": {cr.code}}); res.status != http.StatusSeeOther || res.location != loginURL {
		t.Errorf("anonymous join: %d %q; want 303 to %s", res.status, res.location, loginURL)
	}
	signup(t, chand, "chand", "a long password")
	chand.post("/", "/logout", url.Values{})
	res := chand.post(loginURL, "/login", url.Values{"username": {"chand"}, "password": {"a long password"}, "next": {"/join/" + cr.code}})
	if res.status != http.StatusSeeOther || res.location != "/join/"+cr.code {
		t.Fatalf("log-in from the join link: %d %q", res.status, res.location)
	}
	chand.post(res.location, "/join", url.Values{"code": {cr.code}})

	if got := strings.Join(cr.members(t), " "); got != "amna bilal chand" {
		t.Errorf("members %q; want amna bilal chand", got)
	}
	if got := cr.teacher.get(cr.url).doc.Find(`[data-testid="member"]`).Length(); got != 3 {
		t.Errorf("the class page lists %d students; want 3", got)
	}
}

func TestJoin_BadCodeIs404AndTeachersCannotJoin(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	amna := cr.student(t, "amna")
	for _, code := range []string{"ZZZZZZ", strings.Repeat("A", 40)} {
		res := amna.post("/", "/join", url.Values{"code": {code}})
		if res.status != http.StatusNotFound || res.doc.Find(`[data-testid="code-error"]`).Text() == "" {
			t.Errorf("code %q: %d, no message beside the field", code, res.status)
		}
	}
	if res := amna.get("/join/NOPE99"); res.status != http.StatusNotFound || !strings.Contains(res.doc.Find(`[data-testid="code-error"]`).Text(), "NOPE99") {
		t.Errorf("unknown link: %d", res.status)
	}
	if res := amna.post("/", "/join", url.Values{"code": {""}}); res.status != http.StatusBadRequest {
		t.Errorf("empty code: %d; want 400", res.status)
	}
	other := cr.h.teacher(t, "mr-ali")
	if res := other.get("/join/" + cr.code); res.status != http.StatusForbidden || res.doc.Find(`[data-testid="error-message"]`).Text() == "" {
		t.Errorf("teacher opens the join link: %d; want 403 with a message", res.status)
	}
	if res := other.post("/", "/join", url.Values{"code": {cr.code}}); res.status != http.StatusForbidden {
		t.Errorf("teacher joins: %d; want 403", res.status)
	}
	if got := strings.Join(cr.members(t), " "); got != "amna" {
		t.Errorf("members %q; want only amna", got)
	}
}

func TestAssign_ShowsDatesAndBadInputChangesNothing(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	h := cr.h
	page := cr.teacher.get(cr.url)
	row := page.doc.Find(`[data-testid="assignment"]`)
	due, _ := time.Parse(time.DateOnly, cr.due)
	exam, _ := time.Parse(time.DateOnly, cr.exam)
	if row.Length() != 1 || !strings.Contains(row.Text(), "Tashkent 1966") || !strings.Contains(row.Text(), due.Format("2 January 2006")) ||
		!strings.Contains(row.Text(), exam.Format("2 January 2006")) {
		t.Errorf("assignment row %q; want the set with its due and exam dates", row.Text())
	}
	h.teacher(t, "mr-ali")
	aliSet, _ := storeSet(t, h, accountIDOf(t, h, "mr-ali"), "Ali's set", tashkentItems[:1])
	past := cr.karachiToday.AddDate(0, 0, -2).Format(time.DateOnly)
	for _, tc := range []struct {
		name  string
		form  url.Values
		field string
	}{
		{"another teacher's set", url.Values{"set": {idStr(aliSet)}}, "set"},
		{"no such set", url.Values{"set": {"9999"}}, "set"},
		{"due in the past", url.Values{"set": {idStr(cr.setID)}, "due": {past}}, "due"},
		{"exam not a date", url.Values{"set": {idStr(cr.setID)}, "exam": {"next week"}}, "exam"},
		{"exam too far", url.Values{"set": {idStr(cr.setID)}, "exam": {cr.karachiToday.AddDate(6, 0, 0).Format(time.DateOnly)}}, "exam"},
	} {
		res := cr.teacher.post(cr.url, cr.url+"/assignments", tc.form)
		if res.status != http.StatusBadRequest || res.doc.Find(`[data-testid="`+tc.field+`-error"]`).Text() == "" {
			t.Errorf("%s: %d, no message beside %s", tc.name, res.status, tc.field)
		}
	}
	as, _ := h.store.ClassAssignments(context.Background(), cr.classID)
	if len(as) != 1 || as[0].SetID != cr.setID || as[0].DueDate != cr.due || as[0].ExamDate != cr.exam {
		t.Errorf("assignments after bad input: %+v; want the one, unchanged", as)
	}
	// Assigning again changes the dates; unassigning removes it.
	cr.teacher.post(cr.url, cr.url+"/assignments", url.Values{"set": {idStr(cr.setID)}})
	if as, _ := h.store.ClassAssignments(context.Background(), cr.classID); len(as) != 1 || as[0].DueDate != "" || as[0].ExamDate != "" {
		t.Errorf("after assigning again without dates: %+v", as)
	}
	res := cr.teacher.post(cr.url, cr.url+"/assignments/"+idStr(cr.assignmentID)+"/delete", url.Values{})
	if res.status != http.StatusSeeOther {
		t.Errorf("unassign: %d", res.status)
	}
	if as, _ := h.store.ClassAssignments(context.Background(), cr.classID); len(as) != 0 {
		t.Errorf("after unassigning: %+v", as)
	}
	if res := cr.teacher.post(cr.url, cr.url+"/assignments/"+idStr(cr.assignmentID)+"/delete", url.Values{}); res.status != http.StatusNotFound {
		t.Errorf("unassign twice: %d; want 404", res.status)
	}
}

func TestAssignment_ShowsOnTheHomePageAndComesFirstInReview(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	amna := cr.student(t, "amna")
	home := amna.get("/")
	item := home.doc.Find(`[data-testid="home-assignment"]`)
	due, _ := time.Parse(time.DateOnly, cr.due)
	if item.Length() != 1 || !strings.Contains(item.Text(), "Tashkent 1966") || !strings.Contains(item.Text(), "Year 9 History") ||
		!strings.Contains(item.Find(`[data-testid="due"]`).Text(), due.Format("2 January 2006")) {
		t.Fatalf("home assignment %q; want the set, its class and due date", item.Text())
	}
	if got := item.Find(`[data-testid="studied"]`).Text(); got != "0 of 3 questions studied" {
		t.Errorf("progress %q; want 0 of 3", got)
	}
	// Without an exam date of her own, the assignment's drives exam mode.
	exam, _ := time.Parse(time.DateOnly, cr.exam)
	if got := home.doc.Find(`[data-testid="exam-countdown"]`).Text(); !strings.Contains(got, exam.Format("2 January 2006")) {
		t.Errorf("exam countdown %q; want the assignment's exam date", got)
	}

	card, _ := currentCard(t, amna)
	if q := question2(t, cr.h, card); q.SetID != cr.setID {
		t.Errorf("first review card %s; want a question of the assigned set", q.ID)
	}
	amna.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"3"}, "version": {"0"}})
	if got := amna.get("/").doc.Find(`[data-testid="studied"]`).Text(); got != "1 of 3 questions studied" {
		t.Errorf("progress after one review %q; want 1 of 3", got)
	}

	// Someone in no class sees only the form to join one, and no exam.
	other := cr.h.client()
	signup(t, other, "dawood", "a long password")
	home = other.get("/")
	if home.doc.Find(`[data-testid="home-join-form"]`).Length() != 1 || home.doc.Find(`[data-testid="home-assignment"]`).Length() != 0 ||
		home.doc.Find(`[data-testid="exam-countdown"]`).Length() != 0 {
		t.Error("a student in no class sees assignments or an exam, or no join form")
	}
	if cr.teacher.get("/").doc.Find(`[data-testid="home-join-form"]`).Length() != 0 {
		t.Error("a teacher is offered to join a class")
	}
}

// practise answers a practice of the class's set, as the given answers by
// question kind, and returns the session's summary page.
func (cr *classFixture) practise(t *testing.T, c *client, answers map[questions.Kind]string) response {
	t.Helper()
	res := c.post("/", "/practice", url.Values{"set": {idStr(cr.setID)}, "length": {"3"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("practise the set: %d\n%.300s", res.status, res.body)
	}
	path := res.location
	for range len(tashkentItems) {
		page := c.get(path)
		q := question(t, cr.h, page)
		if q.SetID != cr.setID {
			t.Fatalf("practice asked %s, not a question of the set", q.ID)
		}
		if res := c.post(path, path, answerForm(page, q, []string{answers[q.Kind]})); res.status != http.StatusSeeOther {
			t.Fatalf("answer %s: %d", q.ID, res.status)
		}
		path = c.get(path).doc.Find(`[data-testid="next"]`).AttrOr("href", "")
	}
	return c.get(path)
}

func TestPractiseSet_OnlyAssignedOrOwnSets(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	h := cr.h
	amna := cr.student(t, "amna")
	sum := cr.practise(t, amna, map[questions.Kind]string{questions.KindMultipleChoice: "Kosygin",
		questions.KindTrueFalse: questions.OptionFalse, questions.KindShortAnswer: "tashkent"})
	if got := sum.doc.Find(`[data-testid="score"]`).Text(); !strings.Contains(got, "2 out of 3") {
		t.Errorf("summary %q; want 2 out of 3", got)
	}
	// The owner may practise it too.
	if res := cr.teacher.post("/", "/practice", url.Values{"set": {idStr(cr.setID)}}); res.status != http.StatusSeeOther {
		t.Errorf("the owner practises the set: %d", res.status)
	}
	before := h.rows(t, `SELECT count(*) FROM practice_sessions`)
	dawood := h.client()
	signup(t, dawood, "dawood", "a long password")
	other := h.teacher(t, "mr-ali")
	for name, c := range map[string]*client{"student of no class": dawood, "another teacher": other, "anonymous": h.client()} {
		for _, set := range []string{idStr(cr.setID), "9999", "x"} {
			if res := c.post("/practice", "/practice", url.Values{"set": {set}}); res.status != http.StatusNotFound {
				t.Errorf("%s practises set %s: %d; want 404", name, set, res.status)
			}
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM practice_sessions`); n != before {
		t.Errorf("%d sessions started by those not allowed", n-before)
	}
}

func TestClasses_EveryRouteAsAnotherTeacherOrAStudentChangesNothing(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	h := cr.h
	amna := cr.student(t, "amna")
	other := h.teacher(t, "mr-ali")
	aliSet, _ := storeSet(t, h, accountIDOf(t, h, "mr-ali"), "Ali's set", tashkentItems[:1])
	amnaID := idStr(accountIDOf(t, h, "amna"))
	gets := []string{cr.url, cr.url + "/dashboard", cr.url + "/roster.csv", cr.url + "/items.csv",
		cr.url + "/assignments/" + idStr(cr.assignmentID) + "/answers", cr.url + "/students/remove?student=" + amnaID, cr.url + "/code"}
	posts := []struct {
		path string
		form url.Values
	}{
		{cr.url + "/assignments", url.Values{"set": {idStr(aliSet)}}},
		{cr.url + "/assignments", url.Values{"set": {idStr(cr.setID)}, "due": {""}}},
		{cr.url + "/assignments/" + idStr(cr.assignmentID) + "/delete", url.Values{}},
		{cr.url + "/students/remove", url.Values{"student": {amnaID}}},
		{cr.url + "/code", url.Values{"old": {cr.code}}},
	}
	for _, who := range []struct {
		name   string
		c      *client
		status int
	}{{"another teacher", other, http.StatusNotFound}, {"a student", amna, http.StatusForbidden}} {
		for _, p := range gets {
			res := who.c.get(p)
			if res.status != who.status {
				t.Errorf("%s: GET %s = %d; want %d", who.name, p, res.status, who.status)
			}
			if strings.Contains(res.body, cr.code) || strings.Contains(res.body, "amna") {
				t.Errorf("%s: GET %s shows the class's code or students", who.name, p)
			}
		}
		for _, p := range posts {
			if res := who.c.post("/", p.path, p.form); res.status != who.status {
				t.Errorf("%s: POST %s = %d; want %d", who.name, p.path, res.status, who.status)
			}
		}
	}
	// A student cannot reach the teacher's pages at all, nor make a class.
	for _, p := range []string{"/teach", "/teach/classes"} {
		if res := amna.get(p); res.status != http.StatusForbidden {
			t.Errorf("student: GET %s = %d; want 403", p, res.status)
		}
	}
	if res := amna.post("/", "/teach/classes", url.Values{"name": {"Mine"}}); res.status != http.StatusForbidden {
		t.Errorf("student makes a class: %d; want 403", res.status)
	}
	// Anonymous visitors are sent to log in, or refused.
	anon := h.client()
	if res := anon.get(cr.url + "/dashboard"); res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/login?next=") {
		t.Errorf("anonymous dashboard: %d %q; want the log-in", res.status, res.location)
	}
	if res := anon.post("/", cr.url+"/assignments/"+idStr(cr.assignmentID)+"/delete", url.Values{}); res.status != http.StatusUnauthorized {
		t.Errorf("anonymous unassign: %d; want 401", res.status)
	}
	// The other teacher's own list does not show the class.
	if strings.Contains(other.get("/teach/classes").body, cr.code) {
		t.Error("another teacher's class list shows this class")
	}
	// The owner without a CSRF token removes no one and keeps the code.
	for _, p := range posts[3:] {
		if res := cr.teacher.do(http.MethodPost, p.path, copyForm(p.form)); res.status != http.StatusForbidden {
			t.Errorf("the owner without a token: POST %s = %d; want 403", p.path, res.status)
		}
	}
	if cl, _ := h.store.Class(context.Background(), cr.classID); cl.JoinCode != cr.code {
		t.Errorf("the join code changed to %q", cl.JoinCode)
	}
	as, _ := h.store.ClassAssignments(context.Background(), cr.classID)
	if len(as) != 1 || as[0].SetID != cr.setID || as[0].DueDate != cr.due || as[0].ExamDate != cr.exam {
		t.Errorf("assignments %+v; want the one, unchanged", as)
	}
	if n := h.rows(t, `SELECT count(*) FROM classes`); n != 1 {
		t.Errorf("%d classes; want 1", n)
	}
	if got := strings.Join(cr.members(t), " "); got != "amna" {
		t.Errorf("members %q; want amna", got)
	}
}

func TestClasses_RemoveStudentAsksFirstAndKeepsTheirData(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	h := cr.h
	amna := cr.student(t, "amna")
	cr.student(t, "bilal")
	cr.practise(t, amna, map[questions.Kind]string{questions.KindMultipleChoice: "Kosygin",
		questions.KindTrueFalse: questions.OptionTrue, questions.KindShortAnswer: "Tashkent"})
	attempts := h.rows(t, `SELECT count(*) FROM attempts`)
	page := cr.teacher.get(cr.url)
	var remove string
	page.doc.Find(`[data-testid="member"]`).Each(func(_ int, s *goquery.Selection) {
		if s.Find("th").Text() == "amna" {
			remove = s.Find(`[data-testid="remove-student"]`).AttrOr("href", "")
			if _, ok := s.Find(`[data-testid="remove-student"]`).Attr("data-confirm"); !ok {
				t.Error("Remove does not ask first")
			}
		}
		if joined := s.Find("td").First().Text(); !strings.HasSuffix(joined, " PKT") {
			t.Errorf("joined %q; want a time in PKT", joined)
		}
	})
	ask := cr.teacher.get(remove)
	if ask.status != http.StatusOK || !strings.Contains(ask.doc.Find(`[data-testid="confirm"] h1`).Text(), "Remove amna") {
		t.Fatalf("confirmation page %q: %d %q", remove, ask.status, ask.doc.Find(`h1`).Text())
	}
	if got := strings.Join(cr.members(t), " "); got != "amna bilal" {
		t.Fatalf("asking removed someone: %q", got)
	}
	form := url.Values{"student": {ask.doc.Find(`[data-testid="confirm-form"] input[name="student"]`).AttrOr("value", "")}}
	action := ask.doc.Find(`[data-testid="confirm-form"]`).AttrOr("action", "")
	res := cr.teacher.post(remove, action, copyForm(form))
	if res.status != http.StatusSeeOther || res.location != cr.url+"?done=removed" {
		t.Fatalf("remove: %d %q", res.status, res.location)
	}
	if got := strings.Join(cr.members(t), " "); got != "bilal" {
		t.Errorf("members %q; want bilal", got)
	}
	if got := cr.teacher.get(res.location).doc.Find(`[data-testid="notice"]`).Text(); !strings.Contains(got, "left the class") {
		t.Errorf("notice %q", got)
	}
	// A second submit is harmless; her data is hers still; the class is gone from her pages.
	if again := cr.teacher.post(cr.url, action, copyForm(form)); again.status != http.StatusSeeOther {
		t.Errorf("remove again: %d", again.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM attempts`); n != attempts {
		t.Errorf("%d attempts; want her %d kept", n, attempts)
	}
	if res := amna.get("/classes/" + idStr(cr.classID)); res.status != http.StatusNotFound {
		t.Errorf("her old class's page: %d; want 404", res.status)
	}
	if amna.get("/").doc.Find(`[data-testid="home-assignment"]`).Length() != 0 {
		t.Error("her home page still lists the class's assignment")
	}
	if res := cr.teacher.get(remove); res.status != http.StatusNotFound {
		t.Errorf("asking to remove her again: %d; want 404", res.status)
	}
	for _, bad := range []string{"", "x", "-1"} {
		if res := cr.teacher.post(cr.url, action, url.Values{"student": {bad}}); res.status != http.StatusBadRequest {
			t.Errorf("remove student %q: %d; want 400", bad, res.status)
		}
	}
}

func TestClasses_ResetJoinCodeStopsTheOldOneAtOnce(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	h := cr.h
	page := cr.teacher.get(cr.url)
	link := page.doc.Find(`[data-testid="reset-code"]`)
	if _, ok := link.Attr("data-confirm"); !ok {
		t.Error("resetting the code does not ask first")
	}
	ask := cr.teacher.get(link.AttrOr("href", ""))
	if ask.status != http.StatusOK || !strings.Contains(ask.doc.Find(`[data-testid="confirm"]`).Text(), cr.code) {
		t.Fatalf("confirmation: %d %q", ask.status, ask.doc.Find(`[data-testid="confirm"]`).Text())
	}
	action := ask.doc.Find(`[data-testid="confirm-form"]`).AttrOr("action", "")
	form := url.Values{"old": {ask.doc.Find(`input[name="old"]`).AttrOr("value", "")}}
	res := cr.teacher.post(cr.url, action, copyForm(form))
	if res.status != http.StatusSeeOther {
		t.Fatalf("reset: %d", res.status)
	}
	after := cr.teacher.get(res.location)
	code := after.doc.Find(`[data-testid="join-code"]`).Text()
	if len(code) != 6 || code == cr.code || !strings.HasSuffix(after.doc.Find(`[data-testid="join-link"]`).Text(), "/join/"+code) {
		t.Fatalf("after the reset the page shows %q (was %q)", code, cr.code)
	}
	// The same form again keeps the new code.
	cr.teacher.post(cr.url, action, copyForm(form))
	if got := cr.teacher.get(cr.url).doc.Find(`[data-testid="join-code"]`).Text(); got != code {
		t.Errorf("after the reset sent twice: %q; want %q kept", got, code)
	}
	dawood := h.client()
	signup(t, dawood, "dawood", "a long password")
	if res := dawood.post("/", "/join", url.Values{"code": {cr.code}}); res.status != http.StatusNotFound {
		t.Errorf("joining with the old code: %d; want 404", res.status)
	}
	if res := dawood.get("/join/" + cr.code); res.status != http.StatusNotFound {
		t.Errorf("the old link: %d; want 404", res.status)
	}
	if res := dawood.post("/", "/join", url.Values{"code": {code}}); res.status != http.StatusSeeOther {
		t.Errorf("joining with the new code: %d", res.status)
	}
	if res := cr.teacher.post(cr.url, action, url.Values{}); res.status != http.StatusBadRequest {
		t.Errorf("reset without the old code: %d; want 400", res.status)
	}
}

func TestClasses_AnswersByStudentQuestionByQuestion(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	amna := cr.student(t, "amna")
	cr.student(t, "bilal") // answers nothing
	cr.practise(t, amna, map[questions.Kind]string{questions.KindMultipleChoice: "Nixon",
		questions.KindTrueFalse: questions.OptionTrue, questions.KindShortAnswer: "Tashkent"})
	link := cr.teacher.get(cr.url).doc.Find(`[data-testid="assignment"] [data-testid="answers-link"]`).AttrOr("href", "")
	if link != cr.url+"/assignments/"+idStr(cr.assignmentID)+"/answers" {
		t.Fatalf("answers link %q", link)
	}
	res := cr.teacher.get(link)
	if res.status != http.StatusOK {
		t.Fatalf("answers: %d", res.status)
	}
	type cell struct{ state, given string }
	got := map[string][]cell{}
	right := map[string]string{}
	res.doc.Find(`[data-testid="student-answers"]`).Each(func(_ int, s *goquery.Selection) {
		name := s.Find(`[data-testid="student"]`).Text()
		right[name] = strings.Join(strings.Fields(s.Find(`[data-testid="right"]`).Text()), " ")
		s.Find(`[data-testid="answer-cell"]`).Each(func(_ int, c *goquery.Selection) {
			got[name] = append(got[name], cell{c.AttrOr("data-state", ""), c.Find(`[data-testid="given"]`).Text()})
			if c.AttrOr("data-state", "") != "none" && !strings.Contains(c.AttrOr("title", ""), "PKT") {
				t.Errorf("%s: the cell's detail %q names no time in PKT", name, c.AttrOr("title", ""))
			}
		})
	})
	want := map[string][]cell{
		"amna":  {{"wrong", "Nixon"}, {"right", questions.OptionTrue}, {"right", "Tashkent"}},
		"bilal": {{"none", ""}, {"none", ""}, {"none", ""}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cells %v; want %v", got, want)
	}
	if right["amna"] != "2 of 3 answered" || right["bilal"] != "none answered" {
		t.Errorf("right: %v", right)
	}
	if n := res.doc.Find(`[data-testid="answers"] thead th`).Length(); n != 2+len(tashkentItems) {
		t.Errorf("%d column headers; want student, right and one per question", n)
	}
	// Another class's assignment, through this class's address, or none, is not found.
	second := makeClass(t, cr.teacher, "Year 10 History")
	cr.teacher.post(second, second+"/assignments", url.Values{"set": {idStr(cr.setID)}})
	secondID, _ := strconv.ParseInt(strings.TrimPrefix(second, "/teach/classes/"), 10, 64)
	as, err := cr.h.store.ClassAssignments(context.Background(), secondID)
	if err != nil || len(as) != 1 {
		t.Fatalf("the second class's assignments: %+v %v", as, err)
	}
	for _, p := range []string{cr.url + "/assignments/9999/answers", cr.url + "/assignments/x/answers",
		cr.url + "/assignments/" + idStr(as[0].ID) + "/answers"} {
		if res := cr.teacher.get(p); res.status != http.StatusNotFound {
			t.Errorf("GET %s: %d; want 404", p, res.status)
		}
	}
}
