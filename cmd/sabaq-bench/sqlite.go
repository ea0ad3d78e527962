package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver

	"sabaq/db"
	"sabaq/questions/srs"
)

// writerDSN opens path as db.Open opens its one writer connection: WAL,
// a 5 s busy timeout, foreign keys, synchronous=FULL (an fsync per commit)
// and BEGIN IMMEDIATE (and sqliteCeiling checkpoints as the store does).
// The ceiling must pay what the server pays.
func writerDSN(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// cardVersions is each seeded learner's card versions, as a copy of the
// database has them.
func cardVersions(learners []db.SeededLearner) [][]int32 {
	out := make([][]int32, len(learners))
	for i, l := range learners {
		out[i] = make([]int32, len(l.Cards))
		for k, c := range l.Cards {
			out[i][k] = c.Version
		}
	}
	return out
}

// sqliteCeiling commits the review transaction a grade commits (the card
// moved one version on, a review_logs row added) as fast as it can on a
// copy of the seeded database, from goroutines sharing one writer
// connection, as the server's store does. Each goroutine has its own
// learners, so versions never conflict; a conflict counts as an error.
func sqliteCeiling(path string, learners []db.SeededLearner, versions [][]int32, qs []db.SeedQuestion, goroutines int, warmup, window time.Duration) (loadResult, error) {
	ctx := context.Background()
	conn, err := sql.Open("sqlite3", writerDSN(path))
	if err != nil {
		return loadResult{}, err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	var mode string
	var syncMode int
	if err := conn.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		return loadResult{}, err
	}
	if err := conn.QueryRow(`PRAGMA synchronous`).Scan(&syncMode); err != nil {
		return loadResult{}, err
	}
	if mode != "wal" || syncMode != 2 {
		return loadResult{}, fmt.Errorf("sqlite ceiling: journal_mode %s, synchronous %d; want wal and 2 (FULL)", mode, syncMode)
	}
	// As the store does: no checkpoints on commit, passive ones from a
	// second connection every db.CheckpointEvery.
	if _, err := conn.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
		return loadResult{}, err
	}
	ckpt, err := sql.Open("sqlite3", writerDSN(path))
	if err != nil {
		return loadResult{}, err
	}
	defer ckpt.Close()
	stopCkpt := make(chan struct{})
	defer close(stopCkpt)
	go db.Checkpoints(ckpt, db.CheckpointEvery, stopCkpt)
	update, err := conn.PrepareContext(ctx, `UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, reps = ?,
			lapses = ?, last_review = ?, scheduled_days = ?, remaining_steps = ?, version = version + 1
		WHERE learner_id = ? AND question_id = ? AND version = ?`)
	if err != nil {
		return loadResult{}, err
	}
	defer update.Close()
	insert, err := conn.PrepareContext(ctx, `INSERT INTO review_logs (learner_id, question_id, event_id, rating, state_before,
			card_before, card_after, elapsed_days, reviewed_at, duration_ms, mode, answer)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return loadResult{}, err
	}
	defer insert.Close()

	// The card JSON a real review writes, twice (before and after).
	now := time.Now()
	card := srs.Card{State: srs.Review, Due: now.Add(240 * time.Hour), Stability: 11.73, Difficulty: 5.21,
		ScheduledDays: 10, Reps: 6, Lapses: 1, LastReview: now}
	cj, _ := json.Marshal(card)
	cardJSON := string(cj)

	commit := func(r *rand.Rand, li int) error {
		l := &learners[li]
		k := r.IntN(len(l.Cards))
		q := qs[l.Cards[k].Question]
		at := time.Now()
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback() //nolint:errcheck // a no-op after Commit
		res, err := tx.StmtContext(ctx, update).ExecContext(ctx, int(srs.Review), at.Add(240*time.Hour).UnixMilli(), 11.73, 5.21,
			6, 1, at.UnixMilli(), 10, 0, l.ID, q.ID, versions[li][k])
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("card %d/%s not at version %d", l.ID, q.ID, versions[li][k])
		}
		if _, err := tx.StmtContext(ctx, insert).ExecContext(ctx, l.ID, q.ID, q.EventID, 3, int(srs.Review), cardJSON, cardJSON,
			9.8, at.UnixMilli(), 4200, "flashcard", nil); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		versions[li][k]++
		return nil
	}

	var phase atomic.Int32 // 0 warming, 1 measuring, 2 done
	hists := make([]histogram, goroutines)
	errs := make([]uint64, goroutines)
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(7, uint64(g)))
			var mine []int
			for li := g; li < len(learners); li += goroutines {
				mine = append(mine, li)
			}
			for {
				p := phase.Load()
				if p == 2 {
					return
				}
				start := time.Now()
				err := commit(r, mine[r.IntN(len(mine))])
				d := time.Since(start)
				if p != 1 || phase.Load() != 1 {
					continue
				}
				hists[g].record(d)
				if err != nil {
					errs[g]++
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		}()
	}
	time.Sleep(warmup)
	cpu0, all0 := selfCPU(), machineBusy()
	start := time.Now()
	phase.Store(1)
	time.Sleep(window)
	phase.Store(2)
	elapsed := time.Since(start)
	cpu1, all1 := selfCPU(), machineBusy()
	wg.Wait()
	var res loadResult
	for g := range goroutines {
		res.hist.merge(&hists[g])
		res.errors += errs[g]
	}
	res.requests, res.window = res.hist.n, elapsed
	res.genCores = (cpu1 - cpu0).Seconds() / elapsed.Seconds()
	res.otherCores = max(0, (all1-all0).Seconds()/elapsed.Seconds()-res.genCores)
	if s, ok := firstErr.Load().(string); ok {
		res.errSample = s
	}
	return res, nil
}

// countReviews counts the review_logs rows of the database at path, read
// while the server runs (WAL lets a reader in beside the writer).
func countReviews(path string) (int64, error) {
	conn, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var n int64
	if err := conn.QueryRow(`SELECT count(*) FROM review_logs`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count reviews: %w", err)
	}
	return n, nil
}
