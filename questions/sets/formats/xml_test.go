package formats

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"sabaq/questions/media"
	"sabaq/questions/sets"
)

func TestParseXML_SampleFileGivesEveryCoreType(t *testing.T) {
	f, err := os.Open("testdata/xml/pakistan_soviet.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ParseXML(f)
	if err != nil {
		t.Fatal(err)
	}
	const cat = "$course$/top/Pakistan and the USSR"
	const cat2 = cat + "/Afghanistan"
	want := []sets.Item{
		{Kind: sets.MultipleChoice, Title: "Ayub in Moscow", Category: cat, Format: sets.HTML, Prompt: "<p>In which year did Ayub Khan visit Moscow?</p>",
			Choices:     []sets.Choice{{Text: "1965", Weight: 100, Feedback: "Right."}, {Text: "1962"}, {Text: "1971", Weight: -50, Feedback: "That year Pakistan split."}},
			Explanation: "<p>April 1965: the first visit by a Pakistani head of state.</p>", Tags: []string{"Ayub", "1960s"}},
		{Kind: sets.MultipleAnswer, Title: "Cold War pacts", Category: cat, Format: sets.Plain, Prompt: "Which pacts did Pakistan join in the 1950s?",
			Choices: []sets.Choice{{Text: "SEATO", Weight: 50}, {Text: "CENTO (the Baghdad Pact)", Weight: 50}, {Text: "The Warsaw Pact", Weight: -100, Feedback: "That was the Soviet bloc's alliance."}}},
		{Kind: sets.TrueFalse, Title: "Tashkent 1966", Category: cat, Prompt: "The Tashkent Declaration of 1966 was mediated by the United States.",
			FeedbackTrue: "No: Soviet premier Kosygin mediated it.", FeedbackFalse: "Right: it was Kosygin."},
		{Kind: sets.ShortAnswer, Title: "Mediator", Category: cat, Format: sets.HTML, Prompt: "<p>Who hosted the talks at Tashkent in January&nbsp;1966?</p>",
			Accepted: []string{"Alexei Kosygin", "Kosygin"}},
		{Kind: sets.Cloze, Title: "SEATO", Category: cat, Format: sets.Plain, Prompt: "Pakistan joined ____ in 1954, alarming Moscow.", Accepted: []string{"SEATO"}},
		{Kind: sets.Numerical, Title: "Steel Mills", Category: cat, Format: sets.HTML, Prompt: "When did the Soviet-built Pakistan Steel Mills begin production?",
			Numbers:       []sets.NumericAnswer{{Value: 1981, Tolerance: 1, Weight: 100, Feedback: "Yes, 1981."}, {Value: 1981, Tolerance: 3, Weight: 50}},
			OtherFeedback: "It opened in the early 1980s."},
		{Kind: sets.Matching, Title: "Leaders and visits", Category: cat2, Format: sets.HTML, Prompt: "Match each leader with the visit.",
			Pairs: []sets.Pair{{Left: "Ayub Khan", Right: "Moscow, 1965"}, {Left: "Zulfikar Ali Bhutto", Right: "Moscow, 1972"}, {Left: "Alexei Kosygin", Right: "Rawalpindi, 1968"}}},
		{Kind: sets.Ordering, Title: "Afghan war timeline", Category: cat2, Format: sets.Markdown, Prompt: "Put these events in order, earliest first.",
			Sequence: []string{"Soviet troops enter Afghanistan", "Stinger missiles reach the mujahideen", "Geneva Accords signed", "Last Soviet troops leave"}},
	}
	sameItems(t, res.Items, want, true)
	if got, want := lines(res.Items), []int{14, 58, 68, 81, 90, 96, 120, 130}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines = %v, want %v", got, want)
	}
	if len(res.Errors) != 0 {
		t.Errorf("errors: %v", res.Errors)
	}
	wantUnsupported := []Problem{
		{Line: 141, Question: "Why 1965?", Message: "Sabaq keeps a Moodle essay with its grader information as a written question, but this one has none: it will be skipped"},
		{Line: 146, Question: "About this set", Message: "Sabaq does not support Description questions; this one will be skipped"},
		{Line: 151, Question: "Drag the years", Message: "Sabaq does not support Drag and drop into text questions; this one will be skipped"},
	}
	if !reflect.DeepEqual(res.Unsupported, wantUnsupported) {
		t.Errorf("unsupported = %v, want %v", res.Unsupported, wantUnsupported)
	}
}

func TestParseXML_ProblemsNameTheLine(t *testing.T) {
	const tf = `<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>`
	tests := []struct {
		name string
		in   string
		want Problem // Message is a part of the message
	}{
		{"malformed XML", "<quiz>\n<question type=\"truefalse\">\n<name><text>A</text></name>\n<questiontext><text>Ayub went</questiontext>\n</question>\n</quiz>",
			Problem{Line: 4, Message: "not valid Moodle XML"}},
		{"not a quiz", "<?xml version=\"1.0\"?>\n<html><body/></html>", Problem{Line: 1, Message: "starts with <html> instead of <quiz>"}},
		{"empty file", "", Problem{Line: 1, Message: "no <quiz> element"}},
		{"bad fraction", "<quiz>\n\n<question type=\"multichoice\"><name><text>Year</text></name><questiontext><text>Year?</text></questiontext>" +
			"<answer fraction=\"all\"><text>1965</text></answer></question></quiz>", Problem{Line: 3, Question: "Year", Message: `fraction "all"`}},
		{"bad number", "<quiz>\n<question type=\"numerical\"><questiontext><text>Tashkent year?</text></questiontext>" +
			"<answer fraction=\"100\"><text>1966ish</text></answer></question></quiz>", Problem{Line: 2, Question: "Tashkent year?", Message: `"1966ish" is not a number`}},
		{"bad tolerance", "<quiz>\n<question type=\"numerical\"><questiontext><text>Tashkent year?</text></questiontext>" +
			"<answer fraction=\"100\"><text>1966</text><tolerance>one</tolerance></answer></question></quiz>", Problem{Line: 2, Question: "Tashkent year?", Message: `tolerance "one"`}},
		{"true/false without answers", "<quiz>\n<question type=\"truefalse\"><name><text>TF</text></name><questiontext><text>Ok?</text></questiontext></question></quiz>",
			Problem{Line: 2, Question: "TF", Message: "needs the answers true and false"}},
		{"no correct choice", "<quiz>\n\n\n<question type=\"multichoice\">\n<name><text>Pacts</text></name><questiontext><text>Which?</text></questiontext>" +
			"<answer fraction=\"0\"><text>SEATO</text></answer><answer fraction=\"0\"><text>CENTO</text></answer></question></quiz>",
			Problem{Line: 4, Question: "Pacts", Message: "mark exactly one option correct (this has 0)"}},
		{"question without type", "<quiz><question><questiontext><text>Ok?</text></questiontext>" + tf + "</question></quiz>",
			Problem{Line: 1, Question: "Ok?", Message: "has no type"}},
		{"other encoding", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<quiz></quiz>", Problem{Line: 1, Message: "ISO-8859-1 encoding"}},
		{"not UTF-8", "<quiz>\n<question type=\"truefalse\"><questiontext><text>Caf\xe9</text></questiontext>" + tf + "</question></quiz>",
			Problem{Line: 2, Message: "invalid UTF-8"}},
		{"undeclared entity", "<quiz>\n<question type=\"truefalse\"><questiontext><text>&lol;</text></questiontext>" + tf + "</question></quiz>",
			Problem{Line: 2, Message: "invalid character entity &lol;"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseXML(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) != 1 {
				t.Fatalf("errors = %v, want one", res.Errors)
			}
			got := res.Errors[0]
			if got.Line != tt.want.Line || got.Question != tt.want.Question || !strings.Contains(got.Message, tt.want.Message) {
				t.Errorf("got %q, want line %d (%s) with %q", got, tt.want.Line, tt.want.Question, tt.want.Message)
			}
		})
	}
}

func TestParseXML_EntityBombIsNotExpanded(t *testing.T) {
	in := `<?xml version="1.0"?>
<!DOCTYPE quiz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<quiz><question type="truefalse"><questiontext><text>&lol9;</text></questiontext></question></quiz>`
	start := time.Now()
	res, err := ParseXML(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 0 || len(res.Errors) != 1 || res.Errors[0].Line != 8 {
		t.Errorf("items %v, errors %v; want the entity refused at line 8", res.Items, res.Errors)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
}

func TestParseXML_DeepNestingIsRefusedQuickly(t *testing.T) {
	in := "<quiz><question type=\"truefalse\"><questiontext>" + strings.Repeat("<b>", 200000) + "</questiontext></question></quiz>"
	start := time.Now()
	res, err := ParseXML(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 0 || len(res.Errors) != 1 {
		t.Errorf("items %v, errors %v", res.Items, res.Errors)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestXML_RoundTripKeepsEveryKind(t *testing.T) {
	items := append(roundTripItems(),
		sets.Item{Kind: sets.Ordering, Title: "Afghan war", Category: "Afghanistan", Prompt: "Put in order, earliest first.", Format: sets.HTML,
			Sequence: []string{"Soviet troops enter", "Geneva Accords <signed>", "Last troops leave"}, Tags: []string{"1980s", "Afghanistan"}},
		sets.Item{Kind: sets.ShortAnswer, Prompt: "Route from Tashkent?", Accepted: []string{"Tashkent -> Moscow"}, Explanation: "Line one.\r\nLine two."},
		sets.Item{Kind: sets.MultipleChoice, Prompt: "Year?", Choices: []sets.Choice{{Text: "1965", Weight: 50}, {Text: "1962"}}},
	)
	var b bytes.Buffer
	if err := WriteXML(&b, items); err != nil {
		t.Fatal(err)
	}
	res, err := ParseXML(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 0 || len(res.Unsupported) != 0 {
		t.Fatalf("errors %v, unsupported %v\n%s", res.Errors, res.Unsupported, b.String())
	}
	sameItems(t, res.Items, items, false)
	if t.Failed() {
		t.Log(b.String())
	}
}

func TestWriteXML_WritesWhatMoodleImports(t *testing.T) {
	items := []sets.Item{
		{Kind: sets.MultipleAnswer, Category: "Pacts", Prompt: "Which pacts?", Format: sets.HTML,
			Choices: []sets.Choice{{Text: "SEATO", Weight: 50}, {Text: "CENTO", Weight: 50}, {Text: "Warsaw", Weight: -100, Feedback: "Soviet bloc."}}},
		{Kind: sets.Numerical, Title: "Afghan war", Prompt: "A year of the war?", Numbers: []sets.NumericAnswer{{IsRange: true, Min: 1979, Max: 1989, Value: 1984, Weight: 100}}},
	}
	var b bytes.Buffer
	if err := WriteXML(&b, items); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`<?xml version="1.0" encoding="UTF-8"?>`,
		"<question type=\"category\">\n    <category>\n      <text>Pacts</text>",
		`<name>` + "\n" + `      <text>Which pacts?</text>`,
		`<questiontext format="html">`,
		`<single>false</single>`,
		`<answer fraction="-100" format="html">`,
		`<feedback format="html">`,
		`<question type="numerical">`,
		"<text>1984</text>\n      <tolerance>5</tolerance>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if err := xml.Unmarshal(b.Bytes(), new(struct{})); err != nil {
		t.Errorf("not well-formed: %v", err)
	}
}

func TestWriteXML_RefusesWhatItCannotHold(t *testing.T) {
	tests := []struct {
		name string
		item sets.Item
		want string
	}{
		{"short answer with a blank", sets.Item{Kind: sets.ShortAnswer, Prompt: "Signed in ____.", Accepted: []string{"1966"}}, "make it a cloze item"},
		{"control character", sets.Item{Kind: sets.TrueFalse, Prompt: "Bell\a", Truth: true}, "XML cannot hold"},
		{"unknown kind", sets.Item{Kind: "essay", Prompt: "Why?"}, "not a question kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteXML(&bytes.Buffer{}, []sets.Item{tt.item})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "question 1 ("+Name(tt.item)+")") {
				t.Errorf("err = %v, want one naming question 1 and saying %q", err, tt.want)
			}
		})
	}
}

// FuzzParseXML checks the parser never panics, keeps only valid items, and
// that what it reads, written back, reads the same.
func FuzzParseXML(f *testing.F) {
	for _, name := range []string{"pakistan_soviet.xml", "pictures.xml"} {
		if b, err := os.ReadFile("testdata/xml/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		res, err := ParseXML(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		checkParsed(t, res)
		roundTrip(t, res.Items, WriteXML, ParseXML, false)
	})
}

func TestParseXML_ShortAnswerKeepsWeightsAndFeedback(t *testing.T) {
	in := `<quiz><question type="shortanswer">
  <name><text>Cats</text></name>
  <questiontext format="moodle_auto_format"><text>What is a group of cats called?</text></questiontext>
  <answer fraction="50" format="moodle_auto_format"><text>Cat</text><feedback format="html"><text>What is it with Moodlers and cats?</text></feedback></answer>
  <answer fraction="100" format="moodle_auto_format"><text>Clowder</text><feedback format="html"><text>Right</text></feedback></answer>
  <answer fraction="0" format="moodle_auto_format"><text>Kitten</text><feedback format="html"><text>That is one cat.</text></feedback></answer>
  <answer fraction="0" format="moodle_auto_format"><text>*</text><feedback format="html"><text>No: a clowder.</text></feedback></answer>
</question></quiz>`
	res, err := ParseXML(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 0 {
		t.Fatalf("errors %v", res.Errors)
	}
	want := sets.Item{Kind: sets.ShortAnswer, Title: "Cats", Prompt: "What is a group of cats called?",
		Accepted: []string{"Cat", "Clowder"}, AcceptedWeights: []float64{50, 100},
		AcceptedFeedback: []string{"What is it with Moodlers and cats?", "Right"}, OtherFeedback: "No: a clowder."}
	sameItems(t, res.Items, []sets.Item{want}, true)
}

// The pictures testdata/xml/pictures.xml embeds: 4×3 PNGs, one green, one red.
const (
	xmlGreenPNG = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAF0lEQVR4nGJhaGCAAyYGBhwcQAAAAP//E5EAic9b26QAAAAASUVORK5CYII="
	xmlRedPNG   = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAFUlEQVR4nGI5wYAATAy4OIAAAAD//x7BANHAD7cJAAAAAElFTkSuQmCC"
)

// xmlPicture is the stored picture of base64 data.
func xmlPicture(t *testing.T, data string) media.File {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	f, err := media.New(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// parseXMLFile parses a file of testdata/xml.
func parseXMLFile(t *testing.T, name string) Result {
	t.Helper()
	b, err := os.ReadFile("testdata/xml/" + name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ParseXML(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// problemAt is the problem of ps at line, or fails.
func problemAt(t *testing.T, ps []Problem, line int) Problem {
	t.Helper()
	for _, p := range ps {
		if p.Line == line {
			return p
		}
	}
	t.Fatalf("no problem at line %d in %v", line, ps)
	return Problem{}
}

func TestParseXML_KeepsEmbeddedPictures(t *testing.T) {
	green, red := xmlPicture(t, xmlGreenPNG), xmlPicture(t, xmlRedPNG)
	res := parseXMLFile(t, "pictures.xml")
	if len(res.Errors) != 0 || len(res.Items) != 3 {
		t.Fatalf("items %d, errors %v; want 3 items", len(res.Items), res.Errors)
	}
	durand, red1, khyber := res.Items[0], res.Items[1], res.Items[2]
	tests := []struct {
		name string
		text string
		want []media.Image
	}{
		{"in the question text", durand.Prompt, []media.Image{{Src: green.URL(), Alt: "The Durand Line on a map", HasAlt: true}}},
		{"in an answer's feedback, without alt", durand.Choices[0].Feedback, []media.Image{{Src: green.URL(), Alt: "durand line", HasAlt: true}}},
		{"same name, other picture, in another question; an SVG beside it", red1.Prompt,
			[]media.Image{{Src: red.URL(), Alt: "A red line", HasAlt: true}, {Src: "", Alt: "A flag", HasAlt: true}}},
		{"same name, first picture, in that question's explanation", red1.Explanation, []media.Image{{Src: green.URL(), Alt: "The Durand Line", HasAlt: true}}},
		{"file with damaged data", khyber.Prompt, []media.Image{{Src: "", Alt: "A pass", HasAlt: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := media.Images(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("pictures of %q = %+v, want %+v", tt.text, got, tt.want)
			}
		})
	}
	if len(res.Media) != 2 || res.Media[0].Name != green.Name || res.Media[1].Name != red.Name ||
		!bytes.Equal(res.Media[0].Data, green.Data) || !bytes.Equal(res.Media[1].Data, red.Data) {
		t.Errorf("media = %v, want the green and the red picture once each", mediaNames(res.Media))
	}
	if len(res.ToCheck) != 1 {
		t.Errorf("to check = %v, want one", res.ToCheck)
	} else if p := res.ToCheck[0]; p.Line != 10 || p.Question != "Durand Line" || !strings.Contains(p.Message, `"durand line.png" had no description`) {
		t.Errorf("to check = %v, want the Durand Line's picture without alt", p)
	}
	for _, want := range []struct {
		line int
		says []string
	}{
		{45, []string{`"flag.svg"`, "SVG drawings are not accepted"}},
		{66, []string{`"maps/khyber.png"`, "not valid base64"}},
	} {
		p := problemAt(t, res.NotKept, want.line)
		for _, s := range want.says {
			if !strings.Contains(p.Message, s) {
				t.Errorf("not kept at line %d = %q, want it to say %q", want.line, p.Message, s)
			}
		}
	}
	if !reflect.DeepEqual(khyber.Accepted, []string{"Khyber Pass"}) {
		t.Errorf("the question with a damaged picture reads %+v", khyber)
	}
}

func mediaNames(fs []media.File) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

func TestXML_RoundTripKeepsPictures(t *testing.T) {
	first := parseXMLFile(t, "pictures.xml")
	pictures := map[string]media.File{}
	for _, f := range first.Media {
		pictures[f.Name] = f
	}
	var b bytes.Buffer
	if err := WriteXMLWith(&b, first.Items, TextOptions{Media: pictures}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	green := xmlPicture(t, xmlGreenPNG)
	for _, want := range []string{
		`src=&#34;@@PLUGINFILE@@/` + green.Name + `&#34;`,
		`<file name="` + green.Name + `" path="/" encoding="base64">` + xmlGreenPNG + `</file>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "/media/") {
		t.Errorf("output still points at Sabaq's store:\n%s", out)
	}
	// One <file> per text that shows the picture: the question text, the
	// answer's feedback, the second question's explanation; the red one once.
	if got := strings.Count(out, "<file "); got != 4 {
		t.Errorf("%d files written, want 4:\n%s", got, out)
	}
	second, err := ParseXML(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Errors) != 0 || len(second.ToCheck) != 0 {
		t.Fatalf("errors %v, to check %v", second.Errors, second.ToCheck)
	}
	sameItems(t, second.Items, first.Items, true)
	if got, want := mediaNames(second.Media), mediaNames(first.Media); !reflect.DeepEqual(got, want) {
		t.Errorf("media %v, want %v", got, want)
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestWriteXMLWith_PictureNotGivenKeepsItsAddress(t *testing.T) {
	green, red := xmlPicture(t, xmlGreenPNG), xmlPicture(t, xmlRedPNG)
	items := []sets.Item{{Kind: sets.TrueFalse, Format: sets.HTML, Truth: true,
		Prompt: `<p>Green <img src="` + green.URL() + `" alt="green"/> and red <img src="` + red.URL() + `" alt="red"/></p>`}}
	var b bytes.Buffer
	if err := WriteXMLWith(&b, items, TextOptions{Media: map[string]media.File{green.Name: green}}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`@@PLUGINFILE@@/` + green.Name, `<file name="` + green.Name + `"`, red.URL()} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, `<file name="`+red.Name) {
		t.Errorf("output carries a picture it was not given:\n%s", out)
	}
}

func TestParseXML_AnswerInItsOwnFormatTakesTheQuestions(t *testing.T) {
	type text struct{ format, text string }
	tests := []struct {
		name                 string
		question             text
		answer, feedback     text
		wantFormat           sets.TextFormat
		wantPrompt           string
		wantAnswer, wantFeed string
	}{
		{"plain answer in HTML is escaped", text{"html", "<p>Which?</p>"}, text{"plain_text", "a < b & c"}, text{"", "<b>Yes</b>"},
			sets.HTML, "<p>Which?</p>", "a &lt; b &amp; c", "<b>Yes</b>"},
		{"auto-format answer in HTML keeps its lines", text{"html", "Which?"}, text{"moodle_auto_format", "line one\nline two"}, text{"html", "Yes"},
			sets.HTML, "Which?", "line one<br>line two", "Yes"},
		{"markdown feedback in HTML is rendered", text{"html", "Which?"}, text{"html", "<i>SEATO</i>"}, text{"markdown", "**Right**"},
			sets.HTML, "Which?", "<i>SEATO</i>", "<p><strong>Right</strong></p>"},
		{"answer without a format has the question's", text{"html", "Which?"}, text{"", "<i>SEATO</i>"}, text{"", "<b>Yes</b>"},
			sets.HTML, "Which?", "<i>SEATO</i>", "<b>Yes</b>"},
		{"HTML without markup in plain text stays plain", text{"plain_text", "Which?"}, text{"html", "SEATO"}, text{"html", "Right"},
			sets.Plain, "Which?", "SEATO", "Right"},
		{"HTML with markup makes a plain question HTML", text{"plain_text", "Is 1 < 2?\nSay."}, text{"html", "<b>SEATO</b>"}, text{"", "a & b"},
			sets.HTML, "Is 1 &lt; 2?<br>Say.", "<b>SEATO</b>", "a &amp; b"},
		{"HTML with markup makes a markdown question HTML", text{"markdown", "Which *one*?"}, text{"html", "<b>SEATO</b>"}, text{"plain_text", "Yes"},
			sets.HTML, "<p>Which <em>one</em>?</p>", "<b>SEATO</b>", "Yes"},
		{"plain answer in markdown is escaped", text{"markdown", "Which?"}, text{"plain_text", "1. *not* a list"}, text{"html", "Yes"},
			sets.Markdown, "Which?", `1\. \*not\* a list`, "Yes"},
	}
	attr := func(f string) string {
		if f == "" {
			return ""
		}
		return ` format="` + f + `"`
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in strings.Builder
			xml.EscapeText(&in, []byte(tt.question.text))
			q := in.String()
			in.Reset()
			xml.EscapeText(&in, []byte(tt.answer.text))
			a := in.String()
			in.Reset()
			xml.EscapeText(&in, []byte(tt.feedback.text))
			fb := in.String()
			src := `<quiz><question type="multichoice"><name><text>Pacts</text></name>` +
				`<questiontext` + attr(tt.question.format) + `><text>` + q + `</text></questiontext>` +
				`<answer fraction="100"` + attr(tt.answer.format) + `><text>` + a + `</text><feedback` + attr(tt.feedback.format) + `><text>` + fb + `</text></feedback></answer>` +
				`<answer fraction="0"` + attr(tt.answer.format) + `><text>NATO</text></answer></question></quiz>`
			res, err := ParseXML(strings.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != 1 {
				t.Fatalf("items %v, errors %v", res.Items, res.Errors)
			}
			it := res.Items[0]
			if it.Format != tt.wantFormat || it.Prompt != tt.wantPrompt || it.Choices[0].Text != tt.wantAnswer || it.Choices[0].Feedback != tt.wantFeed {
				t.Errorf("got format %q, prompt %q, answer %q, feedback %q\nwant format %q, prompt %q, answer %q, feedback %q",
					it.Format, it.Prompt, it.Choices[0].Text, it.Choices[0].Feedback, tt.wantFormat, tt.wantPrompt, tt.wantAnswer, tt.wantFeed)
			}
			roundTrip(t, res.Items, WriteXML, ParseXML, false)
		})
	}
}

func TestParseXML_TypedAnswersAreNotConverted(t *testing.T) {
	in := `<quiz><question type="shortanswer"><name><text>Mediator</text></name>
<questiontext format="html"><text><![CDATA[<p>Who mediated at Tashkent?</p>]]></text></questiontext>
<answer fraction="100" format="moodle_auto_format"><text>Kosygin &amp; co</text><feedback format="plain_text"><text>Yes &amp; well done</text></feedback></answer>
</question></quiz>`
	res, err := ParseXML(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 1 {
		t.Fatalf("items %v, errors %v", res.Items, res.Errors)
	}
	it := res.Items[0]
	if !reflect.DeepEqual(it.Accepted, []string{"Kosygin & co"}) || !reflect.DeepEqual(it.AcceptedFeedback, []string{"Yes &amp; well done"}) {
		t.Errorf("accepted %q with feedback %q; want the answer as typed and the feedback as HTML", it.Accepted, it.AcceptedFeedback)
	}
}
