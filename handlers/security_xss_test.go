package handlers_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"sabaq/db"
	"sabaq/questions/richtext"
	"sabaq/questions/sets"
	"sabaq/questions/sets/formats"
)

// loadPayloads reads testdata/xss/payloads.txt: one payload a line.
func loadPayloads(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/xss/payloads.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "# ") {
			out = append(out, l)
		}
	}
	if len(out) < 30 {
		t.Fatalf("%d payloads; want at least 30", len(out))
	}
	if testing.Short() {
		return out[:8] // a quick look; the full list runs in make test
	}
	return out
}

// payloadItemForms are add-item forms of every kind with p in every text
// field the kind has.
func payloadItemForms(p string) []url.Values {
	common := func(kind string) url.Values {
		return url.Values{"kind": {kind}, "title": {p}, "prompt": {p}, "explanation": {p}, "category": {p}, "tags": {p}, "format": {"plain"}}
	}
	mc := common("multiple-choice")
	mc["option_text"] = []string{p, p + " (b)", "plain option"}
	mc["option_correct"] = []string{"0"}
	mc["option_feedback"] = []string{p, p, p}
	mc["option_weight"] = []string{"", "", ""}
	ma := common("multiple-answer")
	ma["option_text"] = []string{p, p + " (b)", "plain option"}
	ma["option_correct"] = []string{"0", "1"}
	ma["option_feedback"] = []string{p, p, p}
	ma["option_weight"] = []string{"", "", ""}
	tf := common("true-false")
	tf.Set("truth", "true")
	tf.Set("feedback_true", p)
	tf.Set("feedback_false", p)
	sa := common("short-answer")
	sa.Set("accepted", p)
	num := common("numerical")
	num["number_answer"] = []string{"1966"}
	num["number_tolerance"] = []string{""}
	num["number_feedback"] = []string{p}
	num["number_weight"] = []string{""}
	match := common("matching")
	match["pair_left"] = []string{p, "Left 2"}
	match["pair_right"] = []string{p, "Right 2"}
	ord := common("ordering")
	ord.Set("sequence", p+"\n"+p+" (2)\nplain")
	cloze := common("cloze")
	cloze.Set("prompt", p+" "+sets.Blank)
	cloze.Set("accepted", p)
	return []url.Values{mc, ma, tf, sa, num, match, ord, cloze}
}

// payloadItems are items of every kind with p in every text field, in the
// given text format, for the import files.
func payloadItems(p string, format sets.TextFormat) []sets.Item {
	return []sets.Item{
		{Kind: sets.MultipleChoice, Title: p, Prompt: p, Format: format, Explanation: p, Category: p,
			Choices: []sets.Choice{{Text: p, Weight: 100, Feedback: p}, {Text: p + " (b)", Feedback: p}, {Text: "plain option"}}},
		{Kind: sets.MultipleAnswer, Title: p, Prompt: p, Format: format, Explanation: p,
			Choices: []sets.Choice{{Text: p, Weight: 50, Feedback: p}, {Text: p + " (b)", Weight: 50}, {Text: "plain option", Weight: -50}}},
		{Kind: sets.TrueFalse, Title: p, Prompt: p, Format: format, Truth: true, FeedbackTrue: p, FeedbackFalse: p, Explanation: p},
		{Kind: sets.ShortAnswer, Title: p, Prompt: p, Format: format, Accepted: []string{p}, Explanation: p, Tags: []string{"xss"}},
		{Kind: sets.Numerical, Title: p, Prompt: p, Format: format, Numbers: []sets.NumericAnswer{{Value: 1966, Weight: 100, Feedback: p}}, Explanation: p},
		{Kind: sets.Matching, Title: p, Prompt: p, Format: format, Pairs: []sets.Pair{{Left: p, Right: p}, {Left: "Left 2", Right: "Right 2"}, {Left: "Left 3", Right: "Right 3"}}},
		{Kind: sets.Ordering, Title: p, Prompt: p, Format: format, Sequence: []string{p, p + " (2)", "plain"}},
		{Kind: sets.Cloze, Title: p, Prompt: p + " " + sets.Blank, Format: format, Accepted: []string{p}, Explanation: p},
	}
}

// writeEach writes the items a format can hold, one by one, leaving out
// those it cannot.
func writeEach(items []sets.Item, write func(*bytes.Buffer, []sets.Item) error) []byte {
	var ok []sets.Item
	for _, it := range items {
		if write(&bytes.Buffer{}, []sets.Item{it}) == nil {
			ok = append(ok, it)
		}
	}
	var b bytes.Buffer
	if len(ok) == 0 || write(&b, ok) != nil {
		return nil
	}
	return b.Bytes()
}

var giftEscaper = strings.NewReplacer(`\`, `\\`, ":", `\:`, "#", `\#`, "=", `\=`, "{", `\{`, "}", `\}`, "~", `\~`)

// importFiles are the files each payload is imported in: every format,
// plain and HTML, with a question of a kind Sabaq does not support.
func importFiles(p string) []struct {
	format, name string
	content      []byte
	html         bool
} {
	g := giftEscaper.Replace(p)
	handGIFT := "// [html] questions, and an essay Sabaq does not take\n" +
		"::" + g + "::[html]<p>" + g + "</p> {=" + g + "#" + g + " ~wrong####" + g + "}\n\n" +
		"::T::[html]" + g + " {T#" + g + "#" + g + "}\n\n" +
		"::Essay " + g + ":: " + g + " {}\n"
	handXML := `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<question type="shortanswer"><name><text><![CDATA[` + p + `]]></text></name>
<questiontext format="html"><text><![CDATA[<p>` + p + `</p>]]></text></questiontext>
<generalfeedback format="html"><text><![CDATA[` + p + `]]></text></generalfeedback>
<answer fraction="100" format="html"><text><![CDATA[` + p + `]]></text><feedback><text><![CDATA[` + p + `]]></text></feedback></answer>
</question>
<question type="essay"><name><text><![CDATA[` + p + `]]></text></name>
<questiontext format="html"><text><![CDATA[` + p + `]]></text></questiontext></question>
</quiz>
`
	plain, html := payloadItems(p, sets.Plain), payloadItems(p, sets.HTML)
	gift := func(b *bytes.Buffer, items []sets.Item) error { return formats.WriteGIFT(b, items) }
	xml := func(b *bytes.Buffer, items []sets.Item) error { return formats.WriteXML(b, items) }
	files := []struct {
		format, name string
		content      []byte
		html         bool
	}{
		{"gift", p + ".gift", writeEach(plain, gift), false},
		{"gift", "html.gift", writeEach(html, gift), true},
		{"gift", "hand.gift", []byte(handGIFT), true},
		{"xml", p + ".xml", writeEach(plain, xml), false},
		{"xml", "html.xml", writeEach(html, xml), true},
		{"xml", "hand.xml", []byte(handXML), true},
		{"csv", p + ".csv", writeEach(plain, func(b *bytes.Buffer, items []sets.Item) error { return formats.WriteCSV(b, items) }), false},
		{"aiken", "aiken.txt", writeEach(plain, func(b *bytes.Buffer, items []sets.Item) error { return formats.WriteAiken(b, items) }), false},
		{"text", "cards.txt", writeEach(plain, func(b *bytes.Buffer, items []sets.Item) error {
			return formats.WriteText(b, items, formats.TextOptions{TermSep: "\t", RowSep: "\n"})
		}), false},
		{"anki", "anki.txt", writeEach(plain, func(b *bytes.Buffer, items []sets.Item) error { return formats.WriteAnkiText(b, items) }), false},
		{"apkg", "deck.apkg", writeEach(plain, func(b *bytes.Buffer, items []sets.Item) error { return db.WriteAPKG(b, p, items, nil) }), false},
	}
	out := files[:0]
	for _, f := range files {
		if f.content != nil {
			out = append(out, f)
		}
	}
	return out
}

// xssRun carries what every check needs.
type xssRun struct {
	t       *testing.T
	h       *harness
	tags    map[string]bool
	all     []string
	checked int
}

// page fetches path as c and checks it renders inert; with want, that it
// shows want as text.
func (x *xssRun) page(c *client, path string, want ...string) response {
	x.t.Helper()
	res := c.get(path)
	x.check("GET "+path, res, want...)
	return res
}

func (x *xssRun) check(where string, res response, want ...string) {
	x.t.Helper()
	x.checked++
	if res.status >= 500 {
		x.t.Errorf("%s: %d", where, res.status)
	}
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		// A download, not a page: a browser must save it, not render it.
		if !strings.HasPrefix(res.header.Get("Content-Disposition"), "attachment") || res.header.Get("X-Content-Type-Options") != "nosniff" {
			x.t.Errorf("%s: %q served inline", where, ct)
		}
		return
	}
	checkInert(x.t, x.tags, where, res, x.all...)
	// A teacher's pictures come from Sabaq's media store only.
	res.doc.Find("img").Each(func(_ int, s *goquery.Selection) {
		if src := s.AttrOr("src", ""); !strings.HasPrefix(src, "/media/") || strings.HasPrefix(src, "/media//") {
			x.t.Errorf("%s: a picture from %q: %s", where, src, outer(s))
		}
	})
	for _, w := range want {
		if !shows(res, w) {
			x.t.Errorf("%s: does not show %q as text", where, w)
		}
	}
}

// upload posts an import form with a file, as a browser does.
func upload(c *client, path, token string, fields map[string]string, name string, content []byte) response {
	c.h.t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	w.WriteField("_csrf", token)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(content)
	w.Close()
	return c.sendRaw(http.MethodPost, path, &b, w.FormDataContentType())
}

var setLocation = regexp.MustCompile(`^/teach/sets/(\d+)(\?|$)`)

func TestXSS_PayloadsInEveryAuthoredFieldRenderInertOnEveryPage(t *testing.T) {
	t.Parallel()
	payloads := loadPayloads(t)
	h := newHarness(t)
	x := &xssRun{t: t, h: h, tags: richTags(t), all: payloads}
	teacher := h.teacher(t, "khan")
	student := h.client()
	if res := signup(t, student, "amna", "a long password"); res.status != http.StatusSeeOther {
		t.Fatalf("signup: %d", res.status)
	}
	ttok, stok := teacher.token(), student.token()
	fields := 0
	for i, p := range payloads {
		// A set, with p as its title and description.
		res := teacher.postForm("/teach/sets/new", with(ttok, url.Values{"title": {p}, "description": {p}}))
		m := setLocation.FindStringSubmatch(res.location)
		if m == nil {
			t.Fatalf("payload %d: create set: %d\n%.300s", i, res.status, res.body)
		}
		setID, _ := strconv.ParseInt(m[1], 10, 64)
		set := setPath(setID)
		fields += 2
		// An item of every kind, p in every field.
		for _, form := range payloadItemForms(p) {
			if res := teacher.postForm(set+"/items/new", with(ttok, form)); res.status != http.StatusSeeOther {
				t.Fatalf("payload %d: add %s: %d %s", i, form.Get("kind"), res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
			}
			for _, vs := range form {
				for _, v := range vs {
					if strings.Contains(v, p) {
						fields++
					}
				}
			}
		}
		// The same form with a mistake comes back with everything typed in it.
		bad := payloadItemForms(p)[0]
		bad.Del("option_correct")
		res = teacher.postForm(set+"/items/new", with(ttok, bad))
		if res.status != http.StatusBadRequest {
			t.Errorf("payload %d: a form with no correct option: %d", i, res.status)
		}
		x.check("the item form shown again with its errors", res, p)

		// A class named p, the set assigned, the student in it.
		name := p
		if utf8.RuneCountInString(name) > 100 {
			name = string([]rune(name)[:100])
		}
		res = teacher.postForm("/teach/classes", with(ttok, url.Values{"name": {name}}))
		if !strings.HasPrefix(res.location, "/teach/classes/") {
			t.Fatalf("payload %d: create class: %d", i, res.status)
		}
		class := res.location
		fields++
		if res := teacher.postForm(class+"/assignments", with(ttok, url.Values{"set": {idStr(setID)}})); res.status != http.StatusSeeOther {
			t.Fatalf("payload %d: assign: %d", i, res.status)
		}
		classPage := x.page(teacher, class, name, p)
		code := classPage.doc.Find(`[data-testid="join-code"]`).Text()
		x.page(student, "/join/"+code, name)
		if res := student.postForm("/join", with(stok, url.Values{"code": {code}})); res.status != http.StatusSeeOther {
			t.Fatalf("payload %d: join: %d", i, res.status)
		}

		// The teacher's pages.
		items := h.setItemsOf(t, setID)
		x.page(teacher, set, p)
		x.page(teacher, set+"/edit", p)
		x.page(teacher, set+"/delete", p)
		x.page(teacher, set+"/build", p)
		x.page(teacher, set+"/import", p)
		x.page(teacher, set+"/export", p)
		for _, it := range items {
			edit := x.page(teacher, set+"/items/"+idStr(it.ID)+"/edit", p)
			form := formOf(edit, `[data-testid="item-form"]`)
			for _, k := range []string{"title", "prompt", "explanation", "category"} {
				want := map[string]string{"title": it.Item.Title, "prompt": it.Item.Prompt, "explanation": it.Item.Explanation, "category": it.Item.Category}[k]
				if form.Get(k) != want || (k != "prompt" && want != p) {
					t.Errorf("payload %d, %s: the edit form's %s reads %q; stored %q, sent %q", i, it.Item.Kind, k, form.Get(k), want, p)
				}
			}
		}
		keys := []string{"gift", "xml", "aiken", "text", "anki-text", "csv"}
		if i < 3 {
			keys = append(keys, "apkg") // a whole SQLite file each time: a few will do
		}
		for _, key := range keys {
			res := teacher.get(set + "/export?format=" + key)
			ct, cd := res.header.Get("Content-Type"), res.header.Get("Content-Disposition")
			if res.status == http.StatusOK && (strings.HasPrefix(ct, "text/html") || !strings.HasPrefix(cd, "attachment") || res.header.Get("X-Content-Type-Options") != "nosniff") {
				t.Errorf("payload %d: export %s: %q, %q: a download must not be a page", i, key, ct, cd)
			}
			if res.status != http.StatusOK {
				x.check("export "+key, res)
			}
		}

		// The student's pages: practise the set, then review every card.
		res = student.postForm("/practice", with(stok, url.Values{"set": {idStr(setID)}, "length": {strconv.Itoa(len(items))}}))
		if !strings.HasSuffix(res.location, "/q/1") {
			t.Fatalf("payload %d: practise: %d %q", i, res.status, res.location)
		}
		q := res.location
		for range items {
			page := x.page(student, q)
			if res := student.postForm(q, fillAnswer(page, p)); res.status != http.StatusSeeOther {
				t.Errorf("payload %d: answer %s: %d %s", i, q, res.status, res.doc.Find(`[data-testid="form-error"], [data-testid="error-message"]`).Text())
			}
			fb := x.page(student, q)
			next, ok := fb.doc.Find(`[data-testid="next"]`).Attr("href")
			if !ok {
				t.Fatalf("payload %d: no next link on %s", i, q)
			}
			q = next
		}
		x.page(student, q, p) // the summary
		for _, it := range items {
			card := "/review/card/" + url.PathEscape(sets.QuestionID(setID, it.ID))
			if i < 3 {
				// The back of a flashcard is the same feedback as a quiz
				// review's, checked below for every payload.
				x.page(student, card+"?mode=flashcard&reveal=1")
			}
			page := x.page(student, card+"?mode=quiz")
			res := student.postForm(card+"/answer", fillAnswer(page, p))
			if !strings.HasPrefix(res.location, "/review/log/") {
				t.Errorf("payload %d: review answer: %d %q", i, res.status, res.location)
				continue
			}
			x.page(student, res.location)
		}
		x.page(teacher, class+"/dashboard", name)
		for _, csvPath := range []string{class + "/roster.csv", class + "/items.csv"} {
			checkCSVDefused(t, csvPath, teacher.get(csvPath))
		}
		x.page(student, "/", p, name)
		// Unassigned, the set leaves the student's queue, which would
		// otherwise grow with every payload and slow every later page.
		unassign, ok := classPage.doc.Find(`[data-testid="assignment"] form`).Attr("action")
		if !ok {
			t.Fatalf("payload %d: no unassign form on the class page", i)
		}
		if res := teacher.postForm(unassign, with(ttok, url.Values{})); res.status != http.StatusSeeOther {
			t.Fatalf("payload %d: unassign: %d", i, res.status)
		}
	}
	// Pages that list every payload at once.
	x.page(teacher, "/teach/sets", payloads...)
	x.page(teacher, "/teach/classes")
	x.page(teacher, "/teach")
	x.page(teacher, "/")
	x.page(student, "/")
	x.page(student, "/review")
	x.page(student, "/practice")
	x.page(student, "/progress")
	x.page(student, "/data")
	res := student.get("/data/export")
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || !strings.HasPrefix(res.header.Get("Content-Disposition"), "attachment") {
		t.Errorf("the data export is %q, %q", ct, res.header.Get("Content-Disposition"))
	}
	if strings.Contains(res.body, "<script") {
		t.Error("the data export holds markup unescaped")
	}
	t.Logf("%d payloads × %d authored text fields each (%d in all); %d pages checked", len(payloads), fields/len(payloads), fields, x.checked)
}

// checkCSVDefused checks no cell of a CSV download could run as a formula.
func checkCSVDefused(t *testing.T, where string, res response) {
	t.Helper()
	if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") {
		t.Errorf("%s: %d %q", where, res.status, res.header.Get("Content-Type"))
		return
	}
	rows, err := csv.NewReader(strings.NewReader(res.body)).ReadAll()
	if err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell == "" {
				continue
			}
			switch cell[0] {
			case '=', '+', '@', '\t', '\r':
				t.Errorf("%s: the cell %q would run as a formula", where, cell)
			case '-':
				if _, err := strconv.ParseFloat(cell, 64); err != nil {
					t.Errorf("%s: the cell %q would run as a formula", where, cell)
				}
			}
		}
	}
}

func TestXSS_PayloadsInEveryImportFormatRenderInert(t *testing.T) {
	t.Parallel()
	payloads := loadPayloads(t)
	h := newHarness(t)
	x := &xssRun{t: t, h: h, tags: richTags(t), all: payloads}
	teacher := h.teacher(t, "khan")
	ttok := teacher.token()
	files := 0
	for i, p := range payloads {
		// A file with an error is shown, with the question's words, and
		// cannot be confirmed.
		g := giftEscaper.Replace(p)
		res := upload(teacher, "/teach/import", ttok, map[string]string{"format": "gift", "title": p}, p+".gift",
			[]byte("::"+g+":: "+g+" {=unclosed\n\n::"+g+"::"+g+" {=a ~b}\n"))
		x.check("a preview with errors", res)
		if res.doc.Find(`[data-testid="confirm-form"]`).Length() != 0 {
			t.Errorf("payload %d: a file with errors can be confirmed", i)
		}
		for _, f := range importFiles(p) {
			files++
			res := upload(teacher, "/teach/import", ttok, map[string]string{"format": f.format, "title": p}, f.name, f.content)
			where := fmt.Sprintf("payload %d, %s %s", i, f.format, f.name)
			if res.status != http.StatusOK {
				t.Errorf("%s: preview %d %s%s", where, res.status, res.doc.Find(`[data-testid="form-errors"]`).Text(), res.doc.Find(`[data-testid="import-errors"]`).Text())
				continue
			}
			if f.html {
				x.check(where+": preview", res)
			} else {
				x.check(where+": preview", res, p)
			}
			form := res.doc.Find(`[data-testid="confirm-form"]`)
			if form.Length() == 0 {
				t.Errorf("%s: no confirm form: %s %s", where, res.doc.Find(`[data-testid="blocked"]`).Text(), res.doc.Find(`[data-testid="import-errors"]`).Text())
				continue
			}
			values := url.Values{"_csrf": {ttok}, "skip_unsupported": {"1"}}
			form.Find(`input[type="hidden"]`).Each(func(_ int, s *goquery.Selection) { values.Set(s.AttrOr("name", ""), s.AttrOr("value", "")) })
			done := teacher.postForm(form.AttrOr("action", ""), values)
			m := setLocation.FindStringSubmatch(done.location)
			if m == nil {
				t.Errorf("%s: confirm: %d %q", where, done.status, done.location)
				continue
			}
			setID, _ := strconv.ParseInt(m[1], 10, 64)
			set := setPath(setID)
			x.page(teacher, set, p)
			if !f.html {
				continue // plain text is shown as the authored test shows it
			}
			items := h.setItemsOf(t, setID)
			x.page(teacher, set+"/items/"+idStr(items[0].ID)+"/edit")
			if f.name == "html.xml" {
				continue // stored as html.gift's are: practised once is enough
			}
			// HTML questions, as the teacher practises them.
			res = teacher.postForm("/practice", with(ttok, url.Values{"set": {idStr(setID)}, "length": {strconv.Itoa(len(items))}}))
			q := res.location
			for range items {
				page := x.page(teacher, q)
				if res := teacher.postForm(q, fillAnswer(page, p)); res.status != http.StatusSeeOther {
					t.Errorf("%s: answer %s: %d %s", where, q, res.status, res.doc.Find(`[data-testid="error-message"], [data-testid="form-error"]`).Text())
				}
				next, ok := x.page(teacher, q).doc.Find(`[data-testid="next"]`).Attr("href")
				if !ok {
					t.Fatalf("%s: no next link on %s", where, q)
				}
				q = next
			}
			x.page(teacher, q)
		}
	}
	x.page(teacher, "/teach/sets", payloads...)
	t.Logf("%d payloads × %d import files each (%d in all); %d pages checked", len(payloads), files/len(payloads), files, x.checked)
}

func TestXSS_PayloadsInQueriesPathsAndRefusedFormsComeBackInert(t *testing.T) {
	t.Parallel()
	payloads := loadPayloads(t)
	f := newSecFixture(t)
	h := f.h
	x := &xssRun{t: t, h: h, tags: richTags(t), all: payloads}
	ttok, stok, vtok := f.teacher.token(), f.student.token(), f.visitor.token()
	set := setPath(f.setID)
	for _, p := range payloads {
		q, pp := url.QueryEscape(p), url.PathEscape(p)
		for _, path := range []string{"/timeline?theme=" + q, "/timeline/" + pp, "/practice?event=" + q, "/review/card/" + pp,
			"/review/card/" + url.PathEscape(f.questionID) + "?mode=" + q, "/join/" + pp, "/login?next=" + q, "/signup?invite=" + q,
			"/settings?saved=" + q, "/practice/" + pp, "/mock/" + pp, "/report/" + pp, "/report/" + url.PathEscape(f.questionID) + "?next=" + q,
			"/practice/" + f.sessionID + "/q/1?reported=" + q} {
			x.page(f.student, path)
		}
		for _, path := range []string{set + "/items/new?kind=" + q, set + "/export?format=" + q, set + "/export?format=text&term_sep=custom&term_custom=" + q,
			set + "?done=added&n=" + q, "/teach/sets/" + pp, "/teach/classes/" + pp, "/reports?done=" + q} {
			x.page(f.teacher, path)
		}
		// Forms refused and shown again with what was typed.
		for _, tc := range []struct {
			c         *client
			token     string
			path      string
			form      url.Values
			shownBack bool
		}{
			{f.visitor, vtok, "/signup", url.Values{"username": {p}, "password": {"a long password"}, "password2": {"a long password"}}, true},
			{f.visitor, vtok, "/login", url.Values{"username": {p}, "password": {"wrong password"}, "next": {p}}, false},
			{f.student, stok, "/join", url.Values{"code": {p}}, false},
			{f.student, stok, "/practice", url.Values{"era": {p}, "theme": {p}, "kind": {p}, "event": {p}}, false},
			{f.student, stok, "/settings", url.Values{"timezone": {p}, "exam_date": {p}, "retention": {p}, "new_per_day": {p}, "reviews_per_day": {p}, "mode": {"quiz"}}, true},
			{f.student, stok, "/mock", url.Values{"length": {p}, "minutes": {p}, "era": {p}}, false},
			{f.teacher, ttok, set + "/build", url.Values{"count": {p}, "era": {p}, "event": {p}}, false},
			{f.teacher, ttok, "/teach/import", url.Values{"format": {"text"}, "title": {p}, "text": {p}, "term_sep": {"custom"}, "term_custom": {p + p + p}, "row_sep": {"custom"}, "row_custom": {p}}, true},
			{f.teacher, ttok, "/teach/import", url.Values{"format": {p}, "title": {p}, "text": {p}}, true},
			{f.teacher, ttok, "/teach/classes/" + idStr(f.classID) + "/assignments", url.Values{"set": {p}, "due": {p}, "exam": {p}}, false},
			{f.teacher, ttok, set + "/items/new", url.Values{"kind": {p}, "prompt": {p}}, false},
			{f.student, stok, "/report/" + url.PathEscape(f.questionID), url.Values{"reason": {p}, "comment": {p}, "next": {p}}, true},
			{f.visitor, vtok, "/report/" + pp, url.Values{"reason": {"unclear"}, "comment": {p}}, false},
			{f.teacher, ttok, "/reports/" + url.PathEscape(f.questionID) + "/hide", url.Values{"note": {p}}, false},
			{f.teacher, ttok, set + "/items/new", url.Values{"kind": {"numerical"}, "prompt": {p}, "number_answer": {p}, "number_tolerance": {p}, "event_id": {p}, "format": {p}}, true},
		} {
			res := tc.c.postForm(tc.path, with(tc.token, tc.form))
			if res.status < 400 {
				t.Errorf("POST %s with %q: %d; want it refused", tc.path, p, res.status)
			}
			if tc.shownBack {
				x.check("POST "+tc.path, res, p)
			} else {
				x.check("POST "+tc.path, res)
			}
		}
	}
	// No payload passes as a username: the fixture's two accounts are all.
	if n := h.rows(t, `SELECT count(*) FROM accounts`); n != 2 {
		t.Errorf("%d accounts; a payload was accepted as a username", n)
	}
	t.Logf("%d payloads reflected through %d pages", len(payloads), x.checked)
}

// TestInertProblems_SeesEveryPayloadWrittenRaw shows the checker is not
// vacuous: each payload written into a page unescaped is caught, and the
// same page escaped by templ is not.
func TestInertProblems_SeesEveryPayloadWrittenRaw(t *testing.T) {
	tags := templateTags(t)
	page := func(body string) response {
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
		return response{status: 200, body: body, doc: doc}
	}
	layout := `<!DOCTYPE html><html><head><title>t</title><script src="/static/app.js" defer></script></head><body><main>%s</main></body></html>`
	if got := inertProblems(tags, page(fmt.Sprintf(layout, `<p><a href="/teach">Teach</a></p>`))); len(got) != 0 {
		t.Fatalf("Sabaq's own markup is flagged: %v", got)
	}
	for _, p := range loadPayloads(t) {
		escaped := page(fmt.Sprintf(layout, `<p>`+html.EscapeString(p)+`</p><input value="`+html.EscapeString(p)+`"/><a href="about:invalid#TemplFailedSanitizationURL">x</a>`))
		if got := inertProblems(tags, escaped, p); len(got) != 0 {
			t.Errorf("%q escaped is flagged: %v", p, got)
		}
		var raw []string
		switch {
		case strings.ContainsAny(p, "<>\"'"):
			raw = []string{`<p>` + p + `</p>`, `<input value="` + p + `">`}
		case strings.HasPrefix(strings.ToLower(p), "javascript:"):
			raw = []string{`<a href="` + p + `">x</a>`}
		}
		for _, r := range raw {
			if got := inertProblems(tags, page(fmt.Sprintf(layout, r)), p); len(got) == 0 {
				t.Errorf("%s, written raw, is not caught", r)
			}
		}
	}
}

// richTags are the elements Sabaq's own templates write and those the rich
// text policy keeps from a teacher's HTML or markdown (pictures included:
// check makes sure they come from /media/).
func richTags(t *testing.T) map[string]bool {
	tags := templateTags(t)
	for _, el := range richtext.Elements() {
		tags[el] = true
	}
	return tags
}

// sanitizerPayloads aim at the rich text policy: markup it must take apart
// rather than escape, since HTML and markdown items are shown as HTML.
var sanitizerPayloads = []string{
	`<img src=x onerror=alert(1)>`,
	`<img src="/media/a.png" onerror="alert(1)" alt="a">`,
	`<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="d">`,
	`<img src="https://evil.example/track.gif" alt="t">`,
	`<img src="//evil.example/p.png" alt="p">`,
	`<a href="javascript:alert(1)">link</a>`,
	`<a href="&#106;avascript&#58;alert(1)">entity link</a>`,
	`<a href="&#x6A;&#x61;vascript:alert(1)">hex entity link</a>`,
	`<a href="java&#x0A;script:alert(1)">newline link</a>`,
	`<a href="//evil.example/">protocol relative</a>`,
	`<a href="data:text/html,<script>alert(1)</script>">data link</a>`,
	`<svg onload=alert(1)><circle r=1 /></svg>`,
	`<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>`,
	`<style>*{display:none}</style><p>styled</p>`,
	`<p style="background:url(javascript:alert(1))">style</p>`,
	`<b><i><u>nested</b></i></u><table><tr><td>open`,
	`<p><b>broken <i>tags</p> <a href="https://example.org"`,
	`<table><tr><td colspan="2" onmouseover="alert(1)">cell</td></tr></table>`,
	`<ul><li><a href="https://example.org" target="_blank" rel="opener">ok</a></ul>`,
	`<math><mi xlink:href="javascript:alert(1)">m</mi></math>`,
	`<details open ontoggle=alert(1)><summary>s</summary></details>`,
	`<p>[x](javascript:alert(1)) ![i](https://evil.example/i.png) <span onclick=alert(1)>md</span></p>`,
	`<iframe src="https://evil.example"></iframe><object data="x"></object>`,
	`<base href="https://evil.example/"><link rel=stylesheet href="https://evil.example/s.css">`,
	`<form action="https://evil.example"><input name=p><button>go</button></form>`,
	`<meta http-equiv="refresh" content="0;url=https://evil.example">`,
}

// TestXSS_HTMLAndMarkdownItemsRenderInertOnEveryPage writes every payload,
// and those aimed at the sanitizer, into items in HTML and in markdown
// through the item form (a GIFT [html] import, too), then shows them where
// a question is asked and answered: practice, its feedback, the teacher's
// preview, a quiz review and its back, and the set page.
func TestXSS_HTMLAndMarkdownItemsRenderInertOnEveryPage(t *testing.T) {
	t.Parallel()
	payloads := append(loadPayloads(t), sanitizerPayloads...)
	h := newHarness(t)
	x := &xssRun{t: t, h: h, tags: richTags(t), all: payloads}
	teacher := h.teacher(t, "khan")
	tok := teacher.token()
	for i, p := range payloads {
		res := teacher.postForm("/teach/sets/new", with(tok, url.Values{"title": {"Set " + strconv.Itoa(i)}}))
		m := setLocation.FindStringSubmatch(res.location)
		if m == nil {
			t.Fatalf("payload %d: create set: %d", i, res.status)
		}
		setID, _ := strconv.ParseInt(m[1], 10, 64)
		set := setPath(setID)
		for _, format := range []string{"html", "markdown"} {
			form := payloadItemForms(p)[0] // multiple choice: prompt, explanation, options and their feedback
			form.Set("format", format)
			if res := teacher.postForm(set+"/items/new", with(tok, form)); res.status != http.StatusSeeOther {
				t.Fatalf("payload %d: add a %s item: %d %s", i, format, res.status, res.doc.Find(`[data-testid="form-errors"]`).Text())
			}
		}
		items := h.setItemsOf(t, setID)
		x.page(teacher, set)
		for n := range items {
			x.page(teacher, set+"/preview/"+strconv.Itoa(n+1))
		}
		res = teacher.postForm("/practice", with(tok, url.Values{"set": {idStr(setID)}, "length": {strconv.Itoa(len(items))}}))
		if !strings.HasSuffix(res.location, "/q/1") {
			t.Fatalf("payload %d: practise: %d %q", i, res.status, res.location)
		}
		q := res.location
		for range items {
			page := x.page(teacher, q)
			if res := teacher.postForm(q, fillAnswer(page, p)); res.status != http.StatusSeeOther {
				t.Errorf("payload %d: answer %s: %d", i, q, res.status)
			}
			q = x.page(teacher, q).doc.Find(`[data-testid="next"]`).AttrOr("href", "")
		}
		x.page(teacher, q) // the summary
		for _, it := range items {
			card := "/review/card/" + url.PathEscape(sets.QuestionID(setID, it.ID))
			x.page(teacher, card+"?mode=flashcard&reveal=1")
			page := x.page(teacher, card+"?mode=quiz")
			if res := teacher.postForm(card+"/answer", fillAnswer(page, p)); strings.HasPrefix(res.location, "/review/log/") {
				x.page(teacher, res.location)
			}
		}
	}
	// The sanitizer's payloads through a GIFT [html] import, too.
	for i, p := range sanitizerPayloads {
		g := giftEscaper.Replace(p)
		setID := importGIFT(t, teacher, tok, "::Q"+strconv.Itoa(i)+"::[html]<p>"+g+"</p> {=Right#"+g+" ~"+g+"#"+g+" ####"+g+"}\n")
		res := teacher.postForm("/practice", with(tok, url.Values{"set": {idStr(setID)}, "length": {"1"}}))
		page := x.page(teacher, res.location)
		if res := teacher.postForm(res.location, fillAnswer(page, p)); res.status != http.StatusSeeOther {
			t.Errorf("GIFT payload %d: answer: %d", i, res.status)
		}
		x.page(teacher, res.location)
		x.page(teacher, setPath(setID)+"/preview/1")
	}
	t.Logf("%d payloads in HTML and markdown items; %d pages checked", len(payloads), x.checked)
}
