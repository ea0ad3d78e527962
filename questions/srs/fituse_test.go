package srs

import (
	"os"
	"testing"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
)

// slowForgetter is a learner who keeps first reviews far longer than the
// defaults expect and forgets along a steeper curve.
func slowForgetter() [21]float64 {
	w := [21]float64(fsrs.DefaultWeights())
	w[0], w[1], w[2], w[3] = 1.5, 4, 9, 30
	w[20] = 0.5
	w[10] = 2.2
	return w
}

func TestFitForUse_UsesWeightsOnlyWhenTheyBeatTheDefaultsHeldOut(t *testing.T) {
	tests := []struct {
		name      string
		log       []LoggedReview
		min       int
		use       bool
		fitted    bool // a fit was made and scored
		wantCause string
	}{
		{name: "too few reviews for a learner", log: simulateLog(slowForgetter(), 60, 3), min: MinLearnerReviews},
		{name: "too few for a class though enough for a learner", log: simulateLog(slowForgetter(), 200, 4), min: MinClassReviews},
		{name: "a learner unlike the defaults", log: simulateLog(slowForgetter(), 150, 5), min: MinLearnerReviews, use: true, fitted: true},
		{name: "a small log of a learner just like the defaults", log: simulateLog([21]float64(fsrs.DefaultWeights()), 15, 6), min: 100, fitted: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := FitForUse(tt.log, tt.min, FitOptions{Steps: 60})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d reviews, %d scored, %d held out: log loss default %.4f, fitted %.4f; refused: %q",
				rep.Reviews, rep.Scored, rep.HeldOut, rep.DefaultLogLoss, rep.FittedLogLoss, rep.Refused)
			if rep.Use != tt.use {
				t.Fatalf("Use = %v, want %v (refused: %q)", rep.Use, tt.use, rep.Refused)
			}
			if rep.Reviews != len(tt.log) {
				t.Errorf("Reviews = %d, want %d", rep.Reviews, len(tt.log))
			}
			if tt.fitted != (rep.HeldOut > 0) {
				t.Errorf("held out %d reviews; want a fit scored: %v", rep.HeldOut, tt.fitted)
			}
			if rep.Use {
				if !(rep.FittedLogLoss < rep.DefaultLogLoss) {
					t.Errorf("used weights scoring %.4f held out, the defaults %.4f", rep.FittedLogLoss, rep.DefaultLogLoss)
				}
				set := DefaultSettings()
				set.Weights = rep.Weights
				if _, err := New(set); err != nil {
					t.Errorf("the weights to use are refused by the scheduler: %v", err)
				}
				return
			}
			if rep.Weights != nil {
				t.Errorf("refused, yet weights %v returned", rep.Weights)
			}
			if rep.Refused == "" {
				t.Error("refused without a reason")
			}
			if rep.HeldOut > 0 && rep.FittedLogLoss < rep.DefaultLogLoss {
				t.Errorf("refused weights that scored %.4f held out, better than the defaults' %.4f", rep.FittedLogLoss, rep.DefaultLogLoss)
			}
		})
	}
}

// BenchmarkFitForUse_Class is one server fit, as the background job runs
// it (one worker), on the first 7,200 reviews of the Anki log (3,098 on a
// later day): a class just past MinClassReviews. About 3 s.
func BenchmarkFitForUse_Class(b *testing.B) {
	f, err := os.Open("testdata/review-log/anki_review_log.csv")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	log, err := ParseReviewLog(f)
	if err != nil {
		b.Fatal(err)
	}
	log = log[:7200]
	for b.Loop() {
		rep, err := FitForUse(log, MinClassReviews, FitOptions{Workers: 1})
		if err != nil || rep.HeldOut == 0 {
			b.Fatalf("%+v, %v; want a fit", rep, err)
		}
		b.ReportMetric(rep.DefaultLogLoss, "default-logloss")
		b.ReportMetric(rep.FittedLogLoss, "fitted-logloss")
	}
}
