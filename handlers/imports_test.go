package handlers_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sabaq/handlers"
	"sabaq/questions/sets"
)

// sendRaw sends a body of any content type, keeping the client's cookies.
func (c *client) sendRaw(method, path string, body io.Reader, contentType string) response {
	c.h.t.Helper()
	req := httptest.NewRequest(method, path, body)
	req.Header.Set("Content-Type", contentType)
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	res, err := c.h.app.Test(req, -1)
	if err != nil {
		c.h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	for _, ck := range res.Cookies() {
		c.cookies[ck.Name] = ck.Value
	}
	b, _ := io.ReadAll(res.Body)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(b))
	return response{status: res.StatusCode, location: res.Header.Get("Location"), body: string(b), doc: doc, header: res.Header}
}

// uploadImport posts the import form as a browser does (multipart), with
// a file when fileName is set.
func (c *client) uploadImport(t *testing.T, path string, fields map[string]string, fileName string, file []byte) response {
	t.Helper()
	token, ok := c.get("/teach/sets").doc.Find(`input[name="_csrf"]`).First().Attr("value")
	if !ok {
		t.Fatal("no CSRF token")
	}
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.WriteField("_csrf", token)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", fileName)
	fw.Write(file)
	w.Close()
	return c.sendRaw(http.MethodPost, path, &b, w.FormDataContentType())
}

// confirmImport presses the preview's confirm button.
func confirmImport(t *testing.T, c *client, preview response, extra url.Values) response {
	t.Helper()
	form := preview.doc.Find(`[data-testid="confirm-form"]`)
	action, ok := form.Attr("action")
	if !ok {
		t.Fatalf("no confirm form on the preview: %s %s", preview.doc.Find(`[data-testid="blocked"]`).Text(), preview.doc.Find(`[data-testid="import-errors"]`).Text())
	}
	values := url.Values{"pending": {form.Find(`input[name="pending"]`).AttrOr("value", "")}, "hash": {form.Find(`input[name="hash"]`).AttrOr("value", "")}}
	for k, v := range extra {
		values[k] = v
	}
	return c.post("/teach/sets", action, values)
}

func (h *harness) setCount(t *testing.T) int { return h.rows(t, `SELECT count(*) FROM question_sets`) }

func (h *harness) itemCount(t *testing.T) int { return h.rows(t, `SELECT count(*) FROM set_items`) }

const giftQuiz = `// Three questions
::Mediator:: Who hosted the Tashkent talks? {=Kosygin ~Brezhnev ~Nixon}

The U-2 of 1960 flew from Peshawar. {T}

Where was the 1966 declaration signed? {=Tashkent =Taškent}
`

func TestImport_PreviewThenConfirmMakesANewSet(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	res := c.uploadImport(t, "/teach/import", map[string]string{"format": "gift"}, "pakistan-ussr.gift", []byte(giftQuiz))
	if res.status != http.StatusOK {
		t.Fatalf("preview: %d\n%s", res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
	}
	for kind, n := range map[string]string{"multiple-choice": "1", "true-false": "1", "short-answer": "1"} {
		if got := res.doc.Find(`[data-testid="count-` + kind + `"] td`).Text(); got != n {
			t.Errorf("%s: preview counts %q; want %s", kind, got, n)
		}
	}
	if s := flatText(res.doc.Find(`[data-testid="summary"]`)); !strings.Contains(s, "3 questions from pakistan-ussr.gift") || !strings.Contains(s, "pakistan-ussr") {
		t.Errorf("summary %q", s)
	}
	if h.setCount(t) != 0 || h.itemCount(t) != 0 {
		t.Fatal("the preview wrote something")
	}
	done := confirmImport(t, c, res, nil)
	if done.status != http.StatusSeeOther || !strings.Contains(done.location, "done=imported&n=3") {
		t.Fatalf("confirm: %d %q\n%.400s", done.status, done.location, done.body)
	}
	list, _ := h.store.SetsByOwner(context.Background(), h.accountID(t, "khan"))
	if len(list) != 1 || list[0].Title != "pakistan-ussr" || list[0].Items != 3 {
		t.Fatalf("sets after import: %+v; want one, named after the file, with 3 questions", list)
	}
	items := h.setItemsOf(t, list[0].ID)
	if items[0].Item.Title != "Mediator" || items[2].Item.Accepted[1] != "Taškent" {
		t.Errorf("items: %+v", items)
	}
	for _, it := range items {
		if _, ok := h.bank.Question(sets.QuestionID(it.SetID, it.ID)); !ok {
			t.Errorf("item %d is not in the bank", it.ID)
		}
	}
	if !strings.Contains(c.get(done.location).doc.Find(`[data-testid="notice"]`).Text(), "Imported 3 questions") {
		t.Error("the set page does not say what was imported")
	}
	// The preview is spent: confirming again writes nothing more.
	if again := confirmImport(t, c, res, nil); again.status != http.StatusNotFound || h.itemCount(t) != 3 {
		t.Errorf("second confirm: %d, %d items", again.status, h.itemCount(t))
	}
}

func TestImport_ErrorsNameTheLineAndNothingIsWritten(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	csv := "kind,prompt,options,correct\n" +
		"multiple-choice,Who hosted the talks?,Kosygin|Nixon,Kosygin\n" +
		"multiple-choice,Which year?,1965|1966,1970\n" +
		"numerical,When did the war end?,,nineteen\n"
	res := c.uploadImport(t, "/teach/import", map[string]string{"format": "csv", "title": "Broken", "text": csv}, "", nil)
	if res.status != http.StatusOK {
		t.Fatalf("preview: %d", res.status)
	}
	var lines []string
	res.doc.Find(`[data-testid="import-error"] [data-testid="line"]`).Each(func(_ int, s *goquery.Selection) { lines = append(lines, s.Text()) })
	if !reflect.DeepEqual(lines, []string{"Line 3", "Line 4"}) {
		t.Errorf("errors on %q; want lines 3 and 4\n%s", lines, flatText(res.doc.Find(`[data-testid="import-errors"]`)))
	}
	if msg := res.doc.Find(`[data-testid="import-error"]`).First().Text(); !strings.Contains(msg, "Which year?") {
		t.Errorf("the error does not name the question: %q", msg)
	}
	if res.doc.Find(`[data-testid="blocked"]`).Length() != 1 || res.doc.Find(`[data-testid="confirm-form"]`).Length() != 0 {
		t.Error("an import with errors can be confirmed")
	}
	if h.setCount(t) != 0 || h.itemCount(t) != 0 {
		t.Error("something was written")
	}
}

func TestImport_FormErrorsBesideFieldsAndNothingWritten(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	for name, tc := range map[string]struct {
		fields map[string]string
		field  string
	}{
		"no format":              {map[string]string{"title": "T", "text": "a\tb"}, "format"},
		"unknown format":         {map[string]string{"format": "docx", "title": "T", "text": "a\tb"}, "format"},
		"nothing to import":      {map[string]string{"format": "gift", "title": "T"}, "file"},
		"no title":               {map[string]string{"format": "gift", "text": giftQuiz}, "title"},
		"same separators":        {map[string]string{"format": "text", "title": "T", "text": "a;b", "term_sep": "semicolon", "row_sep": "semicolon"}, "row_sep"},
		"empty custom separator": {map[string]string{"format": "text", "title": "T", "text": "a;b", "term_sep": "custom"}, "term_sep"},
	} {
		res := c.uploadImport(t, "/teach/import", tc.fields, "", nil)
		if res.status != http.StatusBadRequest || res.doc.Find(`[data-testid="`+tc.field+`-error"]`).Text() == "" {
			t.Errorf("%s: status %d, message beside %s %q", name, res.status, tc.field, res.doc.Find(`[data-testid="`+tc.field+`-error"]`).Text())
		}
	}
	if h.setCount(t) != 0 {
		t.Error("a set was written")
	}
}

func TestImport_CancelWritesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	res := c.uploadImport(t, "/teach/import", map[string]string{"format": "gift", "title": "Cancelled", "text": giftQuiz}, "", nil)
	pending := res.doc.Find(`[data-testid="cancel-form"] input[name="pending"]`).AttrOr("value", "")
	if pending == "" {
		t.Fatal("no cancel form")
	}
	if out := c.post("/teach/sets", "/teach/import/cancel", url.Values{"pending": {pending}}); out.status != http.StatusSeeOther || out.location != "/teach/sets" {
		t.Errorf("cancel: %d %q", out.status, out.location)
	}
	if again := confirmImport(t, c, res, nil); again.status != http.StatusNotFound {
		t.Errorf("confirm after cancel: %d; want 404", again.status)
	}
	if h.setCount(t) != 0 || h.itemCount(t) != 0 {
		t.Error("something was written")
	}
}

func TestImport_UnsupportedQuestionsAreSkippedOnlyWhenTicked(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	gift := giftQuiz + "\nDescribe the Tashkent talks in 200 words. {}\n"
	res := c.uploadImport(t, "/teach/import", map[string]string{"format": "gift", "title": "Essay", "text": gift}, "", nil)
	unsupported := res.doc.Find(`[data-testid="unsupported"]`)
	if unsupported.Length() != 1 || unsupported.Find(`[data-testid="line"]`).Text() != "Line 8" {
		t.Fatalf("unsupported shown: %q; want line 8", flatText(unsupported))
	}
	if !strings.Contains(flatText(res.doc.Find(`[data-testid="confirm-form"]`)), "Skip this unsupported question and import the other 3 questions") {
		t.Errorf("no skip box: %q", flatText(res.doc.Find(`[data-testid="confirm-form"]`)))
	}
	refused := confirmImport(t, c, res, nil)
	if refused.status != http.StatusBadRequest || refused.doc.Find(`[data-testid="skip_unsupported-error"]`).Text() == "" {
		t.Fatalf("confirm without the box: %d; want 400 with a message beside the box", refused.status)
	}
	if h.setCount(t) != 0 {
		t.Fatal("written without the box ticked")
	}
	if ok := confirmImport(t, c, refused, url.Values{"skip_unsupported": {"1"}}); ok.status != http.StatusSeeOther {
		t.Fatalf("confirm with the box: %d", ok.status)
	}
	if h.itemCount(t) != 3 {
		t.Errorf("%d items; want the 3 supported ones", h.itemCount(t))
	}
}

func TestImport_IntoAnExistingSetWithCustomSeparators(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Tashkent")
	other := createSetViaForm(t, c, "Other")
	c.post(setPath(id), setPath(id)+"/items/new", copyForm(itemForms[3].form))
	text := "Tashkent Declaration: Soviet-brokered agreement of January 1966 ending the war|" +
		"Who mediated at Tashkent?: Alexei Kosygin|"
	res := c.uploadImport(t, setPath(id)+"/import", map[string]string{"format": "text", "text": text,
		"term_sep": "custom", "term_custom": ": ", "row_sep": "custom", "row_custom": "|"}, "", nil)
	if got := res.doc.Find(`[data-testid="count-short-answer"] td`).Text(); got != "2" {
		t.Fatalf("preview counts %q short answers; want 2\n%s", got, flatText(res.doc.Find("main")))
	}
	// The preview belongs to this set: it cannot be confirmed on another.
	pending := res.doc.Find(`input[name="pending"]`).AttrOr("value", "")
	hash := res.doc.Find(`input[name="hash"]`).AttrOr("value", "")
	if wrong := c.post("/teach/sets", setPath(other)+"/import/confirm", url.Values{"pending": {pending}, "hash": {hash}}); wrong.status != http.StatusNotFound {
		t.Errorf("confirm on another set: %d; want 404", wrong.status)
	}
	if done := confirmImport(t, c, res, nil); done.status != http.StatusSeeOther || done.location != setPath(id)+"?done=imported&n=2" {
		t.Fatalf("confirm: %d %q", done.status, done.location)
	}
	items := h.setItemsOf(t, id)
	if len(items) != 3 || items[2].Item.Prompt != "Who mediated at Tashkent?" || items[2].Item.Accepted[0] != "Alexei Kosygin" {
		t.Errorf("items: %+v", items)
	}
	if n := len(h.setItemsOf(t, other)); n != 0 {
		t.Errorf("the other set has %d items", n)
	}
}

func TestImport_ConfirmNeedsTheSameTeacherAndContent(t *testing.T) {
	h := newHarness(t)
	khan := h.teacher(t, "khan")
	malik := h.teacher(t, "malik")
	res := khan.uploadImport(t, "/teach/import", map[string]string{"format": "gift", "title": "Mine", "text": giftQuiz}, "", nil)
	if stolen := confirmImport(t, malik, res, nil); stolen.status != http.StatusNotFound {
		t.Errorf("another teacher confirming: %d; want 404", stolen.status)
	}
	if h.setCount(t) != 0 {
		t.Fatal("another teacher's confirmation wrote a set")
	}
	if ok := confirmImport(t, khan, res, nil); ok.status != http.StatusSeeOther || h.itemCount(t) != 3 {
		t.Errorf("the owner's confirm after another teacher's try: %d, %d items", ok.status, h.itemCount(t))
	}
	// A confirmation whose hash is not the preview's writes nothing, and
	// spends the preview.
	res = khan.uploadImport(t, "/teach/import", map[string]string{"format": "gift", "title": "Again", "text": giftQuiz}, "", nil)
	if tampered := confirmImport(t, khan, res, url.Values{"hash": {strings.Repeat("0", 64)}}); tampered.status != http.StatusBadRequest {
		t.Errorf("confirm with another hash: %d; want 400", tampered.status)
	}
	if again := confirmImport(t, khan, res, nil); again.status != http.StatusNotFound || h.setCount(t) != 1 {
		t.Errorf("confirm after a bad hash: %d, %d sets; want 404 and only the first set", again.status, h.setCount(t))
	}
}

func TestImport_Limits(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	// Over 5 MB: refused with a message beside the file, nothing written.
	big := bytes.Repeat([]byte("// padding line of a GIFT comment\n"), 5<<20/34+1)
	res := c.uploadImport(t, "/teach/import", map[string]string{"format": "gift", "title": "Big"}, "big.gift", big)
	if res.status != http.StatusRequestEntityTooLarge || !strings.Contains(res.doc.Find(`[data-testid="file-error"]`).Text(), "larger than 5 MB") {
		t.Errorf("5 MB file: %d %q; want 413 with the limit named", res.status, res.doc.Find(`[data-testid="file-error"]`).Text())
	}
	res = c.uploadImport(t, "/teach/import", map[string]string{"format": "gift", "title": "Big", "text": string(big)}, "", nil)
	if res.status != http.StatusRequestEntityTooLarge || res.doc.Find(`[data-testid="file-error"]`).Text() == "" {
		t.Errorf("5 MB pasted: %d; want 413 with a message", res.status)
	}
	// Over 5,000 questions: an error, and nothing can be confirmed.
	var csv strings.Builder
	csv.WriteString("question,answer\n")
	for i := range 5001 {
		fmt.Fprintf(&csv, "Question %d?,Answer %d\n", i, i)
	}
	res = c.uploadImport(t, "/teach/import", map[string]string{"format": "csv", "title": "Many"}, "many.csv", []byte(csv.String()))
	if !strings.Contains(res.doc.Find(`[data-testid="import-errors"]`).Text(), "more than 5000 questions") || res.doc.Find(`[data-testid="confirm-form"]`).Length() != 0 {
		t.Errorf("5,001 questions: %d, errors %q; want an error and no confirm", res.status, res.doc.Find(`[data-testid="import-errors"]`).Text())
	}
	if h.setCount(t) != 0 {
		t.Error("something was written")
	}
	// An upload above the forms' 64 KiB limit is fine on the import route
	// and nowhere else.
	var cards strings.Builder
	for i := range 4000 {
		fmt.Fprintf(&cards, "Term number %d\tDefinition number %d\n", i, i)
	}
	if res := c.uploadImport(t, "/teach/import", map[string]string{"format": "text", "title": "Cards"}, "cards.txt", []byte(cards.String())); res.status != http.StatusOK ||
		res.doc.Find(`[data-testid="count-short-answer"] td`).Text() != "4000" {
		t.Errorf("150 KB import: %d; want a preview of 4000 cards", res.status)
	}
	addr := listen(t, h) // the server refuses these as it reads them: see postOver
	for _, path := range []string{"/settings", "/teach/sets/new", "/teach/import/confirm"} {
		form := url.Values{"title": {strings.Repeat("x", 70<<10)}}
		if status := c.postOver(addr, path, form); status != http.StatusRequestEntityTooLarge {
			t.Errorf("70 KB POST to %s: %d; want 413", path, status)
		}
	}
}

func TestExport_LeavesOutWhatAFormatCannotHold(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	owner := h.accountID(t, "khan")
	mixed, _, _ := h.store.CreateSet(context.Background(), owner, "Pakistan & the USSR: 1965–66", "", []sets.Item{itemForms[0].want, itemForms[6].want})
	res := c.get(setPath(mixed) + "/export?format=aiken")
	if res.status != http.StatusOK || res.header.Get("X-Sabaq-Left-Out") != "1" {
		t.Fatalf("aiken export: %d, left out %q", res.status, res.header.Get("X-Sabaq-Left-Out"))
	}
	_, params, _ := mime.ParseMediaType(res.header.Get("Content-Disposition"))
	if !strings.HasPrefix(res.header.Get("Content-Disposition"), "attachment") || params["filename"] != "pakistan-the-ussr-1965-66.aiken.txt" {
		t.Errorf("Content-Disposition %q", res.header.Get("Content-Disposition"))
	}
	if !strings.Contains(res.body, "ANSWER: A") || strings.Contains(res.body, "Put these in order") {
		t.Errorf("aiken body:\n%s", res.body)
	}
	page := c.get(setPath(mixed) + "/export")
	aiken := page.doc.Find(`[data-testid="export-aiken"]`)
	if aiken.Find(`[data-testid="included"]`).Text() != "1 of 2 questions" || !strings.Contains(aiken.Find(`[data-testid="left-out"]`).Text(), "Question 2 (Put these in order.) is an ordering question") {
		t.Errorf("export page, aiken: %q", flatText(aiken))
	}
	if got := page.doc.Find(`[data-testid="export-xml"] [data-testid="included"]`).Text(); got != "2 of 2 questions" {
		t.Errorf("export page, xml: %q", got)
	}
	ordering, _, _ := h.store.CreateSet(context.Background(), owner, "Order", "", []sets.Item{itemForms[6].want})
	res = c.get(setPath(ordering) + "/export?format=aiken")
	if res.status != http.StatusBadRequest || !strings.Contains(res.doc.Find(`[data-testid="error-message"]`).Text(), "multiple choice only") {
		t.Errorf("aiken of an ordering-only set: %d %q", res.status, res.doc.Find(`[data-testid="error-message"]`).Text())
	}
	if res := c.get(setPath(ordering) + "/export?format=docx"); res.status != http.StatusBadRequest {
		t.Errorf("unknown format: %d", res.status)
	}
	res = c.get(setPath(mixed) + "/export?format=apkg")
	if res.status != http.StatusOK || !strings.HasPrefix(res.body, "PK") || res.header.Get("X-Sabaq-Left-Out") != "0" {
		t.Errorf("apkg: %d, %.2q, left out %q", res.status, res.body, res.header.Get("X-Sabaq-Left-Out"))
	}
	short, _, _ := h.store.CreateSet(context.Background(), owner, "Cards", "", []sets.Item{itemForms[3].want})
	res = c.get(setPath(short) + "/export?format=text&term_sep=custom&term_custom=%20%3D%20&row_sep=semicolon")
	if res.body != "Where was the 1966 declaration signed? = Tashkent;" {
		t.Errorf("text export with separators: %q", res.body)
	}
}

// roundTripItems are items of every kind, each with an explanation, a
// linked event, feedback and tags where the kind has them.
func roundTripItems(event string) []sets.Item {
	return []sets.Item{
		{Kind: sets.MultipleChoice, Title: "Mediator", Prompt: "Who hosted the Tashkent talks?", Format: sets.Plain,
			Choices:     []sets.Choice{{Text: "Kosygin", Weight: 100, Feedback: "Yes."}, {Text: "Brezhnev"}, {Text: "Nixon"}},
			Explanation: "Kosygin mediated.", EventID: event, Tags: []string{"diplomacy"}},
		{Kind: sets.MultipleAnswer, Prompt: "Which pacts did Pakistan join?", Format: sets.Plain,
			Choices: []sets.Choice{{Text: "SEATO", Weight: 50}, {Text: "CENTO", Weight: 50}, {Text: "Warsaw Pact"}}, Explanation: "Both in the 1950s.", EventID: event},
		{Kind: sets.TrueFalse, Prompt: "The U-2 flew from Peshawar.", Format: sets.Plain, Truth: true, FeedbackTrue: "Right.", FeedbackFalse: "It did.", Explanation: "From Badaber."},
		{Kind: sets.ShortAnswer, Prompt: "Where was the 1966 declaration signed?", Format: sets.Plain, Accepted: []string{"Tashkent", "Taškent"}, Explanation: "In Uzbekistan.", EventID: event},
		{Kind: sets.Numerical, Prompt: "In which year did Soviet troops leave Afghanistan?", Format: sets.Plain, Numbers: []sets.NumericAnswer{{Value: 1989, Tolerance: 1, Weight: 100}}, Explanation: "February 1989."},
		{Kind: sets.Matching, Prompt: "Match each leader to the country.", Format: sets.Plain, Pairs: []sets.Pair{{Left: "Ayub Khan", Right: "Pakistan"}, {Left: "Shastri", Right: "India"}, {Left: "Kosygin", Right: "USSR"}}, Explanation: "1966."},
		{Kind: sets.Ordering, Prompt: "Put these in order.", Format: sets.Plain, Sequence: []string{"Baghdad Pact", "U-2 incident", "Tashkent Declaration"}, Explanation: "1955, 1960, 1966."},
		{Kind: sets.Cloze, Prompt: "The declaration was signed in ____ in 1966.", Format: sets.Plain, Accepted: []string{"Tashkent"}, Explanation: "January.", EventID: event},
	}
}

func TestExportImport_RoundTripGivesTheSameSet(t *testing.T) {
	tests := []struct {
		export, parse string
		kinds         []sets.Kind
		// kept is what of an item the format keeps (see each writer's doc).
		kept func(sets.Item) sets.Item
	}{
		{"gift", "gift", []sets.Kind{sets.MultipleChoice, sets.MultipleAnswer, sets.TrueFalse, sets.ShortAnswer, sets.Numerical, sets.Matching, sets.Cloze},
			func(it sets.Item) sets.Item { it.EventID, it.Tags = "", nil; return it }},
		{"xml", "xml", sets.Kinds,
			func(it sets.Item) sets.Item { it.EventID = ""; return it }},
		{"aiken", "aiken", []sets.Kind{sets.MultipleChoice},
			func(it sets.Item) sets.Item {
				out := sets.Item{Kind: it.Kind, Prompt: it.Prompt, Format: it.Format}
				for _, ch := range it.Choices {
					out.Choices = append(out.Choices, sets.Choice{Text: ch.Text, Weight: ch.Weight})
				}
				return out
			}},
		{"text", "text", []sets.Kind{sets.ShortAnswer},
			func(it sets.Item) sets.Item {
				return sets.Item{Kind: it.Kind, Prompt: it.Prompt, Format: it.Format, Accepted: it.Accepted[:1]}
			}},
		{"anki-text", "anki", []sets.Kind{sets.ShortAnswer, sets.Cloze},
			func(it sets.Item) sets.Item {
				out := sets.Item{Kind: it.Kind, Prompt: it.Prompt, Format: it.Format, Accepted: it.Accepted[:1], Tags: it.Tags}
				if it.Kind == sets.Cloze {
					out.Explanation = it.Explanation
				}
				return out
			}},
		// CSV keeps every answer's weight and feedback.
		{"csv", "csv", sets.Kinds, func(it sets.Item) sets.Item { return it }},
	}
	h := newHarness(t)
	c := h.teacher(t, "khan")
	owner := h.accountID(t, "khan")
	for _, tt := range tests {
		t.Run(tt.export, func(t *testing.T) {
			var items []sets.Item
			for _, it := range roundTripItems(h.tl.Events[3].ID) {
				if slices.Contains(tt.kinds, it.Kind) {
					items = append(items, it)
				}
			}
			id, _, err := h.store.CreateSet(context.Background(), owner, "Round trip "+tt.export, "", items)
			if err != nil {
				t.Fatal(err)
			}
			out := c.get(setPath(id) + "/export?format=" + tt.export)
			if out.status != http.StatusOK || out.header.Get("X-Sabaq-Left-Out") != "0" {
				t.Fatalf("export: %d, left out %q\n%.300s", out.status, out.header.Get("X-Sabaq-Left-Out"), out.body)
			}
			preview := c.uploadImport(t, "/teach/import", map[string]string{"format": tt.parse, "title": "Back " + tt.export}, "export.txt", []byte(out.body))
			done := confirmImport(t, c, preview, nil)
			if done.status != http.StatusSeeOther {
				t.Fatalf("confirm: %d\n%s", done.status, out.body)
			}
			back, err := strconv.ParseInt(strings.TrimPrefix(strings.Split(done.location, "?")[0], "/teach/sets/"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			got := h.setItemsOf(t, back)
			if len(got) != len(items) {
				t.Fatalf("%d items back; want %d\n%s", len(got), len(items), out.body)
			}
			for i := range items {
				want := tt.kept(cloneItem(items[i]))
				if !reflect.DeepEqual(got[i].Item, want) {
					t.Errorf("item %d:\n got %+v\nwant %+v", i+1, got[i].Item, want)
				}
			}
		})
	}
}

// cloneItem deep-copies the slices a kept func may change.
func cloneItem(it sets.Item) sets.Item {
	it.Choices = append([]sets.Choice(nil), it.Choices...)
	return it
}

func TestImport_FarOverTheLimitIsRefusedByTheServer(t *testing.T) {
	h := newHarness(t)
	// fasthttp refuses a body over the app's limit (handlers.MaxUpload)
	// while reading it, and app.Test reports that as an error: so this test
	// uses a real listener.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go h.app.Listener(ln)
	defer h.app.Shutdown()
	// The request announces a body over the limit; the server answers
	// without reading it (a client still sending would see the connection
	// reset, so only the headers are sent).
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /teach/import HTTP/1.1\r\nHost: sabaq\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\n\r\n", handlers.MaxUpload+1)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d; want 413", res.StatusCode)
	}
	if h.setCount(t) != 0 {
		t.Error("something was written")
	}
}

func TestFormats_UnknownIsRefusedWithTheKnownOnes(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	owner := h.accountID(t, "khan")
	set, _, _ := h.store.CreateSet(context.Background(), owner, "Tashkent", "", []sets.Item{itemForms[0].want})

	res := c.get(setPath(set) + "/export?format=nope")
	msg := res.doc.Find(`[data-testid="error-message"]`).Text()
	if res.status != http.StatusBadRequest || !strings.Contains(msg, `"nope"`) || !strings.Contains(msg, "gift, xml, aiken, text, anki, csv, apkg") {
		t.Errorf("export of an unknown format: %d %q", res.status, msg)
	}

	res = c.uploadImport(t, "/teach/import", map[string]string{"format": "nope", "title": "T", "text": giftQuiz}, "", nil)
	msg = res.doc.Find(`[data-testid="format-error"]`).Text()
	if res.status != http.StatusBadRequest || !strings.Contains(msg, "Moodle GIFT") || !strings.Contains(msg, "Anki notes in plain text") {
		t.Errorf("import of an unknown format: %d %q", res.status, msg)
	}

	// The export's old key for Anki text still works, and the page links
	// each format by the key the command line takes.
	if res := c.get(setPath(set) + "/export?format=anki-text"); res.status != http.StatusBadRequest || !strings.Contains(res.doc.Find(`[data-testid="error-message"]`).Text(), "short answer and cloze") {
		t.Errorf("anki-text export of a multiple-choice set: %d", res.status)
	}
	page := c.get(setPath(set) + "/export")
	for _, key := range []string{"gift", "xml", "aiken", "text", "anki", "csv", "apkg"} {
		if page.doc.Find(`[data-testid="export-`+key+`"]`).Length() != 1 {
			t.Errorf("the export page has no %s entry", key)
		}
	}
}

func TestImport_PreviewSaysWhatIsNotKeptBeforeWriting(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	gift := "::Q1:: [html]<p>Which <b>treaty</b>?</p><script>alert(1)</script> {=Tashkent ~Simla}\n\n::Q2:: [html]<p>All <i>kept</i>.</p> {T}\n"
	res := c.uploadImport(t, "/teach/import", map[string]string{"format": "gift", "title": "Rich", "text": gift}, "", nil)
	notKept := res.doc.Find(`[data-testid="not-kept"]`)
	if notKept.Length() != 1 || notKept.Find(`[data-testid="line"]`).Text() != "Line 1" || !strings.Contains(flatText(notKept), "<script>") {
		t.Fatalf("not kept shown: %q; want line 1 and its script", flatText(notKept))
	}
	if h.setCount(t) != 0 {
		t.Fatal("the preview wrote a set")
	}
	if ok := confirmImport(t, c, res, nil); ok.status != http.StatusSeeOther || h.itemCount(t) != 2 {
		t.Fatalf("confirm: %d, %d items; want both questions imported", ok.status, h.itemCount(t))
	}
}

func TestImport_FormOffersEveryImportersFileTypes(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	accept := c.get("/teach/import").doc.Find(`input#file`).AttrOr("accept", "")
	for _, want := range []string{".gift", ".xml", ".csv", ".txt", ".apkg", "text/plain"} {
		if !strings.Contains(","+accept+",", ","+want+",") {
			t.Errorf("accept=%q lacks %q", accept, want)
		}
	}
}

func TestImport_AnAnkiPackageIsAFileNotPastedText(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	owner := h.accountID(t, "khan")
	id, _, err := h.store.CreateSet(context.Background(), owner, "Cards", "", []sets.Item{itemForms[3].want, itemForms[0].want})
	if err != nil {
		t.Fatal(err)
	}
	pkg := c.get(setPath(id) + "/export?format=apkg")
	if pkg.status != http.StatusOK || !strings.HasPrefix(pkg.body, "PK") {
		t.Fatalf("apkg export: %d", pkg.status)
	}
	before := h.setCount(t)
	pasted := c.uploadImport(t, "/teach/import", map[string]string{"format": "apkg", "title": "Pasted", "text": pkg.body}, "", nil)
	if pasted.status != http.StatusBadRequest || !strings.Contains(pasted.doc.Find(`[data-testid="text-error"]`).Text(), "is a file: choose it above") {
		t.Errorf("pasted package: %d %q", pasted.status, flatText(pasted.doc.Find("main")))
	}
	// The uploaded package reaches the parser byte for byte.
	up := c.uploadImport(t, "/teach/import", map[string]string{"format": "apkg", "title": "Uploaded"}, "cards.apkg", []byte(pkg.body))
	if up.status != http.StatusOK || up.doc.Find(`[data-testid="confirm-form"]`).Length() != 1 {
		t.Fatalf("uploaded package: %d %q", up.status, flatText(up.doc.Find("main")))
	}
	if got := up.doc.Find(`[data-testid="summary"]`).Text(); !strings.Contains(got, "2 questions") {
		t.Errorf("summary %q", got)
	}
	if h.setCount(t) != before {
		t.Error("a preview wrote a set")
	}
}

func TestImport_PreviewCountsAnkiNotesItUpdatesApart(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	id := createSetViaForm(t, c, "Cards")
	notes := func(rows ...string) string {
		return "#separator:tab\n#html:false\n#notetype:Basic\n#guid column:3\n#columns:Front\tBack\tGuid\n" + strings.Join(rows, "\n") + "\n"
	}
	first := c.uploadImport(t, setPath(id)+"/import", map[string]string{"format": "anki"}, "notes.txt",
		[]byte(notes("Who hosted the Tashkent talks?\tKosygin\tg1", "Which pact did Pakistan join in 1954?\tSEATO\tg2")))
	if first.doc.Find(`[data-testid="updates"]`).Length() != 0 {
		t.Errorf("first import names updates: %q", first.doc.Find(`[data-testid="updates"]`).Text())
	}
	if done := confirmImport(t, c, first, nil); done.status != http.StatusSeeOther {
		t.Fatalf("confirm: %d", done.status)
	}
	again := c.uploadImport(t, setPath(id)+"/import", map[string]string{"format": "anki"}, "notes.txt",
		[]byte(notes("Who hosted the Tashkent talks in 1966?\tKosygin\tg1", "Which pact did Pakistan join in 1954?\tSEATO\tg2", "Where was the declaration signed?\tTashkent\tg3")))
	if got, want := again.doc.Find(`[data-testid="updates"]`).Text(), "1 new, 2 update questions already in the set (same Anki note)."; got != want {
		t.Errorf("updates %q; want %q", got, want)
	}
	if done := confirmImport(t, c, again, nil); done.status != http.StatusSeeOther {
		t.Fatalf("confirm: %d", done.status)
	}
	if items := h.setItemsOf(t, id); len(items) != 3 || items[0].Item.Prompt != "Who hosted the Tashkent talks in 1966?" {
		t.Errorf("items after the second import: %+v", items)
	}
}

func TestExport_NamesWhatAFormatWritesWithoutPartialCredit(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	owner := h.accountID(t, "khan")
	it := sets.Item{Kind: sets.ShortAnswer, Prompt: "Who hosted the Tashkent talks?", Format: sets.Plain}
	it.SetTypedAnswers([]sets.TypedAnswer{{Text: "Brezhnev", Weight: 50, Feedback: "Half."}, {Text: "Kosygin", Weight: 100}})
	id, _, err := h.store.CreateSet(context.Background(), owner, "Credit", "", []sets.Item{it})
	if err != nil {
		t.Fatal(err)
	}
	page := c.get(setPath(id) + "/export")
	text := page.doc.Find(`[data-testid="export-text"]`)
	want := "Question 1 (Who hosted the Tashkent talks?) is written without the partly right answer “Brezhnev” (50%) and the feedback on its answers."
	if got := text.Find(`[data-testid="loses"]`).Text(); got != want {
		t.Errorf("export page, text: %q; want %q", got, want)
	}
	for _, key := range []string{"gift", "csv"} {
		if n := page.doc.Find(`[data-testid="export-` + key + `"] [data-testid="loses"]`).Length(); n != 0 {
			t.Errorf("%s loses %d questions; it holds weights and feedback", key, n)
		}
	}
	res := c.get(setPath(id) + "/export?format=text")
	if res.status != http.StatusOK || res.body != "Who hosted the Tashkent talks?\tKosygin\n" || res.header.Get("X-Sabaq-Losing") != "1" {
		t.Errorf("text export: %d %q, losing %q", res.status, res.body, res.header.Get("X-Sabaq-Losing"))
	}
}
