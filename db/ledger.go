package db

import (
	"context"
	"fmt"

	"sabaq/questions"
)

// SetQuestionIDs lists the ids of a set's questions (see sets.QuestionID),
// in the set's order, without reading the items themselves (nor deleted ones).
func (s *Store) SetQuestionIDs(ctx context.Context, setID int64) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT 'set:' || set_id || ':' || id FROM set_items
		WHERE set_id = ? AND deleted_at IS NULL ORDER BY position, id`, setID)
	if err != nil {
		return nil, fmt.Errorf("db: set question ids: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("db: set question ids: %w", err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: set question ids: %w", err)
	}
	return out, nil
}

// Activity counts what a learner has answered, wherever they answered it.
func (s *Store) Activity(ctx context.Context, learnerID int64) (questions.Activity, error) {
	var a questions.Activity
	err := s.read.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM attempts WHERE learner_id = ?1),
			(SELECT count(*) FROM review_logs WHERE learner_id = ?1 AND undone_at IS NULL AND mode IN ('flashcard', 'quiz')),
			(SELECT count(*) FROM mock_items i JOIN mock_exams e ON e.id = i.exam_id
				WHERE e.learner_id = ?1 AND i.answer_id IS NOT NULL)`, learnerID).
		Scan(&a.PracticeAnswers, &a.Reviews, &a.MockAnswers)
	if err != nil {
		return a, fmt.Errorf("db: activity: %w", err)
	}
	return a, nil
}
