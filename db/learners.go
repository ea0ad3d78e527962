package db

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
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

// learnerByTokenQuery runs on every request of an anonymous learner.
const learnerByTokenQuery = `SELECT id, created_at, display_name FROM learners WHERE token_hash = ? AND account_id IS NULL`

// LearnerByToken finds the anonymous learner a cookie token belongs to. A
// learner claimed by an account is reached only through a log-in session.
func (s *Store) LearnerByToken(ctx context.Context, token string) (questions.Learner, error) {
	k := identityKey{hash: sha256.Sum256([]byte(token))}
	gen := s.changes.all.Load() // before reading: see changes
	if id, ok := s.identities.get(k, gen, time.Time{}); ok {
		return id.learner, nil
	}
	var l questions.Learner
	var created int64
	var name *string
	err := s.read.QueryRowContext(ctx, learnerByTokenQuery, k.hash[:]).
		Scan(&l.ID, &created, &name)
	if err != nil {
		return questions.Learner{}, fmt.Errorf("db: learner by token: %w", notFound(err))
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
