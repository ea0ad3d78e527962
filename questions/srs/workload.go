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
// exam: the plan PlanExam makes (new cards at the learner's limit, never
// more; top-ups in the last days), followed day by day as ForecastExam does
// with every answer Good, with the new-card limit that would cover the scope
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
	r := s.runExam(in.ExamInput, p)
	w.Reviews = r.total
	w.AvgReviews = (r.total + p.DaysLeft - 1) / p.DaysLeft
	for i := range r.reviews {
		w.PeakReviews = max(w.PeakReviews, r.reviews[i])
		w.PeakCapped = max(w.PeakCapped, r.capped[i])
	}
	w.NewPerDay, w.NewDays = r.maxIntake, r.newDays
	w.SeenByExam = w.Seen + r.introduced
	w.Coverage = share(w.SeenByExam, w.Scope)
	w.NeededNewPerDay = p.NewNeeded
	if w.Scope > 0 {
		w.Recall, w.HasRecall = r.recall/float64(w.Scope), true
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

// examRun is a plan followed from now to the exam with every answer Good.
type examRun struct {
	s      *Scheduler
	p      ExamPlan
	offset time.Duration // how far now is into its learner day

	reviews []int // reviews on each learner day from today
	capped  []int // of them, reviews of cards in review state
	// extraTopUps counts top-ups of cards the plan does not know of yet
	// (due before the exam now, or still new): spread over the window at
	// the end, as PlanExam will spread them.
	extraTopUps int

	cards      int     // distinct cards with work before the exam
	total      int     // reviews until the exam
	introduced int     // new cards shown
	newDays    int     // days taking new cards
	maxIntake  int     // the most new cards taken on a day
	recall     float64 // summed predicted recall at the exam of every card shown by then
}

// runExam follows plan p, made from in, to the exam: each card shown is
// reviewed Good whenever it falls due, those needing one get a top-up in
// the window, and new cards come at the plan's daily intake.
func (s *Scheduler) runExam(in ExamInput, p ExamPlan) *examRun {
	if s.settings.Fuzz {
		// An estimate needs no fuzz, and fuzz costs half of each step:
		// go-fsrs seeds a generator from the card for every review.
		plain := s.settings
		plain.Fuzz = false
		if ps, err := New(plain); err == nil {
			s = ps
		}
	}
	r := &examRun{s: s, p: p, offset: in.Now.Sub(p.Today),
		reviews: make([]int, p.DaysLeft), capped: make([]int, p.DaysLeft)}
	topUp := make(map[string]time.Time, len(p.TopUps))
	for _, t := range p.TopUps {
		topUp[t.ID] = t.Day
	}
	for _, c := range in.Cards {
		if c.Card.State == StateNew {
			continue
		}
		card, n := c.Card, 0
		if day, ok := topUp[c.ID]; ok {
			card, n = r.review(card, r.at(day), 1), 1
		} else {
			card, n = r.follow(card, in.Now, 1)
		}
		if n > 0 {
			r.cards++
			r.total += n
		}
		r.recall += s.Retrievability(card, p.Exam)
	}
	left := p.NewRemaining
	intake := p.NewLeftToday
	for day := 0; day < p.DaysLeft && left > 0; day++ {
		if k := min(intake, left); k > 0 {
			// A day's new cards all follow the same path: follow one.
			card, n := r.follow(NewCard(r.at(addDays(p.Today, day))), r.at(addDays(p.Today, day)), k)
			r.cards += k
			r.total += k * n
			r.introduced += k
			r.newDays++
			r.maxIntake = max(r.maxIntake, k)
			r.recall += float64(k) * s.Retrievability(card, p.Exam)
			left -= k
		}
		intake = p.NewPerDay
	}
	if r.extraTopUps > 0 {
		first := r.windowFirst()
		for i, q := range spreadEvenly(r.extraTopUps, dayNumber(p.Exam)-dayNumber(first)) {
			d := r.day(addDays(first, i))
			r.reviews[d] += q
			r.capped[d] += q
		}
	}
	return r
}

// follow reviews k identical cards Good each time they fall due from now
// until the exam, adding a top-up if they would need one, and returns the
// card after and the reviews each took.
func (r *examRun) follow(c Card, now time.Time, k int) (Card, int) {
	n := 0
	at := now
	if c.Due.After(at) {
		at = c.Due
	}
	// The cap only guards against a card that never leaves its steps.
	for ; at.Before(r.p.Exam) && n < 100; n++ {
		next, ok := r.s.goodReview(c, at)
		if !ok {
			var err error
			if next, err = r.s.Review(c, at, Good); err != nil {
				break
			}
		}
		d := r.day(at)
		r.reviews[d] += k
		if c.State == Review {
			r.capped[d] += k
		}
		c = next
		if c.Due.After(at) {
			at = c.Due
		}
	}
	if n > 0 && c.State == Review && !c.Due.Before(r.p.Exam) && c.LastReview.Before(r.p.WindowStart) {
		// Its top-up, on a day the plan will choose: counted on the window's
		// days at the end, and for its recall taken mid-window.
		r.extraTopUps += k
		first := r.windowFirst()
		mid := addDays(first, (dayNumber(r.p.Exam)-dayNumber(first)-1)/2)
		if next, err := r.s.Review(c, r.at(mid), Good); err == nil {
			c = next
		}
		n++
	}
	return c, n
}

// review is one Good review of k cards in review at a planned moment.
func (r *examRun) review(c Card, at time.Time, k int) Card {
	d := r.day(at)
	r.reviews[d] += k
	r.capped[d] += k
	if next, err := r.s.Review(c, at, Good); err == nil {
		return next
	}
	return c
}

// at is the moment on the learner day starting at dayStart that is as far
// into it as now is into today.
func (r *examRun) at(dayStart time.Time) time.Time { return dayStart.Add(r.offset) }

// windowFirst is the first day of the top-up window still to come.
func (r *examRun) windowFirst() time.Time {
	if r.p.Today.After(r.p.WindowStart) {
		return r.p.Today
	}
	return r.p.WindowStart
}

// day is the index from today of the learner day holding t.
func (r *examRun) day(t time.Time) int {
	d := dayNumber(DayStart(t, r.p.Today.Location())) - dayNumber(r.p.Today)
	return min(max(d, 0), len(r.reviews)-1)
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
