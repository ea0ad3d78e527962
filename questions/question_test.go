package questions

import (
	"reflect"
	"slices"
	"testing"
)

func TestMarked_RightChosenAndTheTeachersFeedbackInTheOrderShown(t *testing.T) {
	q := Question{Kind: KindMultipleChoice, Options: []string{"Kosygin", "Brezhnev", "Nixon"}, Answer: []string{"Kosygin"},
		OptionFeedback: []string{"Yes: the Soviet premier.", "", "No: he was not there."}}
	tests := []struct {
		name  string
		given []string
		want  []MarkedOption
	}{
		{"wrong choice", []string{"Nixon"}, []MarkedOption{
			{Option: "Nixon", Chosen: true, Feedback: "No: he was not there."},
			{Option: "Kosygin", Right: true, Feedback: "Yes: the Soviet premier."},
			{Option: "Brezhnev"},
		}},
		{"right choice", []string{"Kosygin"}, []MarkedOption{
			{Option: "Nixon", Feedback: "No: he was not there."},
			{Option: "Kosygin", Right: true, Chosen: true, Feedback: "Yes: the Soviet premier."},
			{Option: "Brezhnev"},
		}},
		{"flashcard back: nothing chosen", nil, []MarkedOption{
			{Option: "Nixon", Feedback: "No: he was not there."},
			{Option: "Kosygin", Right: true, Feedback: "Yes: the Soviet premier."},
			{Option: "Brezhnev"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := q.Marked([]string{"Nixon", "Kosygin", "Brezhnev"}, tc.given); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestMarked_MultipleAnswerMarksEachRightAndEachChosen(t *testing.T) {
	q := Question{Kind: KindMultipleAnswer, Options: []string{"SEATO", "CENTO", "Warsaw Pact"}, Answer: []string{"SEATO", "CENTO"}}
	got := q.Marked(q.Options, []string{"SEATO", "Warsaw Pact"})
	want := []MarkedOption{{Option: "SEATO", Right: true, Chosen: true}, {Option: "CENTO", Right: true}, {Option: "Warsaw Pact", Chosen: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v; want %+v", got, want)
	}
}

func TestPlaces_LinesUpTheLearnersOrderAndMatches(t *testing.T) {
	order := Question{Kind: KindOrder, Options: []string{"C", "A", "B"}, Answer: []string{"A", "B", "C"}}
	got := order.Places([]string{"B", "A", "C"})
	want := []Placed{{Item: "A", Place: 2}, {Item: "B", Place: 1}, {Item: "C", Place: 3, Correct: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order: got %+v; want %+v", got, want)
	}
	match := Question{Kind: KindMatching, Lefts: []string{"Ayub", "Bhutto"}, Options: []string{"1965", "1972"}, Answer: []string{"1965", "1972"}}
	got = match.Places([]string{"1972", "1972"})
	want = []Placed{{Item: "Ayub", Right: "1965", Picked: "1972"}, {Item: "Bhutto", Right: "1972", Picked: "1972", Correct: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("matching: got %+v; want %+v", got, want)
	}
	for _, p := range order.Places(nil) {
		if p.Correct || p.Place != 0 {
			t.Errorf("a flashcard's back marks %+v as placed", p)
		}
	}
}

func TestFeedbackOn_OptionsAndTypedNumbers(t *testing.T) {
	tf := Question{Kind: KindTrueFalse, Options: []string{OptionTrue, OptionFalse}, Answer: []string{OptionTrue},
		OptionFeedback: []string{"Yes, from Peshawar.", "It did fly from Peshawar."}}
	num := Question{Kind: KindNumerical, Numeric: []NumericRange{{Min: 1989, Max: 1989}},
		NumberFeedback: []NumberNote{{NumericRange{Min: 1989, Max: 1989}, "February 1989."}, {NumericRange{Min: 1979, Max: 1979}, "1979 is when they went in."}}}
	tests := []struct {
		q     Question
		given string
		want  string
	}{
		{tf, OptionTrue, "Yes, from Peshawar."},
		{tf, OptionFalse, "It did fly from Peshawar."},
		{tf, "Maybe", ""},
		{Question{Kind: KindYear, Options: []string{"1965"}}, "1965", ""},
		{num, "1989", "February 1989."},
		{num, " 1,979 ", "1979 is when they went in."},
		{num, "1990", ""},
		{num, "not a number", ""},
	}
	for _, tc := range tests {
		if got := tc.q.FeedbackOn(tc.given); got != tc.want {
			t.Errorf("%s: FeedbackOn(%q) = %q; want %q", tc.q.Kind, tc.given, got, tc.want)
		}
	}
}

func TestKeyFirst_LeadsWithTheQuoteThatStatesTheAnswer(t *testing.T) {
	a := Source{Doc: "a", Quote: "The talks opened in January."}
	b := Source{Doc: "b", Quote: "Kosygin brought the two leaders together at Tashkent."}
	c := Source{Doc: "c", Quote: "The Declaration was signed in 1966."}
	for _, tc := range []struct {
		name    string
		answer  []string
		sources []Source
		want    []string // docs, in order
	}{
		{"surname stated by the second quote", []string{"Alexei Kosygin"}, []Source{a, b, c}, []string{"b", "a", "c"}},
		{"year stated by the third quote", []string{"1966"}, []Source{a, b, c}, []string{"c", "a", "b"}},
		{"already first", []string{"1966"}, []Source{c, a}, []string{"c", "a"}},
		{"stated by none: order kept", []string{"Brezhnev"}, []Source{a, b, c}, []string{"a", "b", "c"}},
		{"a year inside a longer number is not stated", []string{"196"}, []Source{a, c}, []string{"a", "c"}},
		{"no sources", []string{"1966"}, nil, nil},
		{"a surname another option shares is no evidence", []string{"Ayub Khan"}, []Source{a, {Doc: "k", Quote: "Liaquat Ali Khan went to Washington."}}, []string{"a", "k"}},
		{"the whole answer beats an earlier surname", []string{"Ayub Khan"}, []Source{a, {Doc: "z", Quote: "Khan spoke."}, {Doc: "y", Quote: "Ayub Khan flew to Moscow."}}, []string{"y", "a", "z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := Question{Answer: tc.answer, Options: append([]string{"Liaquat Ali Khan", "Leonid Brezhnev"}, tc.answer...), Sources: tc.sources}
			var got []string
			for _, s := range q.KeyFirst() {
				got = append(got, s.Doc)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("KeyFirst = %v, want %v", got, tc.want)
			}
		})
	}
}
