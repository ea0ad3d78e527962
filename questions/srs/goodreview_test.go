package srs

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// The forecast's shortcut gives what the scheduler gives for Good, over
// cards in review of every stability and difficulty, reviewed early, on
// time and late.
func TestGoodReview_IsReviewsGood(t *testing.T) {
	settings := DefaultSettings()
	settings.Fuzz = false // as the forecast runs it
	s, err := New(settings)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2026, 3, 10, 7, 30, 0, 0, time.UTC)
	checked := 0
	for range 5000 {
		last := base.Add(-time.Duration(r.IntN(400*24)) * time.Hour)
		c := Card{State: Review, Stability: 0.5 + r.Float64()*300, Difficulty: 1 + r.Float64()*9, Reps: uint64(1 + r.IntN(20)),
			Lapses: uint64(r.IntN(3)), LastReview: last, ScheduledDays: uint64(1 + r.IntN(200))}
		c.Due = last.Add(time.Duration(c.ScheduledDays) * 24 * time.Hour)
		at := last.Add(time.Duration(1+r.IntN(500*24)) * time.Hour)
		got, ok := s.goodReview(c, at)
		if !ok {
			continue
		}
		want, err := s.Review(c, at, Good)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
		if !close(got.Stability, want.Stability) || !close(got.Difficulty, want.Difficulty) || !got.Due.Equal(want.Due) ||
			got.ScheduledDays != want.ScheduledDays || got.Reps != want.Reps || got.Lapses != want.Lapses || got.State != want.State ||
			!got.LastReview.Equal(want.LastReview) || got.RemainingSteps != want.RemainingSteps {
			t.Fatalf("card %+v at %v:\n got %+v\nwant %+v", c, at, got, want)
		}
	}
	if checked < 4000 {
		t.Errorf("only %d of 5000 cards took the shortcut", checked)
	}
}
