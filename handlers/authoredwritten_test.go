package handlers_test

import (
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"sabaq/questions"
	"sabaq/questions/written"
)

// writtenForm is a valid add-written-question form: an explain question
// with two levels, a point linked to two events and a free-text point,
// and a spare empty row of each.
func writtenForm() url.Values {
	return url.Values{
		"kind": {"explain"}, "prompt": {"Explain why Ayub Khan visited Moscow in 1965."}, "marks": {"7"},
		"level_min": {"1", "4", ""}, "level_max": {"3", "7", ""}, "level_descriptor": {"Describes the visit.", "Explains reasons.", ""},
		"level_exemplar": {"", "Ayub went to balance his ties with Washington.", ""},
		"point_text":     {"Bilateralism balanced the powers.", "He wanted Soviet neutrality over Kashmir.", ""},
		"point_events":   {"ayub-policy-of-bilateralism, ayub-visits-moscow", "", ""},
		"point_side":     {"", "", ""},
		"outline":        {"Context of 1965\nReasons\n"},
	}
}

// writtenOf reads a set's written questions from the store.
func (h *harness) writtenOf(t *testing.T, setID int64) []written.Question {
	t.Helper()
	qs, err := h.store.SetWritten(context.Background(), setID)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func TestAuthoredWritten_TeacherAddsEditsAndDeletes(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "mrs-khan")
	id := createSetViaForm(t, c, "Ayub and Moscow")
	set := setPath(id)

	page := c.get(set)
	if page.doc.Find(`[data-testid="written-section"] [data-testid="no-written"]`).Length() != 1 {
		t.Fatalf("the set page has no empty written section:\n%.500s", page.body)
	}
	res := c.post(set+"/written/new", set+"/written/new", writtenForm())
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, set+"?done=written-added") {
		t.Fatalf("add: %d %q\n%s", res.status, res.location, res.doc.Find(`[data-testid="form-errors"]`).Text())
	}
	qs := h.writtenOf(t, id)
	if len(qs) != 1 {
		t.Fatalf("%d written questions stored", len(qs))
	}
	want := written.Question{ID: qs[0].ID, Kind: written.Explain, Eras: []string{"military"}, Prompt: "Explain why Ayub Khan visited Moscow in 1965.", Marks: 7,
		Levels: []written.Level{{Level: 1, Min: 1, Max: 3, Descriptor: "Describes the visit."}, {Level: 2, Min: 4, Max: 7, Descriptor: "Explains reasons.", Exemplar: "Ayub went to balance his ties with Washington."}},
		Points: []written.Point{{ID: "p1", Text: "Bilateralism balanced the powers.", Events: []string{"ayub-policy-of-bilateralism", "ayub-visits-moscow"}},
			{ID: "p2", Text: "He wanted Soviet neutrality over Kashmir."}},
		Outline: []string{"Context of 1965", "Reasons"}}
	if !reflect.DeepEqual(qs[0], want) {
		t.Errorf("stored:\n%+v\nwant\n%+v", qs[0], want)
	}
	qid := qs[0].ID
	if !strings.HasPrefix(qid, "t") {
		t.Errorf("id %q does not start with t", qid)
	}

	page = c.get(res.location)
	row := page.doc.Find(`[data-testid="written"]`)
	if row.Length() != 1 || !strings.Contains(row.Find(`[data-testid="written-prompt"]`).Text(), "Ayub Khan visited Moscow") ||
		!strings.Contains(row.Find(`[data-testid="written-free"]`).Text(), "1 point links no event") {
		t.Errorf("set page's written row: %q", row.Text())
	}
	if got := page.doc.Find(`[data-testid="notice"]`).Text(); !strings.Contains(got, "Written question added") {
		t.Errorf("notice %q", got)
	}

	// The owner writes an answer to it at /write/:qid.
	if w := c.get("/write/" + qid); w.status != http.StatusOK || !strings.Contains(w.body, "Ayub Khan visited Moscow") {
		t.Errorf("/write/%s as its owner: %d", qid, w.status)
	}

	// The owner's answer is stored and shown against the mark scheme; the
	// free-text point is never ticked.
	sub := c.post("/write/"+qid, "/write/"+qid+"/submit", url.Values{"text": {"Ayub Khan's state visit to Moscow in April 1965 followed bilateralism."}})
	if sub.status != http.StatusSeeOther || !strings.HasPrefix(sub.location, "/write/answers/") {
		t.Fatalf("submit an answer: %d %q", sub.status, sub.location)
	}
	if ans := c.get(sub.location); ans.status != http.StatusOK || !strings.Contains(ans.body, "He wanted Soviet neutrality over Kashmir.") {
		t.Errorf("the answer page: %d", ans.status)
	}

	// Edit: the form shows it as stored, with the linked events' titles.
	edit := c.get(set + "/written/" + qid + "/edit")
	if edit.status != http.StatusOK {
		t.Fatalf("edit form: %d", edit.status)
	}
	if got := edit.doc.Find(`textarea[name="prompt"]`).Text(); got != want.Prompt {
		t.Errorf("edit form's prompt %q", got)
	}
	if got := edit.doc.Find(`[data-testid="point-linked"]`).First().Text(); !strings.Contains(got, "Moscow") {
		t.Errorf("linked events shown as %q", got)
	}
	form := writtenForm()
	form.Set("kind", "evaluate")
	form.Set("marks", "12")
	form["level_max"] = []string{"3", "12", ""}
	form["point_side"] = []string{"for", "against", ""}
	res = c.post(set+"/written/"+qid+"/edit", set+"/written/"+qid+"/edit", form)
	if res.status != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
	}
	if q := h.writtenOf(t, id)[0]; q.Kind != written.Evaluate || q.Marks != 12 || q.Points[0].Side != written.For || q.Points[1].Side != written.Against || q.ID != qid {
		t.Errorf("after editing: %+v", q)
	}

	// Delete asks first, then deletes.
	confirm := c.get(set + "/written/" + qid + "/delete")
	if confirm.status != http.StatusOK || h.writtenOf(t, id) == nil {
		t.Fatalf("delete confirmation: %d", confirm.status)
	}
	res = c.post(set+"/written/"+qid+"/delete", set+"/written/"+qid+"/delete", url.Values{})
	if res.status != http.StatusSeeOther || len(h.writtenOf(t, id)) != 0 {
		t.Fatalf("delete: %d, %d left", res.status, len(h.writtenOf(t, id)))
	}
	if w := c.get("/write/" + qid); w.status != http.StatusNotFound {
		t.Errorf("/write/%s after deleting: %d", qid, w.status)
	}
	if res := c.post(set, set+"/written/"+qid+"/delete", url.Values{}); res.status != http.StatusNotFound {
		t.Errorf("deleting again: %d", res.status)
	}
}

func TestAuthoredWritten_BadInputIs400WithTheErrorBesideTheField(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "mrs-khan")
	id := createSetViaForm(t, c, "Ayub and Moscow")
	set := setPath(id)
	tests := []struct {
		name  string
		edit  func(url.Values)
		field string
		want  string
	}{
		{"marks over the kind's range", func(f url.Values) { f.Set("marks", "9") }, "marks", "6 to 8 marks"},
		{"marks not a number", func(f url.Values) { f.Set("marks", "seven") }, "marks", "whole number"},
		{"no levels", func(f url.Values) {
			f["level_min"], f["level_max"], f["level_descriptor"], f["level_exemplar"] = []string{"", ""}, []string{"", ""}, []string{"", ""}, nil
		}, "levels", "at least one level"},
		{"a gap between levels", func(f url.Values) { f["level_min"] = []string{"1", "5", ""} }, "levels", "leaving 4 uncovered"},
		{"level marks not numbers", func(f url.Values) { f["level_min"] = []string{"one", "4", ""} }, "levels", "whole numbers"},
		{"no points", func(f url.Values) { f["point_text"], f["point_events"] = []string{"", "", ""}, []string{"", "", ""} }, "points", "at least one"},
		{"an unknown event", func(f url.Values) { f["point_events"] = []string{"moon-landing", "", ""} }, "points", `"moon-landing"`},
		{"evaluate without sides", func(f url.Values) {
			f.Set("kind", "evaluate")
			f.Set("marks", "12")
			f["level_max"] = []string{"3", "12", ""}
		}, "points", "choose its side"},
		{"empty prompt", func(f url.Values) { f.Set("prompt", " ") }, "prompt", "Write the question"},
		{"unknown kind", func(f url.Values) { f.Set("kind", "discuss") }, "kind", "Choose the kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := writtenForm()
			tt.edit(f)
			res := c.post(set+"/written/new", set+"/written/new", f)
			if res.status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", res.status)
			}
			if got := res.doc.Find(`[data-testid="` + tt.field + `-error"]`).Text(); !strings.Contains(got, tt.want) {
				t.Errorf("%s error %q, want %q", tt.field, got, tt.want)
			}
			if got := res.doc.Find(`textarea[name="prompt"]`).Text(); got != f.Get("prompt") {
				t.Errorf("the form lost the prompt: %q", got)
			}
			if n := len(h.writtenOf(t, id)); n != 0 {
				t.Errorf("%d written questions stored", n)
			}
		})
	}
}

func TestAuthoredWritten_OnlyTheSetsOwner(t *testing.T) {
	h := newHarness(t)
	owner := h.teacher(t, "mrs-khan")
	id := createSetViaForm(t, owner, "Mine")
	set := setPath(id)
	if res := owner.post(set+"/written/new", set+"/written/new", writtenForm()); res.status != http.StatusSeeOther {
		t.Fatalf("add: %d", res.status)
	}
	qid := h.writtenOf(t, id)[0].ID

	other := h.teacher(t, "mr-ali")
	otherSet := createSetViaForm(t, other, "Theirs")
	for _, p := range []string{set + "/written/new", set + "/written/" + qid + "/edit", set + "/written/" + qid + "/delete",
		setPath(otherSet) + "/written/" + qid + "/edit"} {
		if res := other.get(p); res.status != http.StatusNotFound {
			t.Errorf("another teacher GET %s: %d, want 404", p, res.status)
		}
	}
	for _, p := range []string{set + "/written/new", set + "/written/" + qid + "/edit", set + "/written/" + qid + "/delete",
		setPath(otherSet) + "/written/" + qid + "/edit", setPath(otherSet) + "/written/" + qid + "/delete"} {
		if res := other.post("/teach/sets", p, writtenForm()); res.status != http.StatusNotFound {
			t.Errorf("another teacher POST %s: %d, want 404", p, res.status)
		}
	}
	if w := other.get("/write/" + qid); w.status != http.StatusNotFound {
		t.Errorf("another teacher /write/%s: %d, want 404", qid, w.status)
	}

	student := h.client()
	if res := signup(t, student, "ayesha", "a long password"); res.status != http.StatusSeeOther {
		t.Fatalf("signup: %d", res.status)
	}
	if res := student.get(set + "/written/new"); res.status != http.StatusForbidden {
		t.Errorf("a student GET: %d, want 403", res.status)
	}
	if res := student.post("/", set+"/written/new", writtenForm()); res.status != http.StatusForbidden {
		t.Errorf("a student POST: %d, want 403", res.status)
	}
	if w := student.get("/write/" + qid); w.status != http.StatusNotFound {
		t.Errorf("a student of no class /write/%s: %d, want 404", qid, w.status)
	}
	if w := h.client().get("/write/" + qid); w.status != http.StatusNotFound {
		t.Errorf("an anonymous visitor /write/%s: %d, want 404", qid, w.status)
	}

	// Without the CSRF token: 403 and nothing written.
	noToken := owner.do(http.MethodPost, set+"/written/"+qid+"/delete", url.Values{})
	if noToken.status != http.StatusForbidden {
		t.Errorf("delete without CSRF: %d, want 403", noToken.status)
	}
	noToken = owner.do(http.MethodPost, set+"/written/new", writtenForm())
	if noToken.status != http.StatusForbidden || len(h.writtenOf(t, id)) != 1 {
		t.Errorf("add without CSRF: %d, %d stored", noToken.status, len(h.writtenOf(t, id)))
	}

	// The teacher's own questions are the choices of the assign form: their
	// lookup sees only the owner's.
	if qs, err := h.store.WrittenByOwner(context.Background(), h.accountID(t, "mrs-khan")); err != nil || len(qs) != 1 || qs[0].ID != qid {
		t.Errorf("WrittenByOwner = %v, %v", qs, err)
	}
}

func TestAuthoredWritten_AStudentOfAnAssignedClassMayWriteIt(t *testing.T) {
	if _, err := os.Stat("../db/migrations/0018_written_assignments.sql"); err != nil {
		t.Skip("written_assignments (migration 0018) is not there yet")
	}
	h := newHarness(t)
	owner := h.teacher(t, "mrs-khan")
	id := createSetViaForm(t, owner, "Mine")
	set := setPath(id)
	if res := owner.post(set+"/written/new", set+"/written/new", writtenForm()); res.status != http.StatusSeeOther {
		t.Fatalf("add: %d", res.status)
	}
	qid := h.writtenOf(t, id)[0].ID
	ctx := context.Background()
	class, err := h.store.CreateClass(ctx, h.accountID(t, "mrs-khan"), "11B")
	if err != nil {
		t.Fatal(err)
	}
	in, out := h.client(), h.client()
	signup(t, in, "ayesha", "a long password")
	signup(t, out, "bilal", "a long password")
	if err := h.store.JoinClass(ctx, class.ID, h.accountID(t, "ayesha")); err != nil {
		t.Fatal(err)
	}
	if w := in.get("/write/" + qid); w.status != http.StatusNotFound {
		t.Errorf("before it is assigned: %d, want 404", w.status)
	}
	d, err := sql.Open("sqlite3", "file:"+h.path+"?_busy_timeout=5000&_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Exec(`INSERT INTO written_assignments (class_id, question_id, due, created_at) VALUES (?, ?, '2027-05-01', 0)`, class.ID, qid); err != nil {
		t.Fatal(err)
	}
	if w := in.get("/write/" + qid); w.status != http.StatusOK || !strings.Contains(w.body, "Ayub Khan visited Moscow") {
		t.Errorf("a student of the class: %d", w.status)
	}
	if w := out.get("/write/" + qid); w.status != http.StatusNotFound {
		t.Errorf("a student of no class it is assigned to: %d, want 404", w.status)
	}
	// Her answer stays hers to read after the assignment is removed; the
	// question itself is no longer offered to her.
	page := "/write/" + qid
	r := in.post(page, page+"/submit", url.Values{"text": {"Ayub Khan visited Moscow in April 1965."}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("submit: %d", r.status)
	}
	if _, err := d.Exec(`DELETE FROM written_assignments WHERE question_id = ?`, qid); err != nil {
		t.Fatal(err)
	}
	if w := in.get(r.location); w.status != http.StatusOK || !strings.Contains(w.doc.Find(`[data-testid="answer"]`).Text(), "April 1965") {
		t.Errorf("her answer after the assignment was removed: %d, want it shown", w.status)
	}
	if w := in.get(page); w.status != http.StatusNotFound {
		t.Errorf("the question after the assignment was removed: %d, want 404", w.status)
	}
	if got := in.get("/progress").doc.Find(`[data-testid="written-answer"]`).Length(); got != 1 {
		t.Errorf("her progress lists %d written answers; want hers", got)
	}
	var acc questions.Account
	if acc, _, err = h.store.AccountByUsername(ctx, "ayesha"); err != nil || acc.Role != questions.Student {
		t.Fatalf("ayesha: %+v %v", acc, err)
	}
}

func TestAuthoredWritten_MoodleXMLExportAndImportThroughTheWeb(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "mrs-khan")
	id := createSetViaForm(t, c, "Ayub and Moscow")
	set := setPath(id)
	if res := c.post(set+"/written/new", set+"/written/new", writtenForm()); res.status != http.StatusSeeOther {
		t.Fatalf("add: %d", res.status)
	}
	exported := c.get(set + "/export?format=xml")
	if exported.status != http.StatusOK || !strings.Contains(exported.body, `<question type="essay">`) ||
		!strings.Contains(exported.body, "graderinfo") {
		t.Fatalf("export: %d\n%.600s", exported.status, exported.body)
	}
	// Other formats leave it out and say so.
	if gift := c.get(set + "/export?format=gift"); gift.status != http.StatusBadRequest || !strings.Contains(gift.body, "only to Moodle XML") {
		t.Errorf("GIFT export of a set of written questions only: %d", gift.status)
	}
	if page := c.get(set + "/export"); !strings.Contains(page.body, "exported only to Moodle XML") {
		t.Errorf("the export page does not say GIFT leaves the written question out")
	}

	// Imported into a new set, it comes back the same.
	preview := c.uploadImport(t, "/teach/import", map[string]string{"format": "xml", "title": "Copy"}, "set.xml", []byte(exported.body))
	if preview.status != http.StatusOK {
		t.Fatalf("preview: %d\n%s", preview.status, preview.doc.Find(`[data-testid="import-errors"]`).Text())
	}
	if got := preview.doc.Find(`[data-testid="written"]`).Text(); !strings.Contains(got, "Sabaq's mark scheme") || !strings.Contains(got, "Line") {
		t.Errorf("preview's written list: %q", got)
	}
	res := confirmImport(t, c, preview, nil)
	if res.status != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.status)
	}
	var newID int64
	for _, si := range mustSets(t, h, "mrs-khan") {
		if si.Title == "Copy" {
			newID = si.ID
		}
	}
	orig, copied := h.writtenOf(t, id), h.writtenOf(t, newID)
	if len(copied) != 1 {
		t.Fatalf("%d written questions imported", len(copied))
	}
	copied[0].ID = orig[0].ID
	if !reflect.DeepEqual(orig, copied) {
		t.Errorf("imported:\n%+v\nwant\n%+v", copied, orig)
	}
	again := c.get(setPath(newID) + "/export?format=xml")
	if !bytes.Equal([]byte(again.body), []byte(exported.body)) {
		t.Errorf("export of the imported set differs from the first export")
	}
}

func mustSets(t *testing.T, h *harness, owner string) []questions.SetInfo {
	t.Helper()
	sis, err := h.store.SetsByOwner(context.Background(), h.accountID(t, owner))
	if err != nil {
		t.Fatal(err)
	}
	return sis
}

func TestAuthoredWritten_AForeignMoodleEssayIsImportedIntoASetAndThePreviewSaysHow(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "mrs-khan")
	id := createSetViaForm(t, c, "Ayub and Moscow")
	const in = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Tashkent</text></name>
    <questiontext format="plain_text"><text>Tashkent was signed in 1966.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="essay">
    <name><text>Soviet aid</text></name>
    <questiontext format="html"><text><![CDATA[<p>Discuss Soviet aid to Pakistan.</p>]]></text></questiontext>
    <defaultgrade>20</defaultgrade>
    <graderinfo format="html"><text><![CDATA[<ul><li>The steel mill</li><li>Oil exploration</li></ul>]]></text></graderinfo>
  </question>
</quiz>`
	preview := c.uploadImport(t, setPath(id)+"/import", map[string]string{"format": "xml"}, "moodle.xml", []byte(in))
	if preview.status != http.StatusOK {
		t.Fatalf("preview: %d", preview.status)
	}
	row := preview.doc.Find(`[data-testid="written"]`)
	if row.Length() != 1 || row.Find(`[data-testid="line"]`).Text() != "Line 9" || !strings.Contains(row.Text(), "essay, 20 marks") ||
		!strings.Contains(row.Text(), "2 indicative points with no event linked") {
		t.Errorf("preview's written row: %q", row.Text())
	}
	if got := preview.doc.Find(`[data-testid="count-written"]`).Text(); !strings.Contains(got, "1") {
		t.Errorf("count of written questions: %q", got)
	}
	if got := preview.doc.Find(`[data-testid="summary"]`).Text(); !strings.Contains(got, "2 questions") {
		t.Errorf("summary %q", got)
	}
	if res := confirmImport(t, c, preview, nil); res.status != http.StatusSeeOther || !strings.Contains(res.location, "n=2") {
		t.Fatalf("confirm: %d %q", res.status, res.location)
	}
	qs := h.writtenOf(t, id)
	if len(qs) != 1 || qs[0].Kind != written.Essay || qs[0].Marks != 20 || len(qs[0].Points) != 2 || qs[0].Prompt != "Discuss Soviet aid to Pakistan." {
		t.Fatalf("imported: %+v", qs)
	}
	if n := len(h.setItemsOf(t, id)); n != 1 {
		t.Errorf("%d items imported beside it, want 1", n)
	}
}

func TestAuthoredWritten_OfferedToAssignOnlyToItsOwner(t *testing.T) {
	h := newHarness(t)
	owner, other := h.teacher(t, "mrs-khan"), h.teacher(t, "mr-ali")
	id := createSetViaForm(t, owner, "Mine")
	if res := owner.post(setPath(id)+"/written/new", setPath(id)+"/written/new", writtenForm()); res.status != http.StatusSeeOther {
		t.Fatalf("add: %d", res.status)
	}
	qid := h.writtenOf(t, id)[0].ID
	ctx := context.Background()
	mine, err := h.store.CreateClass(ctx, h.accountID(t, "mrs-khan"), "11B")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := h.store.CreateClass(ctx, h.accountID(t, "mr-ali"), "11C")
	if err != nil {
		t.Fatal(err)
	}
	sel := `option[value="` + qid + `"]`
	if page := owner.get("/teach/classes/" + strconv.FormatInt(mine.ID, 10)); page.doc.Find(sel).Length() != 1 {
		t.Errorf("the owner's class page does not offer %s to assign", qid)
	}
	if page := other.get("/teach/classes/" + strconv.FormatInt(theirs.ID, 10)); page.status != http.StatusOK || page.doc.Find(sel).Length() != 0 {
		t.Errorf("another teacher's class page (%d) offers %s", page.status, qid)
	}
}

func TestAuthoredWritten_TeachersTextIsShownAsText(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "mrs-khan")
	set := setPath(createSetViaForm(t, c, "Mine"))
	const payload = `<script>alert(1)</script><img src=x onerror=alert(2)>`
	f := writtenForm()
	f.Set("prompt", "Explain "+payload)
	f["level_descriptor"] = []string{payload, "Explains.", ""}
	f["point_text"] = []string{payload, "x", ""}
	if res := c.post(set+"/written/new", set+"/written/new", f); res.status != http.StatusSeeOther {
		t.Fatalf("add: %d", res.status)
	}
	qid := h.writtenOf(t, mustSets(t, h, "mrs-khan")[0].ID)[0].ID
	for _, p := range []string{set, set + "/written/" + qid + "/edit", set + "/written/" + qid + "/delete", "/write/" + qid, set + "/export?format=xml"} {
		res := c.get(p)
		if res.status != http.StatusOK || strings.Contains(res.body, "<script>alert") || strings.Contains(res.body, "<img src=x") {
			t.Errorf("%s: %d, or the payload is live", p, res.status)
		}
	}
}
