package sets

import (
	"testing"

	"sabaq/questions"
)

// TestQuestion_PartialCreditAsMoodleGivesIt checks Moodle's own examples
// of weighted short-answer and numerical answers: half marks and the
// feedback of the answer matched, the catch-all feedback for anything
// else, and "correct" (for scheduling) only for full marks.
func TestQuestion_PartialCreditAsMoodleGivesIt(t *testing.T) {
	cats := Item{Kind: ShortAnswer, Prompt: "What is a group of cats called?",
		Accepted: []string{"Cat", "Clowder"}, AcceptedWeights: []float64{50, 100},
		AcceptedFeedback: []string{"What is it with Moodlers and cats?", "Right"},
		OtherFeedback:    "No: a group of cats is a clowder."}
	grant := Item{Kind: Numerical, Prompt: "When was Ulysses S. Grant born?",
		Numbers: []NumericAnswer{
			{Value: 1822, Weight: 100, Feedback: "Correct! Full credit."},
			{Value: 1822, Tolerance: 2, Weight: 50, Feedback: "He was born in 1822. Half credit for being close."},
		},
		OtherFeedback: "Completely wrong"}
	plain := Item{Kind: ShortAnswer, Prompt: "Host?", Accepted: []string{"Kosygin"}}
	tests := []struct {
		name    string
		item    Item
		given   string
		want    questions.Mark
		correct bool
	}{
		{"full marks", cats, "clowder", questions.Mark{Fraction: 1, Feedback: "Right"}, true},
		{"half marks", cats, "Cat", questions.Mark{Fraction: 0.5, Feedback: "What is it with Moodlers and cats?"}, false},
		{"anything else", cats, "pride", questions.Mark{Feedback: "No: a group of cats is a clowder."}, false},
		{"number exactly", grant, "1822", questions.Mark{Fraction: 1, Feedback: "Correct! Full credit."}, true},
		{"number close", grant, "1824", questions.Mark{Fraction: 0.5, Feedback: "He was born in 1822. Half credit for being close."}, false},
		{"number far", grant, "1900", questions.Mark{Feedback: "Completely wrong"}, false},
		{"not a number", grant, "soon", questions.Mark{Feedback: "Completely wrong"}, false},
		{"unweighted answer right", plain, "kosygin", questions.Mark{Fraction: 1}, true},
		{"unweighted answer wrong", plain, "Brezhnev", questions.Mark{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if errs := tt.item.Validate(); len(errs) != 0 {
				t.Fatalf("invalid item: %v", errs)
			}
			q := tt.item.Question(1, 1)
			if got := q.Grade([]string{tt.given}); got != tt.want {
				t.Errorf("Grade(%q) = %+v, want %+v", tt.given, got, tt.want)
			}
			if got := q.Check([]string{tt.given}); got != tt.correct {
				t.Errorf("Check(%q) = %v, want %v", tt.given, got, tt.correct)
			}
		})
	}
}

func TestValidate_TypedAnswerWeights(t *testing.T) {
	tests := []struct {
		name string
		item Item
		ok   bool
	}{
		{"weights beside answers", Item{Kind: ShortAnswer, Prompt: "Q", Accepted: []string{"a", "b"}, AcceptedWeights: []float64{100, 50}}, true},
		{"no full-marks answer", Item{Kind: ShortAnswer, Prompt: "Q", Accepted: []string{"a"}, AcceptedWeights: []float64{50}}, false},
		{"weights not beside answers", Item{Kind: ShortAnswer, Prompt: "Q", Accepted: []string{"a", "b"}, AcceptedWeights: []float64{100}}, false},
		{"feedback not beside answers", Item{Kind: ShortAnswer, Prompt: "Q", Accepted: []string{"a"}, AcceptedFeedback: []string{"x", "y"}}, false},
		{"answer worth nothing", Item{Kind: ShortAnswer, Prompt: "Q", Accepted: []string{"a", "b"}, AcceptedWeights: []float64{100, 0}}, false},
		{"no full-marks number", Item{Kind: Numerical, Prompt: "Q", Numbers: []NumericAnswer{{Value: 1, Weight: 50}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if errs := tt.item.Validate(); (len(errs) == 0) != tt.ok {
				t.Errorf("Validate() = %v, want ok %v", errs, tt.ok)
			}
		})
	}
}

func TestSetTypedAnswers_LeavesPlainAnswersPlain(t *testing.T) {
	var it Item
	it.SetTypedAnswers([]TypedAnswer{{Text: "a", Weight: 100}, {Text: "b", Weight: 100}})
	if it.AcceptedWeights != nil || it.AcceptedFeedback != nil {
		t.Errorf("weights %v, feedback %v; want none for full-marks answers without feedback", it.AcceptedWeights, it.AcceptedFeedback)
	}
	it.SetTypedAnswers([]TypedAnswer{{Text: "a", Weight: 100}, {Text: "b", Weight: 50, Feedback: "close"}})
	got := it.TypedAnswers()
	if len(got) != 2 || got[1] != (TypedAnswer{Text: "b", Weight: 50, Feedback: "close"}) || got[0] != (TypedAnswer{Text: "a", Weight: 100}) {
		t.Errorf("TypedAnswers() = %+v", got)
	}
}

func TestKeepAnswerNotes_EditKeepsHalfMarks(t *testing.T) {
	old := Item{Kind: ShortAnswer, Prompt: "Cats?", Accepted: []string{"Cat", "Clowder"}, AcceptedWeights: []float64{50, 100},
		AcceptedFeedback: []string{"Cats!", "Right"}, OtherFeedback: "No."}
	edited := Item{Kind: ShortAnswer, Prompt: "Cats?", Accepted: []string{"Clowder", "Cat", "A clowder"}}
	edited.KeepAnswerNotes(&old)
	want := []TypedAnswer{{Text: "Clowder", Weight: 100, Feedback: "Right"}, {Text: "Cat", Weight: 50, Feedback: "Cats!"}, {Text: "A clowder", Weight: 100}}
	got := edited.TypedAnswers()
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("answer %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if edited.OtherFeedback != "No." {
		t.Errorf("other feedback %q lost", edited.OtherFeedback)
	}
	changed := Item{Kind: Numerical, Prompt: "Year?", Numbers: []NumericAnswer{{Value: 1, Weight: 100}}}
	changed.KeepAnswerNotes(&old)
	if changed.OtherFeedback != "" {
		t.Errorf("a short answer's notes carried to a numerical item: %q", changed.OtherFeedback)
	}
}
