package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"sabaq/questions"
)

// ErrDraftStale means a draft came with a saved_at no later than the stored
// draft's: the stored one, saved later, is kept.
var ErrDraftStale = questions.Errorf(questions.ECONFLICT,
	"Not saved: a draft of this answer saved at a later time is already stored (perhaps from another tab), and it was kept. Reload the page to see it.")

// WrittenDraft is a learner's unsubmitted answer to a written question.
type WrittenDraft struct {
	QuestionID string
	Text       string
	SavedAt    time.Time // by the client's clock
	UpdatedAt  time.Time // by the server's clock
}

// WrittenSubmission is an answer a learner submitted.
type WrittenSubmission struct {
	ID          int64
	LearnerID   int64
	QuestionID  string
	Text        string
	SubmittedAt time.Time
	SelfLevel   int // 0 until the learner assesses it
	// Late is set on an answer of a paper written after its time was up.
	Late bool
	// Pulled is how many cards on the points it missed came due in review.
	Pulled int
}

// WrittenDraft returns the learner's draft of a question, or
// questions.ErrNotFound when there is none.
func (s *Store) WrittenDraft(ctx context.Context, learnerID int64, questionID string) (WrittenDraft, error) {
	d := WrittenDraft{QuestionID: questionID}
	var saved, updated int64
	err := s.read.QueryRowContext(ctx, `SELECT text, saved_at, updated_at FROM written_drafts
		WHERE learner_id = ? AND question_id = ?`, learnerID, questionID).Scan(&d.Text, &saved, &updated)
	if err != nil {
		return d, fmt.Errorf("db: written draft: %w", notFound(err))
	}
	d.SavedAt, d.UpdatedAt = fromMillis(saved), fromMillis(updated)
	return d, nil
}

// SaveWrittenDraft stores the learner's draft of a question, unless the
// stored draft's saved_at is the same or later: then nothing is written and
// the error is ErrDraftStale. A draft saved at a later time never loses to
// an older one.
func (s *Store) SaveWrittenDraft(ctx context.Context, learnerID int64, questionID, text string, savedAt time.Time) error {
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		var stored int64
		err := tx.QueryRowContext(ctx, `SELECT saved_at FROM written_drafts WHERE learner_id = ? AND question_id = ?`,
			learnerID, questionID).Scan(&stored)
		switch {
		case err == nil:
			if stored >= millis(savedAt) {
				return ErrDraftStale
			}
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO written_drafts (learner_id, question_id, text, saved_at, updated_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (learner_id, question_id) DO UPDATE SET text = excluded.text,
				saved_at = excluded.saved_at, updated_at = excluded.updated_at`,
			learnerID, questionID, text, millis(savedAt), millis(s.now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("db: save written draft: %w", err)
	}
	return nil
}

// SubmitWritten stores a learner's answer to a question and returns its id.
// The draft is kept as it is, so the student can go on improving it.
func (s *Store) SubmitWritten(ctx context.Context, learnerID int64, questionID, text string) (int64, error) {
	var id int64
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO written_submissions (learner_id, question_id, text, submitted_at)
			VALUES (?, ?, ?, ?)`, learnerID, questionID, text, millis(s.now()))
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("db: submit written answer: %w", err)
	}
	return id, nil
}

// WrittenSubmission returns the learner's submission with the given id;
// anyone else's is not found.
func (s *Store) WrittenSubmission(ctx context.Context, learnerID, id int64) (WrittenSubmission, error) {
	w := WrittenSubmission{ID: id, LearnerID: learnerID}
	var submitted int64
	var level sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT question_id, text, submitted_at, self_level, late, pulled FROM written_submissions
		WHERE id = ? AND learner_id = ?`, id, learnerID).Scan(&w.QuestionID, &w.Text, &submitted, &level, &w.Late, &w.Pulled)
	if err != nil {
		return w, fmt.Errorf("db: written submission: %w", notFound(err))
	}
	w.SubmittedAt, w.SelfLevel = fromMillis(submitted), int(level.Int64)
	return w, nil
}

// SetWrittenLevel records the level the learner gave their own submission.
// The caller checks the level against the question's mark scheme.
func (s *Store) SetWrittenLevel(ctx context.Context, learnerID, id int64, level int) error {
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE written_submissions SET self_level = ? WHERE id = ? AND learner_id = ?`,
			level, id, learnerID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(err, questions.ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("db: set written level: %w", err)
	}
	return nil
}
