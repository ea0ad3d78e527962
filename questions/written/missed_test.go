package written

import (
	"testing"
)

func TestMostMissed(t *testing.T) {
	q1 := Question{ID: "q1", Points: []Point{{ID: "a"}, {ID: "b"}, {ID: "c"}}}
	q2 := Question{ID: "q2", Points: []Point{{ID: "x"}, {ID: "y"}}}
	answers := []Marked{
		{q1, []bool{true, false, false}},
		{q1, []bool{true, false, true}},
		{q1, []bool{true, true, false}},
		{q2, []bool{false, true}},
	}
	got := MostMissed(answers, 3)
	want := []struct {
		q, p       string
		missed, of int
	}{
		{"q1", "b", 2, 3}, // missed twice
		{"q1", "c", 2, 3},
		{"q2", "x", 1, 1}, // once: after the points missed twice
	}
	if len(got) != len(want) {
		t.Fatalf("got %d points; want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Question.ID != w.q || g.Point.ID != w.p || g.Missed != w.missed || g.Answers != w.of {
			t.Errorf("rank %d: %s/%s missed %d of %d; want %s/%s %d of %d", i+1, g.Question.ID, g.Point.ID, g.Missed, g.Answers, w.q, w.p, w.missed, w.of)
		}
	}
	if got := MostMissed(answers[:0], 5); len(got) != 0 {
		t.Errorf("no answers: %+v", got)
	}
	if got := MostMissed([]Marked{{q2, []bool{true, true}}}, 5); len(got) != 0 {
		t.Errorf("nothing missed: %+v", got)
	}
	// Of points missed once, the one missed every time comes first.
	got = MostMissed([]Marked{{q1, []bool{false, true, true}}, {q1, []bool{true, true, true}}, {q2, []bool{false, true}}}, 2)
	if got[0].Point.ID != "x" || got[1].Point.ID != "a" {
		t.Errorf("by share: %s then %s; want x (1 of 1) then a (1 of 2)", got[0].Point.ID, got[1].Point.ID)
	}
}
