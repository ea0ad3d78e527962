package db

import (
	"context"
	"fmt"
)

// SetGuids are the guids of a set's live items (those imported from Anki
// keep their note's guid): the import preview counts an item whose guid is
// here as an update, as ImportItems will treat it. A set with none gives an
// empty map.
func (s *Store) SetGuids(ctx context.Context, setID int64) (map[string]bool, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT DISTINCT json_extract(item, '$.guid') FROM set_items
		WHERE set_id = ? AND deleted_at IS NULL AND json_extract(item, '$.guid') IS NOT NULL`, setID)
	if err != nil {
		return nil, fmt.Errorf("db: set guids: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var guid string
		if err := rows.Scan(&guid); err != nil {
			return nil, fmt.Errorf("db: set guids: %w", err)
		}
		if guid != "" {
			out[guid] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: set guids: %w", err)
	}
	return out, nil
}
