package srs

import (
	"errors"
	"fmt"
)

// The server's rule for using fitted weights (issue 16): a class's weights
// are fitted to its students' pooled reviews, a learner's to their own, and
// either is used only if it passes the held-out test in FitForUse.
const (
	// MinClassReviews is the fewest scored reviews (on a later day than
	// the card's previous one) of a class's students before the class gets
	// fitted weights: a fifth of them, about 600, is held out, enough to
	// tell a real gain in log loss from chance.
	MinClassReviews = 3000
	// MinLearnerReviews is the fewest scored reviews of a learner's own
	// before they get weights of their own, which then take precedence over
	// their class's.
	MinLearnerReviews = 1000
	// FitSteps is the gradient steps of a server fit. On the 12,580-review
	// Anki log, 100, 150 and 300 steps all score 0.4496 held out (defaults
	// 0.4508), taking 6, 9 and 19 seconds on one core.
	FitSteps = 100
	// FitShare is the share of the reviews, by time, the weights are fitted
	// to; the rest is held out to test them.
	FitShare = 0.8
)

// FitReport is the outcome of FitForUse.
type FitReport struct {
	Reviews int // reviews in the log
	Scored  int // reviews on a later day than their card's previous one
	HeldOut int // scored reviews in the held-out newest part
	// DefaultLogLoss and FittedLogLoss are the held-out log losses of the
	// default and the fitted weights; zero when no fit was made.
	DefaultLogLoss, FittedLogLoss float64
	// Weights are the fitted weights, set only when Use is.
	Weights []float64
	// Use says the weights may be used: they predicted the held-out
	// reviews better than the defaults.
	Use bool
	// Refused says why not, when Use is false.
	Refused string
}

// FitForUse decides whether weights fitted to reviews may schedule them:
// with at least minScored scored reviews, it fits weights to the first
// FitShare of the reviews by time and scores them and the defaults on the
// rest, and accepts the fitted weights only if their held-out log loss is
// lower than the defaults'. The weights it returns are the ones so tested
// (fitted before the cut), never a refit that was not held to the rule.
// opts.Steps defaults to FitSteps.
func FitForUse(reviews []LoggedReview, minScored int, opts FitOptions) (FitReport, error) {
	_, scored := logSteps(groupByCard(reviews), func(LoggedReview) bool { return true })
	rep := FitReport{Reviews: len(reviews), Scored: scored}
	if scored < max(minScored, MinFitReviews) {
		rep.Refused = fmt.Sprintf("%d reviews on a later day, fewer than the %d needed", scored, max(minScored, MinFitReviews))
		return rep, nil
	}
	if opts.Steps <= 0 {
		opts.Steps = FitSteps
	}
	split, err := TimeSplit(reviews, FitShare, opts)
	if errors.Is(err, ErrTooFewReviews) {
		rep.Refused = "too few reviews before the held-out part to fit"
		return rep, nil
	}
	if err != nil {
		return rep, err
	}
	rep.HeldOut = split.Fitted.Reviews
	rep.DefaultLogLoss, rep.FittedLogLoss = split.Default.LogLoss, split.Fitted.LogLoss
	set := DefaultSettings()
	set.Weights = split.Weights
	switch {
	case rep.HeldOut == 0:
		rep.Refused = "no held-out review to test the weights on"
	case !(split.Fitted.LogLoss < split.Default.LogLoss):
		rep.Refused = fmt.Sprintf("held-out log loss %.4f, no better than the defaults' %.4f",
			split.Fitted.LogLoss, split.Default.LogLoss)
	default:
		if _, err := New(set); err != nil {
			rep.Refused = fmt.Sprintf("fitted weights rejected by the scheduler: %v", err)
			break
		}
		rep.Weights, rep.Use = split.Weights, true
	}
	return rep, nil
}
