package questions

import (
	"math"
	"slices"
	"testing"
	"time"
)

func TestApportion_SharesSeatsInProportionWithEveryGroupSeated(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sizes []int
		n     int
		want  []int
	}{
		{"exact shares", []int{10, 20, 30}, 6, []int{1, 2, 3}},
		{"largest remainder wins", []int{1, 1, 1}, 2, []int{1, 1, 0}},
		{"small group still seated", []int{1, 99}, 10, []int{1, 9}},
		{"fewer seats than groups", []int{50, 30, 20}, 2, []int{1, 1, 0}},
		{"all seats", []int{3, 2}, 5, []int{3, 2}},
		{"empty group gets none", []int{0, 4, 4}, 4, []int{0, 2, 2}},
		{"nothing to share", []int{5, 5}, 0, []int{0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Apportion(tc.sizes, tc.n)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Apportion(%v, %d) = %v; want %v", tc.sizes, tc.n, got, tc.want)
			}
		})
	}
}

func TestDrawMock_SpreadsOverErasInProportionAndMixesKinds(t *testing.T) {
	for _, tt := range timelines(t) {
		bank := NewBank(tt.t)
		for _, tc := range []struct {
			name string
			eras []string
			n    int
			seed uint64
		}{
			{"default exam", nil, DefaultMockLength, 1},
			{"another seed", nil, DefaultMockLength, 99},
			{"shortest", nil, MinMockLength, 7},
			{"longest", nil, MaxMockLength, 3},
			{"two eras", []string{"military", "russia"}, 20, 5},
		} {
			t.Run(tt.name+"/"+tc.name, func(t *testing.T) {
				pool := bank.Select(Filter{Eras: tc.eras})
				got := DrawMock(tt.t, pool, tc.eras, tc.n, tc.seed)
				if want := min(tc.n, len(pool)); len(got) != want {
					t.Fatalf("%d questions drawn; want %d", len(got), want)
				}
				ids := map[string]bool{}
				for _, q := range got {
					if ids[q.ID] {
						t.Errorf("question %s drawn twice", q.ID)
					}
					ids[q.ID] = true
				}
				// Each era's count is its share of the pool, rounded either
				// way, and no era of the pool is left out when n allows.
				poolBy, gotBy := map[string]int{}, map[string]int{}
				for _, q := range pool {
					poolBy[MockEra(tt.t, q, tc.eras)]++
				}
				for _, q := range got {
					gotBy[MockEra(tt.t, q, tc.eras)]++
				}
				largest := ""
				for era, size := range poolBy {
					if size > poolBy[largest] {
						largest = era
					}
				}
				for era, size := range poolBy {
					share := float64(len(got)) * float64(size) / float64(len(pool))
					lo, hi := int(math.Floor(share)), int(math.Ceil(share))
					if len(got) >= len(poolBy) {
						lo, hi = max(lo, 1), max(hi, 1)
					}
					if era == largest {
						lo-- // seating a small era may take one from the largest
					}
					if c := gotBy[era]; c < lo || c > hi {
						t.Errorf("era %s: %d questions; want its share %.2f of %d", era, c, share, len(got))
					}
				}
				for era := range gotBy {
					if tc.eras != nil && !slices.Contains(tc.eras, era) {
						t.Errorf("question counted in era %s, which was not chosen", era)
					}
				}
				// Kinds: as even as the pool allows, and never the same kind
				// more than once above the fairest count.
				kindsInPool := map[Kind]bool{}
				poolKinds := map[Kind]int{}
				for _, q := range pool {
					kindsInPool[q.Kind] = true
					poolKinds[q.Kind]++
				}
				kinds := map[Kind]int{}
				for _, q := range got {
					kinds[q.Kind]++
				}
				if want := min(len(got), len(kindsInPool)); len(kinds) != want {
					t.Errorf("%d kinds asked; want %d (%v)", len(kinds), want, kinds)
				}
				fair := (len(got) + len(kindsInPool) - 1) / len(kindsInPool)
				// A kind may go above the fair count only when another kind
				// has been drawn to its last question.
				exhausted := false
				for k, c := range kinds {
					exhausted = exhausted || c == poolKinds[k]
				}
				for k, c := range kinds {
					if c > fair+1 && !exhausted {
						t.Errorf("kind %s asked %d times; want at most %d", k, c, fair+1)
					}
				}
			})
		}
	}
}

func TestDrawMock_SameSeedSameExam(t *testing.T) {
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	bank := NewBank(tl)
	idsOf := func(qs []Question) []string {
		out := make([]string, len(qs))
		for i, q := range qs {
			out[i] = q.ID
		}
		return out
	}
	a := idsOf(DrawMock(tl, bank.Questions, nil, 25, 42))
	b := idsOf(DrawMock(tl, bank.Questions, nil, 25, 42))
	c := idsOf(DrawMock(tl, bank.Questions, nil, 25, 43))
	if !slices.Equal(a, b) {
		t.Error("the same seed drew two different exams")
	}
	if slices.Equal(a, c) {
		t.Error("two seeds drew the same exam")
	}
	if got := DrawMock(tl, bank.Questions[:3], nil, 25, 1); len(got) != 3 {
		t.Errorf("a pool of 3 gave %d questions; want all 3", len(got))
	}
}

func TestMockSetup_Validate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup MockSetup
		bad   []string
	}{
		{"defaults", MockSetup{Length: DefaultMockLength, Minutes: DefaultMockMinutes}, nil},
		{"limits", MockSetup{Length: MinMockLength, Minutes: MaxMockMinutes, Eras: []string{"zia"}}, nil},
		{"too few questions", MockSetup{Length: 4, Minutes: 30}, []string{"length"}},
		{"too many questions", MockSetup{Length: 101, Minutes: 30}, []string{"length"}},
		{"too little time", MockSetup{Length: 25, Minutes: 4}, []string{"minutes"}},
		{"too much time", MockSetup{Length: 25, Minutes: 181}, []string{"minutes"}},
		{"unknown era", MockSetup{Length: 25, Minutes: 30, Eras: []string{"mughal"}}, []string{"eras"}},
		{"everything wrong", MockSetup{Eras: []string{"x"}}, []string{"eras", "length", "minutes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for k := range tc.setup.Validate() {
				got = append(got, k)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.bad) {
				t.Errorf("fields with errors %v; want %v", got, tc.bad)
			}
		})
	}
}

func TestMockExam_LateAnswersDoNotCount(t *testing.T) {
	deadline := time.Date(2025, 3, 1, 10, 30, 0, 0, time.UTC)
	if IsLate(deadline, deadline) || !IsLate(deadline, deadline.Add(time.Millisecond)) {
		t.Error("an answer on the deadline must be in time, one a millisecond after late")
	}
	e := MockExam{Deadline: deadline, Items: []MockItem{
		{Position: 0, QuestionID: "a", Answer: &MockAnswer{Correct: true}},
		{Position: 1, QuestionID: "b", Answer: &MockAnswer{Correct: true, Late: true}},
		{Position: 2, QuestionID: "c"},
		{Position: 3, QuestionID: "d", Answer: &MockAnswer{Correct: false}},
	}}
	var correct []bool
	for _, a := range e.Attempts() {
		correct = append(correct, a.Correct)
	}
	if want := []bool{true, false, false, false}; !slices.Equal(correct, want) {
		t.Errorf("attempts correct = %v; want %v (late and unanswered count as wrong)", correct, want)
	}
	if e.Answered() != 3 {
		t.Errorf("Answered() = %d; want 3", e.Answered())
	}
	if got := e.NextUnanswered(3); got != 2 {
		t.Errorf("NextUnanswered(3) = %d; want 2, wrapping round", got)
	}
	if e.Remaining(deadline.Add(time.Minute)) != 0 || !e.Expired(deadline.Add(time.Second)) || e.Expired(deadline) {
		t.Error("after the deadline nothing remains and the exam is expired; on it, not yet")
	}
}

func TestMockExam_UnansweredAndFlaggedListPositionsInOrder(t *testing.T) {
	e := MockExam{Items: []MockItem{
		{Position: 0, Answer: &MockAnswer{}},
		{Position: 1, Flagged: true},
		{Position: 2},
		{Position: 3, Answer: &MockAnswer{}, Flagged: true},
	}}
	if got := e.Unanswered(); !slices.Equal(got, []int{1, 2}) {
		t.Errorf("Unanswered() = %v; want [1 2]", got)
	}
	if got := e.Flagged(); !slices.Equal(got, []int{1, 3}) {
		t.Errorf("Flagged() = %v; want [1 3]: answered or not, a flag stays until removed", got)
	}
	if got := (MockExam{Items: []MockItem{{Answer: &MockAnswer{}}}}).Unanswered(); got != nil {
		t.Errorf("Unanswered() of a fully answered exam = %v; want none", got)
	}
}

func TestMockExam_WarnsAtFiveMinutesThenOneAndNoneOnceTimeIsUp(t *testing.T) {
	deadline := time.Date(2025, 5, 1, 9, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		minutes int
		left    time.Duration
		want    time.Duration
	}{
		{30, 30 * time.Minute, 0},
		{30, 5*time.Minute + time.Second, 0},
		{30, 5 * time.Minute, 5 * time.Minute},
		{30, 61 * time.Second, 5 * time.Minute},
		{30, time.Minute, time.Minute},
		{30, time.Second, time.Minute},
		{30, 0, 0},
		{30, -time.Second, 0},
		// A 5-minute exam starts without the 5-minute warning, and still
		// gets the last minute's.
		{5, 5 * time.Minute, 0},
		{5, 2 * time.Minute, 0},
		{5, time.Minute, time.Minute},
	} {
		e := MockExam{Setup: MockSetup{Minutes: tc.minutes}, Deadline: deadline}
		if got := e.Warning(deadline.Add(-tc.left)); got != tc.want {
			t.Errorf("%d-minute exam with %v left: warning %v; want %v", tc.minutes, tc.left, got, tc.want)
		}
	}
	if got := (MockExam{Setup: MockSetup{Minutes: 5}}).Warnings(); !slices.Equal(got, []time.Duration{time.Minute}) {
		t.Errorf("a 5-minute exam warns at %v; want only at 1m0s", got)
	}
}

func TestMockExam_ScoresCountEachAnswersCreditInTime(t *testing.T) {
	tl := loadFixture(t)
	bank := NewBank(tl)
	// Three questions about one event each, all of one era.
	var qs []Question
	era := ""
	for _, q := range bank.Questions {
		if len(q.EventIDs) != 1 {
			continue
		}
		e, _ := tl.Event(q.EventIDs[0])
		if era == "" {
			era = e.Era
		}
		if e.Era == era {
			qs = append(qs, q)
		}
		if len(qs) == 4 {
			break
		}
	}
	if len(qs) < 4 {
		t.Fatalf("the fixture has %d single-event questions in era %q; want 4", len(qs), era)
	}
	e := MockExam{Items: []MockItem{
		{Position: 0, QuestionID: qs[0].ID, Answer: &MockAnswer{Credit: 1, Correct: true}},
		{Position: 1, QuestionID: qs[1].ID, Answer: &MockAnswer{Credit: 0.5}},
		{Position: 2, QuestionID: qs[2].ID, Answer: &MockAnswer{Credit: 0.5, Late: true}},
		{Position: 3, QuestionID: qs[3].ID},
	}}
	byEra, byTheme := e.Scores(tl, bank)
	if len(byEra) != 1 || byEra[0].ID != era || byEra[0].Marks != 1.5 || byEra[0].Total != 4 || byEra[0].Pct() != 38 {
		t.Errorf("by era = %+v; want %s with 1.5 marks of 4 (38%%): the late half does not count", byEra, era)
	}
	_, _, themes := Accuracy(tl, bank, e.Attempts())
	if len(byTheme) != len(themes) {
		t.Fatalf("%d theme rows; want Accuracy's %d", len(byTheme), len(themes))
	}
	for i, th := range byTheme {
		if th.ID != themes[i].ID || th.Total != themes[i].Total || th.Marks < float64(themes[i].Correct) || th.Marks > 1.5 {
			t.Errorf("theme %+v; want %s of %d questions, at least its %d full marks and at most 1.5", th, themes[i].ID, themes[i].Total, themes[i].Correct)
		}
	}
}

func TestMockScore_PctRoundsTheMarks(t *testing.T) {
	for _, tc := range []struct {
		s    MockScore
		want int
	}{
		{MockScore{Marks: 17.5, Total: 25}, 70},
		{MockScore{Marks: 0.5, Total: 3}, 17},
		{MockScore{Marks: 2, Total: 2}, 100},
		{MockScore{}, 0},
	} {
		if got := tc.s.Pct(); got != tc.want {
			t.Errorf("%+v.Pct() = %d; want %d", tc.s, got, tc.want)
		}
	}
}
