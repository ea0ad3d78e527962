package written

import (
	"cmp"
	"slices"
)

// Marked is an answer to a question with the points it earned:
// Credited[i] is whether it earned Question.Points[i].
type Marked struct {
	Question Question
	Credited []bool
}

// MissedPoint is an indicative point with how many answers to its question
// missed it, of how many.
type MissedPoint struct {
	Question Question
	Point    Point
	Missed   int
	Answers  int
}

// MostMissed ranks the points the answers missed, most often missed first
// (then the larger share of answers, then the question's and point's
// order), and keeps the first n. A point no answer missed is left out.
func MostMissed(answers []Marked, n int) []MissedPoint {
	type key struct{ q, p string }
	at := map[key]int{}
	var out []MissedPoint
	for _, a := range answers {
		for i, p := range a.Question.Points {
			k := key{a.Question.ID, p.ID}
			j, ok := at[k]
			if !ok {
				j = len(out)
				at[k] = j
				out = append(out, MissedPoint{Question: a.Question, Point: p})
			}
			out[j].Answers++
			if i >= len(a.Credited) || !a.Credited[i] {
				out[j].Missed++
			}
		}
	}
	out = slices.DeleteFunc(out, func(m MissedPoint) bool { return m.Missed == 0 })
	slices.SortStableFunc(out, func(a, b MissedPoint) int {
		if c := cmp.Compare(b.Missed, a.Missed); c != 0 {
			return c
		}
		// The larger share first: a/b > c/d as a·d > c·b.
		return cmp.Compare(b.Missed*a.Answers, a.Missed*b.Answers)
	})
	return out[:min(n, len(out))]
}
