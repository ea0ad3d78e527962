package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"sabaq/questions/media"
	"sabaq/questions/sets"
)

// ImportItems adds imported items to a set, in one transaction, as Anki
// imports notes: an item whose Guid is that of a live item of the set
// replaces that item, keeping its id (so learners' progress on it stays)
// and its place; the others are appended. Several items of the set with the
// same guid (a duplicated question keeps its guid) resolve to the first in
// the set's order. It returns the items' ids, in the order of items, and
// how many of them replaced an item. The pictures the items show (files)
// are stored in the same transaction, against the set owner's quota (a
// *QuotaError refuses the whole import).
func (s *Store) ImportItems(ctx context.Context, setID int64, items []sets.Item, files []media.File) (ids []int64, updated int, err error) {
	return s.importItems(ctx, setID, items, files, nil)
}

// importItems is ImportItems that also runs also, when not nil, in the
// same transaction (authoredwritten.go adds the written questions of an
// import there).
func (s *Store) importItems(ctx context.Context, setID int64, items []sets.Item, files []media.File,
	also func(tx *sql.Tx, setID, now int64) error) (ids []int64, updated int, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var owner int64
		if err := tx.QueryRowContext(ctx, `SELECT owner_id FROM question_sets WHERE id = ?`, setID).Scan(&owner); err != nil {
			return err
		}
		if err := s.putMedia(ctx, tx, owner, files); err != nil {
			return err
		}
		byGuid, err := itemsByGuid(ctx, tx, setID)
		if err != nil {
			return err
		}
		var next int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position) + 1, 0) FROM set_items WHERE set_id = ?`, setID).Scan(&next); err != nil {
			return err
		}
		now := millis(s.now())
		ids, updated = make([]int64, 0, len(items)), 0
		for _, it := range items {
			b, err := json.Marshal(it)
			if err != nil {
				return err
			}
			if id, ok := byGuid[it.Guid]; ok && it.Guid != "" {
				if _, err := tx.ExecContext(ctx, `UPDATE set_items SET item = ?, updated_at = ? WHERE id = ?`, string(b), now, id); err != nil {
					return err
				}
				ids, updated = append(ids, id), updated+1
				continue
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO set_items (set_id, position, item, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
				setID, next, string(b), now, now)
			if err != nil {
				return err
			}
			id, err := res.LastInsertId()
			if err != nil {
				return err
			}
			if it.Guid != "" {
				// A guid twice in one file: the later note updates the earlier, as in Anki.
				byGuid[it.Guid] = id
			}
			ids, next = append(ids, id), next+1
		}
		if also != nil {
			if err := also(tx, setID, now); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE question_sets SET updated_at = ? WHERE id = ?`, now, setID)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("db: import items: %w", err)
	}
	return ids, updated, nil
}

// itemsByGuid maps the guids of a set's live items to their ids, the first
// item in the set's order winning.
func itemsByGuid(ctx context.Context, tx *sql.Tx, setID int64) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, json_extract(item, '$.guid') FROM set_items
		WHERE set_id = ? AND deleted_at IS NULL AND json_extract(item, '$.guid') IS NOT NULL
		ORDER BY position DESC, id DESC`, setID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var guid string
		if err := rows.Scan(&id, &guid); err != nil {
			return nil, err
		}
		out[guid] = id
	}
	return out, rows.Err()
}
