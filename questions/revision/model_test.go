package revision

import (
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// A learner whose class's fitted weights remember a first Good for nine
// days, not the defaults' two, has their cards scheduled by them; weights
// the scheduler refuses give way to the defaults instead of an error page.
func TestScheduler_UsesTheFittedWeightsThatApply(t *testing.T) {
	def := fsrs.DefaultWeights()
	fitted := def
	fitted[2] = 9
	bad := def
	bad[2] = -1
	tests := []struct {
		name          string
		model         questions.ModelFit
		wantStability float64
	}{
		{"defaults", questions.ModelFit{}, def[2]},
		{"the class's fit", questions.ModelFit{Weights: fitted[:], Scope: questions.FitClass, Reviews: 4310}, 9},
		{"weights out of range", questions.ModelFit{Weights: bad[:], Scope: questions.FitLearner, Reviews: 1204}, def[2]},
		{"too few weights", questions.ModelFit{Weights: fitted[:20], Scope: questions.FitLearner, Reviews: 1204}, def[2]},
	}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := questions.DefaultReviewSettings()
			rs.Model = tt.model
			sched, err := Scheduler(rs)
			if err != nil {
				t.Fatalf("Scheduler: %v", err)
			}
			c, err := sched.Review(srs.NewCard(now), now, srs.Good)
			if err != nil {
				t.Fatal(err)
			}
			if c.Stability != tt.wantStability {
				t.Errorf("a new card rated Good has stability %v; want %v", c.Stability, tt.wantStability)
			}
		})
	}
}
