package db

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Backup writes a consistent copy of the database to path while the server
// keeps running: VACUUM INTO reads one snapshot of the WAL database, so the
// copy is never half-written, and it refuses to overwrite a file.
func (s *Store) Backup(ctx context.Context, path string) error {
	if path == "" {
		return errors.New("db: backup: no file given")
	}
	// VACUUM INTO writes into an empty file: making it here, readable by
	// its owner only (FileMode), keeps SQLite from creating it 0644.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, FileMode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("db: backup: %s already exists; choose a new file name", path)
	}
	if err != nil {
		return fmt.Errorf("db: backup to %s: %w", path, err)
	}
	f.Close()
	if _, err := s.read.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path) // a failed copy (a full disk, say) leaves nothing behind
		return fmt.Errorf("db: backup to %s: %w", path, err)
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict ("ok").
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	if err := s.read.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return "", fmt.Errorf("db: integrity check: %w", err)
	}
	return res, nil
}

// ReviewAudit counts the reviews stored (not undone), and the cards never
// undone whose version is not the number of their reviews: each review moves
// a card one version on, so a mismatch means a review applied twice or lost.
func (s *Store) ReviewAudit(ctx context.Context) (reviews int64, mismatched int64, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM review_logs WHERE undone_at IS NULL),
			(SELECT count(*) FROM cards c WHERE
				NOT EXISTS (SELECT 1 FROM review_logs r WHERE r.learner_id = c.learner_id
					AND r.question_id = c.question_id AND r.undone_at IS NOT NULL)
				AND c.version != (SELECT count(*) FROM review_logs r WHERE r.learner_id = c.learner_id
					AND r.question_id = c.question_id))`).Scan(&reviews, &mismatched)
	if err != nil {
		return 0, 0, fmt.Errorf("db: review audit: %w", err)
	}
	return reviews, mismatched, nil
}
