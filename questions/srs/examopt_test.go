package srs

import (
	"fmt"
	"testing"
	"time"
)

// mixedCards are n cards in review at different stabilities, last reviewed
// on different days before now, some due before the exam and some after.
func mixedCards(n int, now time.Time) []CardInfo {
	out := make([]CardInfo, n)
	for i := range out {
		last := now.AddDate(0, 0, -1-i%9)
		s := 1.5 + float64(i%7)*4
		due := last.Add(time.Duration(s * 24 * float64(time.Hour)))
		c := Card{State: Review, LastReview: last, Due: due, Stability: s, Difficulty: 3 + float64(i%5), Reps: 3,
			ScheduledDays: uint64(s)}
		out[i] = CardInfo{ID: fmt.Sprintf("c%d", i), Card: c}
	}
	return out
}

func mustPlanOptimal(t *testing.T, s *Scheduler, in OptimalInput) OptimalPlan {
	t.Helper()
	if in.Location == nil {
		in.Location = examZone
	}
	p, ok := s.PlanExamOptimal(in)
	if !ok {
		t.Fatalf("PlanExamOptimal(exam %v, now %v) gave no plan", in.Exam, in.Now)
	}
	return p
}

func TestPlanExamOptimal_StaysBeforeTheExamAndWithinTheLimit(t *testing.T) {
	s := plainScheduler(t)
	now := examAt(1, 18, 0)
	tests := []struct {
		name         string
		cards        int
		newRemaining int
		exam         int // day of March
		limit        int
	}{
		{"exam tomorrow", 60, 0, 2, 25},
		{"exam in a week, a tight limit", 200, 40, 8, 30},
		{"exam in three weeks", 120, 100, 22, 80},
		{"exam in two months: the window is the last 30 days", 150, 200, 31 + 30, 100},
		{"no limit", 80, 20, 10, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := OptimalInput{ExamInput: ExamInput{Cards: mixedCards(tt.cards, now), NewRemaining: tt.newRemaining,
				NewLimit: 20, Exam: examOn(tt.exam), Now: now}, ReviewsPerDay: tt.limit}
			p := mustPlanOptimal(t, s, in)
			if want := tt.exam - 1; p.DaysLeft != want {
				t.Fatalf("%d days left, want %d", p.DaysLeft, want)
			}
			perDay := make([]int, p.DaysLeft)
			for _, r := range p.Planned {
				if r.Day < 0 || r.Day >= p.DaysLeft {
					t.Fatalf("%s planned on day %d of %d: on or after the exam", r.ID, r.Day, p.DaysLeft)
				}
				if r.Day < p.WindowDay {
					t.Errorf("%s planned on day %d, before the window opens on day %d", r.ID, r.Day, p.WindowDay)
				}
				perDay[r.Day]++
			}
			for d, n := range p.Capped {
				if tt.limit > 0 && n > tt.limit {
					t.Errorf("day %d: %d reviews of cards in review, over the limit of %d", d, n, tt.limit)
				}
				if perDay[d] > n {
					t.Errorf("day %d: %d planned reviews but %d counted", d, perDay[d], n)
				}
			}
			if len(p.Planned) == 0 {
				t.Errorf("nothing planned")
			}
			if p.Cards != tt.cards+tt.newRemaining {
				t.Errorf("%d cards in the plan, want %d", p.Cards, tt.cards+tt.newRemaining)
			}
			if p.Recall <= 0 || p.Recall > float64(p.Cards) {
				t.Errorf("expected recall %.1f of %d cards", p.Recall, p.Cards)
			}
			if tt.exam > PlanWindowDays+1 && p.WindowDay != p.DaysLeft-PlanWindowDays {
				t.Errorf("window opens on day %d of %d", p.WindowDay, p.DaysLeft)
			}
		})
	}
}

func TestPlanExamOptimal_NoPlanOnExamDayOrAfter(t *testing.T) {
	s := plainScheduler(t)
	for _, now := range []time.Time{examAt(10, 9, 0), examAt(10, 23, 0), examAt(11, 3, 0), examAt(14, 12, 0)} {
		in := OptimalInput{ExamInput: ExamInput{Cards: mixedCards(10, now), NewLimit: 20, Exam: examOn(10), Now: now, Location: examZone}}
		if _, ok := s.PlanExamOptimal(in); ok {
			t.Errorf("now %v, exam on the 10th: a plan; want none", now)
		}
	}
}

// The night before, only today is left: what is planned is for today, and
// the cards most at risk at the exam are the ones planned.
func TestPlanExamOptimal_ExamTomorrowReviewsTheWeakestToday(t *testing.T) {
	s := plainScheduler(t)
	now := examAt(9, 18, 0)
	weak := Card{State: Review, LastReview: now.AddDate(0, 0, -6), Due: now.AddDate(0, 0, 1), Stability: 5, Difficulty: 6, Reps: 3}
	strong := Card{State: Review, LastReview: now.AddDate(0, 0, -1), Due: now.AddDate(0, 0, 60), Stability: 90, Difficulty: 3, Reps: 6}
	p := mustPlanOptimal(t, s, OptimalInput{ExamInput: ExamInput{
		Cards: []CardInfo{{ID: "weak", Card: weak}, {ID: "strong", Card: strong}}, NewLimit: 20, Exam: examOn(10), Now: now}})
	today := p.TodayIDs()
	if len(today) != 1 || today[0] != "weak" {
		t.Errorf("planned today %v; want [weak] (the strong card loses less than MinGain by the morning)", today)
	}
}

// A learner who skipped a week comes back to cards that are overdue: the
// plan still ends before the exam, catches up within the limit, and starts
// from the cards as they are.
func TestPlanExamOptimal_AfterASkippedWeek(t *testing.T) {
	s := plainScheduler(t)
	now := examAt(15, 18, 0)
	cards := mixedCards(150, examAt(8, 18, 0)) // last reviewed before the week off
	p := mustPlanOptimal(t, s, OptimalInput{ExamInput: ExamInput{Cards: cards, NewLimit: 20, Exam: examOn(20), Now: now}, ReviewsPerDay: 60})
	if p.Capped[0] > 60 {
		t.Errorf("%d reviews today, over the limit of 60", p.Capped[0])
	}
	if len(p.TodayIDs()) == 0 {
		t.Errorf("nothing planned today for overdue cards")
	}
	for _, r := range p.Planned {
		if r.Day >= p.DaysLeft {
			t.Errorf("%s planned on day %d, at or after the exam", r.ID, r.Day)
		}
	}
	// Reviews the learner can do raise the recall the plan expects.
	none := mustPlanOptimal(t, s, OptimalInput{ExamInput: ExamInput{Cards: cards, NewLimit: 20, Exam: examOn(20), Now: now}, ReviewsPerDay: 60, MinGain: 2})
	if len(none.Planned) != 0 || none.Recall >= p.Recall {
		t.Errorf("with no review worth doing: %d planned, recall %.1f; the plan's %.1f should be higher", len(none.Planned), none.Recall, p.Recall)
	}
}

// A higher desired retention asks less of each review, so plans more.
func TestPlanExamOptimal_RetentionSetsTheWork(t *testing.T) {
	now := examAt(1, 18, 0)
	in := OptimalInput{ExamInput: ExamInput{Cards: mixedCards(100, now), NewRemaining: 50, NewLimit: 10, Exam: examOn(15), Now: now, Location: examZone}}
	var last OptimalPlan
	for i, r := range []float64{0.8, 0.9, 0.95} {
		set := DefaultSettings()
		set.Fuzz = false
		set.DesiredRetention = r
		s, err := New(set)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := s.PlanExamOptimal(in)
		if i > 0 && (p.Total() <= last.Total() || p.Recall <= last.Recall) {
			t.Errorf("retention %.2f: %d reviews, recall %.1f; lower retention gave %d, %.1f", r, p.Total(), p.Recall, last.Total(), last.Recall)
		}
		last = p
	}
}

func TestMinGainFor(t *testing.T) {
	for _, tc := range []struct{ r, want float64 }{{0.8, 0.02}, {0.9, 0.005}, {0.95, 0.00125}} {
		if got := MinGainFor(tc.r); got < tc.want-1e-12 || got > tc.want+1e-12 {
			t.Errorf("MinGainFor(%.2f) = %g, want %g", tc.r, got, tc.want)
		}
	}
}

// BenchmarkPlanExamOptimal plans a learner's whole bank (561 cards, 300 of
// them seen) for an exam a month away, as a first page after a day's
// change does.
func BenchmarkPlanExamOptimal(b *testing.B) {
	set := DefaultSettings()
	s, err := New(set)
	if err != nil {
		b.Fatal(err)
	}
	now := examAt(1, 18, 0)
	in := OptimalInput{ExamInput: ExamInput{Cards: mixedCards(300, now), NewRemaining: 261, NewLimit: 20,
		Exam: examOn(31), Now: now, Location: examZone}, ReviewsPerDay: 200}
	b.ReportAllocs()
	for b.Loop() {
		s.PlanExamOptimal(in)
	}
}
