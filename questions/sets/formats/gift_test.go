package formats

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"sabaq/questions/sets"
)

func TestParseGIFT_SampleFileGivesEveryFeature(t *testing.T) {
	f, err := os.Open("testdata/gift/pakistan_soviet.gift")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ParseGIFT(f)
	if err != nil {
		t.Fatal(err)
	}
	const cat = "$course$/top/Pakistan and the USSR"
	const cat2 = cat + "/Formats"
	want := []sets.Item{
		{Kind: sets.MultipleChoice, Title: "Ayub in Moscow", Category: cat, Prompt: "Ayub Khan visited Moscow in",
			Choices: []sets.Choice{{Text: "1965", Weight: 100}, {Text: "1962"}, {Text: "1968"}, {Text: "1971"}}},
		{Kind: sets.MultipleChoice, Title: "Liaquat's choice", Category: cat, Prompt: "Which capital did Liaquat Ali Khan visit in 1950 instead of Moscow?",
			Choices: []sets.Choice{
				{Text: "Washington", Weight: 100, Feedback: "He accepted Truman's invitation."},
				{Text: "Moscow", Feedback: "He was invited but never went."},
				{Text: "London", Weight: -50, Feedback: "No, and a wild guess costs marks."},
			}},
		{Kind: sets.MultipleAnswer, Title: "Cold War pacts", Category: cat, Prompt: "Which pacts did Pakistan join in the 1950s?",
			Choices: []sets.Choice{
				{Text: "SEATO", Weight: 50},
				{Text: "CENTO (the Baghdad Pact)", Weight: 50},
				{Text: "The Warsaw Pact", Weight: -100, Feedback: "That was the Soviet bloc's alliance."},
			},
			Explanation: "Pakistan joined SEATO in 1954 and the Baghdad Pact in 1955."},
		{Kind: sets.TrueFalse, Title: "U-2 incident", Category: cat, Prompt: "The U-2 spy plane shot down over the USSR in 1960 had taken off from Peshawar.", Truth: true},
		{Kind: sets.TrueFalse, Title: "Tashkent 1966", Category: cat, Prompt: "The Tashkent Declaration of 1966 was mediated by the United States.",
			FeedbackTrue: "No: Soviet premier Kosygin mediated it.", FeedbackFalse: "Right: it was Kosygin."},
		{Kind: sets.TrueFalse, Title: "Two lines", Category: cat, Prompt: "Zulfikar Ali Bhutto visited Moscow in 1972.\nWas it his first visit as head of government?", Truth: true},
		{Kind: sets.TrueFalse, Title: "Recognition", Category: cat, Prompt: "The USSR never recognised Bangladesh."},
		{Kind: sets.ShortAnswer, Title: "Mediator", Category: cat, Prompt: "Who hosted the talks at Tashkent in January 1966?", Accepted: []string{"Alexei Kosygin", "Kosygin"}},
		{Kind: sets.Numerical, Title: "Tashkent year", Category: cat, Prompt: "In which year was the Tashkent Declaration signed?",
			Numbers: []sets.NumericAnswer{{Value: 1966, Weight: 100}}},
		{Kind: sets.Numerical, Title: "Steel Mills", Category: cat, Prompt: "When did the Soviet-built Pakistan Steel Mills begin production?",
			Numbers: []sets.NumericAnswer{{Value: 1981, Tolerance: 1, Weight: 100}}},
		{Kind: sets.Numerical, Title: "Afghan war", Category: cat, Prompt: "Give a year when Soviet troops were in Afghanistan.",
			Numbers: []sets.NumericAnswer{{IsRange: true, Min: 1979, Max: 1989, Value: 1984, Weight: 100}}},
		{Kind: sets.Numerical, Title: "Geneva Accords", Category: cat, Prompt: "In which year were the Geneva Accords on Afghanistan signed?",
			Numbers: []sets.NumericAnswer{{Value: 1988, Weight: 100, Feedback: "Right: April 1988."}, {Value: 1988, Tolerance: 1, Weight: 50, Feedback: "Close: it was 1988."}}},
		{Kind: sets.Matching, Title: "Leaders and visits", Category: cat, Prompt: "Match each leader with the visit.",
			Pairs: []sets.Pair{{Left: "Ayub Khan", Right: "Moscow, 1965"}, {Left: "Zulfikar Ali Bhutto", Right: "Moscow, 1972"}, {Left: "Alexei Kosygin", Right: "Rawalpindi, 1968"}}},
		{Kind: sets.MultipleChoice, Title: "Steel partner", Category: cat2, Prompt: "The ____ Union built the Karachi steel mill.",
			Choices: []sets.Choice{{Text: "Soviet", Weight: 100}, {Text: "American"}, {Text: "British"}}},
		{Kind: sets.Cloze, Title: "SEATO", Category: cat2, Prompt: "Pakistan joined ____ in 1954, alarming Moscow.", Accepted: []string{"SEATO", "the SEATO"}},
		{Kind: sets.MultipleChoice, Title: "Kosygin html", Category: cat2, Format: sets.HTML, Prompt: "Who was the <b>Soviet</b> premier at Tashkent?",
			Choices: []sets.Choice{{Text: "Kosygin", Weight: 100}, {Text: "Brezhnev"}}},
		{Kind: sets.TrueFalse, Title: "Peshawar markdown", Category: cat2, Format: sets.Markdown, Prompt: "The *Badaber* base near Peshawar was used for U-2 flights.", Truth: true},
		{Kind: sets.MultipleChoice, Title: "Escapes", Category: cat2, Format: sets.Plain, Prompt: "Which mark starts a wrong answer in GIFT: =, ~ or #?\nPick one.",
			Choices: []sets.Choice{{Text: "= (equals)"}, {Text: "~ (tilde)", Weight: 100}, {Text: `{ or \ (brace or backslash)`}}},
	}
	sameItems(t, res.Items, want, true)
	if got, want := lines(res.Items), []int{8, 10, 16, 23, 25, 27, 30, 32, 34, 36, 40, 42, 47, 55, 57, 59, 61, 63}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines = %v, want %v", got, want)
	}
	if len(res.Errors) != 0 {
		t.Errorf("errors: %v", res.Errors)
	}
	wantUnsupported := []Problem{
		{Line: 6, Question: "This set revises Pakistan's relations with…", Message: "this is a description (text with no answers in { }), not a question; it will be skipped"},
		{Line: 69, Question: "Essay", Message: "Sabaq does not support essay questions ({}); this one will be skipped"},
	}
	if !reflect.DeepEqual(res.Unsupported, wantUnsupported) {
		t.Errorf("unsupported = %v, want %v", res.Unsupported, wantUnsupported)
	}
	counts := res.Counts()
	if counts[sets.MultipleChoice] != 5 || counts[sets.TrueFalse] != 5 || counts[sets.Numerical] != 4 || counts[sets.Cloze] != 1 {
		t.Errorf("counts = %v", counts)
	}
}

func TestParseGIFT_ProblemsNameTheLine(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Problem // Message is a part of the message
	}{
		{"unclosed brace", "// header\n\n::A::Ayub visited {=1965 ~1962}\n\n::B::Kosygin hosted\nthe talks\nat {=Tashkent\n~Geneva\n\n::C::Ok {T}\n",
			Problem{Line: 7, Question: "B", Message: "not closed with }"}},
		{"closing brace with no opening", "::Stray:: Bhutto } went {T}", Problem{Line: 1, Question: "Stray", Message: "} with no {"}},
		{"two answer blocks", "::Two::\nAyub {=went ~did not go}\nto {=Moscow ~Paris}", Problem{Line: 3, Question: "Two", Message: "only one set of answers"}},
		{"bad number", "\n::Year::Tashkent was signed in {#nineteen66}", Problem{Line: 2, Question: "Year", Message: `"nineteen66" is not a number`}},
		{"bad tolerance", "Tashkent was signed in {#1966:a}", Problem{Line: 1, Question: "Tashkent was signed in", Message: `"a" is not a number`}},
		{"bad range", "A Soviet year {#1979..later}", Problem{Line: 1, Question: "A Soviet year", Message: `"later" is not a number`}},
		{"numerical with no number", "::N::Year? {#}", Problem{Line: 1, Question: "N", Message: "numerical answer is missing"}},
		{"choices with no correct one", "::Pacts::Which pacts? {~SEATO ~CENTO}", Problem{Line: 1, Question: "Pacts", Message: "mark at least one option correct"}},
		{"two correct in multiple choice", "::MC::Leader? {=Ayub =Bhutto ~Yahya}", Problem{Line: 1, Question: "MC", Message: "exactly one option correct (this has 2)"}},
		{"one option", "::One::Leader? {=Ayub ~}", Problem{Line: 1, Question: "One", Message: "an option is empty"}},
		{"short answer with no correct answer", "::SA::Host? {=%0%Brezhnev#No.}", Problem{Line: 1, Question: "SA", Message: "give at least one accepted answer"}},
		{"pair with no arrow", "::M::Match. {=Ayub -> 1965 =Bhutto 1972}", Problem{Line: 1, Question: "M", Message: "needs -> between"}},
		{"empty text", "{T}", Problem{Line: 1, Message: "the question text is empty"}},
		{"not UTF-8", "::A::Ok {T}\n\n::B::Caf\xe9 {T}\n", Problem{Line: 3, Message: "not UTF-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseGIFT(strings.NewReader(tt.in))
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

func TestParseGIFT_UnsupportedKindsAreListedByLineAndTitle(t *testing.T) {
	in := "::Ayub::Ayub visited Moscow. {T}\n\n// an essay\n::Why 1965?::Explain the shift towards Moscow.\n{\n}\n\nRead the next questions carefully.\n"
	res, err := ParseGIFT(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 1 || len(res.Errors) != 0 {
		t.Fatalf("items %d, errors %v", len(res.Items), res.Errors)
	}
	if len(res.Unsupported) != 2 {
		t.Fatalf("unsupported = %v", res.Unsupported)
	}
	if u := res.Unsupported[0]; u.Line != 4 || u.Question != "Why 1965?" || !strings.Contains(u.Message, "essay") {
		t.Errorf("essay: %v", u)
	}
	if u := res.Unsupported[1]; u.Line != 8 || u.Question != "Read the next questions carefully." || !strings.Contains(u.Message, "description") {
		t.Errorf("description: %v", u)
	}
}

func TestParseGIFT_Details(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want sets.Item
	}{
		{"category and question in one block", "$CATEGORY: Tashkent\n::T::Signed in 1966. {T}",
			sets.Item{Kind: sets.TrueFalse, Title: "T", Category: "Tashkent", Prompt: "Signed in 1966.", Truth: true}},
		{"answer without = is a short answer, as in Moodle", "Host of Tashkent? {Kosygin}",
			sets.Item{Kind: sets.ShortAnswer, Prompt: "Host of Tashkent?", Accepted: []string{"Kosygin"}}},
		{"partial-credit short answers keep weight and feedback, wrong ones dropped", "Host? {=Kosygin =%50%Kosigin#Spelling. =%0%Brezhnev}",
			sets.Item{Kind: sets.ShortAnswer, Prompt: "Host?", Accepted: []string{"Kosygin", "Kosigin"},
				AcceptedWeights: []float64{100, 50}, AcceptedFeedback: []string{"", "Spelling."}}},
		{"short answer wildcard is the feedback for anything else", "Host? {=Kosygin =%0%*#It was Kosygin.}",
			sets.Item{Kind: sets.ShortAnswer, Prompt: "Host?", Accepted: []string{"Kosygin"}, OtherFeedback: "It was Kosygin."}},
		{"short answer with a written blank is a cloze", "Tashkent was signed in ____. {=1966}",
			sets.Item{Kind: sets.Cloze, Prompt: "Tashkent was signed in ____.", Accepted: []string{"1966"}}},
		{"missing word true/false", "Kosygin {T} hosted Tashkent.",
			sets.Item{Kind: sets.TrueFalse, Prompt: "Kosygin ____ hosted Tashkent.", Truth: true}},
		{"true with one feedback", "Kosygin hosted. {TRUE#Wrong: he did.}",
			sets.Item{Kind: sets.TrueFalse, Prompt: "Kosygin hosted.", Truth: true, FeedbackFalse: "Wrong: he did."}},
		{"numerical wrong-answer feedback kept for anything else", "Year? {#=1966 ~#Check the date.}",
			sets.Item{Kind: sets.Numerical, Prompt: "Year?", Numbers: []sets.NumericAnswer{{Value: 1966, Weight: 100}}, OtherFeedback: "Check the date."}},
		{"marker on an answer of a plain item is dropped", "Colour? {=yellow ~[plain]blue ~[moodle]red}",
			sets.Item{Kind: sets.MultipleChoice, Prompt: "Colour?", Choices: []sets.Choice{{Text: "yellow", Weight: 100}, {Text: "blue"}, {Text: "red"}}}},
		{"html feedback in a plain item keeps its text", "[plain]Colour? {=yellow ~red # [html]wrong, it's <b>yellow</b>}",
			sets.Item{Kind: sets.MultipleChoice, Format: sets.Plain, Prompt: "Colour?", Choices: []sets.Choice{{Text: "yellow", Weight: 100}, {Text: "red", Feedback: "wrong, it's yellow"}}}},
		{"plain answer in an html item is escaped", "[html]<b>Colour</b>? {=[plain]a < b ~[markdown]*c*}",
			sets.Item{Kind: sets.MultipleChoice, Format: sets.HTML, Prompt: "<b>Colour</b>?", Choices: []sets.Choice{{Text: "a &lt; b", Weight: 100}, {Text: "<em>c</em>"}}}},
		{"markers on weighted answers and general feedback", "Pacts? {~%50%[plain]SEATO ~%50%[html]CENTO ~[html]<i>Warsaw</i>#[plain]No. ####[html]<p>Both in the 1950s.</p>}",
			sets.Item{Kind: sets.MultipleAnswer, Prompt: "Pacts?", Explanation: "Both in the 1950s.",
				Choices: []sets.Choice{{Text: "SEATO", Weight: 50}, {Text: "CENTO", Weight: 50}, {Text: "Warsaw", Feedback: "No."}}}},
		{"markers on numerical feedback and the catch-all", "Year? {#=1966#[plain]Yes. ~#[plain]No.}",
			sets.Item{Kind: sets.Numerical, Prompt: "Year?", Numbers: []sets.NumericAnswer{{Value: 1966, Weight: 100, Feedback: "Yes."}}, OtherFeedback: "No."}},
		{"numerical negative and decimal", "Offset? {#-1.5:0.25#Half.}",
			sets.Item{Kind: sets.Numerical, Prompt: "Offset?", Numbers: []sets.NumericAnswer{{Value: -1.5, Tolerance: 0.25, Weight: 100, Feedback: "Half."}}}},
		{"matching drops pairs with no left side", "Match. {=Ayub -> 1965 =Bhutto -> 1972 = -> 1980}",
			sets.Item{Kind: sets.Matching, Prompt: "Match.", Pairs: []sets.Pair{{Left: "Ayub", Right: "1965"}, {Left: "Bhutto", Right: "1972"}}}},
		{"unclosed title is text, as in Moodle", "::Ayub visited? {T}",
			sets.Item{Kind: sets.TrueFalse, Prompt: "Ayub visited?", Truth: true}},
		{"moodle format is the default", "::M::[moodle]Ayub visited. {T}",
			sets.Item{Kind: sets.TrueFalse, Title: "M", Prompt: "Ayub visited.", Truth: true}},
		{"escaped backslash before a brace", `Path C:\\{T}`,
			sets.Item{Kind: sets.TrueFalse, Prompt: `Path C:\`, Truth: true}},
		{"unknown escape is kept", `Ayub\'s visit {T}`,
			sets.Item{Kind: sets.TrueFalse, Prompt: `Ayub\'s visit`, Truth: true}},
		{"CRLF and BOM", "\uFEFF::W::Windows\r\nfile {F}\r\n",
			sets.Item{Kind: sets.TrueFalse, Title: "W", Prompt: "Windows\nfile"}},
		{"general feedback only in true/false", "Ayub went. {T####He went in 1965.}",
			sets.Item{Kind: sets.TrueFalse, Prompt: "Ayub went.", Truth: true, Explanation: "He went in 1965."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseGIFT(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) != 0 || len(res.Unsupported) != 0 {
				t.Fatalf("errors %v, unsupported %v", res.Errors, res.Unsupported)
			}
			sameItems(t, res.Items, []sets.Item{tt.want}, true)
		})
	}
}

func TestGIFT_RoundTripKeepsEveryKindItCanWrite(t *testing.T) {
	items := roundTripItems()
	var b bytes.Buffer
	if err := WriteGIFT(&b, items); err != nil {
		t.Fatal(err)
	}
	res, err := ParseGIFT(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 0 || len(res.Unsupported) != 0 {
		t.Fatalf("errors %v, unsupported %v\n%s", res.Errors, res.Unsupported, b.String())
	}
	sameItems(t, res.Items, items, true)
	if t.Failed() {
		t.Log(b.String())
	}
}

func TestWriteGIFT_WritesMissingWordAndMoodleForms(t *testing.T) {
	items := []sets.Item{
		{Kind: sets.Cloze, Title: "SEATO", Category: "Pacts", Prompt: "Pakistan joined ____ in 1954.", Accepted: []string{"SEATO"}},
		{Kind: sets.MultipleChoice, Prompt: "Ayub visited Moscow in", Choices: []sets.Choice{{Text: "1965", Weight: 100, Feedback: "Yes."}, {Text: "1962"}}},
		{Kind: sets.Numerical, Prompt: "Year?", Numbers: []sets.NumericAnswer{{Value: 1965, Tolerance: 2, Weight: 100}}},
	}
	var b bytes.Buffer
	if err := WriteGIFT(&b, items); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"$CATEGORY: Pacts\n\n::SEATO::Pakistan joined {=SEATO} in 1954.\n\n",
		"$CATEGORY: \n\nAyub visited Moscow in {\n\t=1965#Yes.\n\t~1962\n}\n\n",
		"Year? {#1965:2}\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}

func TestWriteGIFT_RefusesWhatGIFTCannotHold(t *testing.T) {
	tests := []struct {
		name string
		item sets.Item
		want string
	}{
		{"ordering", sets.Item{Kind: sets.Ordering, Title: "Afghan war", Prompt: "Order.", Sequence: []string{"1979", "1989"}}, "GIFT has no ordering"},
		{"short answer with a blank", sets.Item{Kind: sets.ShortAnswer, Prompt: "Signed in ____.", Accepted: []string{"1966"}}, "make it a cloze item"},
		{"arrow in a short answer", sets.Item{Kind: sets.ShortAnswer, Prompt: "Route?", Accepted: []string{"Tashkent -> Moscow"}}, "contains ->"},
		{"arrow on the left of a pair", sets.Item{Kind: sets.Matching, Prompt: "Match.", Pairs: []sets.Pair{{Left: "a -> b", Right: "c"}, {Left: "d", Right: "e"}}}, "contains ->"},
		{"partial weight on the correct choice", sets.Item{Kind: sets.MultipleChoice, Prompt: "Year?", Choices: []sets.Choice{{Text: "1965", Weight: 50}, {Text: "1962"}}}, "weight 50%"},
		{"line break in a category", sets.Item{Kind: sets.TrueFalse, Category: "a\nb", Prompt: "Ok.", Truth: true}, "category"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok := sets.Item{Kind: sets.TrueFalse, Prompt: "Ayub visited Moscow.", Truth: true}
			err := WriteGIFT(&bytes.Buffer{}, []sets.Item{ok, tt.item})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "question 2 ("+Name(tt.item)+")") {
				t.Errorf("err = %v, want one naming question 2 and saying %q", err, tt.want)
			}
		})
	}
}

// FuzzParseGIFT checks the parser never panics, keeps only valid items, and
// that what it reads, written back, reads the same.
func FuzzParseGIFT(f *testing.F) {
	for _, name := range []string{"pakistan_soviet.gift", "moodle_docs.gift"} {
		if b, err := os.ReadFile("testdata/gift/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		res, err := ParseGIFT(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		checkParsed(t, res)
		roundTrip(t, res.Items, WriteGIFT, ParseGIFT, true)
	})
}

// checkParsed asserts the invariants of every Result.
func checkParsed(t *testing.T, res Result) {
	t.Helper()
	if len(res.Items) > MaxItems {
		t.Fatalf("%d items", len(res.Items))
	}
	for _, it := range res.Items {
		if errs := it.Validate(); len(errs) != 0 {
			t.Fatalf("invalid item %+v: %v", it, errs)
		}
		if it.Line < 1 {
			t.Fatalf("item without a line: %+v", it)
		}
	}
	for _, p := range append(res.Errors, res.Unsupported...) {
		if p.Line < 1 || p.Message == "" {
			t.Fatalf("problem without a line or message: %+v", p)
		}
	}
}

// roundTrip writes the items a writer accepts and checks they read back the same.
func roundTrip(t *testing.T, items []sets.Item, write func(w io.Writer, items []sets.Item) error, parse func(io.Reader) (Result, error), ranges bool) {
	t.Helper()
	var keep []sets.Item
	for _, it := range items {
		if write(io.Discard, []sets.Item{it}) == nil {
			keep = append(keep, it)
		}
	}
	var b bytes.Buffer
	if err := write(&b, keep); err != nil {
		t.Fatalf("writing: %v", err)
	}
	res, err := parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 0 || len(res.Unsupported) != 0 {
		t.Fatalf("written output has problems %v %v:\n%s", res.Errors, res.Unsupported, b.String())
	}
	sameItems(t, res.Items, keep, ranges)
	if t.Failed() {
		t.Logf("written:\n%s", b.String())
	}
}

// moodleDocsItems are the items testdata/gift/moodle_docs.gift holds:
// Moodle's own examples, with the markers its exporter writes.
func moodleDocsItems() []sets.Item {
	return []sets.Item{
		{Kind: sets.MultipleChoice, Title: "Q1", Prompt: "What's between orange and green in the spectrum?",
			Choices: []sets.Choice{
				{Text: "yellow", Weight: 100, Feedback: "right; good!"},
				{Text: "red", Feedback: "wrong, it's yellow"},
				{Text: "blue", Feedback: "wrong, it's yellow"},
			}},
		{Kind: sets.Matching, Title: "Q2", Prompt: "Which animal eats which food?",
			Pairs: []sets.Pair{{Left: "cat", Right: "cat food"}, {Left: "dog", Right: "dog food"}}},
		{Kind: sets.Matching, Title: "Moodle activities", Format: sets.HTML, Prompt: "Match the following <i>activities</i> to their descriptions.",
			Pairs: []sets.Pair{
				{Left: "An activity supporting <b>asynchronous</b> discussions.", Right: "Forum"},
				{Left: "A teacher asks a question &amp; specifies a choice of multiple responses.", Right: "Choice"},
				{Left: "A collection of learning material in a structured sequence.", Right: "Lesson"},
			},
			Explanation: "Forum, Choice &amp; Lesson are activities."},
		{Kind: sets.ShortAnswer, Title: "Cats", Prompt: "What is a group of cats called?",
			Accepted: []string{"Cat", "Clowder"}, AcceptedWeights: []float64{50, 100},
			AcceptedFeedback: []string{"What is it with Moodlers and cats?", "Right"},
			OtherFeedback:    "No: a group of cats is a clowder."},
		{Kind: sets.Numerical, Title: "Grant", Prompt: "When was Ulysses S. Grant born?",
			Numbers: []sets.NumericAnswer{
				{Value: 1822, Weight: 100, Feedback: "Correct! Full credit."},
				{Value: 1822, Tolerance: 2, Weight: 50, Feedback: "He was born in 1822. Half credit for being close."},
			},
			OtherFeedback: "Completely wrong"},
		{Kind: sets.MultipleChoice, Title: "Spectrum html", Format: sets.HTML, Prompt: "Which colour lies between <b>orange</b> and green?",
			Choices: []sets.Choice{
				{Text: "yellow &lt;light&gt;", Weight: 100, Feedback: "Right: &lt;yellow&gt;."},
				{Text: "<em>red</em>", Feedback: "No, <i>red</i> is before orange."},
			},
			Explanation: "ROYGBIV"},
		{Kind: sets.TrueFalse, Title: "Grant TF", Format: sets.HTML, Prompt: "Grant is buried in <b>Grant's Tomb</b>.", Truth: true,
			FeedbackTrue: "<i>Yes.</i>", FeedbackFalse: "He is, with his wife."},
	}
}

func TestParseGIFT_MoodleExamplesKeepMarkersWeightsAndFeedback(t *testing.T) {
	b, err := os.ReadFile("testdata/gift/moodle_docs.gift")
	if err != nil {
		t.Fatal(err)
	}
	res, err := ParseGIFT(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 0 || len(res.Unsupported) != 0 {
		t.Fatalf("errors %v, unsupported %v", res.Errors, res.Unsupported)
	}
	sameItems(t, res.Items, moodleDocsItems(), true)
	// No marker is left as text anywhere a learner could see it.
	js, err := json.Marshal(res.Items)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"[plain]", "[html]", "[markdown]", "[moodle]"} {
		if bytes.Contains(js, []byte(m)) {
			t.Errorf("%s left in the imported items: %s", m, js)
		}
	}
}

func TestGIFTAndXML_RoundTripMoodleExamples(t *testing.T) {
	for _, f := range []struct {
		name  string
		write func(io.Writer, []sets.Item) error
		parse func(io.Reader) (Result, error)
	}{{"gift", WriteGIFT, ParseGIFT}, {"xml", WriteXML, ParseXML}} {
		t.Run(f.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.write(&b, moodleDocsItems()); err != nil {
				t.Fatal(err)
			}
			res, err := f.parse(&b)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) != 0 || len(res.Unsupported) != 0 {
				t.Fatalf("errors %v, unsupported %v\n%s", res.Errors, res.Unsupported, b.String())
			}
			sameItems(t, res.Items, moodleDocsItems(), true)
		})
	}
}

func TestWriteGIFT_MarksTextThatLooksLikeAMarker(t *testing.T) {
	items := []sets.Item{
		{Kind: sets.MultipleChoice, Format: sets.HTML, Prompt: "Which marker?", Explanation: "[plain] is one.",
			Choices: []sets.Choice{{Text: "[html]", Weight: 100, Feedback: "[markdown] too"}, {Text: "[b]"}}},
		{Kind: sets.ShortAnswer, Prompt: "Marker?", Accepted: []string{"[plain]x", "y"}, AcceptedWeights: []float64{100, 50},
			AcceptedFeedback: []string{"[moodle]", ""}, OtherFeedback: "[html]"},
	}
	var b bytes.Buffer
	if err := WriteGIFT(&b, items); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "=[html][html]#[html][markdown] too") {
		t.Errorf("markers not protected:\n%s", b.String())
	}
	res, err := ParseGIFT(&b)
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, res.Items, items, true)
}

func TestWriteGIFT_WritesWeightsAndCatchAllFeedback(t *testing.T) {
	items := []sets.Item{
		{Kind: sets.Numerical, Prompt: "Year?", Numbers: []sets.NumericAnswer{{Value: 1966, Weight: 100}}, OtherFeedback: "Check the date."},
		{Kind: sets.ShortAnswer, Prompt: "Cats?", Accepted: []string{"Cat", "Clowder"}, AcceptedWeights: []float64{50, 100},
			AcceptedFeedback: []string{"Cats!", ""}, OtherFeedback: "A clowder."},
	}
	var b bytes.Buffer
	if err := WriteGIFT(&b, items); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Year? {#1966 ~#Check the date.}", "Cats? {=%50%Cat#Cats! =Clowder =%0%*#A clowder.}"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
	res, err := ParseGIFT(&b)
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, res.Items, items, true)
}
