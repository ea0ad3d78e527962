package srs

import (
	"math"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
)

// WorkloadInput is what EstimateWorkload needs: the exam plan's input for
// the cards an exam covers (its scope), and the learner's daily review limit.
type WorkloadInput struct {
	// ExamInput holds the scope's cards already shown (Cards), its cards not
	// yet shown (NewRemaining), the new cards shown today (NewToday), the
	// learner's new-card limit (NewLimit), the exam date and now.
	ExamInput
	// ReviewsPerDay is the learner's daily limit of reviews.
	ReviewsPerDay int
}

// Workload is what revising a scope for an exam costs, day by day, if the
// learner keeps to their limits and answers every review Good (lapses would
// add reviews, so the figures are "about").
type Workload struct {
	Exam time.Time // start of the exam day, learner time
	// DaysLeft counts the learner days before the exam, today included: 0
	// on the exam day, negative after it. With no days left nothing is
	// planned and only Scope, Seen, Coverage and Recall are filled in.
	DaysLeft int

	Scope        int // cards the exam covers
	Seen         int // of them, shown at least once already
	NewRemaining int // of them, not yet shown

	NewLimit    int // the learner's daily new-card limit: a ceiling
	ReviewLimit int // the learner's daily review limit

	// NewPerDay is the most new cards the plan takes on a day (the
	// learner's limit, or the scope's new cards if fewer), on NewDays days.
	NewPerDay, NewDays int
	// Reviews counts every review until the exam, learning steps and
	// top-ups included; AvgReviews is that a day, rounded up, and
	// PeakReviews the busiest day's.
	Reviews, AvgReviews, PeakReviews int
	// PeakCapped is the busiest day's count of reviews of cards in review
	// (top-ups included): those the daily review limit caps, as the queue
	// counts them. Learning steps of new and lapsed cards are not capped.
	PeakCapped int

	// SeenByExam counts the scope's cards shown at least once by exam
	// morning; Coverage is SeenByExam / Scope (1 for an empty scope).
	SeenByExam int
	Coverage   float64
	// NeededNewPerDay is the smallest daily new-card limit that shows every
	// card of the scope by the exam.
	NeededNewPerDay int

	// Recall is the expected share of the scope recalled at the start of the
	// exam day (a card not yet shown counts as forgotten), by FSRS's
	// prediction for each card after the planned reviews; HasRecall is false
	// for an empty scope or a past exam.
	Recall    float64
	HasRecall bool
}

// Covered reports whether every card of the scope is shown by the exam.
func (w Workload) Covered() bool { return w.NewRemaining == 0 || w.SeenByExam >= w.Scope }

// OverReviewLimit reports whether some day needs more reviews of cards in
// review than the learner's daily limit allows; those beyond it wait.
func (w Workload) OverReviewLimit() bool { return w.ReviewLimit > 0 && w.PeakCapped > w.ReviewLimit }

// WithinLimits reports whether the plan covers the scope without any day
// going over the learner's limits.
func (w Workload) WithinLimits() bool { return w.Covered() && !w.OverReviewLimit() }

// EstimateWorkload tells what revising the scope in in costs before the
// exam: the plan PlanExamOptimal makes within the learner's limits (new
// cards at their limit, never more; the reviews of the last PlanWindowDays
// chosen for the exam), with the new-card limit that would cover the scope
// and the recall to expect on exam morning.
func (s *Scheduler) EstimateWorkload(in WorkloadInput) Workload {
	loc := in.Location
	if loc == nil {
		loc = DefaultLocation()
	}
	w := Workload{
		NewRemaining: max(in.NewRemaining, 0),
		NewLimit:     max(in.NewLimit, 0),
		ReviewLimit:  max(in.ReviewsPerDay, 0),
	}
	for _, c := range in.Cards {
		if c.Card.State != StateNew {
			w.Seen++
		}
	}
	w.Scope = w.Seen + w.NewRemaining
	y, m, d := in.Exam.Date()
	w.Exam = time.Date(y, m, d, DayStartHour, 0, 0, 0, loc)
	w.DaysLeft = dayNumber(w.Exam) - dayNumber(DayStart(in.Now, loc))

	p, ok := PlanExam(in.ExamInput)
	if !ok {
		// The exam is today or past: nothing left to plan.
		w.SeenByExam = w.Seen
		w.Coverage = share(w.Seen, w.Scope)
		if w.DaysLeft == 0 && w.Scope > 0 {
			sum := 0.0
			for _, c := range in.Cards {
				sum += s.Retrievability(c.Card, in.Now)
			}
			w.Recall, w.HasRecall = sum/float64(w.Scope), true
		}
		return w
	}
	plan, _ := s.PlanExamOptimal(OptimalInput{ExamInput: in.ExamInput, ReviewsPerDay: w.ReviewLimit})
	w.Reviews = plan.Total()
	w.AvgReviews = plan.PerDay()
	for i := range plan.Reviews {
		w.PeakReviews = max(w.PeakReviews, plan.Reviews[i])
		w.PeakCapped = max(w.PeakCapped, plan.Capped[i])
	}
	w.NewPerDay, w.NewDays = plan.MaxIntake, plan.NewDays
	w.SeenByExam = w.Seen + plan.Introduced
	w.Coverage = share(w.SeenByExam, w.Scope)
	w.NeededNewPerDay = p.NewNeeded
	if w.Scope > 0 {
		w.Recall, w.HasRecall = plan.Recall/float64(w.Scope), true
	}
	return w
}

// share is n / of, or 1 when of is 0: an empty scope is covered.
func share(n, of int) float64 {
	if of == 0 {
		return 1
	}
	return float64(n) / float64(of)
}

// goodReview is Review(c, at, Good) for a card in review, worked out with
// go-fsrs's single-grade formulas (Parameters.NextState) instead of its
// scheduler, which allocates one per review and works out all four grades:
// the exam forecast follows every card to the exam this way, and was two
// fifths of a learner's first page. It applies only without fuzz, to a
// card in review at least a calendar day (UTC) after its last review; ok is
// false otherwise. TestGoodReview_IsReviewsGood holds it to Review.
func (s *Scheduler) goodReview(c Card, at time.Time) (Card, bool) {
	p := &s.f.Parameters
	if p.EnableFuzz || !p.EnableShortTerm || c.State != Review || c.LastReview.IsZero() {
		return c, false
	}
	elapsed := ElapsedDays(c.LastReview, at)
	if elapsed == 0 {
		return c, false
	}
	mem := &fsrs.MemoryState{Stability: c.Stability, Difficulty: c.Difficulty}
	hard := p.NextState(mem, p.RequestRetention, elapsed, Hard)
	good := p.NextState(mem, p.RequestRetention, elapsed, Good)
	interval := func(raw float64) float64 { return max(min(math.Round(raw), p.MaximumInterval), 1) }
	hardDays, goodDays := interval(hard.Interval), interval(good.Interval)
	hardDays = min(hardDays, goodDays)
	goodDays = max(goodDays, hardDays+1)
	next := c
	next.Stability, next.Difficulty = good.Memory.Stability, good.Memory.Difficulty
	next.ScheduledDays = uint64(goodDays)
	next.Due = at.Add(time.Duration(min(goodDays, p.MaximumInterval) * 24 * float64(time.Hour)))
	next.LastReview = at
	next.Reps++
	next.RemainingSteps = 0
	return next, true
}
