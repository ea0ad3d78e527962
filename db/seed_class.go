package db

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"sabaq/questions"
)

// ClassSeedOptions shape the class SeedClass makes.
type ClassSeedOptions struct {
	Students  int            // how many students in the class
	CardsEach int            // cards per student, as SeedOptions.CardsEach
	Questions []SeedQuestion // the bank the cards come from
	Now       time.Time
	Rand      *rand.Rand // draws everything, tokens included: for benchmarks only
	// ExamShare and QuizShare are as in SeedOptions.
	ExamShare, QuizShare float64
	// StudentsPerTx is how many students go in one transaction (default 500).
	StudentsPerTx int
}

// SeededStudent is a student made by SeedClass: its account, and its
// learner with the token of the student's log-in session (the value of the
// session cookie) in place of an anonymous learner's.
type SeededStudent struct {
	AccountID int64
	SeededLearner
}

// SeededClass is what SeedClass made.
type SeededClass struct {
	ClassID      int64
	TeacherID    int64  // the teacher's account
	TeacherToken string // the teacher's log-in session token (session cookie)
	Students     []SeededStudent
}

// seedPasswordHash is no bcrypt hash, so no password logs in to a seeded
// account: the seeded sessions are the only way in.
var seedPasswordHash = []byte("!seeded: no password")

// SeedClass writes one teacher account with a log-in session, one class of
// theirs, and opts.Students student accounts, each with a log-in session,
// a member of the class, and with a learner whose cards are made as
// SeedLearners makes them. It writes in big transactions. It is for
// benchmarks and load tests: the tokens come from opts.Rand.
func (s *Store) SeedClass(ctx context.Context, opts ClassSeedOptions) (SeededClass, error) {
	var out SeededClass
	if opts.Rand == nil || opts.Students < 0 {
		return out, errors.New("db: seed class: need a Rand and a number of students")
	}
	r, now := opts.Rand, opts.Now
	expires := millis(now.Add(questions.SessionLifetime))
	// A tag of the run's, so that seeding twice into a database makes
	// other usernames.
	tag := fmt.Sprintf("%08x", r.Uint32())
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO accounts (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)`,
			"bench-teacher-"+tag, seedPasswordHash, string(questions.Teacher), millis(now))
		if err != nil {
			return err
		}
		if out.TeacherID, err = res.LastInsertId(); err != nil {
			return err
		}
		// Every account has a learner (see createAccount).
		if _, err := tx.ExecContext(ctx, `INSERT INTO learners (token_hash, created_at, account_id) VALUES (?, ?, ?)`,
			hashToken(seedToken(r)), millis(now), out.TeacherID); err != nil {
			return err
		}
		out.TeacherToken = seedToken(r)
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			hashToken(out.TeacherToken), out.TeacherID, millis(now), expires); err != nil {
			return err
		}
		for range 5 {
			res, err = tx.ExecContext(ctx, `INSERT INTO classes (teacher_id, name, join_code, created_at) VALUES (?, ?, ?, ?)`,
				out.TeacherID, "Bench class "+tag, joinCode(), millis(now))
			if err == nil || !strings.Contains(err.Error(), "UNIQUE") {
				break
			}
		}
		if err != nil {
			return err
		}
		out.ClassID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return out, fmt.Errorf("db: seed class: %w", err)
	}

	perTx := opts.StudentsPerTx
	if perTx <= 0 {
		perTx = 500
	}
	lopts := SeedOptions{CardsEach: opts.CardsEach, Questions: opts.Questions, Now: now, Rand: r,
		ExamShare: opts.ExamShare, QuizShare: opts.QuizShare}
	if opts.CardsEach < 0 || opts.CardsEach > len(opts.Questions) {
		return out, errors.New("db: seed class: at most as many cards each as questions")
	}
	order := seedOrder(opts.Questions)
	out.Students = make([]SeededStudent, 0, opts.Students)
	for start := 0; start < opts.Students; start += perTx {
		n := min(perTx, opts.Students-start)
		err := s.tx(ctx, func(tx *sql.Tx) error {
			// The learners and their cards, as anonymous learners; then
			// each is given to an account of its own with a session.
			ls, err := seedBatch(ctx, tx, lopts, order, n)
			if err != nil {
				return err
			}
			insAccount, err := tx.PrepareContext(ctx, `INSERT INTO accounts (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)`)
			if err != nil {
				return err
			}
			defer insAccount.Close()
			claim, err := tx.PrepareContext(ctx, `UPDATE learners SET account_id = ? WHERE id = ?`)
			if err != nil {
				return err
			}
			defer claim.Close()
			insSession, err := tx.PrepareContext(ctx, `INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`)
			if err != nil {
				return err
			}
			defer insSession.Close()
			insMember, err := tx.PrepareContext(ctx, `INSERT INTO class_members (class_id, account_id, joined_at) VALUES (?, ?, ?)`)
			if err != nil {
				return err
			}
			defer insMember.Close()
			for i, l := range ls {
				res, err := insAccount.ExecContext(ctx, fmt.Sprintf("bench-%s-student%04d", tag, start+i+1),
					seedPasswordHash, string(questions.Student), millis(now))
				if err != nil {
					return err
				}
				id, err := res.LastInsertId()
				if err != nil {
					return err
				}
				if _, err := claim.ExecContext(ctx, id, l.ID); err != nil {
					return err
				}
				l.Token = seedToken(r)
				if _, err := insSession.ExecContext(ctx, hashToken(l.Token), id, millis(now), expires); err != nil {
					return err
				}
				if _, err := insMember.ExecContext(ctx, out.ClassID, id, millis(now)); err != nil {
					return err
				}
				out.Students = append(out.Students, SeededStudent{AccountID: id, SeededLearner: l})
			}
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("db: seed class: %w", err)
		}
	}
	return out, nil
}

// seedOrder is the questions' indexes in id order: cards go in
// primary-key order, so each learner's rows are appended to the b-tree
// instead of scattered through it.
func seedOrder(qs []SeedQuestion) []int32 {
	order := make([]int32, len(qs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(qs[a].ID, qs[b].ID) })
	return order
}

// seedToken draws a token as newToken does, from r.
func seedToken(r *rand.Rand) string {
	raw := make([]byte, 32)
	for i := range raw {
		raw[i] = byte(r.Uint32())
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}
