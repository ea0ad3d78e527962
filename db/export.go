package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// LearnerData is everything Sabaq keeps about a learner, for them to take away.
type LearnerData struct {
	Learner          map[string]any   `json:"learner"`
	Account          map[string]any   `json:"account,omitempty"`
	Settings         map[string]any   `json:"settings,omitempty"`
	PracticeSessions []map[string]any `json:"practice_sessions"`
	Attempts         []map[string]any `json:"attempts"`
	Cards            []map[string]any `json:"cards"`
	Reviews          []map[string]any `json:"reviews"`
	MockExams        []map[string]any `json:"mock_exams"`
	MockAnswers      []map[string]any `json:"mock_answers"`
	Classes          []map[string]any `json:"classes"`
	Reports          []map[string]any `json:"reports"` // problems reported with questions
	WrittenDrafts    []map[string]any `json:"written_drafts"`
	WrittenAnswers   []map[string]any `json:"written_answers"`
	WrittenMarks     []map[string]any `json:"written_marks"`       // answers handed in for a class's written assignment, with the teacher's mark
	WrittenPapers    []map[string]any `json:"written_papers"`      // paper mode: answer N of M under one deadline
	WrittenPaperText []map[string]any `json:"written_paper_items"` // each question of a paper, with the text in time and after
	ReviewPulls      []map[string]any `json:"review_pulls"`
}

// ExportLearner gathers a learner's data, read in one transaction so the
// parts agree with each other. Secrets (token and password hashes) are left out.
func (s *Store) ExportLearner(ctx context.Context, learnerID int64) (LearnerData, error) {
	var d LearnerData
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return d, fmt.Errorf("db: export: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	one := func(query string, args ...any) (map[string]any, error) {
		rows, err := rowsAsMaps(ctx, tx, query, args...)
		if err != nil || len(rows) == 0 {
			return nil, err
		}
		return rows[0], nil
	}
	steps := []struct {
		dst   any
		query string
	}{
		{&d.Learner, `SELECT id, created_at, display_name FROM learners WHERE id = ?1`},
		{&d.Account, `SELECT a.id, a.username, a.role, a.created_at FROM accounts a JOIN learners l ON l.account_id = a.id WHERE l.id = ?1`},
		{&d.Settings, `SELECT desired_retention, new_per_day, reviews_per_day, timezone, exam_date, review_mode, eras, themes
			FROM learner_settings WHERE learner_id = ?1`},
		{&d.PracticeSessions, `SELECT id, filters, started_at, finished_at, score, total FROM practice_sessions WHERE learner_id = ?1 ORDER BY id`},
		{&d.Attempts, `SELECT id, session_id, question_id, answer, correct, answered_at, time_ms FROM attempts WHERE learner_id = ?1 ORDER BY id`},
		{&d.Cards, `SELECT question_id, state, due, stability, difficulty, reps, lapses, last_review, scheduled_days,
			remaining_steps, version, created_at FROM cards WHERE learner_id = ?1 ORDER BY created_at, question_id`},
		{&d.Reviews, `SELECT id, question_id, rating, state_before, card_before, card_after, elapsed_days, reviewed_at,
			duration_ms, mode, answer, undone_at, source FROM review_logs WHERE learner_id = ?1 ORDER BY id`},
		{&d.MockExams, `SELECT * FROM mock_exams WHERE learner_id = ?1 ORDER BY id`},
		{&d.MockAnswers, `SELECT a.* FROM mock_answers a JOIN mock_exams e ON e.id = a.exam_id WHERE e.learner_id = ?1 ORDER BY a.rowid`},
		{&d.Classes, `SELECT c.name, m.joined_at FROM class_members m JOIN classes c ON c.id = m.class_id
			JOIN learners l ON l.account_id = m.account_id WHERE l.id = ?1 ORDER BY c.name`},
		{&d.Reports, `SELECT id, question_id, reason, comment, created_at, resolved_at FROM question_reports WHERE learner_id = ?1 ORDER BY id`},
		{&d.WrittenMarks, `SELECT s.id AS submission_id, s.assignment_id, c.name AS class, wa.due, k.level, k.mark, k.comment, k.marked_at
			FROM written_submissions s LEFT JOIN written_assignments wa ON wa.id = s.assignment_id LEFT JOIN classes c ON c.id = wa.class_id
			LEFT JOIN written_marks k ON k.submission_id = s.id
			WHERE s.learner_id = ?1 AND (s.assignment_id IS NOT NULL OR k.submission_id IS NOT NULL) ORDER BY s.id`},
		{&d.WrittenDrafts, `SELECT question_id, text, saved_at, updated_at FROM written_drafts WHERE learner_id = ?1 ORDER BY question_id`},
		{&d.WrittenAnswers, `SELECT id, question_id, text, submitted_at, self_level, paper_id, late FROM written_submissions WHERE learner_id = ?1 ORDER BY id`},
		{&d.WrittenPapers, `SELECT id, era, kinds, offered, answer_count, started_at, deadline, finished_at, count_rule
			FROM written_papers WHERE learner_id = ?1 ORDER BY id`},
		{&d.WrittenPaperText, `SELECT i.paper_id, i.position, i.question_id, i.marks, i.text, i.saved_at, i.late_text, i.late_saved_at,
			i.updated_at, i.submission_id FROM written_paper_items i JOIN written_papers p ON p.id = i.paper_id
			WHERE p.learner_id = ?1 ORDER BY i.paper_id, i.position`},
		{&d.ReviewPulls, `SELECT question_id, pulled_at FROM review_pulls WHERE learner_id = ?1 ORDER BY question_id`},
	}
	for _, st := range steps {
		switch dst := st.dst.(type) {
		case *map[string]any:
			if *dst, err = one(st.query, learnerID); err != nil {
				return d, fmt.Errorf("db: export: %w", err)
			}
		case *[]map[string]any:
			if *dst, err = rowsAsMaps(ctx, tx, st.query, learnerID); err != nil {
				return d, fmt.Errorf("db: export: %w", err)
			}
		}
	}
	if d.Learner == nil {
		return d, fmt.Errorf("db: export: learner %d: %w", learnerID, notFound(sql.ErrNoRows))
	}
	return d, nil
}

// rowsAsMaps reads rows as column → value maps; JSON text columns are
// embedded as JSON rather than as strings.
func rowsAsMaps(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]map[string]any, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			v := vals[i]
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			if s, ok := v.(string); ok && len(s) > 0 && (s[0] == '[' || s[0] == '{') && json.Valid([]byte(s)) {
				v = json.RawMessage(s)
			}
			m[c] = v
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// DeleteLearner deletes a learner with everything of theirs, and their
// account if they have one, in one transaction.
func (s *Store) DeleteLearner(ctx context.Context, learnerID int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var account sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT account_id FROM learners WHERE id = ?`, learnerID).Scan(&account); err != nil {
			return notFound(err)
		}
		// Cascades take the learner's sessions, attempts, cards, reviews,
		// settings, mock exams and reports; the account's sessions and class
		// memberships go with the account.
		if _, err := tx.ExecContext(ctx, `DELETE FROM learners WHERE id = ?`, learnerID); err != nil {
			return err
		}
		if account.Valid {
			if _, err := tx.ExecContext(ctx, `DELETE FROM accounts WHERE id = ?`, account.Int64); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("db: delete learner: %w", err)
	}
	return nil
}
