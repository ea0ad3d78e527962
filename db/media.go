package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"sabaq/questions"
	"sabaq/questions/media"
)

// QuotaError is the refusal of pictures that would take a teacher past
// media.Quota.
type QuotaError struct {
	Used, Adding, Quota int64 // bytes
}

func (e *QuotaError) Error() string {
	mb := func(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
	return fmt.Sprintf("these pictures (%s) would take your pictures past the %s each teacher may store (you have %s); "+
		"remove pictures you no longer use, or save them smaller", mb(e.Adding), mb(e.Quota), mb(e.Used))
}

// PutMedia stores pictures a teacher brought, in one transaction.
func (s *Store) PutMedia(ctx context.Context, ownerID int64, files []media.File) error {
	if len(files) == 0 {
		return nil
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.putMedia(ctx, tx, ownerID, files) })
	if err != nil {
		return fmt.Errorf("db: put media: %w", err)
	}
	return nil
}

// putMedia stores files for ownerID within tx, refusing with a *QuotaError
// those that would pass the quota (pictures the teacher already has cost
// nothing).
func (s *Store) putMedia(ctx context.Context, tx *sql.Tx, ownerID int64, files []media.File) error {
	if len(files) == 0 {
		return nil
	}
	var used int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(size), 0) FROM media_owners WHERE owner_id = ?`, ownerID).Scan(&used); err != nil {
		return err
	}
	var adding int64
	for _, f := range files {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM media_owners WHERE owner_id = ? AND name = ?`, ownerID, f.Name).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			adding += int64(len(f.Data))
		}
	}
	if used+adding > s.mediaQuota {
		return &QuotaError{Used: used, Adding: adding, Quota: s.mediaQuota}
	}
	now := millis(s.now())
	for _, f := range files {
		if !media.ValidName(f.Name) {
			return fmt.Errorf("media name %q", f.Name)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO media (name, mime, size, data, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (name) DO NOTHING`, f.Name, f.MIME, len(f.Data), f.Data, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO media_owners (owner_id, name, size, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, ownerID, f.Name, len(f.Data), now); err != nil {
			return err
		}
	}
	return nil
}

// Media returns a stored picture by name, or a questions.ENOTFOUND error.
func (s *Store) Media(ctx context.Context, name string) (media.File, error) {
	f := media.File{Name: name}
	if !media.ValidName(name) {
		return f, questions.Errorf(questions.ENOTFOUND, "There is no such picture.")
	}
	err := s.read.QueryRowContext(ctx, `SELECT mime, data FROM media WHERE name = ?`, name).Scan(&f.MIME, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return f, questions.Errorf(questions.ENOTFOUND, "There is no such picture.")
	}
	if err != nil {
		return f, fmt.Errorf("db: media: %w", err)
	}
	return f, nil
}

// MediaFiles returns the stored pictures of names that exist (for an
// export to carry them), by name.
func (s *Store) MediaFiles(ctx context.Context, names []string) (map[string]media.File, error) {
	out := map[string]media.File{}
	for _, n := range names {
		if _, done := out[n]; done {
			continue
		}
		f, err := s.Media(ctx, n)
		if questions.ErrorCode(err) == questions.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[n] = f
	}
	return out, nil
}

// MediaUsed is how many bytes of pictures a teacher has stored.
func (s *Store) MediaUsed(ctx context.Context, ownerID int64) (int64, error) {
	var used int64
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(sum(size), 0) FROM media_owners WHERE owner_id = ?`, ownerID).Scan(&used); err != nil {
		return 0, fmt.Errorf("db: media used: %w", err)
	}
	return used, nil
}
