package formats

import (
	"bytes"
	"encoding/xml"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

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
		{Line: 141, Question: "Why 1965?", Message: "Sabaq does not support Essay questions; this one will be skipped"},
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
	if b, err := os.ReadFile("testdata/xml/pakistan_soviet.xml"); err == nil {
		f.Add(b)
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
