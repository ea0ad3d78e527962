package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sabaq/db"
	"sabaq/questions"
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
		if e, _ := h.tl.Event(it.Item.EventID); e.Era != era {
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
