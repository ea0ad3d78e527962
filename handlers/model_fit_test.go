package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/srs"
)

// The settings page says which weights schedule the learner's reviews: the
// defaults and when fitting starts, then the fitted weights and how they
// beat the defaults, which the review page then uses without an error.
func TestSettings_ShowsWhichWeightsScheduleTheReviews(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	if res := c.post("/settings", "/settings", settingsForm("")); res.status != http.StatusSeeOther { // makes learner 1
		t.Fatalf("save settings: %d", res.status)
	}
	res := c.get("/settings")
	if got := byTestID(res, "model-fit"); !strings.Contains(got, "FSRS-6's default weights") || !strings.Contains(got, "1,000 reviews") {
		t.Errorf("before any fit the page says %q; want the defaults and when fitting starts", got)
	}
	w := fsrs.DefaultWeights()
	w[2] = 9
	rep := srs.FitReport{Reviews: 1204, Scored: 1100, HeldOut: 220, DefaultLogLoss: 0.447, FittedLogLoss: 0.431, Weights: w[:], Use: true}
	if err := h.store.SaveFit(context.Background(), db.FitTarget{Scope: questions.FitLearner, ID: 1, Reviews: 1204, LastReviewID: 1}, rep); err != nil {
		t.Fatal(err)
	}
	res = c.get("/settings")
	want := "Your reviews are scheduled with FSRS-6 weights fitted to your 1,204 reviews: on the newest fifth they predicted recall better than the defaults (log loss 0.431 vs 0.447)."
	if got := byTestID(res, "model-fit"); got != want {
		t.Errorf("after a fit the page says %q; want %q", got, want)
	}
	if res := c.get("/review"); res.status != http.StatusOK {
		t.Errorf("review page with fitted weights: %d", res.status)
	}
}
