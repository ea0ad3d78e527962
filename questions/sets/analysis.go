package sets

import (
	"cmp"
	"math"
	"slices"

	"sabaq/questions"
)

// FirstAttempt is a student's first answer to a question: the one item
// analysis counts, as Moodle's statistics report does by default.
type FirstAttempt struct {
	Student    int64
	QuestionID string
	Correct    bool
	// Answer is the answer given, or nil when none was recorded (a
	// flashcard review is graded by the student without answering).
	Answer []string
}

// ChoiceCount is how often an option of a choice question was chosen.
type ChoiceCount struct {
	Option  string
	Correct bool
	Count   int
}

// ItemStats are the statistics of one question of a set.
type ItemStats struct {
	Question questions.Question
	Position int // in the set, from 0
	Attempts int
	Correct  int
	// Facility is Moodle's facility index: the percentage of students right
	// at their first attempt. It means nothing when Attempts is 0.
	Facility float64
	// Discrimination is Moodle's discrimination index: the correlation, ×100,
	// between the score on this question and the score on the rest of the
	// set. It is undefined (HasDiscrimination false) when either score does
	// not vary, as with fewer than two students.
	Discrimination    float64
	HasDiscrimination bool
	// Answered counts the attempts with a recorded answer, over which
	// Choices and Other are counted.
	Answered int
	// Choices counts, for a single or multiple choice question, how often
	// each option was chosen (each option ticked, for multiple answer).
	Choices []ChoiceCount
	// Other counts answers naming no current option: the question was
	// edited after they were given.
	Other int
}

// AnalyseItems computes the item statistics of a set's questions from its
// students' first attempts, the most-missed question (lowest facility)
// first; questions nobody attempted come last, in set order.
//
// Moodle's rest-of-test score assumes every student sat every question.
// Students here attempt what they choose, so a student's rest-of-test score
// is the share right of the set's other questions they attempted, and a
// student who attempted no other question is left out of the correlation.
// When everyone attempted everything, this is Moodle's index exactly (a
// correlation does not change when a score is scaled).
//
// Only the first attempt per student and question counts; attempts on
// questions not in qs are ignored.
func AnalyseItems(qs []questions.Question, attempts []FirstAttempt) []ItemStats {
	index := make(map[string]int, len(qs))
	for i, q := range qs {
		index[q.ID] = i
	}
	type score struct{ right, tried int }
	byStudent := map[int64]map[int]bool{} // student → question index → correct
	totals := map[int64]*score{}
	stats := make([]ItemStats, len(qs))
	for i, q := range qs {
		stats[i] = ItemStats{Question: q, Position: i}
		if f := q.Kind.Format(); f == questions.FormatChoice || f == questions.FormatMulti {
			stats[i].Choices = make([]ChoiceCount, len(q.Options))
			for j, o := range q.Options {
				stats[i].Choices[j] = ChoiceCount{Option: o, Correct: slices.Contains(q.Answer, o)}
			}
		}
	}
	for _, a := range attempts {
		i, ok := index[a.QuestionID]
		if !ok {
			continue
		}
		seen := byStudent[a.Student]
		if seen == nil {
			seen = map[int]bool{}
			byStudent[a.Student], totals[a.Student] = seen, &score{}
		}
		if _, dup := seen[i]; dup {
			continue
		}
		seen[i] = a.Correct
		st := &stats[i]
		st.Attempts++
		totals[a.Student].tried++
		if a.Correct {
			st.Correct++
			totals[a.Student].right++
		}
		if a.Answer == nil {
			continue
		}
		st.Answered++
		if st.Choices == nil {
			continue
		}
		for _, given := range a.Answer {
			j := slices.IndexFunc(st.Choices, func(c ChoiceCount) bool { return c.Option == given })
			if j < 0 {
				st.Other++
				continue
			}
			st.Choices[j].Count++
		}
	}
	// Students in a fixed order, so that sums come out the same every run.
	students := make([]int64, 0, len(byStudent))
	for s := range byStudent {
		students = append(students, s)
	}
	slices.Sort(students)
	for i := range stats {
		st := &stats[i]
		if st.Attempts > 0 {
			st.Facility = 100 * float64(st.Correct) / float64(st.Attempts)
		}
		var xs, ys []float64
		for _, s := range students {
			correct, ok := byStudent[s][i]
			t := totals[s]
			if !ok || t.tried < 2 {
				continue
			}
			x := b2f(correct)
			xs = append(xs, x)
			ys = append(ys, (float64(t.right)-x)/float64(t.tried-1))
		}
		st.Discrimination, st.HasDiscrimination = correlation(xs, ys)
		if st.HasDiscrimination {
			st.Discrimination *= 100
		}
	}
	slices.SortStableFunc(stats, func(a, b ItemStats) int {
		if (a.Attempts == 0) != (b.Attempts == 0) {
			if a.Attempts == 0 {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Facility, b.Facility)
	})
	return stats
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// correlation is Pearson's r of xs and ys; ok is false when it is
// undefined because either does not vary.
func correlation(xs, ys []float64) (r float64, ok bool) {
	n := float64(len(xs))
	if len(xs) < 2 {
		return 0, false
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	const eps = 1e-12
	if sxx < eps || syy < eps {
		return 0, false
	}
	return sxy / math.Sqrt(sxx*syy), true
}
