package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"time"

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
		"delete questions whose pictures you no longer need (their space comes back within a day), or save the pictures smaller", mb(e.Adding), mb(e.Quota), mb(e.Used))
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

// mediaRef finds the stored pictures an item's JSON refers to.
var mediaRef = regexp.MustCompile(`/media/([0-9a-f]{64}\.(?:png|jpg|gif|webp))`)

// PruneMedia forgets pictures no question shows any more: a teacher's
// claim on a picture none of their questions shows (deleted questions
// included until they are gone for good), and then a picture nobody claims
// and no question shows. Claims made after before are left alone, so a
// picture stored for a form that is still being filled in is not taken
// from under it. It reports how many pictures were removed from the store.
// The quota counts claims, so this is what gives a teacher back the space
// of the pictures in questions they deleted.
func (s *Store) PruneMedia(ctx context.Context, before time.Time) (int, error) {
	var removed int
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		byOwner := map[int64]map[string]bool{}
		shown := map[string]bool{}
		rows, err := tx.QueryContext(ctx, `SELECT s.owner_id, i.item FROM set_items i JOIN question_sets s ON s.id = i.set_id
			WHERE i.item LIKE '%/media/%'`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var owner int64
			var item string
			if err := rows.Scan(&owner, &item); err != nil {
				rows.Close()
				return err
			}
			for _, m := range mediaRef.FindAllStringSubmatch(item, -1) {
				if byOwner[owner] == nil {
					byOwner[owner] = map[string]bool{}
				}
				byOwner[owner][m[1]], shown[m[1]] = true, true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		type claim struct {
			owner int64
			name  string
		}
		var stale []claim
		rows, err = tx.QueryContext(ctx, `SELECT owner_id, name FROM media_owners WHERE created_at < ?`, millis(before))
		if err != nil {
			return err
		}
		for rows.Next() {
			var c claim
			if err := rows.Scan(&c.owner, &c.name); err != nil {
				rows.Close()
				return err
			}
			if !byOwner[c.owner][c.name] {
				stale = append(stale, c)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, c := range stale {
			if _, err := tx.ExecContext(ctx, `DELETE FROM media_owners WHERE owner_id = ? AND name = ?`, c.owner, c.name); err != nil {
				return err
			}
		}
		var orphans []string
		rows, err = tx.QueryContext(ctx, `SELECT name FROM media m WHERE created_at < ?
			AND NOT EXISTS (SELECT 1 FROM media_owners o WHERE o.name = m.name)`, millis(before))
		if err != nil {
			return err
		}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return err
			}
			if !shown[n] {
				orphans = append(orphans, n)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, n := range orphans {
			if _, err := tx.ExecContext(ctx, `DELETE FROM media WHERE name = ?`, n); err != nil {
				return err
			}
		}
		removed = len(orphans)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("db: prune media: %w", err)
	}
	return removed, nil
}
