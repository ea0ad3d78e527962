package db

import (
	"context"
	"errors"
	"fmt"

	"github.com/mattn/go-sqlite3"
)

// Unavailable reports whether err means the database cannot be written at
// all right now: a full or read-only disk, or an I/O failure. The web layer
// answers those with a clear 503 page instead of a generic error.
func Unavailable(err error) bool {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code {
	case sqlite3.ErrFull, sqlite3.ErrReadonly, sqlite3.ErrIoErr, sqlite3.ErrCantOpen:
		return true
	}
	return false
}

// LimitPages caps the database at n pages on the writing connection, so a
// test can make the "disk" full without filling a real one.
func (s *Store) LimitPages(ctx context.Context, n int) error {
	if _, err := s.write.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, n)); err != nil {
		return fmt.Errorf("db: limit pages: %w", err)
	}
	return nil
}

// PageCount is the database's size in pages.
func (s *Store) PageCount(ctx context.Context) (int, error) {
	var n int
	if err := s.write.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&n); err != nil {
		return 0, fmt.Errorf("db: page count: %w", err)
	}
	return n, nil
}
