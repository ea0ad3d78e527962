package srs

import (
	"fmt"
	"math"
	"testing"
	"time"
)

func plainScheduler(t *testing.T) *Scheduler {
	t.Helper()
	set := DefaultSettings()
	set.Fuzz = false
	s, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// reviewCards makes n cards in review, last reviewed a week before now and
// due on the given day of March.
func reviewCards(n int, dueDay int) []CardInfo {
	out := make([]CardInfo, n)
	for i := range out {
		out[i] = CardInfo{ID: fmt.Sprintf("r%d", i), Card: examCard(examAt(1, 9, 0).AddDate(0, 0, -7), examAt(dueDay, 9, 0))}
	}
	return out
}

func TestEstimateWorkload(t *testing.T) {
	s := plainScheduler(t)
	now := examAt(1, 10, 0) // 10 learner days to an exam on the 11th
	tests := []struct {
		name string
		in   WorkloadInput
		// what the learner is told
		daysLeft, scope, seenByExam int
		newPerDay, newDays, needed  int
		covered, withinLimits       bool
		hasRecall                   bool
		reviews                     bool // any reviews planned
	}{
		{
			name:     "whole bank: 856 new at 20 a day for 10 days is 200 seen, 86 a day needed",
			in:       WorkloadInput{ExamInput: ExamInput{NewRemaining: 856, NewLimit: 20, Exam: examOn(11), Now: now}, ReviewsPerDay: 9999},
			daysLeft: 10, scope: 856, seenByExam: 200, newPerDay: 20, newDays: 10, needed: 86,
			covered: false, withinLimits: false, hasRecall: true, reviews: true,
		},
		{
			name:     "a scope of 40 at 20 a day is covered in the first 2 days",
			in:       WorkloadInput{ExamInput: ExamInput{NewRemaining: 40, NewLimit: 20, Exam: examOn(11), Now: now}, ReviewsPerDay: 200},
			daysLeft: 10, scope: 40, seenByExam: 40, newPerDay: 20, newDays: 2, needed: 4,
			covered: true, withinLimits: true, hasRecall: true, reviews: true,
		},
		{
			name:     "already covered: every card seen, no new ones",
			in:       WorkloadInput{ExamInput: ExamInput{Cards: reviewCards(30, 4), NewLimit: 20, Exam: examOn(11), Now: now}, ReviewsPerDay: 200},
			daysLeft: 10, scope: 30, seenByExam: 30, newPerDay: 0, newDays: 0, needed: 0,
			covered: true, withinLimits: true, hasRecall: true, reviews: true,
		},
		{
			name:     "empty scope: nothing to do, covered",
			in:       WorkloadInput{ExamInput: ExamInput{NewLimit: 20, Exam: examOn(11), Now: now}, ReviewsPerDay: 200},
			daysLeft: 10, scope: 0, seenByExam: 0, newPerDay: 0, newDays: 0, needed: 0,
			covered: true, withinLimits: true, hasRecall: false, reviews: false,
		},
		{
			name:     "a limit of 0: nothing new is shown, 4 a day needed",
			in:       WorkloadInput{ExamInput: ExamInput{Cards: reviewCards(5, 3), NewRemaining: 35, NewLimit: 0, Exam: examOn(11), Now: now}, ReviewsPerDay: 200},
			daysLeft: 10, scope: 40, seenByExam: 5, newPerDay: 0, newDays: 0, needed: 4,
			covered: false, withinLimits: false, hasRecall: true, reviews: true,
		},
		{
			name:     "a scope of 3 new cards: 3 on the first day, not the limit",
			in:       WorkloadInput{ExamInput: ExamInput{NewRemaining: 3, NewLimit: 20, Exam: examOn(11), Now: now}, ReviewsPerDay: 200},
			daysLeft: 10, scope: 3, seenByExam: 3, newPerDay: 3, newDays: 1, needed: 1,
			covered: true, withinLimits: true, hasRecall: true, reviews: true,
		},
		{
			name:     "exam tomorrow: one day of new cards",
			in:       WorkloadInput{ExamInput: ExamInput{NewRemaining: 30, NewLimit: 20, Exam: examOn(2), Now: now}, ReviewsPerDay: 200},
			daysLeft: 1, scope: 30, seenByExam: 20, newPerDay: 20, newDays: 1, needed: 30,
			covered: false, withinLimits: false, hasRecall: true, reviews: true,
		},
		{
			name:     "exam today: nothing planned, recall as things stand",
			in:       WorkloadInput{ExamInput: ExamInput{Cards: reviewCards(10, 3), NewRemaining: 10, NewLimit: 20, Exam: examOn(1), Now: now}, ReviewsPerDay: 200},
			daysLeft: 0, scope: 20, seenByExam: 10, newPerDay: 0, newDays: 0, needed: 0,
			covered: false, withinLimits: false, hasRecall: true, reviews: false,
		},
		{
			name:     "exam past: nothing planned, no recall",
			in:       WorkloadInput{ExamInput: ExamInput{Cards: reviewCards(10, 3), NewLimit: 20, Exam: time.Date(2025, 2, 20, 0, 0, 0, 0, time.UTC), Now: now}, ReviewsPerDay: 200},
			daysLeft: -9, scope: 10, seenByExam: 10, newPerDay: 0, newDays: 0, needed: 0,
			covered: true, withinLimits: true, hasRecall: false, reviews: false,
		},
		{
			name:     "60 cards due on one day, a limit of 50: the plan keeps to it",
			in:       WorkloadInput{ExamInput: ExamInput{Cards: reviewCards(60, 4), NewLimit: 20, Exam: examOn(11), Now: now}, ReviewsPerDay: 50},
			daysLeft: 10, scope: 60, seenByExam: 60, newPerDay: 0, newDays: 0, needed: 0,
			covered: true, withinLimits: true, hasRecall: true, reviews: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Location = examZone
			w := s.EstimateWorkload(tt.in)
			if w.DaysLeft != tt.daysLeft || w.Scope != tt.scope || w.SeenByExam != tt.seenByExam {
				t.Errorf("days left, scope, seen by exam = %d, %d, %d; want %d, %d, %d",
					w.DaysLeft, w.Scope, w.SeenByExam, tt.daysLeft, tt.scope, tt.seenByExam)
			}
			if w.NewPerDay != tt.newPerDay || w.NewDays != tt.newDays || w.NeededNewPerDay != tt.needed {
				t.Errorf("new a day, new days, needed = %d, %d, %d; want %d, %d, %d",
					w.NewPerDay, w.NewDays, w.NeededNewPerDay, tt.newPerDay, tt.newDays, tt.needed)
			}
			if w.NewPerDay > tt.in.NewLimit {
				t.Errorf("%d new cards a day, over the limit of %d", w.NewPerDay, tt.in.NewLimit)
			}
			if w.Covered() != tt.covered || w.WithinLimits() != tt.withinLimits {
				t.Errorf("covered, within limits = %v, %v; want %v, %v", w.Covered(), w.WithinLimits(), tt.covered, tt.withinLimits)
			}
			if want := share(tt.seenByExam, tt.scope); math.Abs(w.Coverage-want) > 1e-9 {
				t.Errorf("coverage %.3f, want %.3f", w.Coverage, want)
			}
			if w.HasRecall != tt.hasRecall {
				t.Errorf("has recall %v, want %v", w.HasRecall, tt.hasRecall)
			}
			// An unseen card is not recalled, and a seen one at most surely.
			if w.HasRecall && (w.Recall < 0 || w.Recall > w.Coverage+1e-9) {
				t.Errorf("recall %.3f beyond coverage %.3f", w.Recall, w.Coverage)
			}
			if (w.Reviews > 0) != tt.reviews {
				t.Errorf("%d reviews planned; want any: %v", w.Reviews, tt.reviews)
			}
			if w.Reviews > 0 && (w.PeakReviews < w.AvgReviews || w.AvgReviews != (w.Reviews+w.DaysLeft-1)/w.DaysLeft) {
				t.Errorf("reviews %d, average %d, peak %d over %d days", w.Reviews, w.AvgReviews, w.PeakReviews, w.DaysLeft)
			}
			if limit := tt.in.ReviewsPerDay; w.PeakCapped > limit {
				t.Errorf("%d reviews of cards in review on the busiest day, over the limit of %d", w.PeakCapped, limit)
			}
			if w.PeakCapped > w.PeakReviews {
				t.Errorf("peak of capped reviews %d above the peak of all %d", w.PeakCapped, w.PeakReviews)
			}
		})
	}
}

func TestEstimateWorkload_AtTheNeededLimitTheScopeIsCovered(t *testing.T) {
	s := plainScheduler(t)
	in := WorkloadInput{ExamInput: ExamInput{Cards: reviewCards(20, 5), NewRemaining: 836, NewToday: 7, NewLimit: 20,
		Exam: examOn(13), Now: examAt(1, 10, 0), Location: examZone}, ReviewsPerDay: 9999}
	w := s.EstimateWorkload(in)
	if w.Covered() {
		t.Fatalf("%d new cards at 20 a day for %d days: covered?", in.NewRemaining, w.DaysLeft)
	}
	in.NewLimit = w.NeededNewPerDay
	raised := s.EstimateWorkload(in)
	if !raised.Covered() || raised.SeenByExam != raised.Scope {
		t.Errorf("at the needed limit %d: %d of %d seen", w.NeededNewPerDay, raised.SeenByExam, raised.Scope)
	}
	if raised.AvgReviews <= w.AvgReviews || raised.Recall <= w.Recall {
		t.Errorf("raising the limit: reviews a day %d→%d, recall %.2f→%.2f; want both higher",
			w.AvgReviews, raised.AvgReviews, w.Recall, raised.Recall)
	}
	in.NewLimit = w.NeededNewPerDay - 1
	if s.EstimateWorkload(in).Covered() {
		t.Errorf("one below the needed limit, %d, still covers the scope", in.NewLimit)
	}
}

func TestEstimateWorkload_AgreesWithTheForecast(t *testing.T) {
	s := plainScheduler(t)
	in := ExamInput{Cards: append(reviewCards(15, 3), reviewCards(10, 20)...), NewRemaining: 90, NewLimit: 15,
		Exam: examOn(11), Now: examAt(1, 10, 0), Location: examZone}
	for i := range in.Cards {
		in.Cards[i].ID = fmt.Sprintf("c%d", i)
	}
	f := mustPlanOptimal(t, s, OptimalInput{ExamInput: in, ReviewsPerDay: 200}).Forecast()
	w := s.EstimateWorkload(WorkloadInput{ExamInput: in, ReviewsPerDay: 200})
	if w.Reviews != f.Reviews || w.AvgReviews != f.PerDay || w.DaysLeft != f.Days || math.Abs(w.Recall-f.Recall) > 1e-9 {
		t.Errorf("workload %d reviews, %d a day, %d days, recall %.3f; forecast %+v", w.Reviews, w.AvgReviews, w.DaysLeft, w.Recall, f)
	}
}

func TestEstimateWorkload_RecallRisesWithCoverage(t *testing.T) {
	s := plainScheduler(t)
	base := WorkloadInput{ExamInput: ExamInput{NewRemaining: 100, Exam: examOn(11), Now: examAt(1, 10, 0), Location: examZone}, ReviewsPerDay: 9999}
	prev := -1.0
	for _, limit := range []int{0, 5, 10, 20} {
		in := base
		in.NewLimit = limit
		w := s.EstimateWorkload(in)
		if w.Recall <= prev && limit > 0 {
			t.Errorf("limit %d: recall %.3f, not above %.3f at a lower limit", limit, w.Recall, prev)
		}
		// A card shown and reviewed as planned is well remembered on exam
		// morning: the recall is most of the coverage.
		if w.Recall < 0.8*w.Coverage {
			t.Errorf("limit %d: recall %.3f, coverage %.3f", limit, w.Recall, w.Coverage)
		}
		prev = w.Recall
	}
}
