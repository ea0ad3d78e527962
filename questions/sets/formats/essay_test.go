package formats

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sabaq/questions/sets"
	"sabaq/questions/written"
)

// ownWritten are teachers' written questions as the item form stores them
// (Tidy's shape), with the characters HTML and XML escape, line breaks, a
// free-text point and an evaluate question with sides.
func ownWritten(t *testing.T) []written.Question {
	t.Helper()
	tl, err := timeline()
	if err != nil {
		t.Fatal(err)
	}
	qs := []written.Question{
		{Kind: written.Explain, Prompt: "Explain why Ayub Khan went to Moscow in 1965.\nUse <two> reasons & \"dates\".", Marks: 7,
			Levels: []written.Level{{Min: 1, Max: 3, Descriptor: "Describes the visit."}, {Min: 4, Max: 7, Descriptor: "Explains;\nlinks to bilateralism.", Exemplar: "Ayub sought <balance>;\nMoscow offered it."}},
			Points: []written.Point{{Text: "Bilateralism: balance the powers.", Events: []string{"ayub-policy-of-bilateralism", "ayub-visits-moscow"}},
				{Text: "A free-text point < > & ' \""}},
			Outline: []string{"Context", "Reason 1 <b>", "Reason 2"}},
		{Kind: written.Evaluate, Prompt: "How far was Tashkent a Soviet success?", Marks: 12,
			Levels: []written.Level{{Min: 1, Max: 4, Descriptor: "One side."}, {Min: 5, Max: 8, Descriptor: "Both."}, {Min: 9, Max: 12, Descriptor: "Judged."}},
			Points: []written.Point{{Text: "Kosygin mediated.", Events: []string{"tashkent-declaration"}, Side: written.For},
				{Text: "Relations soon cooled.", Side: written.Against}}},
		{Kind: written.Describe, Prompt: "Describe the U-2 incident.", Marks: 4,
			Levels: []written.Level{{Min: 1, Max: 4, Descriptor: "Mark as a whole."}},
			Points: []written.Point{{Text: "The plane flew from Peshawar.", Events: []string{"u2-incident"}}}},
	}
	for i := range qs {
		qs[i] = written.Tidy(tl, qs[i])
		if errs := qs[i].ValidateAuthored(tl); errs != nil {
			t.Fatalf("fixture %d: %v", i, errs)
		}
	}
	return qs
}

func TestXMLEssay_OwnWrittenQuestionsRoundTripExactly(t *testing.T) {
	qs := ownWritten(t)
	items := []sets.Item{{Kind: sets.TrueFalse, Prompt: "Tashkent was signed in 1966.", Truth: true}}
	var first bytes.Buffer
	if err := WriteXMLWith(&first, items, TextOptions{Written: qs}); err != nil {
		t.Fatal(err)
	}
	res, err := ParseXML(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 0 || len(res.Unsupported) != 0 || len(res.Items) != 1 {
		t.Fatalf("errors %v, unsupported %v, %d items", res.Errors, res.Unsupported, len(res.Items))
	}
	got := make([]written.Question, len(res.Written))
	for i, w := range res.Written {
		got[i] = w.Question
		if !strings.Contains(w.Note, "Sabaq's mark scheme") || w.Line == 0 {
			t.Errorf("question %d: line %d, note %q", i, w.Line, w.Note)
		}
	}
	if !reflect.DeepEqual(got, qs) {
		t.Fatalf("read back:\n%+v\nwant:\n%+v", got, qs)
	}
	// Export, import, export gives the same file.
	var second bytes.Buffer
	if err := WriteXMLWith(&second, res.Items, TextOptions{Written: got}); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Errorf("the second export differs from the first:\n%s\n---\n%s", first.String(), second.String())
	}
}

func TestXMLEssay_WritesAMoodleEssayATeacherCanRead(t *testing.T) {
	qs := ownWritten(t)
	var b bytes.Buffer
	if err := WriteXMLWith(&b, nil, TextOptions{Written: qs[:1]}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`<question type="essay">`, `<defaultgrade>7</defaultgrade>`, `<responseformat>editor</responseformat>`,
		`<responserequired>1</responserequired>`, `<responsefieldlines>`, `<attachments>0</attachments>`, `<graderinfo format="html">`,
		`<questiontext format="html">`, `<generalfeedback format="html">`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
	// The grader information, as Moodle shows it: levels with their marks,
	// points with the events' titles.
	start, end := strings.Index(out, "<graderinfo"), strings.Index(out, "</graderinfo>")
	var gi struct {
		Text string `xml:"text"`
	}
	if err := xmlUnmarshal(out[start:end+len("</graderinfo>")], &gi); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(gi.Text))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Find("tr.sabaq-level").Eq(1).Text(); got != "Level 24–7 marksExplains;links to bilateralism.Ayub sought <balance>;Moscow offered it." {
		t.Errorf("level 2 reads %q", got)
	}
	if got := doc.Find("li.sabaq-point").First().Text(); !strings.Contains(got, "Moscow") || !strings.Contains(got, "1965") {
		t.Errorf("point 1 reads %q: want the linked events' titles and dates", got)
	}
}

func TestXMLEssay_ForeignEssayIsKeptAsWellAsItCanBe(t *testing.T) {
	const in = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="essay">
    <name><text>Soviet aid</text></name>
    <questiontext format="html"><text><![CDATA[<p>Discuss Soviet aid to Pakistan.<img src="map.png" alt="map"></p>]]></text></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>Start with the steel mill.</p><p>Then oil.</p>]]></text></generalfeedback>
    <defaultgrade>10.0000000</defaultgrade>
    <responseformat>editor</responseformat>
    <graderinfo format="html"><text><![CDATA[<p>Reward balance.</p><ul><li>Steel mill, Karachi</li><li>Oil exploration</li></ul>]]></text></graderinfo>
  </question>
  <question type="essay">
    <name><text>Short</text></name>
    <questiontext format="plain_text"><text>Describe Tashkent.</text></questiontext>
    <graderinfo format="plain_text"><text>Mention Kosygin.
Mention the date.</text></graderinfo>
  </question>
  <question type="essay">
    <name><text>No scheme</text></name>
    <questiontext format="html"><text>Why?</text></questiontext>
  </question>
</quiz>`
	res, err := ParseXML(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if len(res.Written) != 2 {
		t.Fatalf("%d written questions, want 2: %+v", len(res.Written), res.Written)
	}
	a := res.Written[0]
	want := written.Question{Kind: written.Explain, Prompt: "Discuss Soviet aid to Pakistan.", Marks: 8,
		Levels:  []written.Level{{Level: 1, Min: 1, Max: 8, Descriptor: "Reward balance."}},
		Points:  []written.Point{{ID: "p1", Text: "Steel mill, Karachi"}, {ID: "p2", Text: "Oil exploration"}},
		Outline: []string{"Start with the steel mill.", "Then oil."}}
	if !reflect.DeepEqual(a.Question, want) {
		t.Errorf("foreign essay:\n%+v\nwant\n%+v", a.Question, want)
	}
	if a.Line != 3 || a.Name != "Soviet aid" || !strings.Contains(a.Note, "Moodle gave it 10") || !strings.Contains(a.Note, "2 indicative points") ||
		!strings.Contains(a.Note, "pictures are not kept") {
		t.Errorf("line %d, name %q, note %q", a.Line, a.Name, a.Note)
	}
	b := res.Written[1].Question
	if b.Kind != written.Describe || b.Marks != 3 || len(b.Points) != 2 || b.Points[1].Text != "Mention the date." ||
		b.Levels[0].Descriptor != "Mark the answer as a whole against the indicative points." {
		t.Errorf("plain-text essay with default grade 1: %+v", b)
	}
	if len(res.Unsupported) != 1 || res.Unsupported[0].Line != 17 || !strings.Contains(res.Unsupported[0].Message, "has none") {
		t.Errorf("unsupported: %v", res.Unsupported)
	}
}

func TestXMLEssay_ABrokenOwnMarkSchemeIsAnErrorByLine(t *testing.T) {
	in := `<quiz>
<question type="essay"><name><text>Q</text></name><questiontext format="html"><text>Explain.</text></questiontext>
<defaultgrade>7</defaultgrade>
<graderinfo format="html"><text><![CDATA[<div class="sabaq-markscheme" data-sabaq-kind="explain"><table class="sabaq-levels"><tr class="sabaq-level" data-min="1" data-max="5"><td class="sabaq-descriptor">Low</td></tr></table><ul class="sabaq-points"><li class="sabaq-point" data-events="no-such-event"><span class="sabaq-text">X</span></li></ul></div>]]></text></graderinfo>
</question></quiz>`
	res, err := ParseXML(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 0 || len(res.Errors) != 2 {
		t.Fatalf("written %v, errors %v", res.Written, res.Errors)
	}
	for _, p := range res.Errors {
		if p.Line != 2 {
			t.Errorf("problem on line %d: %v", p.Line, p)
		}
	}
	if msg := res.Errors[0].Message + res.Errors[1].Message; !strings.Contains(msg, "ends at 5 marks") || !strings.Contains(msg, `"no-such-event"`) {
		t.Errorf("messages: %v", res.Errors)
	}
}

func TestGIFTEssay_StillSkipped(t *testing.T) {
	res, err := ParseGIFT(strings.NewReader("::Why::Explain why Pakistan moved closer to Moscow. {}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 0 || len(res.Unsupported) != 1 {
		t.Errorf("GIFT essay: written %v, unsupported %v", res.Written, res.Unsupported)
	}
}

func xmlUnmarshal(s string, v any) error { return xml.Unmarshal([]byte(s), v) }

// FuzzParseXMLEssays checks that any essay ParseXML keeps is a valid
// written question that Sabaq's own export reads back the same.
func FuzzParseXMLEssays(f *testing.F) {
	f.Add([]byte(`<quiz><question type="essay"><name><text>e</text></name><questiontext format="html"><text>&lt;p&gt;Why?&lt;/p&gt;</text></questiontext>` +
		`<defaultgrade>7</defaultgrade><graderinfo format="html"><text>&lt;ul&gt;&lt;li&gt;a&lt;/li&gt;&lt;/ul&gt;</text></graderinfo></question></quiz>`))
	f.Fuzz(func(t *testing.T, in []byte) {
		res, err := ParseXML(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Written) == 0 {
			return
		}
		tl, err := timeline()
		if err != nil {
			t.Fatal(err)
		}
		var qs []written.Question
		for _, w := range res.Written {
			if errs := w.Question.ValidateAuthored(tl); errs != nil {
				t.Fatalf("kept an invalid question: %v\n%+v", errs, w.Question)
			}
			qs = append(qs, w.Question)
		}
		var b bytes.Buffer
		if err := WriteXMLWith(&b, nil, TextOptions{Written: qs}); err != nil {
			t.Fatal(err)
		}
		back, err := ParseXML(bytes.NewReader(b.Bytes()))
		if err != nil || len(back.Errors) > 0 || len(back.Written) != len(qs) {
			t.Fatalf("read back: %v %v, %d of %d\n%s", err, back.Errors, len(back.Written), len(qs), b.String())
		}
		for i, w := range back.Written {
			if !reflect.DeepEqual(w.Question, qs[i]) {
				t.Fatalf("question %d read back as\n%+v\nwant\n%+v", i, w.Question, qs[i])
			}
		}
	})
}
