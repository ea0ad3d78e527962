package formats

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"sabaq/questions/sets"
)

func TestProblem_StringNamesLineAndQuestion(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Line: 12, Question: "Cold War pacts", Message: "mark at least one option correct"}, "line 12 (Cold War pacts): mark at least one option correct"},
		{Problem{Line: 3, Message: "the file is not UTF-8 text"}, "line 3: the file is not UTF-8 text"},
		{Problem{Question: "Essay", Message: "skipped"}, "(Essay): skipped"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestResult_CountsEachKind(t *testing.T) {
	r := Result{Items: []sets.Item{{Kind: sets.TrueFalse}, {Kind: sets.Numerical}, {Kind: sets.TrueFalse}}}
	want := map[sets.Kind]int{sets.TrueFalse: 2, sets.Numerical: 1}
	if got := r.Counts(); !reflect.DeepEqual(got, want) {
		t.Errorf("Counts() = %v, want %v", got, want)
	}
}

// parsers are the parsers of this file's helpers, by name, for the tests
// every format must pass.
var parsers = map[string]func(io.Reader) (Result, error){
	"GIFT": ParseGIFT,
	"XML":  ParseXML,
}

func TestParse_FileOver5MBIsAnError(t *testing.T) {
	big := bytes.Repeat([]byte(" "), MaxBytes+1)
	for name, parse := range parsers {
		t.Run(name, func(t *testing.T) {
			_, err := parse(bytes.NewReader(big))
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			if err.Error() != "file is larger than 5 MB" {
				t.Errorf("message = %q", err)
			}
		})
	}
}

func TestParse_FileOf5MBIsRead(t *testing.T) {
	// Exactly MaxBytes: padding in a comment (GIFT) or whitespace (XML).
	gift := "Pakistan joined SEATO in 1954. {T}\n//"
	gift += strings.Repeat("x", MaxBytes-len(gift))
	xmlDoc := `<quiz><question type="truefalse"><questiontext><text>Pakistan joined SEATO in 1954.</text></questiontext>` +
		`<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>`
	xmlDoc += strings.Repeat(" ", MaxBytes-len(xmlDoc)-len("</quiz>")) + "</quiz>"
	for name, in := range map[string]string{"GIFT": gift, "XML": xmlDoc} {
		t.Run(name, func(t *testing.T) {
			if len(in) != MaxBytes {
				t.Fatalf("test input is %d bytes", len(in))
			}
			res, err := parsers[name](strings.NewReader(in))
			if err != nil || len(res.Items) != 1 || len(res.Errors) != 0 {
				t.Fatalf("err = %v, %d items, errors %v", err, len(res.Items), res.Errors)
			}
		})
	}
}

func TestParse_ReadFailureIsAnError(t *testing.T) {
	boom := errors.New("disk gone")
	for name, parse := range parsers {
		t.Run(name, func(t *testing.T) {
			if _, err := parse(io.MultiReader(strings.NewReader("x"), errReader{boom})); !errors.Is(err, boom) {
				t.Errorf("err = %v, want %v", err, boom)
			}
		})
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

func TestParse_MoreThan5000QuestionsIsAnError(t *testing.T) {
	var gift, xmlDoc strings.Builder
	xmlDoc.WriteString("<quiz>\n")
	for i := range MaxItems + 1 {
		fmt.Fprintf(&gift, "Question %d: Ayub Khan visited Moscow. {T}\n\n", i+1)
		fmt.Fprintf(&xmlDoc, `<question type="truefalse"><questiontext><text>Question %d</text></questiontext>`+
			`<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>`+"\n", i+1)
	}
	xmlDoc.WriteString("</quiz>\n")
	for name, tc := range map[string]struct {
		in       string
		overLine int
	}{
		"GIFT": {gift.String(), 2*MaxItems + 1},
		"XML":  {xmlDoc.String(), MaxItems + 2},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := parsers[name](strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != MaxItems {
				t.Errorf("%d items kept, want %d", len(res.Items), MaxItems)
			}
			if len(res.Errors) != 1 || res.Errors[0].Line != tc.overLine || !strings.Contains(res.Errors[0].Message, "more than 5000 questions") {
				t.Errorf("errors = %v, want one at line %d about the 5000 limit", res.Errors, tc.overLine)
			}
		})
	}
}

func TestParse_StopsListingAfterManyProblems(t *testing.T) {
	in := strings.Repeat("Broken {=a\n\n", 1000)
	res, err := ParseGIFT(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Errors); n != giftMaxErrors+1 || !strings.Contains(res.Errors[n-1].Message, "stopped reading") {
		t.Errorf("%d errors, last %v; want %d and a note that reading stopped", n, res.Errors[n-1], giftMaxErrors+1)
	}
}

// normalise clears what a round trip may change: the line, and (when
// ranges is false) a numerical range, which becomes its middle ± half width.
func normalise(items []sets.Item, ranges bool) []sets.Item {
	out := make([]sets.Item, len(items))
	for i, it := range items {
		it.Line = 0
		if !ranges && it.Numbers != nil {
			ns := make([]sets.NumericAnswer, len(it.Numbers))
			for j, n := range it.Numbers {
				if n.IsRange {
					n = sets.NumericAnswer{Value: n.Min + (n.Max-n.Min)/2, Tolerance: (n.Max - n.Min) / 2, Weight: n.Weight, Feedback: n.Feedback}
				}
				ns[j] = n
			}
			it.Numbers = ns
		}
		out[i] = it
	}
	return out
}

// sameItems fails t unless got and want hold the same items, ignoring Line.
func sameItems(t *testing.T, got, want []sets.Item, ranges bool) {
	t.Helper()
	g, w := normalise(got, ranges), normalise(want, ranges)
	if len(g) != len(w) {
		t.Errorf("%d items, want %d", len(g), len(w))
	}
	for i := range min(len(g), len(w)) {
		if !reflect.DeepEqual(g[i], w[i]) {
			t.Errorf("item %d:\n got %+v\nwant %+v", i+1, g[i], w[i])
		}
	}
}

// lines reads the lines of items, to check each item's start line.
func lines(items []sets.Item) []int {
	var ls []int
	for _, it := range items {
		ls = append(ls, it.Line)
	}
	return ls
}

// roundTripItems are items of every kind, with texts that need escaping.
func roundTripItems() []sets.Item {
	const cat = "$course$/top/Pakistan and the USSR"
	return []sets.Item{
		{Kind: sets.MultipleChoice, Title: "Ayub in Moscow", Category: cat, Prompt: "Ayub Khan visited Moscow in",
			Choices:     []sets.Choice{{Text: "1965", Weight: 100, Feedback: "Yes: April 1965."}, {Text: "1962"}, {Text: "1968", Weight: -50, Feedback: "No # not then"}},
			Explanation: "The first visit by a Pakistani head of state."},
		{Kind: sets.MultipleChoice, Category: cat, Prompt: "The ____ Union built the Karachi steel mill.", Format: sets.HTML,
			Choices: []sets.Choice{{Text: "Soviet", Weight: 100}, {Text: "American"}, {Text: "%50% British"}}},
		{Kind: sets.MultipleAnswer, Title: "Pacts: 1950s", Category: cat, Prompt: "Which pacts did Pakistan join?\nChoose all.",
			Choices: []sets.Choice{{Text: "SEATO", Weight: 50}, {Text: "CENTO", Weight: 50, Feedback: "= the Baghdad Pact"}, {Text: "Warsaw Pact", Weight: -100}, {Text: "%NATO%"}}},
		{Kind: sets.TrueFalse, Title: "U-2", Prompt: "The U-2 of 1960 took off from Peshawar.", Truth: true,
			FeedbackTrue: "Right: from Badaber.", FeedbackFalse: "It did {really}."},
		{Kind: sets.TrueFalse, Prompt: "Tashkent was mediated by the United States.", FeedbackTrue: "No: by Kosygin.", Format: sets.Markdown},
		{Kind: sets.TrueFalse, Prompt: "The USSR never recognised Bangladesh.", FeedbackFalse: "Right: it did, in 1972.", Explanation: "Moscow recognised it in January 1972."},
		{Kind: sets.ShortAnswer, Title: "Mediator", Category: "Tashkent", Prompt: "Who hosted the talks at Tashkent?", Accepted: []string{"Alexei Kosygin", "Kosygin", "%A. N. Kosygin"}},
		{Kind: sets.Cloze, Category: "Tashkent", Prompt: "Pakistan joined ____ in 1954, alarming Moscow.", Accepted: []string{"SEATO", "the SEATO"}},
		{Kind: sets.Cloze, Category: "Tashkent", Prompt: "The declaration was signed at ____", Accepted: []string{"Tashkent"}, Explanation: "In January 1966."},
		{Kind: sets.Numerical, Title: "Steel Mills", Prompt: "When did Pakistan Steel begin production?", Numbers: []sets.NumericAnswer{{Value: 1981, Tolerance: 1, Weight: 100, Feedback: "Yes: 1981."}}},
		{Kind: sets.Numerical, Prompt: "Give a year when Soviet troops were in Afghanistan.", Numbers: []sets.NumericAnswer{{IsRange: true, Min: 1979, Max: 1989, Value: 1984, Weight: 100}}},
		{Kind: sets.Numerical, Prompt: "When were the Geneva Accords signed?", Numbers: []sets.NumericAnswer{{Value: 1988, Weight: 100}, {Value: 1988, Tolerance: 1, Weight: 50, Feedback: "Close."}, {Value: -0.5, Tolerance: 0.25, Weight: 0}}},
		{Kind: sets.Matching, Title: "Leaders", Prompt: "Match each leader with the visit.",
			Pairs: []sets.Pair{{Left: "Ayub Khan", Right: "Moscow, 1965"}, {Left: "Z. A. Bhutto", Right: "Moscow -> 1972"}, {Left: "Kosygin {USSR}", Right: "Rawalpindi = 1968"}}},
		{Kind: sets.TrueFalse, Prompt: "// not a comment: GIFT\\n uses \\ to escape.", Truth: true},
		{Kind: sets.TrueFalse, Prompt: "[html] is how GIFT marks HTML.", Truth: true},
		{Kind: sets.TrueFalse, Title: "::odd:: title\\", Prompt: "$CATEGORY: is a GIFT keyword.", Truth: false},
	}
}

func TestParse_PathologicalFilesStayCheap(t *testing.T) {
	const n = 1 << 20
	tests := []struct {
		name  string
		parse func(io.Reader) (Result, error)
		in    string
	}{
		{"GIFT braces", ParseGIFT, strings.Repeat("{", n)},
		{"GIFT backslashes", ParseGIFT, strings.Repeat(`\`, n)},
		{"GIFT endless options", ParseGIFT, "Pacts? {" + strings.Repeat("~a", n/2) + "}"},
		{"GIFT endless answers", ParseGIFT, "Host? {" + strings.Repeat("=", n) + "}"},
		{"GIFT endless numbers", ParseGIFT, "Year? {#" + strings.Repeat("=1", n/2) + "}"},
		{"GIFT broken questions", ParseGIFT, strings.Repeat("Ayub {=1965\n\n", n/12)},
		{"XML nesting", ParseXML, "<quiz>" + strings.Repeat("<a>", n/3)},
		{"XML endless answers", ParseXML, `<quiz><question type="multichoice"><questiontext><text>Pacts?</text></questiontext>` +
			strings.Repeat(`<answer fraction="0"><text></text></answer>`, n/44) + "</question></quiz>"},
		{"XML broken questions", ParseXML, "<quiz>" + strings.Repeat(`<question type="truefalse"/>`, n/30) + "</quiz>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			res, err := tt.parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if n := len(res.Errors) + len(res.Unsupported); n == 0 || n > giftMaxErrors+1 || len(res.Items) != 0 {
				t.Errorf("%d items, %d problems; want none and between 1 and %d", len(res.Items), n, giftMaxErrors+1)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestResult_NotKeptNamesWhatTheSanitizerDropsByLine(t *testing.T) {
	gift := `::Q1:: [html]<p>Which <b>treaty</b>?</p><script>alert(1)</script> {
	=Tashkent#[html]<img src\="https://evil.example/x.png" alt\="map"> Yes.
	~Simla
}

::Q2:: [html]<p>All <i>kept</i>.</p> {T}

::Q3:: Plain <script> is text here, shown as typed {F}
`
	res, err := ParseGIFT(strings.NewReader(gift))
	if err != nil || len(res.Errors) > 0 || len(res.Items) != 3 {
		t.Fatalf("parse: %v %v, %d items", err, res.Errors, len(res.Items))
	}
	if len(res.NotKept) != 1 {
		t.Fatalf("not kept: %v; want one problem, for Q1 only", res.NotKept)
	}
	p := res.NotKept[0]
	if p.Line != 1 || p.Question != "Q1" || !strings.Contains(p.Message, "<script>") || !strings.Contains(p.Message, "evil.example") {
		t.Errorf("not kept: %+v; want line 1, Q1, the script and the outside picture", p)
	}
}
