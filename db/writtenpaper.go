package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"sabaq/questions"
	"sabaq/questions/written"
)

// ErrPaperFinished means text came for a paper that is already finished:
// nothing was written.
var ErrPaperFinished = questions.Errorf(questions.ECONFLICT,
	"This paper is finished, so its answers are closed and nothing more was saved.")

// PaperSave says what SavePaperTexts did with each text it was given, by
// zero-based position.
type PaperSave struct {
	// Late is set when the texts came after the deadline: what was saved
	// went to the late text, and the text saved in time is as it was.
	Late bool
	// Saved are the texts written; a text the same as the one stored is
	// neither saved nor refused.
	Saved []int
	// Stale are the texts refused because the stored text was saved at the
	// same time or later (ErrDraftStale's rule); they are as they were.
	Stale []int
}

// CreateWrittenPaper starts a paper for a learner over the questions drawn,
// in order, allowing the time given from now by the server's clock. The
// paper, its questions and its deadline are written in one transaction.
// formKey, if not empty, makes it idempotent: the learner's paper already
// started with that key is returned instead of a second one.
func (s *Store) CreateWrittenPaper(ctx context.Context, learnerID int64, formKey string, setup written.PaperSetup, qs []written.Question, allowed time.Duration) (int64, error) {
	if len(qs) == 0 {
		return 0, questions.Errorf(questions.EINVALID, "No written questions match that era and those kinds. Choose others.")
	}
	kindList := setup.Kinds
	if kindList == nil {
		kindList = []written.Kind{}
	}
	kinds, err := json.Marshal(kindList)
	if err != nil {
		return 0, fmt.Errorf("db: create written paper: %w", err)
	}
	now := s.now()
	var id int64
	var key any
	if formKey != "" {
		key = formKey
	}
	err = s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		// A double-clicked or retried setup form carries the same key.
		err := tx.QueryRowContext(ctx, `SELECT id FROM written_papers WHERE learner_id = ? AND form_key = ?`, learnerID, key).Scan(&id)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO written_papers (learner_id, form_key, era, kinds, offered, answer_count, started_at, deadline)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, learnerID, key, setup.Era, string(kinds), len(qs), min(setup.Answer, len(qs)),
			millis(now), millis(now.Add(allowed)))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO written_paper_items (paper_id, position, question_id, marks) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, q := range qs {
			if _, err := stmt.ExecContext(ctx, id, i, q.ID, q.Marks); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("db: create written paper: %w", err)
	}
	return id, nil
}

const writtenPaperColumns = `id, learner_id, era, kinds, offered, answer_count, started_at, deadline, finished_at, count_rule`

func scanWrittenPaper(row scanner) (written.Paper, error) {
	var p written.Paper
	var kinds string
	var started, deadline int64
	var finished sql.NullInt64
	var rule sql.NullString
	if err := row.Scan(&p.ID, &p.LearnerID, &p.Setup.Era, &kinds, &p.Setup.Offered, &p.Setup.Answer,
		&started, &deadline, &finished, &rule); err != nil {
		return p, notFound(err)
	}
	if err := json.Unmarshal([]byte(kinds), &p.Setup.Kinds); err != nil {
		return p, fmt.Errorf("kinds: %w", err)
	}
	if len(p.Setup.Kinds) == 0 {
		p.Setup.Kinds = nil
	}
	p.StartedAt, p.Deadline, p.FinishedAt = fromMillis(started), fromMillis(deadline), fromNullMillis(finished)
	p.Rule = written.CountRule(rule.String)
	return p, nil
}

// queryer is what reads a paper: the read pool, or a transaction.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func readWrittenPaper(ctx context.Context, q queryer, learnerID, id int64) (written.Paper, error) {
	p, err := scanWrittenPaper(q.QueryRowContext(ctx, `SELECT `+writtenPaperColumns+`
		FROM written_papers WHERE id = ? AND learner_id = ?`, id, learnerID))
	if err != nil {
		return p, err
	}
	rows, err := q.QueryContext(ctx, `SELECT position, question_id, marks, text, saved_at, late_text, late_saved_at, submission_id
		FROM written_paper_items WHERE paper_id = ? ORDER BY position`, id)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var it written.PaperItem
		var saved, lateSaved, submission sql.NullInt64
		var late sql.NullString
		if err := rows.Scan(&it.Position, &it.QuestionID, &it.Marks, &it.Text, &saved, &late, &lateSaved, &submission); err != nil {
			return p, err
		}
		it.SavedAt, it.LateSavedAt = fromNullMillis(saved), fromNullMillis(lateSaved)
		it.LateText, it.HasLate = late.String, late.Valid
		it.SubmissionID = submission.Int64
		p.Items = append(p.Items, it)
	}
	return p, rows.Err()
}

// WrittenPaper returns a learner's paper with its questions and their text.
// Another learner's paper is not found.
func (s *Store) WrittenPaper(ctx context.Context, learnerID, id int64) (written.Paper, error) {
	p, err := readWrittenPaper(ctx, s.read, learnerID, id)
	if err != nil {
		return p, fmt.Errorf("db: written paper %d: %w", id, err)
	}
	return p, nil
}

// WrittenPapers lists a learner's latest papers, newest first, with their
// questions.
func (s *Store) WrittenPapers(ctx context.Context, learnerID int64, limit int) ([]written.Paper, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("db: written papers: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	ids, err := queryAll(ctx, tx, func(row scanner) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	}, `SELECT id FROM written_papers WHERE learner_id = ? ORDER BY started_at DESC, id DESC LIMIT ?`, learnerID, limit)
	if err != nil {
		return nil, fmt.Errorf("db: written papers: %w", err)
	}
	out := make([]written.Paper, 0, len(ids))
	for _, id := range ids {
		p, err := readWrittenPaper(ctx, tx, learnerID, id)
		if err != nil {
			return nil, fmt.Errorf("db: written papers: %w", err)
		}
		out = append(out, p)
	}
	return out, nil
}

// SavePaperTexts stores a learner's texts for questions of their paper, by
// zero-based position, all with the one saved_at. Before the deadline (by
// the server's clock) a text replaces the text saved in time; after it, the
// late text, so the text saved in time is never overwritten. As with
// drafts, a text whose saved_at is not later than the stored one's is
// refused (PaperSave.Stale) and the stored one kept; a text the same as
// the stored one writes nothing. A finished paper takes none:
// ErrPaperFinished. Another learner's paper, or a position not in it, is
// not found.
func (s *Store) SavePaperTexts(ctx context.Context, learnerID, paperID int64, texts map[int]string, savedAt time.Time) (PaperSave, error) {
	var out PaperSave
	positions := make([]int, 0, len(texts))
	for pos := range texts {
		positions = append(positions, pos)
	}
	slices.Sort(positions)
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		var deadline int64
		var finished sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT deadline, finished_at FROM written_papers WHERE id = ? AND learner_id = ?`,
			paperID, learnerID).Scan(&deadline, &finished)
		if err != nil {
			return notFound(err)
		}
		if finished.Valid {
			return ErrPaperFinished
		}
		now := s.now()
		out.Late = questions.IsLate(fromMillis(deadline), now)
		for _, pos := range positions {
			var text string
			var saved, lateSaved sql.NullInt64
			var late sql.NullString
			err := tx.QueryRowContext(ctx, `SELECT text, saved_at, late_text, late_saved_at FROM written_paper_items
				WHERE paper_id = ? AND position = ?`, paperID, pos).Scan(&text, &saved, &late, &lateSaved)
			if err != nil {
				return notFound(err)
			}
			current, newest := text, saved.Int64
			if late.Valid {
				current, newest = late.String, max(newest, lateSaved.Int64)
			}
			switch {
			case texts[pos] == current:
				continue
			case !out.Late && saved.Valid && saved.Int64 >= millis(savedAt),
				out.Late && (saved.Valid || lateSaved.Valid) && newest >= millis(savedAt):
				out.Stale = append(out.Stale, pos)
				continue
			}
			column := `text = ?, saved_at = ?`
			if out.Late {
				column = `late_text = ?, late_saved_at = ?`
			}
			if _, err := tx.ExecContext(ctx, `UPDATE written_paper_items SET `+column+`, updated_at = ?
				WHERE paper_id = ? AND position = ?`, texts[pos], millis(savedAt), millis(now), paperID, pos); err != nil {
				return err
			}
			out.Saved = append(out.Saved, pos)
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrPaperFinished) {
			return PaperSave{}, ErrPaperFinished
		}
		return PaperSave{}, fmt.Errorf("db: save paper text: %w", err)
	}
	return out, nil
}

// FinishWrittenPaper closes a learner's paper and submits the answers that
// count, chosen by written.Paper.Counted from the paper as it stands in the
// same transaction (chosen nil: the learner made no choice). Each becomes a
// written submission with the paper's id, marked late when it was written
// only after time. A paper already finished is returned unchanged, so a
// second finish changes nothing. An invalid choice is an EINVALID error
// and nothing is written.
func (s *Store) FinishWrittenPaper(ctx context.Context, learnerID, id int64, chosen []int) (written.Paper, error) {
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		p, err := readWrittenPaper(ctx, tx, learnerID, id)
		if err != nil || p.Finished() {
			return err
		}
		counted, rule, err := p.Counted(chosen)
		if err != nil {
			return err
		}
		now := millis(s.now())
		for _, pos := range counted {
			it := p.Items[pos]
			text, late := it.Answer()
			res, err := tx.ExecContext(ctx, `INSERT INTO written_submissions (learner_id, question_id, text, submitted_at, paper_id, late)
				VALUES (?, ?, ?, ?, ?, ?)`, learnerID, it.QuestionID, text, now, id, late)
			if err != nil {
				return err
			}
			sub, err := res.LastInsertId()
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE written_paper_items SET submission_id = ? WHERE paper_id = ? AND position = ?`,
				sub, id, pos); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE written_papers SET finished_at = ?, count_rule = ? WHERE id = ? AND finished_at IS NULL`,
			now, string(rule), id)
		return err
	})
	if err != nil {
		if questions.ErrorCode(err) == questions.EINVALID {
			return written.Paper{}, err
		}
		return written.Paper{}, fmt.Errorf("db: finish written paper %d: %w", id, err)
	}
	return s.WrittenPaper(ctx, learnerID, id)
}

// SetWrittenPaperDeadline moves a paper's deadline. It is for tests and
// support (extra time for a learner); nothing in the app calls it.
func (s *Store) SetWrittenPaperDeadline(ctx context.Context, id int64, deadline time.Time) error {
	res, err := s.write.ExecContext(ctx, `UPDATE written_papers SET deadline = ? WHERE id = ?`, millis(deadline), id)
	if err != nil {
		return fmt.Errorf("db: set written paper deadline: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("db: set written paper deadline: %w", questions.ErrNotFound)
	}
	return nil
}
