package db

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"sabaq/questions"
)

// CreateLearner makes a new anonymous learner and returns it with the token
// that identifies it (to be kept in the learner's cookie).
func (s *Store) CreateLearner(ctx context.Context) (questions.Learner, string, error) {
	raw := make([]byte, 32)
	rand.Read(raw)
	token := base64.RawURLEncoding.EncodeToString(raw)
	now := s.now()
	res, err := s.write.ExecContext(ctx,
		`INSERT INTO learners (token_hash, created_at) VALUES (?, ?)`, hashToken(token), millis(now))
	if err != nil {
		return questions.Learner{}, "", fmt.Errorf("db: create learner: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return questions.Learner{}, "", fmt.Errorf("db: create learner: %w", err)
	}
	return questions.Learner{ID: id, CreatedAt: fromMillis(millis(now))}, token, nil
}

// CreateLearnerWithToken stores the anonymous learner a visitor's cookie
// token stands for, on their first state-changing request: reading pages
// writes nothing. Two first requests of one visitor at once make one
// learner. A token already spent (its learner now belongs to an account)
// is not found.
func (s *Store) CreateLearnerWithToken(ctx context.Context, token string) (questions.Learner, error) {
	_, err := s.write.ExecContext(ctx,
		`INSERT INTO learners (token_hash, created_at) VALUES (?, ?) ON CONFLICT (token_hash) DO NOTHING`,
		hashToken(token), millis(s.now()))
	if err != nil {
		return questions.Learner{}, fmt.Errorf("db: create learner: %w", err)
	}
	return s.LearnerByToken(ctx, token)
}

// leftNothing is true of an anonymous learner with nothing of theirs kept:
// no account, no name, no practice session or answer, no card or review, no
// settings, no mock exam, no report, no written draft, answer or paper, and
// no card pulled into review.
const leftNothing = `l.account_id IS NULL AND l.display_name IS NULL
	AND NOT EXISTS (SELECT 1 FROM practice_sessions WHERE learner_id = l.id)
	AND NOT EXISTS (SELECT 1 FROM attempts WHERE learner_id = l.id)
	AND NOT EXISTS (SELECT 1 FROM cards WHERE learner_id = l.id)
	AND NOT EXISTS (SELECT 1 FROM review_logs WHERE learner_id = l.id)
	AND NOT EXISTS (SELECT 1 FROM learner_settings WHERE learner_id = l.id)
	AND NOT EXISTS (SELECT 1 FROM mock_exams WHERE learner_id = l.id)
	AND NOT EXISTS (SELECT 1 FROM question_reports WHERE learner_id = l.id)
	AND NOT EXISTS (SELECT 1 FROM written_drafts WHERE learner_id = l.id)
	AND NOT EXISTS (SELECT 1 FROM written_submissions WHERE learner_id = l.id)
	AND NOT EXISTS (SELECT 1 FROM written_papers WHERE learner_id = l.id)
	AND NOT EXISTS (SELECT 1 FROM review_pulls WHERE learner_id = l.id)`

// PruneAnonymousLearners deletes the anonymous learners made before
// olderThan that left nothing behind (see leftNothing): visitors who never
// came back. It reports how many were deleted.
func (s *Store) PruneAnonymousLearners(ctx context.Context, olderThan time.Time) (int, error) {
	res, err := s.exec(ctx, `DELETE FROM learners AS l WHERE l.created_at < ? AND `+leftNothing, millis(olderThan))
	if err != nil {
		return 0, fmt.Errorf("db: prune anonymous learners: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("db: prune anonymous learners: %w", err)
	}
	return int(n), nil
}

// DiscardLearner deletes an anonymous learner if they left nothing behind
// (see leftNothing): the learner stored for a request that was then
// refused. A learner with anything of theirs is kept.
func (s *Store) DiscardLearner(ctx context.Context, learnerID int64) error {
	if _, err := s.exec(ctx, `DELETE FROM learners AS l WHERE l.id = ? AND `+leftNothing, learnerID); err != nil {
		return fmt.Errorf("db: discard learner %d: %w", learnerID, err)
	}
	return nil
}

// learnerByTokenQuery runs on every request of an anonymous learner.
const learnerByTokenQuery = `SELECT id, created_at, display_name, account_id IS NOT NULL FROM learners WHERE token_hash = ?`

// ErrTokenSpent is the error of a cookie token whose learner an account has
// claimed. It is also questions.ErrNotFound.
var ErrTokenSpent = errors.New("its learner belongs to an account")

// LearnerByToken finds the anonymous learner a cookie token belongs to. A
// learner claimed by an account is reached only through a log-in session:
// its token is not found, and ErrTokenSpent tells it from a token never
// stored.
func (s *Store) LearnerByToken(ctx context.Context, token string) (questions.Learner, error) {
	k := identityKey{hash: sha256.Sum256([]byte(token))}
	gen := s.changes.all.Load() // before reading: see changes
	if id, ok := s.identities.get(k, gen, time.Time{}); ok {
		return id.learner, nil
	}
	var l questions.Learner
	var created int64
	var name *string
	var claimed bool
	err := s.read.QueryRowContext(ctx, learnerByTokenQuery, k.hash[:]).
		Scan(&l.ID, &created, &name, &claimed)
	if err != nil {
		return questions.Learner{}, fmt.Errorf("db: learner by token: %w", notFound(err))
	}
	if claimed {
		return questions.Learner{}, fmt.Errorf("db: learner by token: %w: %w", ErrTokenSpent, questions.ErrNotFound)
	}
	l.CreatedAt = fromMillis(created)
	if name != nil {
		l.DisplayName = *name
	}
	s.identities.put(k, identity{generation: gen, learner: l})
	return l, nil
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
