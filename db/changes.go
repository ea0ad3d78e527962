package db

import (
	"context"
	"database/sql"
	"sync/atomic"
)

// changes counts committed writes, so that what is kept in memory from the
// database (here the identities behind cookies, in the revision service
// each learner's review queue) can tell when it may be out of date: a copy
// made after reading Generation is current while Generation still gives the
// same number. A write that concerns one learner's own data (a review, their
// settings) counts for that learner only, which keeps everyone else's
// copies; any other write counts for everyone. The counts are bumped after
// the commit, and a reader takes the count before reading, so a copy can
// only ever be thrown away too early, never kept too long.
//
// Writes that change nothing a reader keeps (when a question was shown,
// log-in failures, invites, a new session or learner) are not counted.
//
// Learners share counters by their id modulo learnerStripes: a review by one
// of them also throws away the copies of the few others on the same stripe,
// which costs a re-read, in exchange for memory that does not grow with the
// number of learners. This assumes the server is the only process writing
// learner data while it runs, as it already must be for teachers' questions.
type changes struct {
	all     atomic.Uint64
	learner [learnerStripes]atomic.Uint64
}

const learnerStripes = 4096

func (c *changes) stripe(learnerID int64) *atomic.Uint64 {
	return &c.learner[uint64(learnerID)%learnerStripes]
}

// Generation changes whenever a write that can change what the store
// returns for learnerID (their settings, cards, reviews, classes and
// assignments, account and sessions) has committed.
func (s *Store) Generation(learnerID int64) uint64 {
	// Both counters only grow, so their sum changes when either does.
	return s.changes.all.Load() + s.changes.stripe(learnerID).Load()
}

// changedAll records a committed write that may concern anyone.
func (s *Store) changedAll() { s.changes.all.Add(1) }

// changedLearner records a committed write to one learner's own data.
func (s *Store) changedLearner(id int64) { s.changes.stripe(id).Add(1) }

// exec runs one write statement outside a transaction, counted as a change
// for everyone.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	defer s.changedAll()
	return s.write.ExecContext(ctx, query, args...)
}

// learnerTx runs fn in a write transaction that changes only one learner's
// own data.
func (s *Store) learnerTx(ctx context.Context, learnerID int64, fn func(*sql.Tx) error) error {
	defer s.changedLearner(learnerID)
	return s.writeTx(ctx, fn)
}
