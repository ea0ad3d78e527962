package sets

import (
	"testing"

	"sabaq/questions"
)

// given is an answer that Check should accept for q: its answer as given.
func given(q questions.Question) []string {
	switch q.Kind.Format() {
	case questions.FormatOrder, questions.FormatMatch, questions.FormatMulti:
		return q.Answer
	case questions.FormatNumber:
		return []string{formatNumber(q.Numeric[0].Min + (q.Numeric[0].Max-q.Numeric[0].Min)/2)}
	default:
		return q.Answer[:1]
	}
}

func TestFromQuestion_AsksTheSameAndAcceptsTheAnswer(t *testing.T) {
	tests := []struct {
		name string
		q    questions.Question
		kind Kind
	}{
		{"year becomes multiple choice", questions.Question{Kind: questions.KindYear, Prompt: "In which year was the Tashkent Declaration signed?",
			Options: []string{"1964", "1966", "1968", "1970"}, Answer: []string{"1966"}, Explanation: "January 1966.", EventIDs: []string{"tashkent", "war-1965"}}, MultipleChoice},
		{"tone becomes multiple choice", questions.Question{Kind: questions.KindTone, Prompt: "Did Tashkent warm relations?",
			Options: []string{questions.OptionWarmed, questions.OptionCooled, questions.OptionLittleChange}, Answer: []string{questions.OptionWarmed}}, MultipleChoice},
		{"true statement", questions.Question{Kind: questions.KindTrueFalse, Prompt: "Kosygin hosted the Tashkent talks.",
			Options: []string{questions.OptionTrue, questions.OptionFalse}, Answer: []string{questions.OptionTrue}}, TrueFalse},
		{"false statement", questions.Question{Kind: questions.KindTrueFalse, Prompt: "Nixon hosted the Tashkent talks.",
			Options: []string{questions.OptionTrue, questions.OptionFalse}, Answer: []string{questions.OptionFalse}}, TrueFalse},
		{"order becomes ordering", questions.Question{Kind: questions.KindOrder, Prompt: "Put these in order.",
			Options: []string{"C", "A", "B"}, Answer: []string{"A", "B", "C"}}, Ordering},
		{"cloze with a blank stays cloze", questions.Question{Kind: questions.KindCloze, Prompt: "Fill in the blank: In ____, the Declaration was signed.",
			Answer: []string{"January 1966", "1966"}}, Cloze},
		{"cloze without a single blank becomes short answer", questions.Question{Kind: questions.KindCloze, Prompt: "Fill in: where was it signed?",
			Answer: []string{"Tashkent"}}, ShortAnswer},
		{"multiple answer", questions.Question{Kind: questions.KindMultipleAnswer, Prompt: "Which pacts?",
			Options: []string{"SEATO", "CENTO", "NATO"}, Answer: []string{"SEATO", "CENTO"}}, MultipleAnswer},
		{"numerical range", questions.Question{Kind: questions.KindNumerical, Prompt: "A year of the Afghan war?",
			Numeric: []questions.NumericRange{{Min: 1979, Max: 1989}}, Answer: []string{"1979–1989"}}, Numerical},
		{"numerical exact", questions.Question{Kind: questions.KindNumerical, Prompt: "When was Tashkent?",
			Numeric: []questions.NumericRange{{Min: 1966, Max: 1966}}, Answer: []string{"1966"}}, Numerical},
		{"matching", questions.Question{Kind: questions.KindMatching, Prompt: "Match.",
			Lefts: []string{"Ayub", "Shastri"}, Options: []string{"India", "Pakistan"}, Answer: []string{"Pakistan", "India"}}, Matching},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := FromQuestion(tt.q)
			if it.Kind != tt.kind {
				t.Errorf("kind %s; want %s", it.Kind, tt.kind)
			}
			if errs := it.Validate(); len(errs) > 0 {
				t.Fatalf("invalid item: %v", errs)
			}
			back := it.Question(1, 2)
			if back.Prompt != tt.q.Prompt {
				t.Errorf("prompt %q; want %q", back.Prompt, tt.q.Prompt)
			}
			if back.Explanation != tt.q.Explanation {
				t.Errorf("explanation %q; want %q", back.Explanation, tt.q.Explanation)
			}
			if !back.Check(given(tt.q)) {
				t.Errorf("the item does not accept %q", given(tt.q))
			}
			if len(tt.q.EventIDs) > 0 && it.EventID != tt.q.EventIDs[0] {
				t.Errorf("event %q; want the first, %q", it.EventID, tt.q.EventIDs[0])
			}
		})
	}
}

func TestFromQuestion_EveryGeneratedQuestionMakesAValidItem(t *testing.T) {
	tl, err := questions.Load()
	if err != nil {
		t.Fatal(err)
	}
	bank := questions.NewBank(tl)
	for _, q := range bank.Questions {
		it := FromQuestion(q)
		if errs := it.Validate(); len(errs) > 0 {
			t.Errorf("%s: invalid item: %v", q.ID, errs)
			continue
		}
		back := it.Question(1, 2)
		if back.Prompt != q.Prompt || !back.Check(given(q)) {
			t.Errorf("%s: asks %q and accepts %q: %v; want %q accepted", q.ID, back.Prompt, given(q), back.Check(given(q)), q.Prompt)
		}
		if wrong := wrongAnswer(q); wrong != nil && back.Check(wrong) {
			t.Errorf("%s: accepts the wrong answer %q", q.ID, wrong)
		}
	}
}

// wrongAnswer is an option that is not the answer of a choice question, if any.
func wrongAnswer(q questions.Question) []string {
	if q.Kind.Format() != questions.FormatChoice {
		return nil
	}
	for _, o := range q.Options {
		if o != q.Answer[0] {
			return []string{o}
		}
	}
	return nil
}
