package db

import (
	"context"
	"database/sql"
	"fmt"
)

// WrittenSubmissions gives the learner's submitted answers, newest first.
func (s *Store) WrittenSubmissions(ctx context.Context, learnerID int64) ([]WrittenSubmission, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, question_id, text, submitted_at, self_level FROM written_submissions
		WHERE learner_id = ? ORDER BY submitted_at DESC, id DESC`, learnerID)
	if err != nil {
		return nil, fmt.Errorf("db: written submissions: %w", err)
	}
	defer rows.Close()
	var out []WrittenSubmission
	for rows.Next() {
		w := WrittenSubmission{LearnerID: learnerID}
		var at int64
		var level sql.NullInt64
		if err := rows.Scan(&w.ID, &w.QuestionID, &w.Text, &at, &level); err != nil {
			return nil, fmt.Errorf("db: written submissions: %w", err)
		}
		w.SubmittedAt, w.SelfLevel = fromMillis(at), int(level.Int64)
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: written submissions: %w", err)
	}
	return out, nil
}
