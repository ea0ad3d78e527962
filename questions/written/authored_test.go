package written

import (
	"reflect"
	"strings"
	"testing"
)

// teacherQuestion is a valid teacher's explain question: one level, a
// point linked to an event and a free-text point.
func teacherQuestion() Question {
	return Question{
		Kind:   Explain,
		Prompt: "Explain why Ayub Khan visited Moscow in 1965.",
		Marks:  7,
		Levels: []Level{
			{Min: 1, Max: 3, Descriptor: "Describes the visit."},
			{Min: 4, Max: 7, Descriptor: "Explains reasons."},
		},
		Points: []Point{
			{Text: "Bilateralism sought balance between the powers.", Events: []string{"ayub-policy-of-bilateralism"}},
			{Text: "A free-text point with no event."},
		},
		Outline: []string{"Context", "Reasons"},
	}
}

func TestValidateAuthored_AcceptsWhatATeacherCanGive(t *testing.T) {
	tl := loadTimeline(t)
	tests := []struct {
		name   string
		change func(*Question)
	}{
		{"two levels, an event and free text", func(*Question) {}},
		{"one level from 1 to the marks", func(q *Question) {
			q.Levels = []Level{{Min: 1, Max: 7, Descriptor: "Mark as a whole."}}
		}},
		{"one free-text point", func(q *Question) { q.Points = q.Points[1:] }},
		{"no outline", func(q *Question) { q.Outline = nil }},
		{"evaluate with a side each way", func(q *Question) {
			q.Kind, q.Marks = Evaluate, 12
			q.Levels = []Level{{Min: 1, Max: 6, Descriptor: "One side."}, {Min: 7, Max: 12, Descriptor: "Both sides, judged."}}
			q.Points[0].Side, q.Points[1].Side = For, Against
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := teacherQuestion()
			tt.change(&q)
			q = Tidy(tl, q)
			if errs := q.ValidateAuthored(tl); errs != nil {
				t.Errorf("refused: %v", errs)
			}
		})
	}
}

func TestValidateAuthored_NamesTheFieldOfEachProblem(t *testing.T) {
	tl := loadTimeline(t)
	tests := []struct {
		name   string
		change func(*Question)
		field  string
		want   string
	}{
		{"empty prompt", func(q *Question) { q.Prompt = "  " }, "prompt", "Write the question"},
		{"too long a prompt", func(q *Question) { q.Prompt = strings.Repeat("a", MaxAuthoredPrompt+1) }, "prompt", "under"},
		{"unknown kind", func(q *Question) { q.Kind = "discuss" }, "kind", "Choose the kind"},
		{"marks over the kind's range", func(q *Question) { q.Marks = 9 }, "marks", "6 to 8 marks, not 9"},
		{"marks under the kind's range", func(q *Question) { q.Marks = 2 }, "marks", "not 2"},
		{"no levels", func(q *Question) { q.Levels = nil }, "levels", "at least one level"},
		{"a gap between levels", func(q *Question) { q.Levels[1].Min = 5 }, "levels", "leaving 4 uncovered"},
		{"overlapping levels", func(q *Question) { q.Levels[1].Min = 3 }, "levels", "overlaps level 1"},
		{"level 1 from 0", func(q *Question) { q.Levels[0].Min = 0 }, "levels", "starts at 1"},
		{"a level upside down", func(q *Question) { q.Levels[0].Min, q.Levels[0].Max = 3, 1 }, "levels", "lower mark first"},
		{"top level short of the marks", func(q *Question) { q.Levels[1].Max = 6 }, "levels", "ends at 6 marks, but the question carries 7"},
		{"a level without descriptor", func(q *Question) { q.Levels[0].Descriptor = "" }, "levels", "no descriptor"},
		{"no points", func(q *Question) { q.Points = nil }, "points", "at least one indicative point"},
		{"a point without text", func(q *Question) { q.Points[1].Text = "" }, "points", "Point 2 has no text"},
		{"an event not in the timeline", func(q *Question) { q.Points[0].Events = []string{"moon-landing"} }, "points", `"moon-landing"`},
		{"a side on an explain point", func(q *Question) { q.Points[0].Side = For }, "points", "only evaluate"},
		{"evaluate point without side", func(q *Question) {
			q.Kind, q.Marks = Evaluate, 12
			q.Levels[1].Max = 12
			q.Points[0].Side = For
		}, "points", "Point 2 of an evaluate question"},
		{"evaluate on one side only", func(q *Question) {
			q.Kind, q.Marks = Evaluate, 12
			q.Levels[1].Max = 12
			q.Points[0].Side, q.Points[1].Side = For, For
		}, "points", "both sides"},
		{"too long an exemplar", func(q *Question) { q.Levels[0].Exemplar = strings.Repeat("x", MaxExemplar+1) }, "levels", "exemplar under"},
		{"too long an outline step", func(q *Question) { q.Outline[0] = strings.Repeat("x", MaxAuthoredText+1) }, "outline", "step 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := teacherQuestion()
			tt.change(&q)
			q = Tidy(tl, q)
			errs := q.ValidateAuthored(tl)
			got := errs.ByField()[tt.field]
			if !strings.Contains(got, tt.want) {
				t.Errorf("%s error = %q, want it to say %q (all: %v)", tt.field, got, tt.want, errs)
			}
		})
	}
}

func TestTidy_NumbersLevelsAndPointsAndFindsEras(t *testing.T) {
	tl := loadTimeline(t)
	q := teacherQuestion()
	q.Prompt = "  Explain\r\nwhy. "
	q.Levels[0].Level, q.Levels[1].Level = 7, 9
	q.Points[0].Events = []string{" tashkent-declaration", "", "indo-soviet-treaty", "tashkent-declaration"}
	q.Outline = []string{" one ", "", "two"}
	got := Tidy(tl, q)
	if got.Prompt != "Explain\nwhy." {
		t.Errorf("prompt %q", got.Prompt)
	}
	if got.Levels[0].Level != 1 || got.Levels[1].Level != 2 {
		t.Errorf("levels numbered %d, %d", got.Levels[0].Level, got.Levels[1].Level)
	}
	if got.Points[0].ID != "p1" || got.Points[1].ID != "p2" {
		t.Errorf("point ids %q, %q", got.Points[0].ID, got.Points[1].ID)
	}
	if want := []string{"tashkent-declaration", "indo-soviet-treaty"}; !reflect.DeepEqual(got.Points[0].Events, want) {
		t.Errorf("events %v, want %v", got.Points[0].Events, want)
	}
	if want := []string{"one", "two"}; !reflect.DeepEqual(got.Outline, want) {
		t.Errorf("outline %v", got.Outline)
	}
	if want := []string{"military"}; !reflect.DeepEqual(got.Eras, want) {
		t.Errorf("eras %v, want %v", got.Eras, want)
	}
}

func TestAuthoredID_NeverLooksLikeABuiltInID(t *testing.T) {
	ids := []string{"democracy-describe-first-contacts", "military-evaluate-ayub-visit", "essay-afghanistan"}
	if b, err := Load(loadTimeline(t)); err == nil { // while the bank is being edited, the samples do
		ids = ids[:0]
		for _, q := range b.Questions {
			ids = append(ids, q.ID)
		}
	}
	for _, id := range ids {
		if _, ok := AuthoredRow(id); ok {
			t.Errorf("built-in id %q reads as a teacher's", id)
		}
	}
	if id := AuthoredID(12); id != "t12" {
		t.Errorf("AuthoredID(12) = %q", id)
	}
	for _, bad := range []string{"t", "t0", "t012", "t-1", "t+1", "tx", "12", "t1x"} {
		if _, ok := AuthoredRow(bad); ok {
			t.Errorf("AuthoredRow(%q) accepted", bad)
		}
	}
	if n, ok := AuthoredRow("t42"); !ok || n != 42 {
		t.Errorf("AuthoredRow(t42) = %d, %v", n, ok)
	}
}

func TestKindForMarks_KeepsMarksInARangeAndNeverChoosesEvaluate(t *testing.T) {
	tests := []struct {
		marks int
		kind  Kind
		m     int
		ok    bool
	}{
		{1, Describe, 3, false}, {4, Describe, 4, true}, {7, Explain, 7, true}, {9, Explain, 8, false},
		{11, Explain, 8, false}, {12, Essay, 15, false}, {20, Essay, 20, true}, {100, Essay, 20, false},
	}
	for _, tt := range tests {
		k, m, ok := KindForMarks(tt.marks)
		if k != tt.kind || m != tt.m || ok != tt.ok {
			t.Errorf("KindForMarks(%d) = %s, %d, %v; want %s, %d, %v", tt.marks, k, m, ok, tt.kind, tt.m, tt.ok)
		}
	}
}
