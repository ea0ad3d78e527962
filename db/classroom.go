package db

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"sabaq/questions"
	"sabaq/questions/media"
	"sabaq/questions/sets"
)

// SetItem is a stored item of a set.
type SetItem struct {
	ID        int64
	SetID     int64
	Position  int
	Item      sets.Item
	DeletedAt time.Time // when it was deleted, if it was and can still come back; zero otherwise
}

// CreateSet makes a set with its items in one transaction (an import is
// all or nothing) and returns the set's id and the items' ids.
func (s *Store) CreateSet(ctx context.Context, ownerID int64, title, description string, items []sets.Item) (int64, []int64, error) {
	return s.ImportSet(ctx, ownerID, title, description, items, nil)
}

// ImportSet is CreateSet for an import: the pictures its items show (files)
// are stored in the same transaction, against the owner's quota (a
// *QuotaError refuses the whole import).
func (s *Store) ImportSet(ctx context.Context, ownerID int64, title, description string, items []sets.Item, files []media.File) (int64, []int64, error) {
	return s.importSet(ctx, ownerID, title, description, items, files, nil)
}

// importSet is ImportSet that also runs also, when not nil, in the same
// transaction with the new set's id (authoredwritten.go adds the written
// questions of an import there).
func (s *Store) importSet(ctx context.Context, ownerID int64, title, description string, items []sets.Item, files []media.File,
	also func(tx *sql.Tx, setID, now int64) error) (int64, []int64, error) {
	var id int64
	var ids []int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := millis(s.now())
		if err := s.putMedia(ctx, tx, ownerID, files); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO question_sets (owner_id, title, description, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?)`, ownerID, title, description, now, now)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		ids, err = insertItems(ctx, tx, id, 0, items, now)
		if err != nil || also == nil {
			return err
		}
		return also(tx, id, now)
	})
	if err != nil {
		return 0, nil, fmt.Errorf("db: create set: %w", err)
	}
	return id, ids, nil
}

func insertItems(ctx context.Context, tx *sql.Tx, setID int64, from int, items []sets.Item, now int64) ([]int64, error) {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO set_items (set_id, position, item, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	ids := make([]int64, 0, len(items))
	for i, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			return nil, err
		}
		res, err := stmt.ExecContext(ctx, setID, from+i, string(b), now, now)
		if err != nil {
			return nil, err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// SetInfo returns a set's details (not its items).
func (s *Store) SetInfo(ctx context.Context, id int64) (questions.SetInfo, error) {
	si, err := scanSetInfo(s.read.QueryRowContext(ctx, `SELECT s.id, s.owner_id, s.title, s.description, s.created_at, s.updated_at,
			(SELECT count(*) FROM set_items WHERE set_id = s.id AND deleted_at IS NULL)
		FROM question_sets s WHERE s.id = ?`, id))
	if err != nil {
		return si, fmt.Errorf("db: set %d: %w", id, err)
	}
	return si, nil
}

// SetsByOwner lists a teacher's sets, most recently changed first.
func (s *Store) SetsByOwner(ctx context.Context, ownerID int64) ([]questions.SetInfo, error) {
	out, err := queryAll(ctx, s.read, scanSetInfo, `SELECT s.id, s.owner_id, s.title, s.description, s.created_at, s.updated_at,
			(SELECT count(*) FROM set_items WHERE set_id = s.id AND deleted_at IS NULL)
		FROM question_sets s WHERE s.owner_id = ? ORDER BY s.updated_at DESC, s.id DESC`, ownerID)
	if err != nil {
		return nil, fmt.Errorf("db: sets: %w", err)
	}
	return out, nil
}

func scanSetInfo(row scanner) (questions.SetInfo, error) {
	var si questions.SetInfo
	var created, updated int64
	err := row.Scan(&si.ID, &si.OwnerID, &si.Title, &si.Description, &created, &updated, &si.Items)
	si.CreatedAt, si.UpdatedAt = fromMillis(created), fromMillis(updated)
	return si, notFound(err)
}

// SetItems lists a set's items in order, but for deleted ones.
func (s *Store) SetItems(ctx context.Context, setID int64) ([]SetItem, error) {
	return s.setItems(ctx, `SELECT id, set_id, position, item, deleted_at FROM set_items
		WHERE set_id = ? AND deleted_at IS NULL ORDER BY position, id`, setID)
}

// AllSetItems lists every item of every set, but for deleted ones, for
// loading the question bank.
func (s *Store) AllSetItems(ctx context.Context) ([]SetItem, error) {
	return s.setItems(ctx, `SELECT id, set_id, position, item, deleted_at FROM set_items
		WHERE deleted_at IS NULL ORDER BY set_id, position, id`)
}

func (s *Store) setItems(ctx context.Context, query string, args ...any) ([]SetItem, error) {
	out, err := queryAll(ctx, s.read, scanSetItem, query, args...)
	if err != nil {
		return nil, fmt.Errorf("db: set items: %w", err)
	}
	return out, nil
}

func scanSetItem(row scanner) (SetItem, error) {
	var si SetItem
	var raw string
	var deleted sql.NullInt64
	if err := row.Scan(&si.ID, &si.SetID, &si.Position, &raw, &deleted); err != nil {
		return si, notFound(err)
	}
	if deleted.Valid {
		si.DeletedAt = fromMillis(deleted.Int64)
	}
	if err := json.Unmarshal([]byte(raw), &si.Item); err != nil {
		return si, fmt.Errorf("set item %d: %w", si.ID, err)
	}
	return si, nil
}

// UpdateSet renames a set.
func (s *Store) UpdateSet(ctx context.Context, id int64, title, description string) error {
	res, err := s.exec(ctx, `UPDATE question_sets SET title = ?, description = ?, updated_at = ? WHERE id = ?`,
		title, description, millis(s.now()), id)
	return affectedOne(res, err, "update set")
}

// DeleteSet deletes a set, its items and its assignments.
func (s *Store) DeleteSet(ctx context.Context, id int64) error {
	res, err := s.exec(ctx, `DELETE FROM question_sets WHERE id = ?`, id)
	return affectedOne(res, err, "delete set")
}

// AddItems appends items to a set, in one transaction.
func (s *Store) AddItems(ctx context.Context, setID int64, items []sets.Item) ([]int64, error) {
	var ids []int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var next int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position) + 1, 0) FROM set_items WHERE set_id = ?`, setID).Scan(&next); err != nil {
			return err
		}
		now := millis(s.now())
		var err error
		if ids, err = insertItems(ctx, tx, setID, next, items, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE question_sets SET updated_at = ? WHERE id = ?`, now, setID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("db: add items: %w", err)
	}
	return ids, nil
}

// UpdateItem replaces an item of a set.
func (s *Store) UpdateItem(ctx context.Context, setID, itemID int64, it sets.Item) error {
	b, err := json.Marshal(it)
	if err != nil {
		return fmt.Errorf("db: update item: %w", err)
	}
	now := millis(s.now())
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE set_items SET item = ?, updated_at = ?
			WHERE id = ? AND set_id = ? AND deleted_at IS NULL`, string(b), now, itemID, setID)
		if err := affectedOne(res, err, "update item"); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE question_sets SET updated_at = ? WHERE id = ?`, now, setID)
		return err
	})
	return err
}

// DeleteItem deletes an item from a set, for now: it can be brought back
// (RestoreItem) for sets.UndoDelete, or until another item of the set is
// deleted. Deleting an item already deleted changes nothing. Items whose
// time is up are removed for good on the way, as are the set's earlier
// deletions: learners' cards and reviews of them stay, as they always have.
func (s *Store) DeleteItem(ctx context.Context, setID, itemID int64) error {
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM set_items WHERE deleted_at IS NOT NULL
			AND (deleted_at < ? OR (set_id = ? AND id != ?))`, millis(now.Add(-sets.UndoDelete)), setID, itemID); err != nil {
			return err
		}
		var deleted sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT deleted_at FROM set_items WHERE id = ? AND set_id = ?`, itemID, setID).Scan(&deleted)
		if err != nil || deleted.Valid {
			return notFound(err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE set_items SET deleted_at = ? WHERE id = ?`, millis(now), itemID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE question_sets SET updated_at = ? WHERE id = ?`, millis(now), setID)
		return err
	})
	if err != nil {
		return fmt.Errorf("db: delete item: %w", err)
	}
	return nil
}

// DeletedItem returns the set's item deleted last, if it can still be
// brought back (its DeletedAt says when it was deleted).
func (s *Store) DeletedItem(ctx context.Context, setID int64) (SetItem, error) {
	si, err := scanSetItem(s.read.QueryRowContext(ctx, `SELECT id, set_id, position, item, deleted_at FROM set_items
		WHERE set_id = ? AND deleted_at >= ? ORDER BY deleted_at DESC, id DESC LIMIT 1`,
		setID, millis(s.now().Add(-sets.UndoDelete))))
	if err != nil {
		return si, fmt.Errorf("db: deleted item: %w", err)
	}
	return si, nil
}

// RestoreItem brings back a deleted item, in its old place. Restoring an
// item that is not deleted changes nothing; one deleted for good, or too
// long ago, is not found.
func (s *Store) RestoreItem(ctx context.Context, setID, itemID int64) (SetItem, error) {
	var si SetItem
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		si, err = scanSetItem(tx.QueryRowContext(ctx, `SELECT id, set_id, position, item, deleted_at FROM set_items
			WHERE id = ? AND set_id = ? AND (deleted_at IS NULL OR deleted_at >= ?)`,
			itemID, setID, millis(now.Add(-sets.UndoDelete))))
		if err != nil || si.DeletedAt.IsZero() {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE set_items SET deleted_at = NULL WHERE id = ?`, itemID); err != nil {
			return err
		}
		si.DeletedAt = time.Time{}
		_, err = tx.ExecContext(ctx, `UPDATE question_sets SET updated_at = ? WHERE id = ?`, millis(now), setID)
		return err
	})
	if err != nil {
		return si, fmt.Errorf("db: restore item: %w", err)
	}
	return si, nil
}

// MoveItem moves an item to place to (1 for the first) among the set's
// items not deleted (see sets.Move); moving it where it is changes nothing.
func (s *Store) MoveItem(ctx context.Context, setID, itemID int64, to int) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		order, err := queryAll(ctx, tx, func(row scanner) (sets.Slot, error) {
			var sl sets.Slot
			err := row.Scan(&sl.ID, &sl.Deleted)
			return sl, err
		}, `SELECT id, deleted_at IS NOT NULL FROM set_items WHERE set_id = ? ORDER BY position, id`, setID)
		if err != nil {
			return err
		}
		moved, err := sets.Move(order, itemID, to)
		if err != nil || slices.Equal(moved, order) {
			return err
		}
		for i, sl := range moved {
			if _, err := tx.ExecContext(ctx, `UPDATE set_items SET position = ? WHERE id = ? AND position != ?`, i, sl.ID, i); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE question_sets SET updated_at = ? WHERE id = ?`, millis(s.now()), setID)
		return err
	})
	if err != nil {
		return fmt.Errorf("db: move item: %w", err)
	}
	return nil
}

// DuplicateItem copies an item into the place right after it and returns
// the copy's id. formKey, the random key of the form that asked, makes it
// idempotent: the same key finds the copy it made instead of making another
// (created is false then).
func (s *Store) DuplicateItem(ctx context.Context, setID, itemID int64, formKey string) (id int64, created bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if formKey != "" {
			err := tx.QueryRowContext(ctx, `SELECT id FROM set_items WHERE set_id = ? AND form_key = ?`, setID, formKey).Scan(&id)
			if err == nil || !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		var position int
		var item string
		err := tx.QueryRowContext(ctx, `SELECT position, item FROM set_items WHERE id = ? AND set_id = ? AND deleted_at IS NULL`,
			itemID, setID).Scan(&position, &item)
		if err != nil {
			return notFound(err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE set_items SET position = position + 1 WHERE set_id = ? AND position > ?`, setID, position); err != nil {
			return err
		}
		now := millis(s.now())
		res, err := tx.ExecContext(ctx, `INSERT INTO set_items (set_id, position, item, form_key, created_at, updated_at)
			VALUES (?, ?, ?, nullif(?, ''), ?, ?)`, setID, position+1, item, formKey, now, now)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		created = true
		_, err = tx.ExecContext(ctx, `UPDATE question_sets SET updated_at = ? WHERE id = ?`, now, setID)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("db: duplicate item: %w", err)
	}
	return id, created, nil
}

func affectedOne(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("db: %s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("db: %s: %w", what, err)
	}
	if n == 0 {
		return fmt.Errorf("db: %s: %w", what, questions.ErrNotFound)
	}
	return nil
}

// joinAlphabet avoids letters and digits that are easily confused when a
// code is read out in class (0/O, 1/I/L).
const joinAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

func joinCode() string {
	b := make([]byte, 6)
	for i := range b {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(joinAlphabet))))
		b[i] = joinAlphabet[n.Int64()]
	}
	return string(b)
}

// CreateClass makes a class with a fresh join code.
func (s *Store) CreateClass(ctx context.Context, teacherID int64, name string) (questions.Class, error) {
	c := questions.Class{TeacherID: teacherID, Name: name, CreatedAt: fromMillis(millis(s.now()))}
	for range 5 {
		c.JoinCode = joinCode()
		res, err := s.exec(ctx, `INSERT INTO classes (teacher_id, name, join_code, created_at) VALUES (?, ?, ?, ?)`,
			teacherID, name, c.JoinCode, millis(c.CreatedAt))
		if err != nil && strings.Contains(err.Error(), "UNIQUE") {
			continue // a code already in use: draw another
		}
		if err != nil {
			return c, fmt.Errorf("db: create class: %w", err)
		}
		c.ID, err = res.LastInsertId()
		return c, err
	}
	return c, errors.New("db: create class: no free join code")
}

const classColumns = `c.id, c.teacher_id, c.name, c.join_code, c.created_at, (SELECT count(*) FROM class_members WHERE class_id = c.id)`

func scanClass(row scanner) (questions.Class, error) {
	var c questions.Class
	var created int64
	if err := row.Scan(&c.ID, &c.TeacherID, &c.Name, &c.JoinCode, &created, &c.Members); err != nil {
		return c, notFound(err)
	}
	c.CreatedAt = fromMillis(created)
	return c, nil
}

// Class returns a class.
func (s *Store) Class(ctx context.Context, id int64) (questions.Class, error) {
	c, err := scanClass(s.read.QueryRowContext(ctx, `SELECT `+classColumns+` FROM classes c WHERE c.id = ?`, id))
	if err != nil {
		return c, fmt.Errorf("db: class %d: %w", id, err)
	}
	return c, nil
}

// ClassByCode finds a class by its join code (any case).
func (s *Store) ClassByCode(ctx context.Context, code string) (questions.Class, error) {
	c, err := scanClass(s.read.QueryRowContext(ctx, `SELECT `+classColumns+` FROM classes c WHERE c.join_code = ?`,
		strings.ToUpper(strings.TrimSpace(code))))
	if err != nil {
		return c, fmt.Errorf("db: class by code: %w", err)
	}
	return c, nil
}

// ClassesByTeacher lists a teacher's classes.
func (s *Store) ClassesByTeacher(ctx context.Context, teacherID int64) ([]questions.Class, error) {
	return s.classes(ctx, `SELECT `+classColumns+` FROM classes c WHERE c.teacher_id = ? ORDER BY c.name, c.id`, teacherID)
}

// ClassesOfStudent lists the classes a student has joined.
func (s *Store) ClassesOfStudent(ctx context.Context, accountID int64) ([]questions.Class, error) {
	return s.classes(ctx, `SELECT `+classColumns+` FROM classes c JOIN class_members m ON m.class_id = c.id
		WHERE m.account_id = ? ORDER BY c.name, c.id`, accountID)
}

func (s *Store) classes(ctx context.Context, query string, args ...any) ([]questions.Class, error) {
	out, err := queryAll(ctx, s.read, scanClass, query, args...)
	if err != nil {
		return nil, fmt.Errorf("db: classes: %w", err)
	}
	return out, nil
}

// JoinClass adds a student to a class; joining twice is harmless.
func (s *Store) JoinClass(ctx context.Context, classID, accountID int64) error {
	_, err := s.exec(ctx, `INSERT INTO class_members (class_id, account_id, joined_at) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, classID, accountID, millis(s.now()))
	if err != nil {
		return fmt.Errorf("db: join class: %w", err)
	}
	return nil
}

// RemoveMember takes a student out of a class. Their own data stays
// theirs; the class's assignments leave their revision. It reports whether
// they were in the class: removing them twice changes nothing.
func (s *Store) RemoveMember(ctx context.Context, classID, accountID int64) (bool, error) {
	res, err := s.exec(ctx, `DELETE FROM class_members WHERE class_id = ? AND account_id = ?`, classID, accountID)
	if err != nil {
		return false, fmt.Errorf("db: remove member: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("db: remove member: %w", err)
	}
	return n > 0, nil
}

// ResetJoinCode gives a class a fresh join code in place of old, which
// stops working at once, and returns the class's code. A class whose code
// is no longer old (the reset was sent twice) keeps the code it has.
func (s *Store) ResetJoinCode(ctx context.Context, classID int64, old string) (string, error) {
	for range 5 {
		code := joinCode()
		res, err := s.exec(ctx, `UPDATE classes SET join_code = ? WHERE id = ? AND join_code = ?`, code, classID, old)
		if err != nil && strings.Contains(err.Error(), "UNIQUE") {
			continue // a code already in use: draw another
		}
		if err != nil {
			return "", fmt.Errorf("db: reset join code: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return code, err
		}
		c, err := s.Class(ctx, classID)
		return c.JoinCode, err
	}
	return "", errors.New("db: reset join code: no free join code")
}

// Members lists a class's students with their learners.
func (s *Store) Members(ctx context.Context, classID int64) ([]questions.Member, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.username, coalesce(l.id, 0), m.joined_at, coalesce(l.created_at, 0)
		FROM class_members m JOIN accounts a ON a.id = m.account_id LEFT JOIN learners l ON l.account_id = a.id
		WHERE m.class_id = ? ORDER BY a.username`, classID)
	if err != nil {
		return nil, fmt.Errorf("db: members: %w", err)
	}
	defer rows.Close()
	var out []questions.Member
	for rows.Next() {
		var m questions.Member
		var joined, created int64
		if err := rows.Scan(&m.AccountID, &m.Username, &m.LearnerID, &joined, &created); err != nil {
			return nil, fmt.Errorf("db: members: %w", err)
		}
		m.JoinedAt, m.LearnerCreatedAt = fromMillis(joined), fromMillis(created)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Assign gives a set to a class, or updates the dates of an existing assignment.
func (s *Store) Assign(ctx context.Context, classID, setID int64, due, exam string) error {
	_, err := s.exec(ctx, `INSERT INTO assignments (class_id, set_id, due_date, exam_date, created_at)
		VALUES (?, ?, nullif(?, ''), nullif(?, ''), ?)
		ON CONFLICT (class_id, set_id) DO UPDATE SET due_date = excluded.due_date, exam_date = excluded.exam_date`,
		classID, setID, due, exam, millis(s.now()))
	if err != nil {
		return fmt.Errorf("db: assign: %w", err)
	}
	return nil
}

// Unassign removes an assignment from a class.
func (s *Store) Unassign(ctx context.Context, classID, assignmentID int64) error {
	res, err := s.exec(ctx, `DELETE FROM assignments WHERE id = ? AND class_id = ?`, assignmentID, classID)
	return affectedOne(res, err, "unassign")
}

const assignmentColumns = `a.id, a.class_id, c.name, a.set_id, s.title, coalesce(a.due_date, ''), coalesce(a.exam_date, ''), a.created_at`

// ClassAssignments lists what a class has been assigned.
func (s *Store) ClassAssignments(ctx context.Context, classID int64) ([]questions.Assignment, error) {
	return s.assignments(ctx, `SELECT `+assignmentColumns+` FROM assignments a JOIN classes c ON c.id = a.class_id
		JOIN question_sets s ON s.id = a.set_id WHERE a.class_id = ? ORDER BY coalesce(a.due_date, '9999'), a.id`, classID)
}

// StudentAssignments lists what a student's classes have been assigned.
func (s *Store) StudentAssignments(ctx context.Context, accountID int64) ([]questions.Assignment, error) {
	return s.assignments(ctx, `SELECT `+assignmentColumns+` FROM assignments a JOIN classes c ON c.id = a.class_id
		JOIN question_sets s ON s.id = a.set_id JOIN class_members m ON m.class_id = a.class_id
		WHERE m.account_id = ? ORDER BY coalesce(a.due_date, '9999'), a.id`, accountID)
}

func (s *Store) assignments(ctx context.Context, query string, args ...any) ([]questions.Assignment, error) {
	out, err := queryAll(ctx, s.read, scanAssignment, query, args...)
	if err != nil {
		return nil, fmt.Errorf("db: assignments: %w", err)
	}
	return out, nil
}

func scanAssignment(row scanner) (questions.Assignment, error) {
	var a questions.Assignment
	var created int64
	err := row.Scan(&a.ID, &a.ClassID, &a.ClassName, &a.SetID, &a.SetTitle, &a.DueDate, &a.ExamDate, &created)
	a.CreatedAt = fromMillis(created)
	return a, err
}
