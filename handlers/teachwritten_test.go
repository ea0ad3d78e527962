package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions/written"
)

// writtenFixture is the class fixture (mrs-khan's Year 9 History, with
// amna and bilal) with the Tashkent written question assigned, due in a week.
type writtenFixture struct {
	*classFixture
	amna, bilal *client
	q, other    written.Question
	id          int64 // the written assignment
	url         string
}

func newWrittenFixture(t *testing.T) *writtenFixture {
	t.Helper()
	cr := newClassFixture(t, "Tashkent 1966")
	wf := &writtenFixture{classFixture: cr, amna: cr.student(t, "amna"), bilal: cr.student(t, "bilal"), q: tashkentQuestion(t, cr.h)}
	for _, q := range cr.h.written.Questions {
		if q.ID != wf.q.ID {
			wf.other = q
			break
		}
	}
	res := cr.teacher.post(cr.url, cr.url+"/written", url.Values{"question": {wf.q.ID}, "due": {cr.due}})
	if res.status != http.StatusSeeOther || res.location != cr.url+"#written" {
		t.Fatalf("assign written: %d %q\n%.300s", res.status, res.location, res.body)
	}
	wf.id = int64(cr.h.rows(t, `SELECT id FROM written_assignments WHERE question_id = ?`, wf.q.ID))
	wf.url = cr.url + "/written/" + idStr(wf.id)
	return wf
}

// handIn submits an answer from the question's page, reached by the link
// on the student's home page.
func (wf *writtenFixture) handIn(t *testing.T, c *client, text string) string {
	t.Helper()
	home := c.get("/")
	link, ok := home.doc.Find(`[data-testid="home-written"] a[data-testid="write-assigned"]`).Attr("href")
	if !ok {
		t.Fatalf("no written assignment on the home page:\n%.500s", home.doc.Find(`[data-testid="home-classes"]`).Text())
	}
	page := c.get(link)
	assignment, _ := page.doc.Find(`form[data-testid="write-form"] input[name="assignment"]`).Attr("value")
	res := c.post(link, "/write/"+wf.q.ID+"/submit", url.Values{"text": {text}, "assignment": {assignment}})
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/write/answers/") {
		t.Fatalf("hand in: %d %q\n%.300s", res.status, res.location, res.body)
	}
	return strings.SplitN(res.location, "?", 2)[0]
}

// card is a student's card on the assignment's page.
func card(doc *goquery.Document, name string) *goquery.Selection {
	return doc.Find(`[data-testid="submission"][data-student="` + name + `"]`)
}

// markTarget is where a student's marking form posts, less the fragment
// that brings the browser back to their card, and the submission it marks.
func markTarget(doc *goquery.Document, name string) (string, string) {
	form := card(doc, name).Find(`form[data-testid="mark-form"]`)
	action, _ := form.Attr("action")
	path, frag, _ := strings.Cut(action, "#")
	if frag == "" {
		path = "/no-fragment-in-" + action
	}
	return path, form.Find(`input[name="submission"]`).AttrOr("value", "")
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestWrittenAssignment_AssignFormRefusesBadInputAndStoresNothing(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	h := cr.h
	q := tashkentQuestion(t, h)
	page := cr.teacher.get(cr.url)
	if page.doc.Find(`[data-testid="assign-written-form"] optgroup`).Length() < 2 {
		t.Error("the written questions are not grouped by era")
	}
	if page.doc.Find(`[data-testid="assign-written-form"] option[value="`+q.ID+`"]`).Length() != 1 {
		t.Errorf("question %s is not offered", q.ID)
	}
	yesterday := cr.karachiToday.AddDate(0, 0, -1).Format("2006-01-02")
	for name, form := range map[string]url.Values{
		"unknown question": {"question": {"no-such-question"}, "due": {cr.due}},
		"no due date":      {"question": {q.ID}, "due": {""}},
		"past due date":    {"question": {q.ID}, "due": {yesterday}},
		"not a date":       {"question": {q.ID}, "due": {"next week"}},
	} {
		res := cr.teacher.post(cr.url, cr.url+"/written", form)
		if res.status != http.StatusBadRequest {
			t.Errorf("%s: %d; want 400", name, res.status)
		}
		if res.doc.Find(`[data-testid="assign-written-form"] .field.invalid`).Length() == 0 {
			t.Errorf("%s: no message beside the field", name)
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM written_assignments`); n != 0 {
		t.Fatalf("%d written assignments stored after bad input", n)
	}
	// Assigning twice is one assignment, with the later date.
	later := cr.karachiToday.AddDate(0, 0, 14).Format("2006-01-02")
	for _, due := range []string{cr.due, later, later} {
		if res := cr.teacher.post(cr.url, cr.url+"/written", url.Values{"question": {q.ID}, "due": {due}}); res.status != http.StatusSeeOther {
			t.Fatalf("assign: %d", res.status)
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM written_assignments WHERE due = ?`, later); n != 1 {
		t.Errorf("%d assignments due %s; want 1", n, later)
	}
	row := cr.teacher.get(cr.url).doc.Find(`[data-testid="written-assignment"]`)
	if row.Length() != 1 || !strings.Contains(squash(row.Text()), "0 of 0 handed in, 0 marked") {
		t.Errorf("class page's written assignment: %q", squash(row.Text()))
	}
}

func TestWrittenAssignment_HandInMarkAndTheStudentSeesTheMark(t *testing.T) {
	wf := newWrittenFixture(t)
	h, q := wf.h, wf.q

	// The students see it on their home and class pages, with its due date.
	for _, c := range []*client{wf.amna, wf.bilal} {
		if got := c.get("/").doc.Find(`[data-testid="home-written"] [data-testid="due"]`).Text(); !strings.Contains(got, "Due ") {
			t.Errorf("home page due date %q", got)
		}
	}
	if wf.amna.get("/classes/"+idStr(wf.classID)).doc.Find(`[data-testid="class-written"]`).Length() != 1 {
		t.Error("the class's page does not list the written assignment")
	}
	page := wf.amna.get("/write/" + q.ID + "?assignment=" + idStr(wf.id))
	if page.doc.Find(`[data-testid="assignment-note"]`).Length() != 1 {
		t.Error("the question's page does not say the answer is handed in to the class")
	}

	answer := "Kosygin brought Ayub Khan and Shastri to Tashkent, where they signed the Tashkent Declaration in January 1966. <b>bold</b>"
	answerURL := wf.handIn(t, wf.amna, answer)
	if n := h.rows(t, `SELECT count(*) FROM written_submissions WHERE assignment_id = ?`, wf.id); n != 1 {
		t.Fatalf("%d answers handed in; want 1", n)
	}

	// The teacher's page: amna's answer highlighted and escaped, bilal not yet.
	res := wf.teacher.get(wf.url)
	if res.status != http.StatusOK {
		t.Fatalf("assignment page: %d", res.status)
	}
	amna := card(res.doc, "amna")
	marks := amna.Find(`[data-testid="answer"] mark`).Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if !slices.ContainsFunc(marks, func(m string) bool { return strings.Contains(m, "Tashkent") }) {
		t.Errorf("highlighted %q; want Tashkent among them", marks)
	}
	if amna.Find(`[data-testid="answer"] b`).Length() != 0 || !strings.Contains(amna.Find(`[data-testid="answer"]`).Text(), "<b>bold</b>") {
		t.Error("the answer's text was not escaped")
	}
	if got := squash(amna.Find(`[data-testid="points-found"]`).Text()); !strings.HasSuffix(got, " of "+strconv.Itoa(len(q.Points))) || strings.Contains(got, ": 0 of") {
		t.Errorf("points found %q", got)
	}
	if amna.Find(`[data-testid="late"]`).Length() != 0 {
		t.Error("an answer handed in before the due date is marked late")
	}
	if card(res.doc, "bilal").Find(`[data-testid="not-submitted"]`).Length() != 1 {
		t.Error("bilal, who has not handed in, is not named")
	}
	if got := squash(res.doc.Find(`[data-testid="summary"]`).Text()); !strings.HasPrefix(got, "1 of 2 students handed in an answer; 0 marked.") {
		t.Errorf("summary %q", got)
	}

	// amna gives herself the top level.
	top := q.Levels[len(q.Levels)-1]
	if r := wf.amna.post(answerURL, answerURL+"/level", url.Values{"level": {strconv.Itoa(top.Level)}}); r.status != http.StatusSeeOther {
		t.Fatalf("self level: %d", r.status)
	}
	if got := squash(card(wf.teacher.get(wf.url).doc, "amna").Find(`[data-testid="self-level"]`).Text()); !strings.HasSuffix(got, strconv.Itoa(top.Level)) {
		t.Errorf("self level shown as %q", got)
	}

	// Marking: a mark outside the level's range, or no level, is refused.
	markURL, sub := markTarget(wf.teacher.get(wf.url).doc, "amna")
	lv := q.Levels[0]
	for name, tc := range map[string]struct {
		form url.Values
		want string
	}{
		"above the range": {url.Values{"level": {strconv.Itoa(lv.Level)}, "mark": {strconv.Itoa(lv.Max + 1)}}, "Level " + strconv.Itoa(lv.Level) + " is "},
		"below the range": {url.Values{"level": {strconv.Itoa(lv.Level)}, "mark": {strconv.Itoa(lv.Min - 1)}}, "give a mark from " + strconv.Itoa(lv.Min)},
		"no mark":         {url.Values{"level": {strconv.Itoa(lv.Level)}, "mark": {""}}, "Level " + strconv.Itoa(lv.Level) + " is "},
		"no such level":   {url.Values{"level": {"99"}, "mark": {"1"}}, "Choose one of the mark scheme’s levels"},
	} {
		tc.form.Set("submission", sub)
		r := wf.teacher.post(wf.url, markURL, tc.form)
		if r.status != http.StatusBadRequest {
			t.Errorf("%s: %d; want 400", name, r.status)
		}
		if got := card(r.doc, "amna").Find(`[data-testid="form-error"]`).Text(); !strings.Contains(got, tc.want) {
			t.Errorf("%s: message %q; want it to contain %q", name, got, tc.want)
		}
	}
	if lv.Min < lv.Max {
		r := wf.teacher.post(wf.url, markURL, url.Values{"submission": {sub}, "level": {strconv.Itoa(lv.Level)}, "mark": {strconv.Itoa(lv.Max + 1)}})
		want := "Level " + strconv.Itoa(lv.Level) + " is " + strconv.Itoa(lv.Min) + "–" + strconv.Itoa(lv.Max) + " marks"
		if got := r.doc.Find(`[data-testid="form-error"]`).Text(); !strings.Contains(got, want) {
			t.Errorf("out of range: %q; want %q", got, want)
		}
	}
	good := url.Values{"level": {strconv.Itoa(lv.Level)}, "mark": {strconv.Itoa(lv.Min)}}
	if r := wf.teacher.post(wf.url, markURL, copyForm(good)); r.status != http.StatusBadRequest {
		t.Errorf("a mark naming no answer: %d; want 400", r.status)
	}
	unknown := copyForm(good)
	unknown.Set("submission", sub+"0")
	if r := wf.teacher.post(wf.url, markURL, unknown); r.status != http.StatusNotFound {
		t.Errorf("a mark of an answer not handed in: %d; want 404", r.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_marks`); n != 0 {
		t.Fatalf("%d marks stored after refused ones", n)
	}

	// A mark, then a second that replaces it, sent twice.
	first := url.Values{"submission": {sub}, "level": {strconv.Itoa(lv.Level)}, "mark": {strconv.Itoa(lv.Min)}, "comment": {"Say more."}}
	if r := wf.teacher.post(wf.url, markURL, first); r.status != http.StatusSeeOther {
		t.Fatalf("mark: %d\n%.300s", r.status, r.body)
	}
	lv2 := q.Levels[1]
	second := url.Values{"submission": {sub}, "level": {strconv.Itoa(lv2.Level)}, "mark": {strconv.Itoa(lv2.Max)},
		"comment": {"Good: you name the mediator. Explain why the Soviet Union mediated."}}
	for range 2 {
		r := wf.teacher.post(wf.url, markURL, copyForm(second))
		if r.status != http.StatusSeeOther {
			t.Fatalf("re-mark: %d", r.status)
		}
		if got := squash(wf.teacher.get(r.location).doc.Find(`[data-testid="notice"]`).Text()); !strings.Contains(got, "amna") {
			t.Errorf("after marking, the notice says %q", got)
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM written_marks WHERE level = ? AND mark = ?`, lv2.Level, lv2.Max); n != 1 {
		t.Errorf("%d marks of level %d, %d; want the one, replaced", n, lv2.Level, lv2.Max)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_marks`); n != 1 {
		t.Errorf("%d marks stored; want 1", n)
	}
	marked := card(wf.teacher.get(wf.url).doc, "amna")
	if got, _ := marked.Find(`input[name="level"][checked]`).Attr("value"); got != strconv.Itoa(lv2.Level) {
		t.Errorf("the form shows level %q checked; want %d", got, lv2.Level)
	}

	// amna sees the mark and the comment with her answer; bilal cannot see it.
	mine := wf.amna.get(answerURL)
	if got := squash(mine.doc.Find(`[data-testid="teacher-level"]`).Text()); !strings.HasPrefix(got,
		"Level "+strconv.Itoa(lv2.Level)+": "+strconv.Itoa(lv2.Max)+" of "+strconv.Itoa(q.Marks)+" marks") {
		t.Errorf("the student sees %q", got)
	}
	if got := mine.doc.Find(`[data-testid="teacher-comment"]`).Text(); got != second.Get("comment") {
		t.Errorf("comment shown %q", got)
	}
	if wf.bilal.get(answerURL).status != http.StatusNotFound {
		t.Error("another student sees amna's answer")
	}
	if got := wf.amna.get("/").doc.Find(`[data-testid="home-written"] [data-testid="written-state"]`).Text(); !strings.Contains(got, "Marked") {
		t.Errorf("home page state %q; want Marked", got)
	}

	// An answer handed in after the due date is late.
	if _, err := h.store.AssignWritten(context.Background(), wf.classID, q.ID, "2020-01-01"); err != nil {
		t.Fatal(err)
	}
	if card(wf.teacher.get(wf.url).doc, "amna").Find(`[data-testid="late"]`).Length() != 1 {
		t.Error("an answer handed in after the due date is not marked late")
	}
}

func TestWrittenAssignment_AnswersNotAssignedAreRefusedAndNothingStored(t *testing.T) {
	wf := newWrittenFixture(t)
	h := wf.h
	// The other question is assigned too: its assignment cannot take an
	// answer to the Tashkent question.
	if r := wf.teacher.post(wf.classFixture.url, wf.classFixture.url+"/written", url.Values{"question": {wf.other.ID}, "due": {wf.due}}); r.status != http.StatusSeeOther {
		t.Fatalf("assign the other question: %d", r.status)
	}
	otherID := int64(h.rows(t, `SELECT id FROM written_assignments WHERE question_id = ?`, wf.other.ID))
	chand := wf.h.client()
	if res := signup(t, chand, "chand", "a long password"); res.status != http.StatusSeeOther {
		t.Fatal("signup chand")
	}
	page := "/write/" + wf.q.ID
	text := "Kosygin mediated at Tashkent in January 1966."
	for _, tc := range []struct {
		name       string
		c          *client
		assignment string
		status     int
	}{
		{"another question's assignment", wf.amna, idStr(otherID), http.StatusForbidden},
		{"a student of another class", chand, idStr(wf.id), http.StatusNotFound},
		{"no such assignment", wf.amna, idStr(wf.id + 100), http.StatusNotFound},
		{"not a number", wf.amna, "first", http.StatusNotFound},
		{"the teacher", wf.teacher, idStr(wf.id), http.StatusNotFound},
	} {
		r := tc.c.post(page, page+"/submit", url.Values{"text": {text}, "assignment": {tc.assignment}})
		if r.status != tc.status {
			t.Errorf("%s: %d; want %d", tc.name, r.status, tc.status)
		}
		if msg := r.doc.Find(`[data-testid="error-message"]`).Text(); !strings.Contains(msg, "nothing was saved") {
			t.Errorf("%s: message %q", tc.name, msg)
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM written_submissions`); n != 0 {
		t.Fatalf("%d answers stored after refused ones; want none", n)
	}
	// Without the field, an answer by a student of the class is handed in
	// for their assignment of the question; chand's is practice only.
	if r := wf.bilal.post(page, page+"/submit", url.Values{"text": {text}}); r.status != http.StatusSeeOther {
		t.Fatalf("bilal: %d", r.status)
	}
	if r := chand.post(page, page+"/submit", url.Values{"text": {text}}); r.status != http.StatusSeeOther {
		t.Fatalf("chand: %d", r.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_submissions WHERE assignment_id = ?`, wf.id); n != 1 {
		t.Errorf("%d answers handed in; want bilal's", n)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_submissions WHERE assignment_id IS NULL`); n != 1 {
		t.Errorf("%d practice answers; want chand's", n)
	}
}

func TestWrittenAssignment_EveryRouteAsAnotherTeacherOrAStudentChangesNothing(t *testing.T) {
	wf := newWrittenFixture(t)
	h := wf.h
	wf.handIn(t, wf.amna, "Kosygin mediated at Tashkent.")
	sub := int64(h.rows(t, `SELECT max(id) FROM written_submissions`))
	other := h.teacher(t, "mr-ali")
	base := wf.classFixture.url
	gets := []string{base + "/written", base + "/written.csv", base + "/written-marks.csv", wf.url, wf.url + "/delete"}
	lv := wf.q.Levels[0]
	posts := []struct {
		path string
		form url.Values
	}{
		{base + "/written", url.Values{"question": {wf.other.ID}, "due": {wf.due}}},
		{wf.url + "/marks", url.Values{"submission": {idStr(sub)}, "level": {strconv.Itoa(lv.Level)}, "mark": {strconv.Itoa(lv.Min)}}},
		{wf.url + "/delete", url.Values{}},
	}
	for _, who := range []struct {
		name   string
		c      *client
		status int
	}{{"another teacher", other, http.StatusNotFound}, {"a student", wf.amna, http.StatusForbidden}} {
		for _, p := range gets {
			res := who.c.get(p)
			if res.status != who.status {
				t.Errorf("%s: GET %s = %d; want %d", who.name, p, res.status, who.status)
			}
			if strings.Contains(res.body, "Kosygin mediated") {
				t.Errorf("%s: GET %s shows amna's answer", who.name, p)
			}
		}
		for _, p := range posts {
			if res := who.c.post("/", p.path, copyForm(p.form)); res.status != who.status {
				t.Errorf("%s: POST %s = %d; want %d", who.name, p.path, res.status, who.status)
			}
		}
	}
	// The owner without a CSRF token changes nothing either.
	for _, p := range posts {
		if res := wf.teacher.do(http.MethodPost, p.path, copyForm(p.form)); res.status != http.StatusForbidden {
			t.Errorf("the owner without a token: POST %s = %d; want 403", p.path, res.status)
		}
	}
	// A mark through another class's URL is not found.
	otherClass := makeClass(t, other, "Ali's class")
	if res := other.post(otherClass, otherClass+"/written/"+idStr(wf.id)+"/marks", copyForm(posts[1].form)); res.status != http.StatusNotFound {
		t.Errorf("marking through another class: %d; want 404", res.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_assignments`); n != 1 {
		t.Errorf("%d written assignments; want the one", n)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_marks`); n != 0 {
		t.Errorf("%d marks; want none", n)
	}
}

func TestWrittenAssignment_RemoveAsksFirstAndKeepsTheAnswers(t *testing.T) {
	wf := newWrittenFixture(t)
	h := wf.h
	answerURL := wf.handIn(t, wf.amna, "Kosygin mediated at Tashkent.")
	link, _ := wf.teacher.get(wf.classFixture.url).doc.Find(`[data-testid="remove-written"]`).Attr("href")
	confirm := wf.teacher.get(link)
	if confirm.status != http.StatusOK || confirm.doc.Find(`[data-testid="confirm"]`).Length() != 1 {
		t.Fatalf("confirmation page: %d", confirm.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM written_assignments`); n != 1 {
		t.Fatal("the confirmation page removed the assignment")
	}
	for range 2 {
		if r := wf.teacher.post(wf.classFixture.url, link, url.Values{}); r.status != http.StatusSeeOther {
			t.Fatalf("remove: %d", r.status)
		}
	}
	if n := h.rows(t, `SELECT count(*) FROM written_assignments`); n != 0 {
		t.Errorf("%d written assignments after removing; want none", n)
	}
	if wf.amna.get(answerURL).status != http.StatusOK {
		t.Error("amna's answer went with the assignment")
	}
	if wf.amna.get("/").doc.Find(`[data-testid="home-written"]`).Length() != 0 {
		t.Error("the removed assignment still shows on the home page")
	}
	if wf.teacher.get(wf.url).status != http.StatusNotFound {
		t.Error("the removed assignment's page is still there")
	}
}

func TestWrittenDashboard_FiguresAndCSV(t *testing.T) {
	wf := newWrittenFixture(t)
	q := wf.q
	carol := wf.classFixture.student(t, "carol")
	lv := q.Levels[len(q.Levels)-1]
	marks := map[string]int{"amna": lv.Min, "bilal": lv.Max}
	comments := map[string]string{"amna": "=HYPERLINK(\"http://evil\")", "bilal": "Good."}
	for _, name := range []string{"amna", "bilal"} {
		c := map[string]*client{"amna": wf.amna, "bilal": wf.bilal}[name]
		answerURL := wf.handIn(t, c, "Kosygin mediated at Tashkent.")
		// amna rates herself one level above the teacher; bilal does not rate.
		if name == "amna" {
			if r := c.post(answerURL, answerURL+"/level", url.Values{"level": {strconv.Itoa(lv.Level)}}); r.status != http.StatusSeeOther {
				t.Fatal("self level")
			}
		}
		markURL, sub := markTarget(wf.teacher.get(wf.url).doc, name)
		level := lv.Level
		if name == "amna" {
			level = q.Levels[len(q.Levels)-2].Level
			marks[name] = q.Levels[len(q.Levels)-2].Max
		}
		if r := wf.teacher.post(wf.url, markURL, url.Values{"submission": {sub}, "level": {strconv.Itoa(level)}, "mark": {strconv.Itoa(marks[name])},
			"comment": {comments[name]}}); r.status != http.StatusSeeOther {
			t.Fatalf("mark %s: %d\n%.300s", name, r.status, r.body)
		}
	}
	_ = carol
	res := wf.teacher.get(wf.classFixture.url + "/written")
	if res.status != http.StatusOK {
		t.Fatalf("written dashboard: %d", res.status)
	}
	if wf.teacher.get(wf.classFixture.url+"/dashboard").doc.Find(`[data-testid="written-dashboard-link"]`).Length() != 1 {
		t.Error("the dashboard does not link to the written answers")
	}
	row := res.doc.Find(`[data-testid="written-row"]`)
	if row.Length() != 1 {
		t.Fatalf("%d rows; want 1", row.Length())
	}
	lo, hi := min(marks["amna"], marks["bilal"]), max(marks["amna"], marks["bilal"])
	mean := float64(marks["amna"]+marks["bilal"]) / 2
	for sel, want := range map[string]string{
		"handed-in": "2 of 3",
		"marked":    "2",
		"mean":      strconv.FormatFloat(mean, 'f', 1, 64),
		"range":     strconv.Itoa(lo) + "–" + strconv.Itoa(hi),
		"sd":        strconv.FormatFloat(float64(hi-lo)/2, 'f', 1, 64),
		"gap":       "−1.0 (students’ own levels higher)",
	} {
		if got := squash(row.Find(`[data-testid="` + sel + `"]`).Text()); !strings.HasPrefix(got, want) {
			t.Errorf("%s = %q; want %q", sel, got, want)
		}
	}
	if row.Find(`[data-testid="missed"] li`).Length() == 0 || !strings.Contains(row.Find(`[data-testid="missed"]`).Text(), "missed by 2 of 2 answers") {
		t.Errorf("most missed: %q", squash(row.Find(`[data-testid="missed"]`).Text()))
	}
	if res.doc.Find(`[role="region"][aria-label] table.stack`).Length() != 1 {
		t.Error("the wide table is not in a labelled scrolling region")
	}

	rows := readCSV(t, wf.teacher.get(wf.classFixture.url+"/written.csv"))
	if len(rows) != 2 || rows[1][column(t, rows[0], "Submitted")] != "2" || rows[1][column(t, rows[0], "Marked")] != "2" ||
		rows[1][column(t, rows[0], "Mean level gap (teacher minus student)")] != "-1.00" {
		t.Errorf("written.csv: %q", rows)
	}
	marksCSV := readCSV(t, wf.teacher.get(wf.classFixture.url+"/written-marks.csv"))
	if len(marksCSV) != 3 {
		t.Fatalf("written-marks.csv has %d rows; want a header and 2", len(marksCSV))
	}
	header := marksCSV[0]
	if !slices.Contains(header, "Submitted (UTC)") || !slices.Contains(header, "Marked (UTC)") {
		t.Errorf("times not said to be UTC: %q", header)
	}
	for _, r := range marksCSV[1:] {
		comment := r[column(t, header, "Comment")]
		if r[column(t, header, "Student")] == "amna" && comment != "'"+comments["amna"] {
			t.Errorf("amna's comment in CSV %q; want the formula defused", comment)
		}
	}
}

func TestWrittenAssignment_TheTeachersOwnQuestion(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	h := cr.h
	amna := cr.student(t, "amna")
	mine := tashkentQuestion(t, h)
	mine.ID, mine.Prompt = "", "Describe Kosygin's part in the talks at Tashkent. (Mrs Khan's own)"
	qid, err := h.store.AddWritten(context.Background(), cr.setID, mine)
	if err != nil {
		t.Fatal(err)
	}
	option := cr.teacher.get(cr.url).doc.Find(`[data-testid="assign-written-form"] option[value="` + qid + `"]`)
	if !strings.HasPrefix(option.Text(), "Yours: ") {
		t.Fatalf("the teacher's own question is offered as %q", option.Text())
	}
	if r := cr.teacher.post(cr.url, cr.url+"/written", url.Values{"question": {qid}, "due": {cr.due}}); r.status != http.StatusSeeOther {
		t.Fatalf("assign own question: %d", r.status)
	}
	// Another teacher cannot assign it.
	other := h.teacher(t, "mr-ali")
	otherClass := makeClass(t, other, "Ali's class")
	if r := other.post(otherClass, otherClass+"/written", url.Values{"question": {qid}, "due": {cr.due}}); r.status != http.StatusBadRequest {
		t.Errorf("another teacher assigns it: %d; want 400", r.status)
	}
	link, ok := amna.get("/").doc.Find(`[data-testid="home-written"] a[data-testid="write-assigned"]`).Attr("href")
	if !ok {
		t.Fatal("the student does not see the assignment")
	}
	res := amna.post(link, "/write/"+qid+"/submit", url.Values{"text": {"Kosygin invited both sides to Tashkent."}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("hand in: %d\n%.300s", res.status, res.body)
	}
	id := h.rows(t, `SELECT id FROM written_assignments WHERE question_id = ?`, qid)
	page := cr.teacher.get(cr.url + "/written/" + strconv.Itoa(id))
	if page.status != http.StatusOK || card(page.doc, "amna").Find(`[data-testid="answer"]`).Length() != 1 {
		t.Errorf("the teacher's page of their own question: %d", page.status)
	}
}
