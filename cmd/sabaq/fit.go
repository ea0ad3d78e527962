package main

import (
	"context"
	"log/slog"
	"time"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/srs"
)

// fitWeights fits FSRS-6 weights at start-up and then daily until ctx
// ends (refit), beside maintain and never in a request.
func fitWeights(ctx context.Context, store *db.Store, logger *slog.Logger) {
	t := time.NewTicker(maintainEvery)
	defer t.Stop()
	for {
		refit(ctx, store, logger)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// refit fits weights to the pooled reviews of every class whose students
// have made srs.MinClassReviews reviews and to the own reviews of every
// learner with srs.MinLearnerReviews, skipping those whose reviews are the
// ones their last fit saw, and stores each outcome: weights that predicted
// the held-out newest fifth better than the defaults are applied, others
// refused (srs.FitForUse). Fits run one at a time on one core, so that a
// two-core server keeps a core for its pages; each takes seconds (README,
// Fitting the weights). It returns how many fits it applied and refused.
func refit(ctx context.Context, store *db.Store, logger *slog.Logger) (applied, refused int) {
	targets, err := store.FitTargets(ctx, srs.MinLearnerReviews, srs.MinClassReviews)
	if err != nil {
		if ctx.Err() == nil {
			logger.Error("fitting weights: listing classes and learners", "err", err)
		}
		return 0, 0
	}
	for _, t := range targets {
		if ctx.Err() != nil {
			return applied, refused
		}
		log, read, err := store.ReviewLog(ctx, t)
		if err != nil {
			if ctx.Err() == nil {
				logger.Error("fitting weights: reading reviews", "of", t.String(), "err", err)
			}
			continue
		}
		need := srs.MinLearnerReviews
		if t.Scope == questions.FitClass {
			need = srs.MinClassReviews
		}
		start := time.Now()
		rep, err := srs.FitForUse(log, need, srs.FitOptions{Workers: 1})
		if err != nil {
			logger.Error("fitting weights", "of", t.String(), "err", err)
			continue
		}
		if err := store.SaveFit(ctx, read, rep); err != nil {
			if ctx.Err() == nil {
				logger.Error("fitting weights: saving", "of", t.String(), "err", err)
			}
			continue
		}
		attrs := []any{"of", t.String(), "reviews", rep.Reviews, "scored", rep.Scored, "held_out", rep.HeldOut,
			"log_loss_default", rep.DefaultLogLoss, "log_loss_fitted", rep.FittedLogLoss,
			"took", time.Since(start).Round(time.Millisecond)}
		if rep.Use {
			applied++
			logger.Info("fitted weights applied", attrs...)
		} else {
			refused++
			logger.Info("fitted weights refused", append(attrs, "why", rep.Refused)...)
		}
	}
	return applied, refused
}
