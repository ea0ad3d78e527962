package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"sabaq/questions"
)

// ErrMockFinished means an answer came for a mock exam that is already
// finished: nothing was written.
var ErrMockFinished = questions.Errorf(questions.ECONFLICT,
	"This exam is finished, so its answers are closed and nothing was saved. Your results are ready.")

// CreateMockExam starts a mock exam for a learner over the given questions,
// in order. Its deadline is now plus the setup's minutes, by the server's
// clock. formKey, if not empty, makes it idempotent: the learner's exam
// already started with that key is returned instead of a second one.
func (s *Store) CreateMockExam(ctx context.Context, learnerID int64, formKey string, setup questions.MockSetup, seed uint64, questionIDs []string) (int64, error) {
	if len(questionIDs) == 0 {
		return 0, questions.Errorf(questions.EINVALID, "No questions match those eras. Choose other eras.")
	}
	eras, err := json.Marshal(nonNil(setup.Eras))
	if err != nil {
		return 0, fmt.Errorf("db: create mock exam: %w", err)
	}
	now := s.now()
	deadline := now.Add(time.Duration(setup.Minutes) * time.Minute)
	var id int64
	var key any
	if formKey != "" {
		key = formKey
	}
	err = s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		// A double-clicked or retried start form carries the same key.
		err := tx.QueryRowContext(ctx, `SELECT id FROM mock_exams WHERE learner_id = ? AND form_key = ?`, learnerID, key).Scan(&id)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		// The seed is stored as a signed integer: SQLite has no unsigned type.
		res, err := tx.ExecContext(ctx, `INSERT INTO mock_exams (learner_id, form_key, eras, minutes, seed, started_at, deadline, total)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, learnerID, key, string(eras), setup.Minutes, int64(seed), millis(now), millis(deadline), len(questionIDs))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO mock_items (exam_id, position, question_id) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, q := range questionIDs {
			if _, err := stmt.ExecContext(ctx, id, i, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("db: create mock exam: %w", err)
	}
	return id, nil
}

const mockExamColumns = `id, learner_id, eras, minutes, seed, started_at, deadline, finished_at, marks, total`

func scanMockExam(row scanner) (questions.MockExam, error) {
	var e questions.MockExam
	var eras string
	var seed, started, deadline int64
	var finished sql.NullInt64
	if err := row.Scan(&e.ID, &e.LearnerID, &eras, &e.Setup.Minutes, &seed, &started, &deadline, &finished,
		&e.Score, &e.Setup.Length); err != nil {
		return e, notFound(err)
	}
	if err := json.Unmarshal([]byte(eras), &e.Setup.Eras); err != nil {
		return e, fmt.Errorf("eras: %w", err)
	}
	if len(e.Setup.Eras) == 0 {
		e.Setup.Eras = nil
	}
	e.Seed = uint64(seed)
	e.StartedAt, e.Deadline, e.FinishedAt = fromMillis(started), fromMillis(deadline), fromNullMillis(finished)
	return e, nil
}

// MockExam returns a learner's mock exam with its questions and their
// latest answers. Another learner's exam is not found.
func (s *Store) MockExam(ctx context.Context, learnerID, id int64) (questions.MockExam, error) {
	e, err := scanMockExam(s.read.QueryRowContext(ctx, `SELECT `+mockExamColumns+`
		FROM mock_exams WHERE id = ? AND learner_id = ?`, id, learnerID))
	if err != nil {
		return e, fmt.Errorf("db: mock exam %d: %w", id, err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT i.position, i.question_id, i.shown_at, i.review_id, i.flagged,
			a.id, a.answer, a.credit, a.correct, a.late, a.answered_at, a.time_ms
		FROM mock_items i LEFT JOIN mock_answers a ON a.id = i.answer_id
		WHERE i.exam_id = ? ORDER BY i.position`, id)
	if err != nil {
		return e, fmt.Errorf("db: mock exam %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var it questions.MockItem
		var shown, reviewID, answerID, answeredAt, timeMS sql.NullInt64
		var answer sql.NullString
		var credit sql.NullFloat64
		var correct, late sql.NullBool
		if err := rows.Scan(&it.Position, &it.QuestionID, &shown, &reviewID, &it.Flagged,
			&answerID, &answer, &credit, &correct, &late, &answeredAt, &timeMS); err != nil {
			return e, fmt.Errorf("db: mock exam %d: %w", id, err)
		}
		it.ShownAt, it.ReviewID = fromNullMillis(shown), reviewID.Int64
		if answerID.Valid {
			a := &questions.MockAnswer{ID: answerID.Int64, Credit: credit.Float64, Correct: correct.Bool, Late: late.Bool,
				AnsweredAt: fromNullMillis(answeredAt), TimeMS: timeMS.Int64}
			if err := json.Unmarshal([]byte(answer.String), &a.Given); err != nil {
				return e, fmt.Errorf("db: mock exam %d: answer: %w", id, err)
			}
			it.Answer = a
		}
		e.Items = append(e.Items, it)
	}
	if err := rows.Err(); err != nil {
		return e, fmt.Errorf("db: mock exam %d: %w", id, err)
	}
	return e, nil
}

// MockExams lists a learner's latest mock exams, newest first, without their
// questions.
func (s *Store) MockExams(ctx context.Context, learnerID int64, limit int) ([]questions.MockExam, error) {
	out, err := queryAll(ctx, s.read, scanMockExam, `SELECT `+mockExamColumns+` FROM mock_exams
		WHERE learner_id = ? ORDER BY started_at DESC, id DESC LIMIT ?`, learnerID, limit)
	if err != nil {
		return nil, fmt.Errorf("db: mock exams: %w", err)
	}
	return out, nil
}

// MarkMockShown records when a question of an exam was first shown, so the
// time taken to answer is measured by the server.
func (s *Store) MarkMockShown(ctx context.Context, examID int64, position int) error {
	_, err := s.write.ExecContext(ctx, `UPDATE mock_items SET shown_at = ?
		WHERE exam_id = ? AND position = ? AND shown_at IS NULL`, millis(s.now()), examID, position)
	if err != nil {
		return fmt.Errorf("db: mark mock shown: %w", err)
	}
	return nil
}

// FlagMockItem flags the question at position of a learner's exam for
// later, or removes the flag. It sets rather than toggles, so a retried or
// double-clicked submit changes nothing more. Another learner's exam is not
// found; a finished exam takes no flags: ErrMockFinished.
func (s *Store) FlagMockItem(ctx context.Context, learnerID, examID int64, position int, flagged bool) error {
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		var finished sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT e.finished_at FROM mock_items i JOIN mock_exams e ON e.id = i.exam_id
			WHERE i.exam_id = ? AND i.position = ? AND e.learner_id = ?`, examID, position, learnerID).Scan(&finished)
		if err != nil {
			return notFound(err)
		}
		if finished.Valid {
			return ErrMockFinished
		}
		_, err = tx.ExecContext(ctx, `UPDATE mock_items SET flagged = ? WHERE exam_id = ? AND position = ?`,
			flagged, examID, position)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrMockFinished) {
			return ErrMockFinished
		}
		return fmt.Errorf("db: flag mock item: %w", err)
	}
	return nil
}

// SaveMockAnswer is SaveMockMark for an answer that earns full marks when
// correct and none otherwise.
func (s *Store) SaveMockAnswer(ctx context.Context, learnerID, examID int64, position int, questionID string, given []string, correct bool) (questions.MockAnswer, bool, error) {
	credit := 0.0
	if correct {
		credit = 1
	}
	return s.SaveMockMark(ctx, learnerID, examID, position, questionID, given, credit)
}

// SaveMockMark records a learner's answer to the question at position of
// their exam, which becomes the answer that counts, with the share of the
// question's mark it earns (credit, from 0 to 1; correct only at 1). An
// answer after the deadline is kept and marked late. The same answer as the
// current one (a double click, a retry) writes nothing and returns the
// current answer with saved false. A finished exam takes no answers:
// ErrMockFinished.
func (s *Store) SaveMockMark(ctx context.Context, learnerID, examID int64, position int, questionID string, given []string, credit float64) (questions.MockAnswer, bool, error) {
	credit = min(max(credit, 0), 1)
	a := questions.MockAnswer{Given: given, Credit: credit, Correct: credit == 1}
	answer, err := json.Marshal(nonNil(given))
	if err != nil {
		return a, false, fmt.Errorf("db: save mock answer: %w", err)
	}
	saved := false
	err = s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		var deadline int64
		var finished, shown, answerID sql.NullInt64
		var qid string
		err := tx.QueryRowContext(ctx, `SELECT e.deadline, e.finished_at, i.question_id, i.shown_at, i.answer_id
			FROM mock_items i JOIN mock_exams e ON e.id = i.exam_id
			WHERE i.exam_id = ? AND i.position = ? AND e.learner_id = ?`, examID, position, learnerID).
			Scan(&deadline, &finished, &qid, &shown, &answerID)
		if err != nil {
			return notFound(err)
		}
		if finished.Valid {
			return ErrMockFinished
		}
		if qid != questionID {
			return questions.Errorf(questions.EINVALID, "That answer was for a different question than the one at this place in the exam.")
		}
		if answerID.Valid {
			prev := questions.MockAnswer{ID: answerID.Int64, Given: given}
			var body string
			var at int64
			err := tx.QueryRowContext(ctx, `SELECT answer, credit, correct, late, answered_at, time_ms FROM mock_answers WHERE id = ?`,
				answerID.Int64).Scan(&body, &prev.Credit, &prev.Correct, &prev.Late, &at, &prev.TimeMS)
			if err != nil {
				return err
			}
			if body == string(answer) {
				prev.AnsweredAt = fromMillis(at)
				a = prev
				return nil
			}
		}
		now := millis(s.now())
		a.AnsweredAt = fromMillis(now)
		a.Late = questions.IsLate(fromMillis(deadline), a.AnsweredAt)
		if shown.Valid {
			a.TimeMS = max(0, now-shown.Int64)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO mock_answers (exam_id, position, answer, credit, correct, late, answered_at, time_ms)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, examID, position, string(answer), a.Credit, a.Correct, a.Late, now, a.TimeMS)
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE mock_items SET answer_id = ? WHERE exam_id = ? AND position = ?`,
			a.ID, examID, position); err != nil {
			return err
		}
		saved = true
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrMockFinished) {
			return a, false, ErrMockFinished
		}
		return a, false, fmt.Errorf("db: save mock answer: %w", err)
	}
	return a, saved, nil
}

// FinishMockExam closes a learner's exam to answers and sets its marks (the
// credits of the answers given in time) and score (those fully right) in
// one transaction, then returns it. An exam already finished is returned
// unchanged.
func (s *Store) FinishMockExam(ctx context.Context, learnerID, id int64) (questions.MockExam, error) {
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE mock_exams SET finished_at = ?,
				(marks, score) = (SELECT coalesce(sum(a.credit), 0), count(*) FILTER (WHERE a.correct = 1)
					FROM mock_items i JOIN mock_answers a ON a.id = i.answer_id
					WHERE i.exam_id = mock_exams.id AND a.late = 0)
			WHERE id = ? AND learner_id = ? AND finished_at IS NULL`, millis(s.now()), id, learnerID)
		return err
	})
	if err != nil {
		return questions.MockExam{}, fmt.Errorf("db: finish mock exam %d: %w", id, err)
	}
	return s.MockExam(ctx, learnerID, id)
}

// SaveMockReview writes the review that the answer at position of a finished
// exam feeds the scheduler with, as SaveReview does, and records it on the
// item in the same transaction. An item already fed is left alone and the
// id of its review returned, so a retried or concurrent finish feeds each
// answer once.
func (s *Store) SaveMockReview(ctx context.Context, learnerID, examID int64, position int, version int64, r questions.ReviewRecord) (int64, error) {
	var id int64
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		var fed sql.NullInt64
		var answered, finished bool
		var qid string
		err := tx.QueryRowContext(ctx, `SELECT i.review_id, i.answer_id IS NOT NULL, e.finished_at IS NOT NULL, i.question_id
			FROM mock_items i JOIN mock_exams e ON e.id = i.exam_id
			WHERE i.exam_id = ? AND i.position = ? AND e.learner_id = ?`, examID, position, learnerID).
			Scan(&fed, &answered, &finished, &qid)
		if err != nil {
			return notFound(err)
		}
		if fed.Valid {
			id = fed.Int64
			return nil
		}
		if !answered || !finished || qid != r.QuestionID {
			return fmt.Errorf("item %d is not an answered question %s of a finished exam", position, r.QuestionID)
		}
		row, err := encodeReview(r)
		if err != nil {
			return err
		}
		if id, err = s.insertReview(ctx, tx, learnerID, version, row); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE mock_items SET review_id = ? WHERE exam_id = ? AND position = ?`, id, examID, position)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrStale) {
			return 0, ErrStale
		}
		return 0, fmt.Errorf("db: save mock review: %w", err)
	}
	return id, nil
}

// SetMockDeadline moves an exam's deadline. It is for tests and support
// (extra time for a learner); nothing in the app calls it.
func (s *Store) SetMockDeadline(ctx context.Context, id int64, deadline time.Time) error {
	res, err := s.write.ExecContext(ctx, `UPDATE mock_exams SET deadline = ? WHERE id = ?`, millis(deadline), id)
	if err != nil {
		return fmt.Errorf("db: set mock deadline: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("db: set mock deadline: %w", questions.ErrNotFound)
	}
	return nil
}
