package questions

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// Mock exam defaults and limits.
const (
	DefaultMockLength  = 25
	DefaultMockMinutes = 30
	MinMockLength      = 5
	MaxMockLength      = 100
	MinMockMinutes     = 5
	MaxMockMinutes     = 180
)

// MockSetup is what a learner chose for a mock exam. No eras means all.
type MockSetup struct {
	Length  int
	Minutes int
	Eras    []string
}

// Validate checks the setup, returning the problems by form field: length,
// minutes and eras.
func (s MockSetup) Validate() FieldErrors {
	errs := FieldErrors{}
	if s.Length < MinMockLength || s.Length > MaxMockLength {
		errs["length"] = "Choose between " + strconv.Itoa(MinMockLength) + " and " + strconv.Itoa(MaxMockLength) + " questions."
	}
	if s.Minutes < MinMockMinutes || s.Minutes > MaxMockMinutes {
		errs["minutes"] = "Allow between " + strconv.Itoa(MinMockMinutes) + " and " + strconv.Itoa(MaxMockMinutes) + " minutes."
	}
	for _, id := range s.Eras {
		if _, ok := EraByID(id); !ok {
			errs["eras"] = "There is no era called “" + id + "”. Pick eras from the list."
			break
		}
	}
	return errs
}

// MockExam is a timed test whose answers are only marked at the end. The
// deadline is fixed when it starts; an answer given after it is kept but
// marked late, and does not count.
type MockExam struct {
	ID         int64
	LearnerID  int64
	Setup      MockSetup
	Seed       uint64
	StartedAt  time.Time
	Deadline   time.Time
	FinishedAt time.Time // zero until finished; then answers are closed
	// Score is the marks earned in time, set when finished: the sum of the
	// answers' credits, so it can be fractional (17.5 of 25).
	Score float64
	Items []MockItem
}

// MockItem is one question of a mock exam and the learner's latest answer.
type MockItem struct {
	Position   int // zero-based
	QuestionID string
	ShownAt    time.Time // first time the question was shown; zero if never
	Answer     *MockAnswer
	// Flagged marks a question the learner means to come back to before
	// submitting; it changes nothing in the marking.
	Flagged bool
	// ReviewID is the review this answer fed the scheduler with, once the
	// exam is finished; zero until then.
	ReviewID int64
}

// MockAnswer is an answer given in a mock exam. Changing an answer adds a
// new one; the latest counts.
type MockAnswer struct {
	ID    int64
	Given []string
	// Credit is the share of the question's mark the answer earns, from 0
	// to 1, as Question.Grade gives it.
	Credit float64
	// Correct means full marks (Credit is 1); a partly right answer is not
	// correct, as in practice.
	Correct    bool
	AnsweredAt time.Time
	Late       bool // given after the deadline: kept, not counted
	TimeMS     int64
}

// IsLate reports whether an answer given at at misses the deadline.
func IsLate(deadline, at time.Time) bool { return at.After(deadline) }

// Finished reports whether the exam is over and its answers closed.
func (e MockExam) Finished() bool { return !e.FinishedAt.IsZero() }

// Expired reports whether the deadline has passed at now.
func (e MockExam) Expired(now time.Time) bool { return IsLate(e.Deadline, now) }

// Remaining is the time left at now, never negative.
func (e MockExam) Remaining(now time.Time) time.Duration { return max(0, e.Deadline.Sub(now)) }

// Answered counts the questions with an answer, late or not.
func (e MockExam) Answered() int {
	n := 0
	for _, it := range e.Items {
		if it.Answer != nil {
			n++
		}
	}
	return n
}

// Unanswered lists the positions of the questions without an answer, in
// order.
func (e MockExam) Unanswered() []int {
	var out []int
	for _, it := range e.Items {
		if it.Answer == nil {
			out = append(out, it.Position)
		}
	}
	return out
}

// Flagged lists the positions of the questions flagged for later, in order.
func (e MockExam) Flagged() []int {
	var out []int
	for _, it := range e.Items {
		if it.Flagged {
			out = append(out, it.Position)
		}
	}
	return out
}

// MockWarnings are the times left at which a running exam warns the
// learner, longest first.
var MockWarnings = []time.Duration{5 * time.Minute, time.Minute}

// Warnings are the MockWarnings that apply to the exam: those shorter than
// the time it allows (a 5-minute exam does not start with a warning that 5
// minutes are left).
func (e MockExam) Warnings() []time.Duration {
	var out []time.Duration
	for _, d := range MockWarnings {
		if d < time.Duration(e.Setup.Minutes)*time.Minute {
			out = append(out, d)
		}
	}
	return out
}

// Warning is the warning that holds at now: the shortest of the exam's
// Warnings that the time left is within, or 0 when none is (plenty of time
// left, or none at all).
func (e MockExam) Warning(now time.Time) time.Duration {
	left := e.Remaining(now)
	var w time.Duration
	for _, d := range e.Warnings() {
		if left > 0 && left <= d {
			w = d
		}
	}
	return w
}

// NextUnanswered returns the first unanswered position after the given one,
// wrapping round to the start, or -1 if every question is answered.
func (e MockExam) NextUnanswered(after int) int {
	for i := range e.Items {
		it := e.Items[(after+1+i)%len(e.Items)]
		if it.Answer == nil {
			return it.Position
		}
	}
	return -1
}

// Attempts turns every question of the exam into an attempt for Accuracy:
// right only if answered fully right in time, out of all its questions.
// Scores counts a partly right answer for its share.
func (e MockExam) Attempts() []Attempt {
	out := make([]Attempt, 0, len(e.Items))
	for _, it := range e.Items {
		a := Attempt{LearnerID: e.LearnerID, QuestionID: it.QuestionID}
		if it.Answer != nil {
			a.ID, a.Answer, a.AnsweredAt, a.TimeMS = it.Answer.ID, it.Answer.Given, it.Answer.AnsweredAt, it.Answer.TimeMS
			a.Correct = it.Answer.Correct && !it.Answer.Late
		}
		out = append(out, a)
	}
	return out
}

// MockScore is the marks an exam's questions in one group (an era, a
// theme) earned, out of how many questions the group has.
type MockScore struct {
	ID, Name string
	Marks    float64
	Total    int
}

// Pct is the share of the marks earned as a whole percentage.
func (s MockScore) Pct() int {
	if s.Total == 0 {
		return 0
	}
	return int(math.Round(s.Marks * 100 / float64(s.Total)))
}

// Scores groups the exam's marks by era and by theme, as Accuracy groups its
// Attempts (and in the same order), except that each answer given in time
// adds its credit, so that partly right answers count for their share.
func (e MockExam) Scores(t *Timeline, b *Bank) (byEra, byTheme []MockScore) {
	_, eras, themes := Accuracy(t, b, e.Attempts())
	byEra, byTheme = mockScores(eras), mockScores(themes)
	for _, it := range e.Items {
		if it.Answer == nil || it.Answer.Late || it.Answer.Credit <= 0 {
			continue
		}
		// The groups the question counts in are those Accuracy puts it in.
		_, inEras, inThemes := Accuracy(t, b, []Attempt{{QuestionID: it.QuestionID}})
		addCredit(byEra, inEras, it.Answer.Credit)
		addCredit(byTheme, inThemes, it.Answer.Credit)
	}
	return byEra, byTheme
}

func mockScores(scores []Score) []MockScore {
	out := make([]MockScore, len(scores))
	for i, s := range scores {
		out[i] = MockScore{ID: s.ID, Name: s.Name, Total: s.Total}
	}
	return out
}

func addCredit(scores []MockScore, groups []Score, credit float64) {
	for _, g := range groups {
		for i := range scores {
			if scores[i].ID == g.ID {
				scores[i].Marks += credit
			}
		}
	}
}

// MockEra is the era a question counts towards when an exam is drawn: that
// of its first event in one of eras (any era if eras is empty).
func MockEra(t *Timeline, q Question, eras []string) string {
	first := ""
	for _, id := range q.EventIDs {
		e, ok := t.Event(id)
		if !ok {
			continue
		}
		if len(eras) == 0 || slices.Contains(eras, e.Era) {
			return e.Era
		}
		if first == "" {
			first = e.Era
		}
	}
	return first
}

// DrawMock draws n questions from pool for a mock exam. The draw is
// stratified: each era gets a share of the n in proportion to its share of
// the pool (and at least one question when n allows), and within that the
// kinds asked least so far come first, avoiding events already asked about.
// The result is shuffled; the same seed gives the same exam.
func DrawMock(t *Timeline, pool []Question, eras []string, n int, seed uint64) []Question {
	rng := rand.New(rand.NewPCG(seed, 0x6d6f636b))
	n = min(n, len(pool))
	if n <= 0 {
		return nil
	}
	byEra := map[string][]Question{}
	for _, q := range pool {
		era := MockEra(t, q, eras)
		byEra[era] = append(byEra[era], q)
	}
	// Strata in timeline order, so that the apportionment is repeatable.
	var strata [][]Question
	for _, e := range Eras {
		if qs := byEra[e.ID]; len(qs) > 0 {
			strata = append(strata, qs)
		}
	}
	if qs := byEra[""]; len(qs) > 0 {
		strata = append(strata, qs)
	}
	sizes := make([]int, len(strata))
	for i, s := range strata {
		sizes[i] = len(s)
		rng.Shuffle(len(s), func(a, b int) { s[a], s[b] = s[b], s[a] })
	}
	quotas := Apportion(sizes, n)

	kindCount := map[Kind]int{}
	usedEvent := map[string]bool{}
	picked := make([]Question, 0, n)
	for i, stratum := range strata {
		left := slices.Clone(stratum)
		for range quotas[i] {
			best := 0
			key := func(q Question) [2]int {
				used := 0
				if slices.ContainsFunc(q.EventIDs, func(id string) bool { return usedEvent[id] }) {
					used = 1
				}
				return [2]int{kindCount[q.Kind], used}
			}
			bestKey := key(left[0])
			for j := 1; j < len(left); j++ {
				if k := key(left[j]); k[0] < bestKey[0] || k[0] == bestKey[0] && k[1] < bestKey[1] {
					best, bestKey = j, k
				}
			}
			q := left[best]
			left = slices.Delete(left, best, best+1)
			picked = append(picked, q)
			kindCount[q.Kind]++
			for _, id := range q.EventIDs {
				usedEvent[id] = true
			}
		}
	}
	rng.Shuffle(len(picked), func(a, b int) { picked[a], picked[b] = picked[b], picked[a] })
	return picked
}

// Apportion shares n seats among groups of the given sizes in proportion to
// their size (largest remainders), never giving a group more than its size,
// and giving every group at least one seat when n is at least the number of
// groups. n must not exceed the sum of sizes.
func Apportion(sizes []int, n int) []int {
	total := 0
	for _, s := range sizes {
		total += s
	}
	quotas := make([]int, len(sizes))
	if total == 0 || n <= 0 {
		return quotas
	}
	type rest struct{ i, num int } // remainder numerator: n*size mod total
	rests := make([]rest, len(sizes))
	given := 0
	for i, s := range sizes {
		quotas[i] = n * s / total
		given += quotas[i]
		rests[i] = rest{i, n * s % total}
	}
	slices.SortStableFunc(rests, func(a, b rest) int {
		return cmp.Or(cmp.Compare(b.num, a.num), cmp.Compare(sizes[b.i], sizes[a.i]))
	})
	for k := 0; given < n; k++ {
		quotas[rests[k].i]++
		given++
	}
	if n < len(sizes) {
		return quotas
	}
	// A group left out takes a seat from the group with the most.
	for i := range quotas {
		if quotas[i] > 0 || sizes[i] == 0 {
			continue
		}
		donor := 0
		for j := range quotas {
			if quotas[j] > quotas[donor] {
				donor = j
			}
		}
		quotas[donor]--
		quotas[i]++
	}
	return quotas
}
