package db

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// SeedQuestion is a question that seeded cards may be for: its id and the
// event its siblings share.
type SeedQuestion struct {
	ID, EventID string
}

// SeedOptions shape the learners SeedLearners makes.
type SeedOptions struct {
	Learners  int            // how many learners
	CardsEach int            // cards per learner, drawn from Questions (at most len(Questions))
	Questions []SeedQuestion // the bank the cards come from
	Now       time.Time      // the moment the data is made for: due dates and "today" are relative to it
	Rand      *rand.Rand     // draws everything, tokens included: seeded data is for benchmarks only
	// ExamShare is the share of learners with an exam date 5 to 60 days
	// ahead (exam mode); the rest have no settings row (the defaults).
	ExamShare float64
	// QuizShare is the share of learners who review in quiz mode.
	QuizShare float64
	// LearnersPerTx is how many learners go in one transaction (default 500).
	LearnersPerTx int
}

// SeededCard is one seeded card: its question (an index into
// SeedOptions.Questions), its version (the number of its review_logs rows,
// as a real card's would be) and its FSRS state.
type SeededCard struct {
	Question int32
	Version  int32
	State    srs.State
}

// SeededLearner is a learner made by SeedLearners, with the token its
// cookie carries and its cards in question-id order.
type SeededLearner struct {
	ID    int64
	Token string
	Cards []SeededCard
}

// SeedLearners writes opts.Learners anonymous learners, each with
// opts.CardsEach cards spread over the FSRS states as a class in the middle
// of a term has them (learning and relearning cards due within minutes of
// now; review cards with intervals from a day to half a year, about a fifth
// overdue; the rest of the bank still new), one review_logs row per card
// for its latest review (today's among them, so the day's counts and
// burying are exercised), and for opts.ExamShare of them an exam date. It
// writes in big transactions with prepared statements. It is for
// benchmarks and load tests: the tokens come from opts.Rand.
func (s *Store) SeedLearners(ctx context.Context, opts SeedOptions) ([]SeededLearner, error) {
	if opts.Rand == nil || opts.CardsEach > len(opts.Questions) || opts.Learners < 0 || opts.CardsEach < 0 {
		return nil, errors.New("db: seed: need a Rand and at most as many cards each as questions")
	}
	perTx := opts.LearnersPerTx
	if perTx <= 0 {
		perTx = 500
	}
	out := make([]SeededLearner, 0, opts.Learners)
	// Cards go in primary-key order, so each learner's rows are appended
	// to the b-tree instead of scattered through it.
	order := seedOrder(opts.Questions)
	for start := 0; start < opts.Learners; start += perTx {
		n := min(perTx, opts.Learners-start)
		err := s.tx(ctx, func(tx *sql.Tx) error {
			ls, err := seedBatch(ctx, tx, opts, order, n)
			out = append(out, ls...)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("db: seed: %w", err)
		}
	}
	return out, nil
}

func seedBatch(ctx context.Context, tx *sql.Tx, opts SeedOptions, order []int32, n int) ([]SeededLearner, error) {
	insLearner, err := tx.PrepareContext(ctx, `INSERT INTO learners (token_hash, created_at) VALUES (?, ?)`)
	if err != nil {
		return nil, err
	}
	defer insLearner.Close()
	insSettings, err := tx.PrepareContext(ctx, `INSERT INTO learner_settings (learner_id, desired_retention,
		new_per_day, reviews_per_day, timezone, exam_date, review_mode, eras, themes) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', '[]')`)
	if err != nil {
		return nil, err
	}
	defer insSettings.Close()
	cards := &bulkInsert{head: `INSERT INTO cards (learner_id, question_id, event_id, state, due, stability,
		difficulty, reps, lapses, last_review, scheduled_days, remaining_steps, version, created_at) VALUES `, cols: 14}
	logs := &bulkInsert{head: `INSERT INTO review_logs (learner_id, question_id, event_id, rating,
		state_before, card_before, card_after, elapsed_days, reviewed_at, duration_ms, mode) VALUES `, cols: 11}
	defer cards.close()
	defer logs.close()

	r, now := opts.Rand, opts.Now
	loc := srs.DefaultLocation()
	dayStart := srs.DayStart(now, loc)
	out := make([]SeededLearner, 0, n)
	chosen := make([]bool, len(opts.Questions))
	for range n {
		raw := make([]byte, 32)
		for i := range raw {
			raw[i] = byte(r.Uint32())
		}
		token := base64.RawURLEncoding.EncodeToString(raw)
		created := now.Add(-time.Duration(30+r.IntN(150)) * 24 * time.Hour)
		res, err := insLearner.ExecContext(ctx, hashToken(token), millis(created))
		if err != nil {
			return nil, err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return nil, err
		}
		mode := questions.ModeFlashcard
		if r.Float64() < opts.QuizShare {
			mode = questions.ModeQuiz
		}
		var exam any
		if r.Float64() < opts.ExamShare {
			exam = now.In(loc).AddDate(0, 0, 5+r.IntN(56)).Format(time.DateOnly)
		}
		if exam != nil || mode != questions.ModeFlashcard {
			if _, err := insSettings.ExecContext(ctx, id, srs.DefaultRetention, questions.DefaultNewPerDay,
				questions.DefaultReviewsPerDay, questions.DefaultTimeZone, exam, string(mode)); err != nil {
				return nil, err
			}
		}

		clear(chosen)
		for _, i := range r.Perm(len(opts.Questions))[:opts.CardsEach] {
			chosen[i] = true
		}
		l := SeededLearner{ID: id, Token: token, Cards: make([]SeededCard, 0, opts.CardsEach)}
		for _, qi := range order {
			if !chosen[qi] {
				continue
			}
			q := opts.Questions[qi]
			before, after, rating := seedCard(r, now, dayStart)
			var last any
			if !after.LastReview.IsZero() {
				last = millis(after.LastReview)
			}
			if err := cards.add(ctx, tx, id, q.ID, q.EventID, int(after.State), millis(after.Due),
				after.Stability, after.Difficulty, int64(after.Reps), int64(after.Lapses), last, int64(after.ScheduledDays),
				after.RemainingSteps, 1, millis(created)); err != nil {
				return nil, err
			}
			// The card's latest review, which left it as it is now.
			var beforeJSON any
			stateBefore := srs.StateNew
			elapsed := 0.0
			if before != nil {
				beforeJSON, stateBefore = string(appendCardJSON(nil, *before)), before.State
				elapsed = after.LastReview.Sub(before.LastReview).Hours() / 24
			}
			if err := logs.add(ctx, tx, id, q.ID, q.EventID, int(rating), int(stateBefore), beforeJSON,
				string(appendCardJSON(nil, after)), elapsed, millis(after.LastReview), 3000+r.IntN(12000), "flashcard"); err != nil {
				return nil, err
			}
			l.Cards = append(l.Cards, SeededCard{Question: qi, Version: 1, State: after.State})
		}
		out = append(out, l)
	}
	if err := cards.flush(ctx, tx); err != nil {
		return nil, err
	}
	if err := logs.flush(ctx, tx); err != nil {
		return nil, err
	}
	return out, nil
}

// bulkRows is how many rows one multi-row INSERT of the seed writes: one
// statement execution per row costs more than the row itself.
const bulkRows = 64

// bulkInsert gathers rows and inserts them bulkRows at a time.
type bulkInsert struct {
	head string // INSERT INTO t (columns) VALUES
	cols int
	stmt *sql.Stmt // bulkRows rows, prepared on first use
	args []any
}

func (b *bulkInsert) query(rows int) string {
	one := "(?" + strings.Repeat(", ?", b.cols-1) + ")"
	return b.head + one + strings.Repeat(", "+one, rows-1)
}

func (b *bulkInsert) add(ctx context.Context, tx *sql.Tx, args ...any) error {
	b.args = append(b.args, args...)
	if len(b.args) < bulkRows*b.cols {
		return nil
	}
	if b.stmt == nil {
		var err error
		if b.stmt, err = tx.PrepareContext(ctx, b.query(bulkRows)); err != nil {
			return err
		}
	}
	_, err := b.stmt.ExecContext(ctx, b.args...)
	b.args = b.args[:0]
	return err
}

// flush inserts the rows left over.
func (b *bulkInsert) flush(ctx context.Context, tx *sql.Tx) error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, b.query(len(b.args)/b.cols), b.args...)
	b.args = b.args[:0]
	return err
}

func (b *bulkInsert) close() {
	if b.stmt != nil {
		b.stmt.Close()
	}
}

// appendCardJSON writes c as json.Marshal does, without its reflection:
// the seed writes two of these per review row.
func appendCardJSON(b []byte, c srs.Card) []byte {
	b = append(b, `{"Due":"`...)
	b = c.Due.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","Stability":`...)
	b = strconv.AppendFloat(b, c.Stability, 'f', -1, 64)
	b = append(b, `,"Difficulty":`...)
	b = strconv.AppendFloat(b, c.Difficulty, 'f', -1, 64)
	b = append(b, `,"ScheduledDays":`...)
	b = strconv.AppendUint(b, c.ScheduledDays, 10)
	b = append(b, `,"Reps":`...)
	b = strconv.AppendUint(b, c.Reps, 10)
	b = append(b, `,"Lapses":`...)
	b = strconv.AppendUint(b, c.Lapses, 10)
	b = append(b, `,"State":`...)
	b = strconv.AppendInt(b, int64(c.State), 10)
	b = append(b, `,"LastReview":"`...)
	b = c.LastReview.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","RemainingSteps":`...)
	b = strconv.AppendInt(b, int64(c.RemainingSteps), 10)
	return append(b, '}')
}

// seedCard draws one card as it stands after its latest review, the card
// before that review (nil if it was new) and the grade given.
func seedCard(r *rand.Rand, now, dayStart time.Time) (*srs.Card, srs.Card, srs.Rating) {
	day := 24 * time.Hour
	sinceDayStart := max(now.Sub(dayStart), time.Minute)
	switch p := r.Float64(); {
	case p < 0.06: // learning: shown today for the first time, a step to go
		last := now.Add(-time.Duration(r.Int64N(int64(min(sinceDayStart, 3*time.Hour)))))
		c := srs.Card{State: srs.Learning, Stability: 0.2 + 3*r.Float64(), Difficulty: 4 + 4*r.Float64(),
			Reps: 1 + uint64(r.IntN(2)), LastReview: last, RemainingSteps: r.IntN(2),
			Due: now.Add(time.Duration(r.Int64N(int64(20*time.Minute))) - 10*time.Minute)}
		return nil, c, srs.Again + srs.Rating(r.IntN(3))
	case p < 0.09: // relearning: forgotten today, due again within minutes
		last := now.Add(-time.Duration(r.Int64N(int64(min(sinceDayStart, 3*time.Hour)))))
		sd := 3 + r.IntN(40)
		b := srs.Card{State: srs.Review, Stability: float64(sd), Difficulty: 5 + 4*r.Float64(),
			Reps: 3 + uint64(r.IntN(8)), Lapses: uint64(r.IntN(3)), ScheduledDays: uint64(sd),
			LastReview: last.Add(-time.Duration(sd) * day), Due: last.Add(-time.Duration(r.IntN(3)) * day)}
		c := b
		c.State, c.Stability, c.Reps, c.Lapses, c.ScheduledDays, c.LastReview = srs.Relearning, 0.5+2*r.Float64(), b.Reps+1, b.Lapses+1, 0, last
		c.Due = now.Add(time.Duration(r.Int64N(int64(20*time.Minute))) - 10*time.Minute)
		return &b, c, srs.Again
	default: // review: intervals of a day to half a year, about a fifth overdue
		sd := max(1, int(math.Round(math.Exp(r.Float64()*math.Log(180)))))
		// How far through its interval the card is: past 1 is overdue.
		f := 1.25 * r.Float64()
		last := now.Add(-time.Duration(f * float64(sd) * float64(day)))
		c := srs.Card{State: srs.Review, Stability: float64(sd) * (0.9 + 0.2*r.Float64()), Difficulty: 2 + 7*r.Float64(),
			Reps: 2 + uint64(r.IntN(11)), Lapses: uint64(r.IntN(4) / 3), ScheduledDays: uint64(sd),
			LastReview: last, Due: last.Add(time.Duration(sd) * day)}
		prev := max(1, sd/2)
		b := c
		b.Stability, b.Reps, b.ScheduledDays = float64(prev), c.Reps-1, uint64(prev)
		b.LastReview = last.Add(-time.Duration(prev) * day)
		b.Due = last
		return &b, c, srs.Good + srs.Rating(r.IntN(2))
	}
}
