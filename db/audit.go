package db

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Tables lists the database's own tables by name (SQLite's internal ones
// left out).
func (s *Store) Tables(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("db: tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("db: tables: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: tables: %w", err)
	}
	return names, nil
}

// quoteIdent quotes a table name taken from sqlite_schema for use in SQL.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// TableCounts counts the rows of every table, by table name: tests compare
// two snapshots to show that a refused request wrote nothing.
func (s *Store) TableCounts(ctx context.Context) (map[string]int64, error) {
	names, err := s.Tables(ctx)
	if err != nil {
		return nil, err
	}
	counts := make(map[string]int64, len(names))
	for _, n := range names {
		var c int64
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(n)).Scan(&c); err != nil {
			return nil, fmt.Errorf("db: count %s: %w", n, err)
		}
		counts[n] = c
	}
	return counts, nil
}

// TableDigests hashes the content of every table, by table name: unlike
// TableCounts, it also changes when a row is updated in place.
func (s *Store) TableDigests(ctx context.Context) (map[string]string, error) {
	names, err := s.Tables(ctx)
	if err != nil {
		return nil, err
	}
	digests := make(map[string]string, len(names))
	for _, n := range names {
		d, err := s.tableDigest(ctx, n)
		if err != nil {
			return nil, fmt.Errorf("db: digest %s: %w", n, err)
		}
		digests[n] = d
	}
	return digests, nil
}

func (s *Store) tableDigest(ctx context.Context, name string) (string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT * FROM `+quoteIdent(name))
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	var lines []string
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		var b strings.Builder
		for _, v := range vals {
			fmt.Fprintf(&b, "%T:%q\x1f", v, fmt.Sprint(v))
		}
		lines = append(lines, b.String())
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	// Rows come in no promised order: sort them, so that equal content
	// always hashes the same.
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
