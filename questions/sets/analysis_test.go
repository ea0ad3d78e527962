package sets

import (
	"math"
	"testing"

	"sabaq/questions"
)

// analysisSet is a set of three questions: a multiple choice with options
// A (correct), B and C; a true/false (true); a short answer.
func analysisSet() []questions.Question {
	items := []Item{
		{Kind: MultipleChoice, Prompt: "Pick A", Choices: []Choice{{Text: "A", Weight: 100}, {Text: "B"}, {Text: "C"}}},
		{Kind: TrueFalse, Prompt: "True?", Truth: true},
		{Kind: ShortAnswer, Prompt: "Say yes", Accepted: []string{"yes"}},
	}
	qs := make([]questions.Question, len(items))
	for i, it := range items {
		qs[i] = it.Question(1, int64(i+1))
	}
	return qs
}

// attempt is a first attempt; answer "" means none was recorded.
func attempt(student int64, q int, correct bool, answer ...string) FirstAttempt {
	return FirstAttempt{Student: student, QuestionID: QuestionID(1, int64(q)), Correct: correct, Answer: answer}
}

// grid gives every student an attempt at every question, from rows of
// scores; the multiple choice's answer is A when right and B when wrong.
func grid(rows [][3]bool) []FirstAttempt {
	var out []FirstAttempt
	for s, row := range rows {
		for q, right := range row {
			a := attempt(int64(s+1), q+1, right)
			switch {
			case q == 0 && right:
				a.Answer = []string{"A"}
			case q == 0:
				a.Answer = []string{"B"}
			case q == 1 && right:
				a.Answer = []string{questions.OptionTrue}
			case q == 1:
				a.Answer = []string{questions.OptionFalse}
			}
			out = append(out, a)
		}
	}
	return out
}

// The scores of the hand-worked example (1 right, 0 wrong):
//
//	student  Q1 Q2 Q3
//	   1      1  1  1
//	   2      1  0  1
//	   3      1  1  0
//	   4      0  0  0
//	   5      1  0  1
//
// Facility: Q1 4/5 = 80%, Q2 2/5 = 40%, Q3 3/5 = 60%.
//
// Discrimination, with x the item score and y the rest of the test (the sum
// of the other two; Sabaq uses the share, half of it, which gives the same
// correlation), r = Σdxdy / √(Σdx² Σdy²):
//
//	Q1: x = 1 1 1 0 1 (mean .8), y = 2 1 1 0 1 (mean 1)
//	    dx = .2 .2 .2 -.8 .2, dy = 1 0 0 -1 0
//	    Σdxdy = .2 + .8 = 1, Σdx² = .8, Σdy² = 2, r = 1/√1.6 = .790569
//	Q2: x = 1 0 1 0 0 (mean .4), y = 2 2 1 0 2 (mean 1.4)
//	    dx = .6 -.4 .6 -.4 -.4, dy = .6 .6 -.4 -1.4 .6
//	    Σdxdy = .36 - .24 - .24 + .56 - .24 = .2, Σdx² = 1.2, Σdy² = 3.2
//	    r = .2/√3.84 = .102062
//	Q3: x = 1 1 0 0 1 (mean .6), y = 2 1 2 0 1 (mean 1.2)
//	    dx = .4 .4 -.6 -.6 .4, dy = .8 -.2 .8 -1.2 -.2
//	    Σdxdy = .32 - .08 - .48 + .72 - .08 = .4, Σdx² = 1.2, Σdy² = 2.8
//	    r = .4/√3.36 = .218218
var handWorked = [][3]bool{
	{true, true, true},
	{true, false, true},
	{true, true, false},
	{false, false, false},
	{true, false, true},
}

type want struct {
	position       int
	attempts       int
	facility       float64
	discrimination float64 // NaN: undefined
}

func TestAnalyseItems(t *testing.T) {
	undefined := math.NaN()
	for _, tc := range []struct {
		name     string
		attempts []FirstAttempt
		want     []want // in the order returned: most missed first
	}{
		{
			name:     "hand-worked example, most missed first",
			attempts: grid(handWorked),
			want:     []want{{1, 5, 40, 10.2062}, {2, 5, 60, 21.8218}, {0, 5, 80, 79.0569}},
		},
		{
			name:     "a student who tried one question is left out of its correlation, not its facility",
			attempts: append(grid(handWorked), attempt(6, 1, false, "C")),
			want:     []want{{1, 5, 40, 10.2062}, {2, 5, 60, 21.8218}, {0, 6, 4.0 / 6 * 100, 79.0569}},
		},
		{
			name:     "only the first attempt counts",
			attempts: append(grid(handWorked), attempt(4, 1, true, "A"), attempt(4, 2, true, questions.OptionTrue)),
			want:     []want{{1, 5, 40, 10.2062}, {2, 5, 60, 21.8218}, {0, 5, 80, 79.0569}},
		},
		{
			name: "a question everyone got right has no variance: discrimination undefined",
			attempts: grid([][3]bool{
				{true, true, false},
				{true, false, true},
			}),
			want: []want{{1, 2, 50, -100}, {2, 2, 50, -100}, {0, 2, 100, undefined}},
		},
		{
			name:     "one student: undefined; unattempted questions last",
			attempts: []FirstAttempt{attempt(1, 3, false), attempt(1, 1, true, "A")},
			want:     []want{{2, 1, 0, undefined}, {0, 1, 100, undefined}, {1, 0, 0, undefined}},
		},
		{
			name:     "nobody: set order",
			attempts: nil,
			want:     []want{{0, 0, 0, undefined}, {1, 0, 0, undefined}, {2, 0, 0, undefined}},
		},
		{
			name:     "attempts at other questions are ignored",
			attempts: []FirstAttempt{{Student: 1, QuestionID: "year:1965", Correct: true}},
			want:     []want{{0, 0, 0, undefined}, {1, 0, 0, undefined}, {2, 0, 0, undefined}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := AnalyseItems(analysisSet(), tc.attempts)
			if len(got) != len(tc.want) {
				t.Fatalf("%d items; want %d", len(got), len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Position != w.position || g.Attempts != w.attempts || math.Abs(g.Facility-w.facility) > 1e-9 {
					t.Errorf("item %d: position %d, %d attempts, facility %.4f; want %d, %d, %.4f",
						i, g.Position, g.Attempts, g.Facility, w.position, w.attempts, w.facility)
				}
				if math.IsNaN(w.discrimination) {
					if g.HasDiscrimination {
						t.Errorf("item %d: discrimination %.4f; want undefined", i, g.Discrimination)
					}
				} else if !g.HasDiscrimination || math.Abs(g.Discrimination-w.discrimination) > 1e-3 {
					t.Errorf("item %d: discrimination %.4f (defined %v); want %.4f", i, g.Discrimination, g.HasDiscrimination, w.discrimination)
				}
			}
		})
	}
}

func TestAnalyseItems_CountsEachOptionChosenAmongRecordedAnswers(t *testing.T) {
	attempts := grid(handWorked)
	// A sixth student reviewed Q1 as a flashcard (no answer) and a seventh
	// gave an answer that is no longer an option.
	attempts = append(attempts, attempt(6, 1, true), attempt(7, 1, false, "D"))
	var q1 ItemStats
	for _, st := range AnalyseItems(analysisSet(), attempts) {
		if st.Position == 0 {
			q1 = st
		}
	}
	if q1.Attempts != 7 || q1.Answered != 6 || q1.Other != 1 {
		t.Errorf("%d attempts, %d answered, %d other; want 7, 6, 1", q1.Attempts, q1.Answered, q1.Other)
	}
	want := []ChoiceCount{{"A", true, 4}, {"B", false, 1}, {"C", false, 0}}
	if len(q1.Choices) != len(want) {
		t.Fatalf("choices %+v; want %+v", q1.Choices, want)
	}
	for i := range want {
		if q1.Choices[i] != want[i] {
			t.Errorf("choice %d = %+v; want %+v", i, q1.Choices[i], want[i])
		}
	}
}

func TestAnalyseItems_MultipleAnswerCountsEveryTick(t *testing.T) {
	q := Item{Kind: MultipleAnswer, Prompt: "Pick A and B", Choices: []Choice{
		{Text: "A", Weight: 50}, {Text: "B", Weight: 50}, {Text: "C", Weight: -50}}}.Question(2, 1)
	got := AnalyseItems([]questions.Question{q}, []FirstAttempt{
		{Student: 1, QuestionID: q.ID, Correct: true, Answer: []string{"A", "B"}},
		{Student: 2, QuestionID: q.ID, Answer: []string{"A", "C"}},
	})[0]
	want := []ChoiceCount{{"A", true, 2}, {"B", true, 1}, {"C", false, 1}}
	for i := range want {
		if got.Choices[i] != want[i] {
			t.Errorf("choice %d = %+v; want %+v", i, got.Choices[i], want[i])
		}
	}
}

func TestAnalyseItems_TypedQuestionsHaveNoChoices(t *testing.T) {
	qs := analysisSet()
	for _, st := range AnalyseItems(qs, grid(handWorked)) {
		if (st.Position == 2) != (st.Choices == nil) {
			t.Errorf("question %d: choices %+v", st.Position, st.Choices)
		}
	}
}
