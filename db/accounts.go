package db

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"sabaq/questions"
)

func newToken() string {
	raw := make([]byte, 32)
	rand.Read(raw)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// ErrUsernameTaken is returned when signing up with a username in use.
var ErrUsernameTaken = questions.Errorf(questions.ECONFLICT, "That username is taken. Choose another.")

// ErrInviteInvalid is returned for an unknown, used or expired invite.
var ErrInviteInvalid = questions.Errorf(questions.EINVALID, "This invitation link is not valid: it may have been used already or have expired.")

// CreateAccount makes an account in one transaction: it uses up the invite,
// if any, and claims the learner (or makes one).
func (s *Store) CreateAccount(ctx context.Context, na questions.NewAccount) (questions.Account, error) {
	return s.createAccount(ctx, na, false)
}

// CreateAdmin makes an admin teacher's account, as `sabaq user add --role
// teacher` does: an admin may also hide questions of the generated bank
// from everyone. Teachers invited from the web are not admins.
func (s *Store) CreateAdmin(ctx context.Context, na questions.NewAccount) (questions.Account, error) {
	if na.Role != questions.Teacher {
		return questions.Account{}, questions.Errorf(questions.EINVALID, "Only a teacher can be an admin.")
	}
	return s.createAccount(ctx, na, true)
}

// AccountAdmin reports whether an account is an admin teacher.
func (s *Store) AccountAdmin(ctx context.Context, accountID int64) (bool, error) {
	var admin bool
	err := s.read.QueryRowContext(ctx, `SELECT admin FROM accounts WHERE id = ?`, accountID).Scan(&admin)
	if err != nil {
		return false, fmt.Errorf("db: account %d: %w", accountID, notFound(err))
	}
	return admin, nil
}

func (s *Store) createAccount(ctx context.Context, na questions.NewAccount, admin bool) (questions.Account, error) {
	now := s.now()
	a := questions.Account{Username: na.Username, Role: na.Role, CreatedAt: fromMillis(millis(now))}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE username = ?`, na.Username).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrUsernameTaken
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO accounts (username, password_hash, role, created_at, admin) VALUES (?, ?, ?, ?, ?)`,
			na.Username, na.PasswordHash, string(na.Role), millis(now), admin)
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if na.Invite != "" {
			res, err := tx.ExecContext(ctx, `UPDATE teacher_invites SET used_by = ?, used_at = ?
				WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`, a.ID, millis(now), hashToken(na.Invite), millis(now))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return ErrInviteInvalid
			}
		}
		if na.ClaimLearner != 0 {
			res, err := tx.ExecContext(ctx, `UPDATE learners SET account_id = ? WHERE id = ? AND account_id IS NULL`, a.ID, na.ClaimLearner)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				a.LearnerID = na.ClaimLearner
				return nil
			}
		}
		// No anonymous learner to claim: the account gets a fresh one, with a
		// token nobody holds (the session cookie identifies it).
		res, err = tx.ExecContext(ctx, `INSERT INTO learners (token_hash, created_at, account_id) VALUES (?, ?, ?)`,
			hashToken(newToken()), millis(now), a.ID)
		if err != nil {
			return err
		}
		a.LearnerID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		if errors.Is(err, ErrUsernameTaken) || errors.Is(err, ErrInviteInvalid) {
			return a, err
		}
		return a, fmt.Errorf("db: create account: %w", err)
	}
	return a, nil
}

const accountColumns = `a.id, a.username, a.role, a.created_at, coalesce(l.id, 0)`

func scanAccount(row scanner) (questions.Account, error) {
	var a questions.Account
	var role string
	var created int64
	if err := row.Scan(&a.ID, &a.Username, &role, &created, &a.LearnerID); err != nil {
		return a, notFound(err)
	}
	a.Role, a.CreatedAt = questions.Role(role), fromMillis(created)
	return a, nil
}

// AccountByUsername returns an account and its password hash.
func (s *Store) AccountByUsername(ctx context.Context, username string) (questions.Account, []byte, error) {
	var hash []byte
	var a questions.Account
	var role string
	var created int64
	err := s.read.QueryRowContext(ctx, `SELECT a.id, a.username, a.role, a.created_at, coalesce(l.id, 0), a.password_hash
		FROM accounts a LEFT JOIN learners l ON l.account_id = a.id WHERE a.username = ?`, username).
		Scan(&a.ID, &a.Username, &role, &created, &a.LearnerID, &hash)
	if err != nil {
		return a, nil, fmt.Errorf("db: account %q: %w", username, notFound(err))
	}
	a.Role, a.CreatedAt = questions.Role(role), fromMillis(created)
	return a, hash, nil
}

// AccountByID returns an account.
func (s *Store) AccountByID(ctx context.Context, id int64) (questions.Account, error) {
	a, err := scanAccount(s.read.QueryRowContext(ctx, `SELECT `+accountColumns+`
		FROM accounts a LEFT JOIN learners l ON l.account_id = a.id WHERE a.id = ?`, id))
	if err != nil {
		return a, fmt.Errorf("db: account %d: %w", id, err)
	}
	return a, nil
}

// CreateSession starts a log-in session and returns its token.
func (s *Store) CreateSession(ctx context.Context, accountID int64) (string, time.Time, error) {
	token := newToken()
	now := s.now()
	expires := now.Add(questions.SessionLifetime)
	_, err := s.write.ExecContext(ctx, `INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		hashToken(token), accountID, millis(now), millis(expires))
	if err != nil {
		return "", time.Time{}, fmt.Errorf("db: create session: %w", err)
	}
	return token, expires, nil
}

// AccountBySession returns the account of a live session and its learner.
func (s *Store) AccountBySession(ctx context.Context, token string) (questions.Account, questions.Learner, error) {
	k := identityKey{session: true, hash: sha256.Sum256([]byte(token))}
	now := s.now()
	gen := s.changes.all.Load() // before reading: see changes
	if id, ok := s.identities.get(k, gen, now); ok {
		return id.account, id.learner, nil
	}
	var a questions.Account
	var l questions.Learner
	var role string
	var created, expires, learnerCreated int64
	var name sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT a.id, a.username, a.role, a.created_at, l.id, se.expires_at, l.created_at, l.display_name
		FROM sessions se JOIN accounts a ON a.id = se.account_id JOIN learners l ON l.account_id = a.id
		WHERE se.token_hash = ? AND se.expires_at > ?`, k.hash[:], millis(now)).
		Scan(&a.ID, &a.Username, &role, &created, &a.LearnerID, &expires, &learnerCreated, &name)
	if err != nil {
		return a, l, fmt.Errorf("db: session: %w", notFound(err))
	}
	a.Role, a.CreatedAt = questions.Role(role), fromMillis(created)
	l = questions.Learner{ID: a.LearnerID, CreatedAt: fromMillis(learnerCreated), DisplayName: name.String}
	s.identities.put(k, identity{generation: gen, expires: fromMillis(expires), account: a, learner: l})
	return a, l, nil
}

// DeleteSession ends a session (log-out).
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	if _, err := s.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token)); err != nil {
		return fmt.Errorf("db: delete session: %w", err)
	}
	return nil
}

// ChangePassword sets a new password hash and ends every other session of
// the account, in one transaction.
func (s *Store) ChangePassword(ctx context.Context, accountID int64, hash []byte, keepToken string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET password_hash = ? WHERE id = ?`, hash, accountID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE account_id = ? AND token_hash != ?`, accountID, hashToken(keepToken))
		return err
	})
	if err != nil {
		return fmt.Errorf("db: change password: %w", err)
	}
	return nil
}

// RecordLoginFailure notes a failed log-in, and forgets failures older than
// a day, which no throttling rule looks at.
func (s *Store) RecordLoginFailure(ctx context.Context, username, address string) error {
	now := s.now()
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (username, address, at) VALUES (?, ?, ?)`,
			strings.ToLower(username), address, millis(now)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at < ?`, millis(now.Add(-24*time.Hour)))
		return err
	})
	if err != nil {
		return fmt.Errorf("db: record login failure: %w", err)
	}
	return nil
}

// LoginFailures counts the failed log-ins for a username from an address
// since a time, and returns when the latest was.
func (s *Store) LoginFailures(ctx context.Context, username, address string, since time.Time) (int, time.Time, error) {
	var n int
	var last sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT count(*), max(at) FROM login_failures
		WHERE username = ? AND address = ? AND at >= ?`,
		strings.ToLower(username), address, millis(since)).Scan(&n, &last)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("db: login failures: %w", err)
	}
	return n, fromNullMillis(last), nil
}

// ClearLoginFailures forgets a username's failures from an address after a
// successful log-in from it. Failures from elsewhere stay: someone else's
// guesses go on being slowed down.
func (s *Store) ClearLoginFailures(ctx context.Context, username, address string) error {
	if _, err := s.write.ExecContext(ctx, `DELETE FROM login_failures WHERE username = ? AND address = ?`,
		strings.ToLower(username), address); err != nil {
		return fmt.Errorf("db: clear login failures: %w", err)
	}
	return nil
}

// CreateInvite makes a one-time teacher invitation and returns its token.
func (s *Store) CreateInvite(ctx context.Context, teacherID int64) (string, error) {
	token := newToken()
	now := s.now()
	_, err := s.write.ExecContext(ctx, `INSERT INTO teacher_invites (token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		hashToken(token), teacherID, millis(now), millis(now.Add(questions.InviteLifetime)))
	if err != nil {
		return "", fmt.Errorf("db: create invite: %w", err)
	}
	return token, nil
}

// InviteValid reports whether an invitation can still be used.
func (s *Store) InviteValid(ctx context.Context, token string) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM teacher_invites WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`,
		hashToken(token), millis(s.now())).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("db: invite: %w", err)
	}
	return n == 1, nil
}
