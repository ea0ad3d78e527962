package handlers_test

import (
	"bytes"
	"context"
	"database/sql"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/media"
	"sabaq/questions/sets"
)

// createSetViaForm makes a set through the new-set form and returns its id.
func createSetViaForm(t *testing.T, c *client, title string) int64 {
	t.Helper()
	res := c.post("/teach/sets/new", "/teach/sets/new", url.Values{"title": {title}, "description": {"For year 11"}})
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/teach/sets/") {
		t.Fatalf("create set: %d %q\n%.300s", res.status, res.location, res.body)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(res.location, "/teach/sets/"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// setItemsOf reads a set's items from the store.
func (h *harness) setItemsOf(t *testing.T, setID int64) []db.SetItem {
	t.Helper()
	items, err := h.store.SetItems(context.Background(), setID)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func (h *harness) accountID(t *testing.T, name string) int64 {
	t.Helper()
	acc, _, err := h.store.AccountByUsername(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return acc.ID
}

// copyForm copies a form, since posting one sets its _csrf.
func copyForm(f url.Values) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	return out
}

func setPath(id int64) string { return "/teach/sets/" + strconv.FormatInt(id, 10) }

// itemForms are valid add-item forms of every kind, and the items they make.
var itemForms = []struct {
	form url.Values
	want sets.Item
}{
	{url.Values{"kind": {"multiple-choice"}, "prompt": {"Who hosted the Tashkent talks?"},
		"option_text": {"Kosygin", "Brezhnev", "Nixon", ""}, "option_correct": {"0"}, "option_feedback": {"Yes.", "", "", ""}, "option_weight": {"", "", "", ""},
		"explanation": {"Kosygin mediated in January 1966."}, "event_id": {""}, "format": {"plain"}},
		sets.Item{Kind: sets.MultipleChoice, Prompt: "Who hosted the Tashkent talks?", Format: sets.Plain,
			Choices:     []sets.Choice{{Text: "Kosygin", Weight: 100, Feedback: "Yes."}, {Text: "Brezhnev"}, {Text: "Nixon"}},
			Explanation: "Kosygin mediated in January 1966."}},
	{url.Values{"kind": {"multiple-answer"}, "prompt": {"Which pacts did Pakistan join?"}, "title": {"Pacts"},
		"option_text": {"SEATO", "CENTO", "Warsaw Pact", ""}, "option_correct": {"0", "1"}, "option_feedback": {"", "", "", ""}, "option_weight": {"", "", "", ""}},
		sets.Item{Kind: sets.MultipleAnswer, Title: "Pacts", Prompt: "Which pacts did Pakistan join?", Format: sets.Plain,
			Choices: []sets.Choice{{Text: "SEATO", Weight: 50}, {Text: "CENTO", Weight: 50}, {Text: "Warsaw Pact"}}}},
	{url.Values{"kind": {"true-false"}, "prompt": {"The U-2 flew from Peshawar."}, "truth": {"true"}, "feedback_false": {"It did."}, "tags": {"cold war, u-2"}},
		sets.Item{Kind: sets.TrueFalse, Prompt: "The U-2 flew from Peshawar.", Format: sets.Plain, Truth: true, FeedbackFalse: "It did.", Tags: []string{"cold war", "u-2"}}},
	{url.Values{"kind": {"short-answer"}, "prompt": {"Where was the 1966 declaration signed?"}, "accepted": {"Tashkent\r\n\r\nTaškent\r\n"}},
		sets.Item{Kind: sets.ShortAnswer, Prompt: "Where was the 1966 declaration signed?", Format: sets.Plain, Accepted: []string{"Tashkent", "Taškent"}}},
	{url.Values{"kind": {"numerical"}, "prompt": {"In which year did Soviet troops leave Afghanistan?"},
		"number_answer": {"1989", "1988..1990", ""}, "number_tolerance": {"0.5", "", ""}, "number_feedback": {"", "", ""}, "number_weight": {"", "50", ""}},
		sets.Item{Kind: sets.Numerical, Prompt: "In which year did Soviet troops leave Afghanistan?", Format: sets.Plain,
			Numbers: []sets.NumericAnswer{{Value: 1989, Tolerance: 0.5, Weight: 100}, {IsRange: true, Min: 1988, Max: 1990, Value: 1989, Weight: 50}}}},
	{url.Values{"kind": {"matching"}, "prompt": {"Match each leader to the country."},
		"pair_left": {"Ayub Khan", "Shastri", "", ""}, "pair_right": {"Pakistan", "India", "", ""}},
		sets.Item{Kind: sets.Matching, Prompt: "Match each leader to the country.", Format: sets.Plain,
			Pairs: []sets.Pair{{Left: "Ayub Khan", Right: "Pakistan"}, {Left: "Shastri", Right: "India"}}}},
	{url.Values{"kind": {"ordering"}, "prompt": {"Put these in order."}, "sequence": {"Baghdad Pact\nU-2 incident\nTashkent Declaration"}},
		sets.Item{Kind: sets.Ordering, Prompt: "Put these in order.", Format: sets.Plain, Sequence: []string{"Baghdad Pact", "U-2 incident", "Tashkent Declaration"}}},
	{url.Values{"kind": {"cloze"}, "prompt": {"The declaration was signed in ____ in 1966."}, "accepted": {"Tashkent"}},
		sets.Item{Kind: sets.Cloze, Prompt: "The declaration was signed in ____ in 1966.", Format: sets.Plain, Accepted: []string{"Tashkent"}}},
}

func TestItems_AddEveryKindThroughTheFormAndAskIt(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Cold War")
	event := h.tl.Events[0].ID
	for i, tc := range itemForms {
		form := copyForm(tc.form)
		form.Set("event_id", event)
		newForm := setPath(id) + "/items/new?kind=" + tc.form.Get("kind")
		if got := c.get(newForm).doc.Find(`[data-testid="form-kind"]`).Text(); got != sets.KindNames[tc.want.Kind] {
			t.Errorf("%s: the form is for %q", tc.want.Kind, got)
		}
		res := c.post(newForm, setPath(id)+"/items/new", form)
		if res.status != http.StatusSeeOther {
			t.Fatalf("%s: status %d\n%s", tc.want.Kind, res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
		}
		items := h.setItemsOf(t, id)
		if len(items) != i+1 {
			t.Fatalf("%d items after adding %d", len(items), i+1)
		}
		got, want := items[i].Item, tc.want
		want.EventID = event
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.want.Kind, got, want)
		}
		q, ok := h.bank.Question(sets.QuestionID(id, items[i].ID))
		if !ok || q.Prompt != want.Prompt || len(q.Sources) == 0 {
			t.Errorf("%s: the bank has %+v, %v; want the question with its event's sources", tc.want.Kind, q, ok)
		}
	}
	page := c.get(setPath(id))
	if n := page.doc.Find(`[data-testid="item"]`).Length(); n != len(itemForms) {
		t.Errorf("the set page lists %d questions; want %d", n, len(itemForms))
	}
	if got := page.doc.Find(`[data-testid="item-answer"]`).First().Text(); got != "Kosygin" {
		t.Errorf("first answer shown %q; want Kosygin", got)
	}
}

func TestItems_EditFormShowsTheItemAndSavesChanges(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Cold War")
	for _, tc := range itemForms {
		if res := c.post(setPath(id), setPath(id)+"/items/new", copyForm(tc.form)); res.status != http.StatusSeeOther {
			t.Fatalf("%s: %d", tc.want.Kind, res.status)
		}
	}
	for i, it := range h.setItemsOf(t, id) {
		edit := setPath(id) + "/items/" + strconv.FormatInt(it.ID, 10) + "/edit"
		page := c.get(edit)
		if page.status != http.StatusOK {
			t.Fatalf("GET %s: %d", edit, page.status)
		}
		// Submitting the form as shown, with a new explanation, keeps
		// everything else: the form shows every field of the item.
		form := formOf(page, `[data-testid="item-form"]`)
		form.Set("explanation", "Edited.")
		form.Set("kind", "ordering") // ignored: an item keeps its kind
		if res := c.do(http.MethodPost, edit, form); res.status != http.StatusSeeOther {
			t.Fatalf("%s: edit status %d\n%s", it.Item.Kind, res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
		}
		got := h.setItemsOf(t, id)[i].Item
		want := itemForms[i].want
		want.Explanation = "Edited."
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s after edit:\n got %+v\nwant %+v", want.Kind, got, want)
		}
		if q, _ := h.bank.Question(sets.QuestionID(id, it.ID)); q.Explanation != "Edited." {
			t.Errorf("%s: the bank still explains %q", want.Kind, q.Explanation)
		}
	}
}

// formOf reads the values a browser would submit from a form on the page.
func formOf(res response, selector string) url.Values {
	form := url.Values{}
	f := res.doc.Find(selector)
	f.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		if name == "" {
			return
		}
		switch {
		case s.Is("textarea"):
			form.Add(name, s.Text())
		case s.Is("select"):
			if v, ok := s.Find("option[selected]").Attr("value"); ok {
				form.Add(name, v)
			} else {
				form.Add(name, s.Find("option").First().AttrOr("value", ""))
			}
		case s.AttrOr("type", "") == "checkbox" || s.AttrOr("type", "") == "radio":
			if _, checked := s.Attr("checked"); checked {
				form.Add(name, s.AttrOr("value", "on"))
			}
		case s.AttrOr("type", "") == "submit":
		default:
			form.Add(name, s.AttrOr("value", ""))
		}
	})
	return form
}

func TestItems_InvalidFormShowsErrorsBesideFieldsAndSavesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Cold War")
	tests := []struct {
		name  string
		form  url.Values
		field string
	}{
		{"empty prompt", url.Values{"kind": {"short-answer"}, "prompt": {" "}, "accepted": {"x"}}, "prompt"},
		{"no correct option", url.Values{"kind": {"multiple-choice"}, "prompt": {"Q?"}, "option_text": {"a", "b"}}, "choices"},
		{"two correct options", url.Values{"kind": {"multiple-choice"}, "prompt": {"Q?"}, "option_text": {"a", "b"}, "option_correct": {"0", "1"}}, "choices"},
		{"one option", url.Values{"kind": {"multiple-answer"}, "prompt": {"Q?"}, "option_text": {"a", ""}, "option_correct": {"0"}}, "choices"},
		{"no accepted answer", url.Values{"kind": {"short-answer"}, "prompt": {"Q?"}, "accepted": {"\n \n"}}, "accepted"},
		{"cloze without a blank", url.Values{"kind": {"cloze"}, "prompt": {"No blank here."}, "accepted": {"x"}}, "prompt"},
		{"not a number", url.Values{"kind": {"numerical"}, "prompt": {"Year?"}, "number_answer": {"nineteen"}, "number_tolerance": {""}}, "numbers"},
		{"negative tolerance", url.Values{"kind": {"numerical"}, "prompt": {"Year?"}, "number_answer": {"1966"}, "number_tolerance": {"-1"}}, "numbers"},
		{"backwards range", url.Values{"kind": {"numerical"}, "prompt": {"Year?"}, "number_answer": {"1990..1980"}}, "numbers"},
		{"no numbers", url.Values{"kind": {"numerical"}, "prompt": {"Year?"}, "number_answer": {""}}, "numbers"},
		{"half a pair", url.Values{"kind": {"matching"}, "prompt": {"Match."}, "pair_left": {"a", "b"}, "pair_right": {"1", ""}}, "pairs"},
		{"one item to order", url.Values{"kind": {"ordering"}, "prompt": {"Order."}, "sequence": {"only"}}, "sequence"},
		{"true or false unsaid", url.Values{"kind": {"true-false"}, "prompt": {"Statement."}}, "truth"},
		{"unknown event", url.Values{"kind": {"short-answer"}, "prompt": {"Q?"}, "accepted": {"x"}, "event_id": {"moon-landing"}}, "event_id"},
		{"unknown format", url.Values{"kind": {"short-answer"}, "prompt": {"Q?"}, "accepted": {"x"}, "format": {"rtf"}}, "format"},
		{"long explanation", url.Values{"kind": {"short-answer"}, "prompt": {"Q?"}, "accepted": {"x"}, "explanation": {strings.Repeat("x", 1001)}}, "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.post(setPath(id), setPath(id)+"/items/new", tt.form)
			if res.status != http.StatusBadRequest {
				t.Fatalf("status %d; want 400", res.status)
			}
			if tt.field != "text" {
				if msg := res.doc.Find(`[data-testid="` + tt.field + `-error"]`).Text(); msg == "" {
					t.Errorf("no message beside %s; errors: %s", tt.field, res.doc.Find(`[data-testid="form-errors"]`).Text())
				}
			}
			if !strings.Contains(res.doc.Find(`[data-testid="form-errors"]`).Text(), "Nothing was saved") {
				t.Error("the page does not say nothing was saved")
			}
			if p := res.doc.Find(`#prompt`).Text(); p != tt.form.Get("prompt") {
				t.Errorf("the prompt typed is not shown again: %q", p)
			}
			if n := len(h.setItemsOf(t, id)); n != 0 {
				t.Errorf("%d items saved", n)
			}
		})
	}
}

func TestItems_DeleteRemovesFromSetAndBank(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Cold War")
	c.post(setPath(id), setPath(id)+"/items/new", copyForm(itemForms[3].form))
	it := h.setItemsOf(t, id)[0]
	res := c.post(setPath(id), setPath(id)+"/items/"+strconv.FormatInt(it.ID, 10)+"/delete", url.Values{})
	if res.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.status)
	}
	if n := len(h.setItemsOf(t, id)); n != 0 {
		t.Errorf("%d items left", n)
	}
	if _, ok := h.bank.Question(sets.QuestionID(id, it.ID)); ok {
		t.Error("the bank still has the deleted question")
	}
}

func TestSets_CreateRenameAndDelete(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	if res := c.post("/teach/sets/new", "/teach/sets/new", url.Values{"title": {"  "}}); res.status != http.StatusBadRequest ||
		res.doc.Find(`[data-testid="title-error"]`).Text() == "" {
		t.Errorf("empty title: %d, no message beside the title", res.status)
	}
	if sets, _ := h.store.SetsByOwner(context.Background(), h.accountID(t, "khan")); len(sets) != 0 {
		t.Fatalf("a set was saved from an invalid form: %+v", sets)
	}
	id := createSetViaForm(t, c, "Cold War")
	c.post(setPath(id), setPath(id)+"/items/new", copyForm(itemForms[3].form))
	list := c.get("/teach/sets")
	if got := list.doc.Find(`[data-testid="set"] a`).Text(); got != "Cold War" {
		t.Errorf("list shows %q", got)
	}
	res := c.post(setPath(id)+"/edit", setPath(id)+"/edit", url.Values{"title": {strings.Repeat("x", 201)}})
	if res.status != http.StatusBadRequest || res.doc.Find(`[data-testid="title-error"]`).Text() == "" {
		t.Errorf("long title: %d, no message", res.status)
	}
	if res := c.post(setPath(id)+"/edit", setPath(id)+"/edit", url.Values{"title": {"The Cold War"}}); res.status != http.StatusSeeOther {
		t.Fatalf("rename: %d", res.status)
	}
	if si, _ := h.store.SetInfo(context.Background(), id); si.Title != "The Cold War" {
		t.Errorf("title %q after renaming", si.Title)
	}
	item := h.setItemsOf(t, id)[0]
	if res := c.post(setPath(id)+"/delete", setPath(id)+"/delete", url.Values{}); res.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.status)
	}
	if _, err := h.store.SetInfo(context.Background(), id); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("the set is still there: %v", err)
	}
	if _, ok := h.bank.Question(sets.QuestionID(id, item.ID)); ok {
		t.Error("the bank still has a question of the deleted set")
	}
	if c.get("/teach/sets").doc.Find(`[data-testid="no-sets"]`).Length() != 1 {
		t.Error("the list does not say there are no sets")
	}
}

func TestBuild_AddsTimelineQuestionsAsItems(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Tashkent")
	era := questions.Eras[1].ID
	res := c.post(setPath(id)+"/build", setPath(id)+"/build", url.Values{"era": {era}, "kind": {"year", "order", "true-false", "cloze"}, "count": {"8"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("build: %d\n%s", res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
	}
	items := h.setItemsOf(t, id)
	if len(items) != 8 {
		t.Fatalf("%d items; want 8", len(items))
	}
	for _, it := range items {
		if it.Item.Explanation == "" || it.Item.EventID == "" {
			t.Errorf("item without explanation or event: %+v", it.Item)
		}
		// An ordering question may span two eras: it matches either,
		// and its item names its first event.
		if e, _ := h.tl.Event(it.Item.EventID); e.Era != era && it.Item.Kind != sets.Ordering {
			t.Errorf("item on %s, of era %s; want era %s", e.ID, e.Era, era)
		}
		switch it.Item.Kind {
		case sets.MultipleChoice, sets.Ordering, sets.TrueFalse, sets.Cloze, sets.ShortAnswer:
		default:
			t.Errorf("kind %s from year, order, true-false and cloze questions", it.Item.Kind)
		}
		if _, ok := h.bank.Question(sets.QuestionID(id, it.ID)); !ok {
			t.Errorf("item %d is not in the bank", it.ID)
		}
	}
	if !strings.Contains(c.get(res.location).doc.Find(`[data-testid="notice"]`).Text(), "Added 8 questions") {
		t.Error("no notice of the questions added")
	}

	// Bad choices: nothing is added, the message is beside the field.
	for name, form := range map[string]url.Values{
		"zero":          {"count": {"0"}},
		"too many":      {"count": {"101"}},
		"unknown era":   {"era": {"1066"}, "count": {"5"}},
		"unknown event": {"event": {"moon-landing"}, "count": {"5"}},
	} {
		res := c.post(setPath(id)+"/build", setPath(id)+"/build", form)
		if res.status != http.StatusBadRequest || res.doc.Find(`[data-testid="form-errors"]`).Length() != 1 {
			t.Errorf("%s: status %d, want 400 with the errors", name, res.status)
		}
	}
	if n := len(h.setItemsOf(t, id)); n != 8 {
		t.Errorf("%d items after bad builds; want 8", n)
	}
}

// teacherSetRoutes are every route of a set, with the form a POST sends.
func teacherSetRoutes(setID, itemID int64) []struct {
	method, path string
	form         url.Values
} {
	s, it := setPath(setID), setPath(setID)+"/items/"+strconv.FormatInt(itemID, 10)
	return []struct {
		method, path string
		form         url.Values
	}{
		{http.MethodGet, s, nil},
		{http.MethodGet, s + "/edit", nil},
		{http.MethodPost, s + "/edit", url.Values{"title": {"Stolen"}}},
		{http.MethodGet, s + "/delete", nil},
		{http.MethodPost, s + "/delete", url.Values{}},
		{http.MethodGet, s + "/items/new?kind=cloze", nil},
		{http.MethodPost, s + "/items/new", copyForm(itemForms[3].form)},
		{http.MethodGet, it + "/edit", nil},
		{http.MethodPost, it + "/edit", copyForm(itemForms[3].form)},
		{http.MethodPost, it + "/delete", url.Values{}},
		{http.MethodGet, s + "/build", nil},
		{http.MethodPost, s + "/build", url.Values{"count": {"5"}}},
		{http.MethodGet, s + "/export", nil},
		{http.MethodGet, s + "/export?format=csv", nil},
		{http.MethodGet, s + "/export?format=apkg", nil},
		{http.MethodGet, s + "/import", nil},
		{http.MethodPost, s + "/import", url.Values{"format": {"csv"}, "text": {"question,answer\nWho?,Kosygin\n"}}},
		{http.MethodPost, s + "/import/confirm", url.Values{"pending": {"x"}}},
		{http.MethodPost, s + "/import/cancel", url.Values{"pending": {"x"}}},
	}
}

func TestSets_AnotherTeachersSetIsNotFoundOnEveryRoute(t *testing.T) {
	h := newHarness(t)
	owner := h.teacher(t, "khan")
	id := createSetViaForm(t, owner, "Cold War")
	owner.post(setPath(id), setPath(id)+"/items/new", copyForm(itemForms[0].form))
	before := h.setItemsOf(t, id)
	other := h.teacher(t, "malik")
	for _, r := range teacherSetRoutes(id, before[0].ID) {
		var res response
		if r.method == http.MethodGet {
			res = other.get(r.path)
		} else {
			res = other.post("/teach/sets", r.path, r.form)
		}
		if res.status != http.StatusNotFound {
			t.Errorf("%s %s as another teacher: %d; want 404", r.method, r.path, res.status)
		}
	}
	if after := h.setItemsOf(t, id); !reflect.DeepEqual(after, before) {
		t.Errorf("items changed:\n%+v\n%+v", after, before)
	}
	if si, _ := h.store.SetInfo(context.Background(), id); si.Title != "Cold War" {
		t.Errorf("title changed to %q", si.Title)
	}
	if got := other.get("/teach/sets").doc.Find(`[data-testid="set"]`).Length(); got != 0 {
		t.Errorf("another teacher's list shows %d sets", got)
	}
	// Nor does a missing set or item behave differently.
	for _, p := range []string{"/teach/sets/999", "/teach/sets/abc", setPath(id) + "/items/999/edit"} {
		if res := owner.get(p); res.status != http.StatusNotFound {
			t.Errorf("GET %s: %d; want 404", p, res.status)
		}
	}
}

func TestSets_StudentsAreForbiddenAndVisitorsLogIn(t *testing.T) {
	h := newHarness(t)
	owner := h.teacher(t, "khan")
	id := createSetViaForm(t, owner, "Cold War")
	owner.post(setPath(id), setPath(id)+"/items/new", copyForm(itemForms[0].form))
	before := h.setItemsOf(t, id)
	routes := append(teacherSetRoutes(id, before[0].ID), []struct {
		method, path string
		form         url.Values
	}{
		{http.MethodGet, "/teach/sets", nil},
		{http.MethodGet, "/teach/sets/new", nil},
		{http.MethodPost, "/teach/sets/new", url.Values{"title": {"Mine"}}},
		{http.MethodGet, "/teach/import", nil},
		{http.MethodPost, "/teach/import", url.Values{"format": {"csv"}, "title": {"Mine"}, "text": {"question,answer\nWho?,Kosygin\n"}}},
		{http.MethodPost, "/teach/import/confirm", url.Values{"pending": {"x"}}},
		{http.MethodPost, "/teach/import/cancel", url.Values{"pending": {"x"}}},
	}...)
	student := h.client()
	if res := signup(t, student, "ayesha", "a long password"); res.status != http.StatusSeeOther {
		t.Fatalf("signup: %d", res.status)
	}
	visitor := h.client()
	visitor.get("/")
	for _, r := range routes {
		var res response
		if r.method == http.MethodGet {
			res = student.get(r.path)
		} else {
			res = student.post("/", r.path, r.form)
		}
		if res.status != http.StatusForbidden {
			t.Errorf("%s %s as a student: %d; want 403", r.method, r.path, res.status)
		}
		if r.method == http.MethodGet {
			if res := visitor.get(r.path); res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/login?next=") {
				t.Errorf("GET %s anonymously: %d %q; want the log-in page", r.path, res.status, res.location)
			}
		} else if res := visitor.do(r.method, r.path, r.form); res.status < 400 {
			t.Errorf("POST %s anonymously: %d; want refused", r.path, res.status)
		}
	}
	if after := h.setItemsOf(t, id); !reflect.DeepEqual(after, before) {
		t.Error("a student or visitor changed the set")
	}
	if n := h.rows(t, `SELECT count(*) FROM question_sets`); n != 1 {
		t.Errorf("%d sets; want only the teacher's", n)
	}
}

// ageDeletions makes every pending deletion older by d, as if that much
// time had passed since.
func (h *harness) ageDeletions(t *testing.T, d time.Duration) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+h.path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE set_items SET deleted_at = deleted_at - ? WHERE deleted_at IS NOT NULL`, d.Milliseconds()); err != nil {
		t.Fatal(err)
	}
}

// teacherSet is a teacher (khan) with a set of tashkentItems: a multiple
// choice, a true/false and a short answer, in that order.
func teacherSet(t *testing.T) (*harness, *client, int64, []db.SetItem) {
	t.Helper()
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id, _ := storeSet(t, h, h.accountID(t, "khan"), "Tashkent", tashkentItems)
	return h, c, id, h.setItemsOf(t, id)
}

func itemPath(setID, itemID int64) string { return setPath(setID) + "/items/" + idStr(itemID) }

// promptsOf lists the set's prompts in order, as stored.
func (h *harness) promptsOf(t *testing.T, setID int64) []string {
	t.Helper()
	var out []string
	for _, it := range h.setItemsOf(t, setID) {
		out = append(out, it.Item.Prompt)
	}
	return out
}

func TestItems_DeleteAsksFirstAndCanBeUndoneInPlace(t *testing.T) {
	h, c, id, items := teacherSet(t)
	mid := items[1]
	page := c.get(setPath(id))
	row := page.doc.Find(`#item-` + idStr(mid.ID))
	edit, del := row.Find(`[data-testid="edit-item"]`), row.Find(`[data-testid="delete-item"]`)
	if edit.HasClass("danger-link") || !del.HasClass("danger-link") || edit.AttrOr("class", "") == del.AttrOr("class", "") {
		t.Errorf("Edit (%q) and Delete (%q) look alike", edit.AttrOr("class", ""), del.AttrOr("class", ""))
	}
	if _, ok := del.Attr("data-confirm"); !ok || del.AttrOr("href", "") != itemPath(id, mid.ID)+"/delete" {
		t.Errorf("Delete is %q without asking first (data-confirm)", del.AttrOr("href", ""))
	}
	// Without scripts the link opens a page that asks, and deletes nothing.
	ask := c.get(itemPath(id, mid.ID) + "/delete")
	if ask.status != http.StatusOK || ask.doc.Find(`[data-testid="confirm"] h1`).Text() != "Delete this question?" ||
		ask.doc.Find(`[data-testid="confirm-quote"]`).Text() != tashkentItems[1].Prompt {
		t.Fatalf("confirmation page: %d %q %q", ask.status, ask.doc.Find(`h1`).Text(), ask.doc.Find(`[data-testid="confirm-quote"]`).Text())
	}
	if action := ask.doc.Find(`[data-testid="confirm-form"]`).AttrOr("action", ""); action != itemPath(id, mid.ID)+"/delete" {
		t.Errorf("the confirmation posts to %q", action)
	}
	if n := len(h.setItemsOf(t, id)); n != 3 {
		t.Fatalf("asking deleted something: %d items", n)
	}
	res := c.post(itemPath(id, mid.ID)+"/delete", itemPath(id, mid.ID)+"/delete", url.Values{})
	if res.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.status)
	}
	if got := strings.Join(h.promptsOf(t, id), " | "); strings.Contains(got, tashkentItems[1].Prompt) {
		t.Errorf("after deleting: %q", got)
	}
	qid := sets.QuestionID(id, mid.ID)
	if _, ok := h.bank.Question(qid); ok {
		t.Error("the deleted question is still in the bank")
	}
	page = c.get(res.location)
	banner := page.doc.Find(`[data-testid="undo-banner"]`)
	if banner.Find(`[data-testid="deleted-prompt"]`).Text() != tashkentItems[1].Prompt || !strings.Contains(banner.Text(), "PKT") {
		t.Errorf("undo banner: %q", banner.Text())
	}
	if page.doc.Find(`[data-testid="item"]`).Length() != 2 {
		t.Errorf("the set page lists %d questions", page.doc.Find(`[data-testid="item"]`).Length())
	}
	// A double-clicked delete changes nothing more.
	if res := c.post(setPath(id), itemPath(id, mid.ID)+"/delete", url.Values{}); res.status != http.StatusSeeOther {
		t.Errorf("delete again: %d; want the same redirect", res.status)
	}
	if n := h.rows(t, `SELECT count(*) FROM set_items WHERE set_id = ?`, id); n != 3 {
		t.Errorf("%d rows; want 3, one of them deleted for now", n)
	}
	undo := banner.Find(`form`).AttrOr("action", "")
	if undo != itemPath(id, mid.ID)+"/restore" {
		t.Fatalf("undo form posts to %q", undo)
	}
	res = c.post(setPath(id), undo, url.Values{})
	if res.status != http.StatusSeeOther {
		t.Fatalf("undo: %d", res.status)
	}
	want := []string{tashkentItems[0].Prompt, tashkentItems[1].Prompt, tashkentItems[2].Prompt}
	if got := h.promptsOf(t, id); !reflect.DeepEqual(got, want) {
		t.Errorf("after undoing: %q; want it back in its place", got)
	}
	if _, ok := h.bank.Question(qid); !ok {
		t.Error("the restored question is not back in the bank")
	}
	page = c.get(res.location)
	if page.doc.Find(`[data-testid="undo-banner"]`).Length() != 0 || strings.TrimSpace(page.doc.Find(`[data-testid="notice"]`).Text()) != "Question restored." {
		t.Errorf("after undoing: banner %d, notice %q", page.doc.Find(`[data-testid="undo-banner"]`).Length(), page.doc.Find(`[data-testid="notice"]`).Text())
	}
	if res := c.post(setPath(id), undo, url.Values{}); res.status != http.StatusSeeOther {
		t.Errorf("undo again: %d; want the same redirect", res.status)
	}
	if n := len(h.setItemsOf(t, id)); n != 3 {
		t.Errorf("%d items after undoing twice", n)
	}
}

func TestItems_UndoAfterItsTimeIsRefusedClearly(t *testing.T) {
	h, c, id, items := teacherSet(t)
	c.post(setPath(id), itemPath(id, items[0].ID)+"/delete", url.Values{})
	h.ageDeletions(t, sets.UndoDelete+time.Second)
	if c.get(setPath(id)).doc.Find(`[data-testid="undo-banner"]`).Length() != 0 {
		t.Error("the undo banner is still offered after its time")
	}
	res := c.post(setPath(id), itemPath(id, items[0].ID)+"/restore", url.Values{})
	if res.status != http.StatusConflict || !strings.Contains(res.doc.Find(`[data-testid="error-message"]`).Text(), "can no longer be brought back") {
		t.Errorf("late undo: %d %q; want 409 saying why", res.status, res.doc.Find(`[data-testid="error-message"]`).Text())
	}
	if n := len(h.setItemsOf(t, id)); n != 2 {
		t.Errorf("%d items; the late undo brought one back", n)
	}
	// Deleting another question ends the undo of the one before.
	c.post(setPath(id), itemPath(id, items[1].ID)+"/delete", url.Values{})
	c.post(setPath(id), itemPath(id, items[2].ID)+"/delete", url.Values{})
	if res := c.post(setPath(id), itemPath(id, items[1].ID)+"/restore", url.Values{}); res.status != http.StatusConflict {
		t.Errorf("undoing the earlier of two deletions: %d; want 409", res.status)
	}
	if got := c.get(setPath(id)).doc.Find(`[data-testid="deleted-prompt"]`).Text(); got != tashkentItems[2].Prompt {
		t.Errorf("the banner offers to undo %q; want the last deleted", got)
	}
}

func TestItems_MoveUpAndDownWithinTheEdges(t *testing.T) {
	h, c, id, items := teacherSet(t)
	page := c.get(setPath(id))
	first, last := page.doc.Find(`#item-`+idStr(items[0].ID)), page.doc.Find(`#item-`+idStr(items[2].ID))
	if first.Find(`[data-testid="move-up"]`).Length() != 0 || first.Find(`[data-testid="move-down"]`).Length() != 1 ||
		last.Find(`[data-testid="move-down"]`).Length() != 0 || last.Find(`[data-testid="move-up"]`).Length() != 1 {
		t.Error("the first question can move up or the last down")
	}
	up := page.doc.Find(`#item-` + idStr(items[2].ID) + ` [data-testid="move-up"]`).Closest("form")
	form := url.Values{"to": {up.Find(`input[name="to"]`).AttrOr("value", "")}, "dir": {"up"}}
	res := c.post(setPath(id), up.AttrOr("action", ""), copyForm(form))
	if res.status != http.StatusSeeOther {
		t.Fatalf("move up: %d", res.status)
	}
	want := []string{tashkentItems[0].Prompt, tashkentItems[2].Prompt, tashkentItems[1].Prompt}
	if got := h.promptsOf(t, id); !reflect.DeepEqual(got, want) {
		t.Errorf("after moving the last up: %q", got)
	}
	// Back on the set, the moved question's Up button has the focus.
	if _, ok := c.get(res.location).doc.Find(`#item-` + idStr(items[2].ID) + ` [data-testid="move-up"]`).Attr("autofocus"); !ok {
		t.Error("the moved question's button does not keep the focus")
	}
	// The same form again (a double click) moves nothing more.
	c.post(setPath(id), up.AttrOr("action", ""), copyForm(form))
	if got := h.promptsOf(t, id); !reflect.DeepEqual(got, want) {
		t.Errorf("after the same move twice: %q", got)
	}
	for _, to := range []string{"0", "4", "x", ""} {
		res := c.post(setPath(id), itemPath(id, items[0].ID)+"/move", url.Values{"to": {to}})
		if res.status != http.StatusBadRequest {
			t.Errorf("move to %q: %d; want 400", to, res.status)
		}
	}
	if got := h.promptsOf(t, id); !reflect.DeepEqual(got, want) {
		t.Errorf("after bad moves: %q", got)
	}
	if res := c.post(setPath(id), itemPath(id, items[0].ID)+"/move", url.Values{"to": {"3"}}); res.status != http.StatusSeeOther {
		t.Fatalf("move the first to the bottom: %d", res.status)
	}
	want = []string{tashkentItems[2].Prompt, tashkentItems[1].Prompt, tashkentItems[0].Prompt}
	if got := h.promptsOf(t, id); !reflect.DeepEqual(got, want) {
		t.Errorf("after moving the first down to 3: %q", got)
	}
}

func TestItems_DuplicateMakesOneCopyRightAfter(t *testing.T) {
	h, c, id, items := teacherSet(t)
	page := c.get(setPath(id))
	dup := page.doc.Find(`#item-` + idStr(items[0].ID) + ` [data-testid="duplicate-item"]`).Closest("form")
	key := dup.Find(`input[name="form_key"]`).AttrOr("value", "")
	if key == "" {
		t.Fatal("the Duplicate form has no key")
	}
	res := c.post(setPath(id), dup.AttrOr("action", ""), url.Values{"form_key": {key}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("duplicate: %d", res.status)
	}
	again := c.post(setPath(id), dup.AttrOr("action", ""), url.Values{"form_key": {key}})
	if again.status != http.StatusSeeOther || again.location != res.location {
		t.Errorf("the same form again: %d %q; want %q", again.status, again.location, res.location)
	}
	got := h.setItemsOf(t, id)
	if len(got) != 4 || got[1].Item.Prompt != tashkentItems[0].Prompt || !reflect.DeepEqual(got[1].Item, got[0].Item) {
		t.Fatalf("after duplicating the first (twice with one form): %q", h.promptsOf(t, id))
	}
	if _, ok := h.bank.Question(sets.QuestionID(id, got[1].ID)); !ok {
		t.Error("the copy is not in the bank")
	}
	after := c.get(res.location)
	if link := after.doc.Find(`[data-testid="notice-link"]`).AttrOr("href", ""); link != itemPath(id, got[1].ID)+"/edit" {
		t.Errorf("the notice links to %q; want the copy's edit form", link)
	}
	if res := c.post(setPath(id), dup.AttrOr("action", ""), url.Values{}); res.status != http.StatusBadRequest {
		t.Errorf("duplicate without the form's key: %d; want 400", res.status)
	}
	if n := len(h.setItemsOf(t, id)); n != 4 {
		t.Errorf("%d items", n)
	}
}

func TestSets_ListAndTimesInTheViewersZone(t *testing.T) {
	_, c, _, _ := teacherSet(t)
	if got := c.get("/teach/sets").doc.Find(`[data-testid="set"] td`).Last().Text(); !strings.HasSuffix(got, " PKT") {
		t.Errorf("the set list's Changed column says %q; want a time in PKT", got)
	}
}

// activityCounts are the learner tables a preview must not touch.
func (h *harness) activityCounts(t *testing.T) []int {
	t.Helper()
	var out []int
	for _, table := range []string{"attempts", "review_logs", "cards", "practice_sessions", "mock_exams", "question_reports"} {
		out = append(out, h.rows(t, `SELECT count(*) FROM `+table))
	}
	return out
}

func TestPreview_AsAStudentSeesItAndNothingIsRecorded(t *testing.T) {
	h, c, id, items := teacherSet(t)
	if href := c.get(setPath(id)).doc.Find(`[data-testid="preview"]`).AttrOr("href", ""); href != setPath(id)+"/preview" {
		t.Fatalf("the set links to %q for a preview", href)
	}
	counts, digests := h.activityCounts(t), h.digests(t)
	res := c.get(setPath(id) + "/preview")
	if res.status != http.StatusSeeOther || res.location != setPath(id)+"/preview/1" {
		t.Fatalf("preview: %d %q", res.status, res.location)
	}
	answers := []string{"Nixon", questions.OptionTrue, "tashkent"}
	verdicts := []string{"Not quite", "Correct", "Correct"}
	path := res.location
	for i := range items {
		page := c.get(path)
		if !strings.Contains(page.doc.Find(`[data-testid="preview-banner"]`).Text(), "Preview — answers are not recorded") {
			t.Fatalf("question %d: no preview banner", i+1)
		}
		if got := page.doc.Find(`[data-testid="prompt"]`).Text(); got != tashkentItems[i].Prompt {
			t.Errorf("question %d: prompt %q", i+1, got)
		}
		qid, _ := page.doc.Find(`input[name="question_id"]`).Attr("value")
		q, _ := h.bank.Question(qid)
		if q.ID != sets.QuestionID(id, items[i].ID) {
			t.Fatalf("question %d is %q", i+1, qid)
		}
		if page.doc.Find(`[data-testid="answer-form"] [data-testid="option"]`).Length() != len(q.Options) {
			t.Errorf("question %d: %d options shown; want %d", i+1, page.doc.Find(`[data-testid="option"]`).Length(), len(q.Options))
		}
		form := answerForm(page, q, []string{answers[i]})
		fb := c.post(path, path, form)
		if fb.status != http.StatusOK || fb.doc.Find(`[data-testid="verdict"]`).Text() != verdicts[i] {
			t.Errorf("question %d answered %q: %d %q; want %q", i+1, answers[i], fb.status, fb.doc.Find(`[data-testid="verdict"]`).Text(), verdicts[i])
		}
		if fb.doc.Find(`[data-testid="report-link"]`).Length() != 0 {
			t.Errorf("question %d: the preview offers to report the question", i+1)
		}
		// Answering twice is as harmless.
		c.post(path, path, answerForm(page, q, []string{answers[i]}))
		path = fb.doc.Find(`[data-testid="next"]`).AttrOr("href", "")
	}
	if path != setPath(id) {
		t.Errorf("the last question leads to %q; want back to the set", path)
	}
	if got := h.activityCounts(t); !reflect.DeepEqual(got, counts) {
		t.Errorf("attempts, reviews, cards, sessions, exams, reports: %v before the preview, %v after", counts, got)
	}
	if changed := changedTables(digests, h.digests(t)); len(changed) > 0 {
		t.Errorf("the preview changed %v", changed)
	}
	// Nothing chosen is a message beside the question, not an error page.
	first := setPath(id) + "/preview/1"
	if res := c.post(first, first, url.Values{"question_id": {sets.QuestionID(id, items[0].ID)}}); res.status != http.StatusBadRequest ||
		res.doc.Find(`[data-testid="form-error"]`).Text() == "" {
		t.Errorf("no answer: %d %q", res.status, res.doc.Find(`[data-testid="form-error"]`).Text())
	}
	if res := c.post(first, first, url.Values{"question_id": {"set:1:999"}, "answer": {"x"}}); res.status != http.StatusBadRequest {
		t.Errorf("an answer for another question: %d; want 400", res.status)
	}
	for _, n := range []string{"0", "4", "x"} {
		if res := c.get(setPath(id) + "/preview/" + n); res.status != http.StatusNotFound {
			t.Errorf("preview question %s: %d; want 404", n, res.status)
		}
	}
	empty := createSetViaForm(t, c, "Empty")
	if res := c.get(setPath(empty) + "/preview"); res.status != http.StatusOK || res.doc.Find(`[data-testid="no-items"]`).Length() != 1 {
		t.Errorf("preview of an empty set: %d", res.status)
	}
}

func TestSets_NewRoutesRefuseOtherTeachersStudentsAndMissingTokens(t *testing.T) {
	h, c, id, items := teacherSet(t)
	c.post(setPath(id), itemPath(id, items[2].ID)+"/delete", url.Values{}) // a deletion to undo
	other := h.teacher(t, "mr-ali")
	student := h.client()
	signup(t, student, "amna", "a long password")
	it := itemPath(id, items[0].ID)
	gets := []string{it + "/delete", setPath(id) + "/delete", setPath(id) + "/preview", setPath(id) + "/preview/1"}
	posts := []struct {
		path string
		form url.Values
	}{
		{it + "/delete", url.Values{}},
		{itemPath(id, items[2].ID) + "/restore", url.Values{}},
		{it + "/move", url.Values{"to": {"2"}}},
		{it + "/duplicate", url.Values{"form_key": {"k"}}},
		{setPath(id) + "/preview/1", url.Values{"question_id": {sets.QuestionID(id, items[0].ID)}, "answer": {"Kosygin"}}},
	}
	before := h.digests(t)
	for _, who := range []struct {
		name   string
		c      *client
		status int
	}{{"another teacher", other, http.StatusNotFound}, {"a student", student, http.StatusForbidden}} {
		for _, p := range gets {
			if res := who.c.get(p); res.status != who.status || strings.Contains(res.body, tashkentItems[0].Prompt) {
				t.Errorf("%s: GET %s = %d; want %d, showing nothing of the set", who.name, p, res.status, who.status)
			}
		}
		for _, p := range posts {
			if res := who.c.post("/", p.path, copyForm(p.form)); res.status != who.status {
				t.Errorf("%s: POST %s = %d; want %d", who.name, p.path, res.status, who.status)
			}
		}
	}
	// The owner without a CSRF token.
	for _, p := range posts {
		if res := c.do(http.MethodPost, p.path, copyForm(p.form)); res.status != http.StatusForbidden {
			t.Errorf("the owner without a token: POST %s = %d; want 403", p.path, res.status)
		}
	}
	if changed := changedTables(before, h.digests(t)); len(changed) > 0 {
		t.Errorf("refused requests changed %v", changed)
	}
}

// pngOf is a small PNG of one colour (a shade tells pictures apart).
func pngOf(t *testing.T, shade uint8) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 4, 3))
	for i := range img.Pix {
		img.Pix[i] = shade
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// postItem sends the item form as a browser does (multipart), with the
// CSRF token of the page at from and files by input name.
func (c *client) postItem(t *testing.T, from, path string, form url.Values, files map[string][]byte) response {
	t.Helper()
	token, ok := c.get(from).doc.Find(`input[name="_csrf"]`).First().Attr("value")
	if !ok {
		t.Fatalf("no CSRF token on %s", from)
	}
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.WriteField("_csrf", token)
	for k, vs := range form {
		if k == "_csrf" {
			continue
		}
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, _ := w.CreateFormFile(name, name+".png")
		fw.Write(data)
	}
	w.Close()
	return c.sendRaw(http.MethodPost, path, &b, w.FormDataContentType())
}

// pictureQuestion is a multiple-choice form with a picture's alt text.
func pictureQuestion(alt string) url.Values {
	return url.Values{"kind": {"multiple-choice"}, "prompt": {"Who is in this photograph?\nTake your time."}, "format": {"plain"},
		"option_text": {"Kosygin", "Brezhnev", "Nixon"}, "option_correct": {"0"}, "option_feedback": {"", "", ""}, "option_weight": {"", "", ""},
		"option_alt": {"", "Brezhnev in 1966", ""}, "option_picture_src": {"", "", ""}, "explanation": {"A & B met at Tashkent."},
		"prompt_alt": {alt}, "prompt_picture_src": {""}}
}

func TestItems_PicturesAreStoredWithTheItemKeptOnEditAndRemoved(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Cold War")
	alt := `"><script>alert(1)</script> Kosygin & Shastri`
	prompt, _ := media.New(pngOf(t, 10))
	option, _ := media.New(pngOf(t, 200))
	newForm := setPath(id) + "/items/new?kind=multiple-choice"
	res := c.postItem(t, newForm, setPath(id)+"/items/new", pictureQuestion(alt),
		map[string][]byte{"prompt_picture": prompt.Data, "option_picture_1": option.Data})
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d\n%s", res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
	}
	items := h.setItemsOf(t, id)
	if len(items) != 1 {
		t.Fatalf("%d items", len(items))
	}
	it := items[0].Item
	wantPrompt := "Who is in this photograph?<br>Take your time.\n" +
		`<p><img src="` + prompt.URL() + `" alt="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; Kosygin &amp; Shastri"></p>`
	if it.Format != sets.HTML || it.Prompt != wantPrompt || it.Explanation != "A &amp; B met at Tashkent." ||
		it.Choices[1].Text != "Brezhnev\n"+`<p><img src="`+option.URL()+`" alt="Brezhnev in 1966"></p>` {
		t.Errorf("saved %+v\nwant the prompt %q", it, wantPrompt)
	}
	pic := c.get(prompt.URL())
	if pic.status != http.StatusOK || pic.header.Get("Content-Type") != "image/png" || !strings.Contains(pic.header.Get("Cache-Control"), "max-age=31536000") ||
		pic.body != string(prompt.Data) {
		t.Errorf("GET %s: %d %q %q", prompt.URL(), pic.status, pic.header.Get("Content-Type"), pic.header.Get("Cache-Control"))
	}

	// The edit form shows the text without its picture, the picture as a
	// preview, its alt text to edit; the alt text stays escaped.
	edit := itemPath(id, items[0].ID) + "/edit"
	page := c.get(edit)
	if strings.Contains(page.body, "<script>alert(1)") {
		t.Error("the alt text is not escaped on the edit page")
	}
	if got := page.doc.Find("#prompt").Text(); got != "Who is in this photograph?<br>Take your time." {
		t.Errorf("the prompt shown is %q", got)
	}
	preview := page.doc.Find(`[data-testid="prompt_picture-preview"]`)
	if src, _ := preview.Attr("src"); src != prompt.URL() || preview.AttrOr("alt", "") != alt {
		t.Errorf("preview %q %q", src, preview.AttrOr("alt", ""))
	}
	if got := page.doc.Find("#prompt_alt").AttrOr("value", ""); got != alt {
		t.Errorf("alt text shown %q; want %q", got, alt)
	}
	if src, _ := page.doc.Find(`[data-testid="option_picture_1-preview"]`).Attr("src"); src != option.URL() {
		t.Errorf("option 2's preview %q", src)
	}
	if page.doc.Find(`form[data-testid="item-form"]`).AttrOr("enctype", "") != "multipart/form-data" {
		t.Error("the item form does not send files")
	}

	// Saved as shown: the pictures stay.
	form := formOf(page, `[data-testid="item-form"]`)
	form.Set("explanation", "Edited.")
	if res := c.postItem(t, edit, edit, form, nil); res.status != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
	}
	got := h.setItemsOf(t, id)[0].Item
	if got.Prompt != wantPrompt || got.Choices[1].Text != it.Choices[1].Text || got.Explanation != "Edited." {
		t.Errorf("after an edit: %+v", got)
	}

	// Another item's picture cannot be claimed by naming it.
	forged := copyForm(form)
	forged.Set("prompt_picture_src", "/media/"+strings.Repeat("e", 64)+".png")
	if res := c.postItem(t, edit, edit, forged, nil); res.status != http.StatusSeeOther {
		t.Fatalf("forged: %d", res.status)
	}
	if got := h.setItemsOf(t, id)[0].Item.Prompt; strings.Contains(got, "eeee") || strings.Contains(got, "<img") {
		t.Errorf("a picture the item did not have was kept: %q", got)
	}

	// Put it back, then remove it with the box; the option's stays.
	form = formOf(c.get(edit), `[data-testid="item-form"]`)
	form.Set("prompt_alt", "Kosygin")
	if res := c.postItem(t, edit, edit, form, map[string][]byte{"prompt_picture": prompt.Data}); res.status != http.StatusSeeOther {
		t.Fatalf("a new picture: %d\n%s", res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
	}
	form = formOf(c.get(edit), `[data-testid="item-form"]`)
	if form.Get("prompt_picture_src") != prompt.URL() {
		t.Fatalf("the new picture is not shown: %v", form)
	}
	form.Set("prompt_picture_remove", "1")
	if res := c.postItem(t, edit, edit, form, nil); res.status != http.StatusSeeOther {
		t.Fatalf("remove: %d\n%s", res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
	}
	got = h.setItemsOf(t, id)[0].Item
	if strings.Contains(got.Prompt, "<img") || got.Prompt != "Who is in this photograph?<br>Take your time." || got.Choices[1].Text != it.Choices[1].Text {
		t.Errorf("after removing the prompt's picture: %+v", got)
	}
	if c.get(edit).doc.Find(`[data-testid="prompt_picture-preview"]`).Length() != 0 {
		t.Error("a removed picture is still shown")
	}
}

func TestItems_APictureRefusedOrWithoutAltIsAFieldErrorAndNothingIsSaved(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Cold War")
	good := pngOf(t, 10)
	tests := []struct {
		name   string
		alt    string
		files  map[string][]byte
		status int
		field  string
		want   string
	}{
		{"no alt text", " ", map[string][]byte{"prompt_picture": good}, http.StatusBadRequest, "prompt_alt", "alt text"},
		{"an SVG", "A map", map[string][]byte{"prompt_picture": []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)},
			http.StatusBadRequest, "prompt_picture", "SVG drawings are not accepted"},
		{"not a picture", "A map", map[string][]byte{"prompt_picture": []byte("just some text")}, http.StatusBadRequest, "prompt_picture", "Only PNG, JPEG, GIF and WebP"},
		{"too large", "A map", map[string][]byte{"prompt_picture": append(append([]byte{}, good...), make([]byte, media.MaxBytes)...)},
			http.StatusRequestEntityTooLarge, "prompt_picture", "larger than 2 MB"},
		{"an option's picture without alt text", "A map", map[string][]byte{"prompt_picture": good, "option_picture_2": pngOf(t, 90)},
			http.StatusBadRequest, "option_alt_2", "Option 3: describe the picture"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.postItem(t, setPath(id)+"/items/new?kind=multiple-choice", setPath(id)+"/items/new", pictureQuestion(tt.alt), tt.files)
			if res.status != tt.status {
				t.Fatalf("status %d; want %d\n%s", res.status, tt.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
			}
			if msg := res.doc.Find(`[data-testid="` + tt.field + `-error"]`).Text(); !strings.Contains(msg, tt.want) {
				t.Errorf("beside %s: %q; want %q", tt.field, msg, tt.want)
			}
			if got := res.doc.Find("#prompt").Text(); got != pictureQuestion("").Get("prompt") {
				t.Errorf("the prompt is not kept as typed: %q", got)
			}
			if got := res.doc.Find("#option_alt_1").AttrOr("value", ""); got != "Brezhnev in 1966" {
				t.Errorf("an option's alt text is not kept as typed: %q", got)
			}
			if n := len(h.setItemsOf(t, id)); n != 0 {
				t.Errorf("%d items saved", n)
			}
			if n := h.rows(t, `SELECT count(*) FROM media`); n != 0 {
				t.Errorf("%d pictures stored", n)
			}
		})
	}
	res := c.postItem(t, setPath(id)+"/items/new?kind=multiple-choice", setPath(id)+"/items/new", pictureQuestion(""), map[string][]byte{"prompt_picture": good})
	if res.doc.Find(`[data-testid="prompt_picture-rechoose"]`).Length() != 1 {
		t.Error("the form does not ask for the picture again")
	}
}

func TestItems_TypedAnswersWithMarksAndFeedbackThroughTheForm(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Cats")
	newForm := setPath(id) + "/items/new?kind=short-answer"
	page := c.get(newForm)
	if n := page.doc.Find(`[data-testid="answer-row"]`).Length(); n != 3 {
		t.Errorf("a new short answer offers %d answer rows; want 3", n)
	}
	if got := page.doc.Find(`select[name="answer_weight"] option[selected]`).First().AttrOr("value", ""); got != "100" {
		t.Errorf("an empty row's marks are %q; want 100", got)
	}
	form := url.Values{"kind": {"short-answer"}, "prompt": {"What is a group of cats called?"},
		"answer_text": {"Clowder", "Cat", ""}, "answer_weight": {"100", "50", "100"}, "answer_feedback": {"", "Half: cats, yes, but a group?", ""},
		"other_feedback": {"A clowder."}}
	if res := c.post(newForm, setPath(id)+"/items/new", form); res.status != http.StatusSeeOther {
		t.Fatalf("status %d\n%s", res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
	}
	items := h.setItemsOf(t, id)
	want := []sets.TypedAnswer{{Text: "Clowder", Weight: 100}, {Text: "Cat", Weight: 50, Feedback: "Half: cats, yes, but a group?"}}
	if got := items[0].Item.TypedAnswers(); !reflect.DeepEqual(got, want) || items[0].Item.OtherFeedback != "A clowder." {
		t.Errorf("saved %+v, other %q", got, items[0].Item.OtherFeedback)
	}

	edit := itemPath(id, items[0].ID) + "/edit"
	page = c.get(edit)
	rows := page.doc.Find(`[data-testid="answer-row"]`)
	if rows.Length() != 5 {
		t.Errorf("the edit form offers %d answer rows; want 2 and 3 spare", rows.Length())
	}
	second := rows.Eq(1)
	if second.Find(`input[name="answer_text"]`).AttrOr("value", "") != "Cat" ||
		second.Find(`select[name="answer_weight"] option[selected]`).AttrOr("value", "") != "50" ||
		second.Find(`input[name="answer_feedback"]`).AttrOr("value", "") != "Half: cats, yes, but a group?" ||
		page.doc.Find("#other_feedback").AttrOr("value", "") != "A clowder." {
		t.Errorf("the edit form does not show the marks and feedback: %s", rows.Eq(1).Text())
	}

	// The teacher gives Cat full marks and clears the other feedback.
	form = formOf(page, `[data-testid="item-form"]`)
	form["answer_weight"][1] = "100"
	form.Set("other_feedback", "")
	if res := c.do(http.MethodPost, edit, form); res.status != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
	}
	got := h.setItemsOf(t, id)[0].Item
	if as := got.TypedAnswers(); as[1].Weight != 100 || as[1].Feedback == "" || got.OtherFeedback != "" {
		t.Errorf("after the edit: %+v, other %q", as, got.OtherFeedback)
	}

	// No answer worth 100%: an error beside the answers, the rows kept.
	form["answer_weight"][0], form["answer_weight"][1] = "50", "90"
	res := c.do(http.MethodPost, edit, form)
	if res.status != http.StatusBadRequest || !strings.Contains(res.doc.Find(`[data-testid="accepted-error"]`).Text(), "100%") {
		t.Errorf("no full marks: %d %q", res.status, res.doc.Find(`[data-testid="accepted-error"]`).Text())
	}
	if got := res.doc.Find(`[data-testid="answer-row"]`).Eq(1).Find(`select[name="answer_weight"] option[selected]`).AttrOr("value", ""); got != "90" {
		t.Errorf("the marks typed are not kept: %q", got)
	}
}
