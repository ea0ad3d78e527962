package sets

import (
	"reflect"
	"strings"
	"testing"
)

func TestItemForm_MultipleAnswerWeights(t *testing.T) {
	old := &Item{Kind: MultipleAnswer, Prompt: "Which pacts did Pakistan join?", Choices: []Choice{
		{Text: "SEATO", Weight: 30}, {Text: "CENTO", Weight: 70}, {Text: "Warsaw Pact", Weight: -50}}}
	row := func(text string, correct bool, weight string) FormOption {
		return FormOption{Text: text, Correct: correct, Weight: weight}
	}
	tests := []struct {
		name string
		kind Kind
		rows []FormOption
		old  *Item
		want []float64
	}{
		{"new: the correct options share 100", MultipleAnswer,
			[]FormOption{row("SEATO", true, ""), row("CENTO", true, ""), row("NATO", false, ""), row("Warsaw Pact", true, "")}, nil,
			[]float64{100.0 / 3, 100.0 / 3, 0, 100.0 / 3}},
		{"edit, same options correct: imported weights kept", MultipleAnswer,
			[]FormOption{row("SEATO", true, "30"), row("CENTO (Baghdad Pact)", true, "70"), row("Warsaw Pact", false, "-50")}, old,
			[]float64{30, 70, -50}},
		{"edit, another option made correct: share 100, penalty kept", MultipleAnswer,
			[]FormOption{row("SEATO", true, "30"), row("CENTO", false, "70"), row("Warsaw Pact", false, "-50"), row("RCD", true, "")}, old,
			[]float64{50, 0, -50, 50}},
		{"edit, another kind before: share 100", MultipleAnswer,
			[]FormOption{row("SEATO", true, "30"), row("CENTO", true, "70")}, &Item{Kind: MultipleChoice},
			[]float64{50, 50}},
		{"multiple choice: the correct option gets 100", MultipleChoice,
			[]FormOption{row("Kosygin", true, "50"), row("Nixon", false, "-25"), row("Brezhnev", false, "")}, nil,
			[]float64{100, -25, 0}},
		{"weights out of range or not numbers are dropped", MultipleChoice,
			[]FormOption{row("Kosygin", true, ""), row("Nixon", false, "-250"), row("Brezhnev", false, "NaN")}, nil,
			[]float64{100, 0, 0}},
	}
	for _, tt := range tests {
		rows := append(tt.rows, FormOption{}, FormOption{Weight: "-50"}) // empty rows are skipped
		it, errs := ItemForm{Kind: string(tt.kind), Prompt: "Q?", Options: rows}.Item(tt.old)
		var got []float64
		for _, ch := range it.Choices {
			got = append(got, ch.Weight)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: weights %v; want %v (errors %v)", tt.name, got, tt.want, errs)
		}
	}
}

func TestParseNumberRow_RangesTolerancesAndWeights(t *testing.T) {
	tests := []struct {
		row     FormNumber
		want    NumericAnswer
		message string // part of the error message; "" when valid
	}{
		{FormNumber{Answer: "1966"}, NumericAnswer{Value: 1966, Weight: 100}, ""},
		{FormNumber{Answer: " 1966 ", Tolerance: "1", Feedback: " Close. ", Weight: "50"}, NumericAnswer{Value: 1966, Tolerance: 1, Weight: 50, Feedback: "Close."}, ""},
		{FormNumber{Answer: "1960..1970"}, NumericAnswer{IsRange: true, Min: 1960, Max: 1970, Value: 1965, Weight: 100}, ""},
		{FormNumber{Answer: "-0.5..0.5"}, NumericAnswer{IsRange: true, Min: -0.5, Max: 0.5, Value: 0, Weight: 100}, ""},
		{FormNumber{Answer: "1966", Weight: "150"}, NumericAnswer{Value: 1966, Weight: 100}, ""},
		{FormNumber{Answer: "1970..1960"}, NumericAnswer{}, "smaller number"},
		{FormNumber{Answer: "1960..x"}, NumericAnswer{}, "is not a range"},
		{FormNumber{Answer: "1960..1970", Tolerance: "2"}, NumericAnswer{}, "no tolerance"},
		{FormNumber{Answer: "nineteen"}, NumericAnswer{}, "is not a number"},
		{FormNumber{Answer: "Inf"}, NumericAnswer{}, "is not a number"},
		{FormNumber{Answer: "1966", Tolerance: "-1"}, NumericAnswer{}, "zero or more"},
	}
	for _, tt := range tests {
		got, msg := ParseNumberRow(tt.row)
		switch {
		case tt.message != "" && !strings.Contains(msg, tt.message):
			t.Errorf("%+v: message %q; want one with %q", tt.row, msg, tt.message)
		case tt.message == "" && (msg != "" || got != tt.want):
			t.Errorf("%+v: %+v, %q; want %+v", tt.row, got, msg, tt.want)
		}
	}
}

func TestItemForm_ErrorsByField(t *testing.T) {
	tests := []struct {
		name  string
		form  ItemForm
		field string
	}{
		{"no truth", ItemForm{Kind: "true-false", Prompt: "The U-2 flew from Peshawar."}, "truth"},
		{"a bad number row", ItemForm{Kind: "numerical", Prompt: "When?", Numbers: []FormNumber{{Answer: "1966"}, {Answer: "soon"}}}, "numbers"},
		{"no prompt", ItemForm{Kind: "short-answer", Accepted: "Tashkent"}, "prompt"},
		{"unknown kind", ItemForm{Kind: "essay", Prompt: "Discuss."}, "kind"},
	}
	for _, tt := range tests {
		_, errs := tt.form.Item(nil)
		msg := errs[tt.field]
		if msg == "" || strings.ToUpper(msg[:1]) != msg[:1] || !strings.HasSuffix(msg, ".") {
			t.Errorf("%s: errors %v; want a sentence beside %s", tt.name, errs, tt.field)
		}
	}
	if _, errs := (ItemForm{Kind: "numerical", Prompt: "When?", Numbers: []FormNumber{{Answer: "1966"}, {Answer: "soon"}}}).Item(nil); !strings.HasPrefix(errs["numbers"], "Row 2: ") {
		t.Errorf("a bad number row is not named by its row: %q", errs["numbers"])
	}
}

func TestItemForm_FormOfReadsBackTheSameItem(t *testing.T) {
	items := []Item{
		{Kind: MultipleAnswer, Title: "Pacts", Prompt: "Which pacts?", Format: HTML, Category: "Cold War", Tags: []string{"pacts", "1950s"},
			Choices: []Choice{{Text: "SEATO", Weight: 30, Feedback: "1954."}, {Text: "CENTO", Weight: 70}, {Text: "Warsaw Pact", Weight: -50}}},
		{Kind: TrueFalse, Prompt: "The U-2 flew from Peshawar.", Format: Plain, Truth: true, FeedbackTrue: "From Badaber.", FeedbackFalse: "It did."},
		{Kind: ShortAnswer, Prompt: "Who hosted the talks?", Format: Plain, Accepted: []string{"Kosygin", "Alexei Kosygin"}, Explanation: "In January 1966.",
			Guid: "f3#Kx/q9Lp"}, // an Anki note's guid survives an edit
		{Kind: Numerical, Prompt: "When did the Soviets leave Afghanistan?", Format: Plain, Numbers: []NumericAnswer{
			{IsRange: true, Min: 1988, Max: 1989, Value: 1988.5, Weight: 100}, {Value: 1990, Tolerance: 1, Weight: 50, Feedback: "Close."}}},
		{Kind: Matching, Prompt: "Match.", Format: Plain, Pairs: []Pair{{Left: "Ayub", Right: "1965"}, {Left: "Bhutto", Right: "1972"}}},
		{Kind: Ordering, Prompt: "Order.", Format: Plain, Sequence: []string{"U-2", "Tashkent", "Geneva"}},
	}
	for _, want := range items {
		got, errs := FormOf(want).Item(&want)
		if len(errs) > 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v, %v\nwant %+v", want.Kind, got, errs, want)
		}
	}
	if f := FormOf(items[3]); f.Numbers[0].Answer != "1988..1989" || f.Numbers[1].Tolerance != "1" {
		t.Errorf("numbers in the form: %+v", f.Numbers)
	}
}
