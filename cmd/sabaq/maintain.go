package main

import (
	"context"
	"log/slog"
	"time"

	"sabaq/db"
)

// maintainEvery is how often the server tidies its database.
const maintainEvery = 24 * time.Hour

// maintain tidies the database at start-up and then daily until ctx ends:
// it forgets pictures no question shows (db.Store.PruneMedia), giving
// teachers back the quota of pictures in questions they deleted. A picture
// stored in the last day is left alone: its form may still be open. It also
// deletes anonymous learners made over 30 days ago who left nothing behind
// (db.Store.PruneAnonymousLearners).
func maintain(ctx context.Context, store *db.Store, logger *slog.Logger) {
	t := time.NewTicker(maintainEvery)
	defer t.Stop()
	for {
		n, err := store.PruneMedia(ctx, time.Now().Add(-24*time.Hour))
		switch {
		case err != nil && ctx.Err() == nil:
			logger.Error("maintenance: pictures", "err", err)
		case n > 0:
			logger.Info("maintenance: pictures no question shows removed", "n", n)
		}
		n, err = store.PruneAnonymousLearners(ctx, time.Now().AddDate(0, 0, -30))
		switch {
		case err != nil && ctx.Err() == nil:
			logger.Error("maintenance: anonymous learners", "err", err)
		case n > 0:
			logger.Info("maintenance: anonymous learners who left nothing removed", "n", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
