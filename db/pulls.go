package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PullQuestions pulls the questions into the learner's review queue at at:
// each is due from then until it is next reviewed (see the revision
// service). Pulling a question again moves its time on.
func (s *Store) PullQuestions(ctx context.Context, learnerID int64, questionIDs []string, at time.Time) error {
	if len(questionIDs) == 0 {
		return nil
	}
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO review_pulls (learner_id, question_id, pulled_at) VALUES (?, ?, ?)
			ON CONFLICT (learner_id, question_id) DO UPDATE SET pulled_at = excluded.pulled_at`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, id := range questionIDs {
			if _, err := st.ExecContext(ctx, learnerID, id, millis(at)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("db: pull questions: %w", err)
	}
	return nil
}

// Pulls gives the learner's pulled questions with the time each was pulled.
func (s *Store) Pulls(ctx context.Context, learnerID int64) (map[string]time.Time, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT question_id, pulled_at FROM review_pulls WHERE learner_id = ?`, learnerID)
	if err != nil {
		return nil, fmt.Errorf("db: pulls: %w", err)
	}
	defer rows.Close()
	var out map[string]time.Time
	for rows.Next() {
		var id string
		var at int64
		if err := rows.Scan(&id, &at); err != nil {
			return nil, fmt.Errorf("db: pulls: %w", err)
		}
		if out == nil {
			out = map[string]time.Time{}
		}
		out[id] = fromMillis(at)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: pulls: %w", err)
	}
	return out, nil
}

// NoteWrittenPulled records how many cards the learner's written answer
// pulled into review, for the answer's page.
func (s *Store) NoteWrittenPulled(ctx context.Context, learnerID, submissionID int64, n int) error {
	_, err := s.exec(ctx, `UPDATE written_submissions SET pulled = ? WHERE id = ? AND learner_id = ?`, n, submissionID, learnerID)
	if err != nil {
		return fmt.Errorf("db: note written pulled: %w", err)
	}
	return nil
}
