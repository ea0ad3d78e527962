// Package db is Sabaq's storage: one SQLite file, and the only place with SQL.
package db

import (
	"sabaq/questions/media"

	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
	"sabaq/questions"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is Sabaq's database. Writes go through one connection, so that
// SQLite's single writer never makes two of ours wait on each other's locks;
// reads use a pool of their own and see the last committed state (WAL).
type Store struct {
	write *sql.DB
	read  *sql.DB
	ckpt  *sql.DB // checkpoints only (see checkpoints)
	now   func() time.Time
	// mediaQuota is the bytes of pictures each teacher may store
	// (media.Quota; smaller in tests).
	mediaQuota int64

	// The review writer (commitReviews) takes reviews from SaveReview.
	reviews        chan *reviewCommit
	closing        chan struct{} // closed by Close
	reviewsStopped chan struct{} // closed when the review writer has returned
	// closed when the checkpointer has returned
	checkpointsStopped chan struct{}
	closeOnce          sync.Once

	changes    changes
	identities *identityCache
	stmts      reviewStmts // prepared on the writer connection
}

// reviewStmts are the statements every review runs, prepared once rather
// than parsed again in every transaction.
type reviewStmts struct {
	insertCard, updateCard, insertReview *sql.Stmt
}

func (s *Store) prepare(ctx context.Context) error {
	var err error
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{{&s.stmts.insertCard, insertCardQuery}, {&s.stmts.updateCard, updateCardQuery}, {&s.stmts.insertReview, insertReviewQuery}} {
		if *p.stmt, err = s.write.PrepareContext(ctx, p.query); err != nil {
			return fmt.Errorf("db: prepare: %w", err)
		}
	}
	return nil
}

// Open opens (creating if need be) the database file at path and applies any
// migrations it has not had yet.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("db: empty database path")
	}
	// Settings go in the DSN so that every pooled connection gets them.
	// WAL lets readers run while one writer commits; the busy timeout makes a
	// connection wait for a lock instead of failing at once; synchronous=FULL
	// fsyncs each commit, so an acknowledged answer survives a power cut;
	// _txlock=immediate takes the write lock at BEGIN, which avoids deadlocks
	// between read-then-write transactions.
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	if err := createPrivate(path); err != nil {
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}

	write, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	// Commits never copy the WAL back into the database file themselves (a
	// checkpoint): under a stream of reviews, checkpoints run by the writer
	// held every commit queued behind them, tens of milliseconds for 1000
	// scattered pages, several for 250, and set the p99 of a review submit.
	// A connection of their own runs them instead (see checkpoints). This is
	// a setting of the connection, not of the file: the one writer
	// connection is kept open, and were it replaced the default would
	// apply again.
	if _, err := write.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
		write.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	ckpt, err := sql.Open("sqlite3", dsn)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	ckpt.SetMaxOpenConns(1)
	ckpt.SetConnMaxIdleTime(0)
	q.Set("mode", "ro")
	q.Del("_txlock")
	read, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		write.Close()
		ckpt.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	read.SetMaxOpenConns(max(4, runtime.NumCPU()*2))
	s := &Store{write: write, read: read, ckpt: ckpt, now: time.Now, mediaQuota: media.Quota,
		reviews: make(chan *reviewCommit), closing: make(chan struct{}), reviewsStopped: make(chan struct{}),
		checkpointsStopped: make(chan struct{}), identities: newIdentityCache()}
	go s.commitReviews()
	go s.checkpoints(CheckpointEvery)
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	// After the migrations: the statements need their tables.
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database, once any review being written is committed.
func (s *Store) Close() error {
	s.closeOnce.Do(func() { close(s.closing) })
	<-s.reviewsStopped
	<-s.checkpointsStopped
	for _, st := range []*sql.Stmt{s.stmts.insertCard, s.stmts.updateCard, s.stmts.insertReview} {
		if st != nil {
			st.Close()
		}
	}
	// The last connection to close checkpoints what is left.
	return errors.Join(s.read.Close(), s.ckpt.Close(), s.write.Close())
}

// CheckpointEvery is how often the WAL is copied back into the database:
// at some 3,000 reviews a second, a few hundred pages each time.
const CheckpointEvery = 200 * time.Millisecond

// checkpoints copies committed pages from the WAL into the database file
// every interval, from its own connection, until the store closes.
func (s *Store) checkpoints(interval time.Duration) {
	defer close(s.checkpointsStopped)
	Checkpoints(s.ckpt, interval, s.closing)
}

// Checkpoints runs a passive checkpoint on conn every interval until stop
// is closed. PASSIVE waits for no reader and no writer: commits go on
// appending to the WAL meanwhile, and once every frame is copied the writer
// starts the WAL again from its beginning, so it stays small. Durability
// does not depend on it: each commit is already synced in the WAL. A failed
// round (the disk full, say) is simply tried again at the next. Exported
// for the benchmark's bare SQLite loop, which must pay what the store pays.
func Checkpoints(conn *sql.DB, interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			conn.Exec(`PRAGMA wal_checkpoint(PASSIVE)`) //nolint:errcheck // retried next round
		case <-stop:
			return
		}
	}
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.read.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("db: ping: %w", err)
	}
	return nil
}

// migrate applies, in order and each in its own transaction, the embedded
// migrations not yet recorded in schema_migrations.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`); err != nil {
		return fmt.Errorf("db: migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("db: migrate: %w", err)
	}
	slices.Sort(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("db: migration %s: name must start with a number", base)
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("db: migration %s: %w", base, err)
		}
		err = s.tx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil || n > 0 {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				version, base, s.now().UnixMilli())
			return err
		})
		if err != nil {
			return fmt.Errorf("db: migration %s: %w", base, err)
		}
	}
	return nil
}

// tx runs fn in a write transaction, committing if it returns nil; the
// write counts as a change for everyone (see changes).
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	defer s.changedAll()
	return s.writeTx(ctx, fn)
}

func (s *Store) writeTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Secret returns the server-wide secret with the given name, creating a
// random 32-byte one on first use.
func (s *Store) Secret(ctx context.Context, name string) ([]byte, error) {
	var v []byte
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, "secret:"+name).Scan(&v)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		v = make([]byte, 32)
		rand.Read(v)
		_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, "secret:"+name, v)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("db: secret %s: %w", name, err)
	}
	return v, nil
}

// notFound turns sql.ErrNoRows into the domain's not-found error.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return questions.ErrNotFound
	}
	return err
}

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms) }

func fromNullMillis(ms sql.NullInt64) time.Time {
	if !ms.Valid {
		return time.Time{}
	}
	return time.UnixMilli(ms.Int64)
}

// FileMode is the mode of a database file Sabaq creates, and of its backups:
// they hold pupils' answers and password hashes, so only the account the
// server runs as may read them. SQLite gives the -wal and -shm files it
// creates the mode of the database file (os_unix.c, findCreateFileMode and
// unixOpenSharedMemory), whatever the umask.
const FileMode = 0o600

// createPrivate creates the database file, empty, readable by its owner
// only, unless it exists: SQLite would create it 0644. An existing file
// keeps the mode its owner gave it.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, FileMode)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}
