package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"sabaq/questions"
	"sabaq/questions/media"
	"sabaq/questions/sets"
	"sabaq/questions/written"
)

// Teachers' own written questions live in authored_written (migration
// 0019), one row per question of a set, the question as JSON without its
// id: the id is written.AuthoredID of the row ("t12").

// AuthoredWritten is a teacher's written question with the set that holds it.
type AuthoredWritten struct {
	SetID    int64
	OwnerID  int64
	Question written.Question
}

// scanWritten reads a row id and its JSON into a question with its id.
func scanWritten(id int64, doc string) (written.Question, error) {
	var q written.Question
	if err := json.Unmarshal([]byte(doc), &q); err != nil {
		return q, fmt.Errorf("written question %d: %w", id, err)
	}
	q.ID = written.AuthoredID(id)
	return q, nil
}

// writtenJSON is q as stored: without its id, which is the row's.
func writtenJSON(q written.Question) (string, error) {
	q.ID = ""
	b, err := json.Marshal(q)
	return string(b), err
}

// SetWritten lists the written questions of a set, in their order.
func (s *Store) SetWritten(ctx context.Context, setID int64) ([]written.Question, error) {
	return s.writtenWhere(ctx, `w.set_id = ?`, setID)
}

// WrittenByOwner lists the written questions of all a teacher's sets, set
// by set (newest set first, as the teacher's list of sets shows them).
func (s *Store) WrittenByOwner(ctx context.Context, ownerID int64) ([]written.Question, error) {
	return s.writtenWhere(ctx, `s.owner_id = ?`, ownerID)
}

func (s *Store) writtenWhere(ctx context.Context, where string, arg int64) ([]written.Question, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT w.id, w.question FROM authored_written w
		JOIN question_sets s ON s.id = w.set_id
		WHERE `+where+` ORDER BY s.updated_at DESC, s.id DESC, w.position, w.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("db: written questions: %w", err)
	}
	defer rows.Close()
	var out []written.Question
	for rows.Next() {
		var id int64
		var doc string
		if err := rows.Scan(&id, &doc); err != nil {
			return nil, fmt.Errorf("db: written questions: %w", err)
		}
		q, err := scanWritten(id, doc)
		if err != nil {
			return nil, fmt.Errorf("db: %w", err)
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: written questions: %w", err)
	}
	return out, nil
}

// AuthoredWrittenQuestion finds a teacher's written question by its id
// ("t12"), with its set and owner; questions.ErrNotFound for any id that
// is not one.
func (s *Store) AuthoredWrittenQuestion(ctx context.Context, qid string) (AuthoredWritten, error) {
	row, ok := written.AuthoredRow(qid)
	if !ok {
		return AuthoredWritten{}, questions.ErrNotFound
	}
	var aw AuthoredWritten
	var doc string
	err := s.read.QueryRowContext(ctx, `SELECT w.set_id, s.owner_id, w.question FROM authored_written w
		JOIN question_sets s ON s.id = w.set_id WHERE w.id = ?`, row).Scan(&aw.SetID, &aw.OwnerID, &doc)
	if err != nil {
		return AuthoredWritten{}, fmt.Errorf("db: written question %s: %w", qid, notFound(err))
	}
	if aw.Question, err = scanWritten(row, doc); err != nil {
		return AuthoredWritten{}, fmt.Errorf("db: %w", err)
	}
	return aw, nil
}

// WrittenAssignedTo reports whether the written question qid is assigned
// to a class the account is a student of, or teaches.
func (s *Store) WrittenAssignedTo(ctx context.Context, qid string, accountID int64) (bool, error) {
	var ok bool
	err := s.read.QueryRowContext(ctx, `SELECT EXISTS (
			SELECT 1 FROM written_assignments wa JOIN class_members m ON m.class_id = wa.class_id
			WHERE wa.question_id = ?1 AND m.account_id = ?2
		) OR EXISTS (
			SELECT 1 FROM written_assignments wa JOIN classes c ON c.id = wa.class_id
			WHERE wa.question_id = ?1 AND c.teacher_id = ?2
		)`, qid, accountID).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("db: written question %s assigned: %w", qid, err)
	}
	return ok, nil
}

// AddWritten appends a written question to a set and returns its id.
func (s *Store) AddWritten(ctx context.Context, setID int64, q written.Question) (string, error) {
	var id string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ids, err := insertWritten(ctx, tx, setID, []written.Question{q}, millis(s.now()))
		if err == nil {
			id = ids[0]
		}
		return err
	})
	if err != nil {
		return "", fmt.Errorf("db: add written question: %w", err)
	}
	return id, nil
}

// insertWritten appends qs to a set, after its written questions, and
// returns their ids.
func insertWritten(ctx context.Context, tx *sql.Tx, setID int64, qs []written.Question, now int64) ([]string, error) {
	var next int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position) + 1, 0) FROM authored_written WHERE set_id = ?`, setID).Scan(&next); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(qs))
	for i, q := range qs {
		doc, err := writtenJSON(q)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO authored_written (set_id, position, question, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?)`, setID, next+i, doc, now, now)
		if err != nil {
			return nil, err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return nil, err
		}
		ids = append(ids, written.AuthoredID(id))
	}
	if len(qs) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE question_sets SET updated_at = ? WHERE id = ?`, now, setID); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// UpdateWritten replaces a written question of a set; questions.ErrNotFound
// when the set holds no question qid.
func (s *Store) UpdateWritten(ctx context.Context, setID int64, qid string, q written.Question) error {
	row, ok := written.AuthoredRow(qid)
	if !ok {
		return questions.ErrNotFound
	}
	doc, err := writtenJSON(q)
	if err != nil {
		return fmt.Errorf("db: update written question: %w", err)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		now := millis(s.now())
		res, err := tx.ExecContext(ctx, `UPDATE authored_written SET question = ?, updated_at = ? WHERE id = ? AND set_id = ?`, doc, now, row, setID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return notFound(sql.ErrNoRows)
		}
		_, err = tx.ExecContext(ctx, `UPDATE question_sets SET updated_at = ? WHERE id = ?`, now, setID)
		return err
	})
	if err != nil {
		return fmt.Errorf("db: update written question %s: %w", qid, err)
	}
	return nil
}

// DeleteWritten deletes a written question of a set; questions.ErrNotFound
// when the set holds no question qid. Students' drafts and answers to it
// stay theirs.
func (s *Store) DeleteWritten(ctx context.Context, setID int64, qid string) error {
	row, ok := written.AuthoredRow(qid)
	if !ok {
		return questions.ErrNotFound
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM authored_written WHERE id = ? AND set_id = ?`, row, setID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return notFound(sql.ErrNoRows)
		}
		_, err = tx.ExecContext(ctx, `UPDATE question_sets SET updated_at = ? WHERE id = ?`, millis(s.now()), setID)
		return err
	})
	if err != nil {
		return fmt.Errorf("db: delete written question %s: %w", qid, err)
	}
	return nil
}

// ImportSetWritten is ImportSet that also adds the written questions ws
// to the new set, in the same transaction; it returns their ids too.
func (s *Store) ImportSetWritten(ctx context.Context, ownerID int64, title, description string, items []sets.Item, files []media.File,
	ws []written.Question) (int64, []int64, []string, error) {
	var wids []string
	id, ids, err := s.importSet(ctx, ownerID, title, description, items, files, func(tx *sql.Tx, setID, now int64) (err error) {
		wids, err = insertWritten(ctx, tx, setID, ws, now)
		return err
	})
	if err != nil {
		return 0, nil, nil, err
	}
	return id, ids, wids, nil
}

// ImportItemsWritten is ImportItems that also appends the written
// questions ws to the set, in the same transaction; it returns their ids
// too.
func (s *Store) ImportItemsWritten(ctx context.Context, setID int64, items []sets.Item, files []media.File,
	ws []written.Question) ([]int64, int, []string, error) {
	var wids []string
	ids, updated, err := s.importItems(ctx, setID, items, files, func(tx *sql.Tx, setID, now int64) (err error) {
		wids, err = insertWritten(ctx, tx, setID, ws, now)
		return err
	})
	if err != nil {
		return nil, 0, nil, err
	}
	return ids, updated, wids, nil
}
