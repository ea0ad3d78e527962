package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// ReviewSettings returns a learner's revision settings, or the defaults.
func (s *Store) ReviewSettings(ctx context.Context, learnerID int64) (questions.ReviewSettings, error) {
	rs := questions.DefaultReviewSettings()
	var exam sql.NullString
	var mode, eras, themes string
	err := s.read.QueryRowContext(ctx, `SELECT desired_retention, new_per_day, reviews_per_day, timezone, exam_date,
			review_mode, eras, themes FROM learner_settings WHERE learner_id = ?`, learnerID).
		Scan(&rs.DesiredRetention, &rs.NewPerDay, &rs.ReviewsPerDay, &rs.TimeZone, &exam, &mode, &eras, &themes)
	if errors.Is(err, sql.ErrNoRows) {
		return rs, nil
	}
	if err != nil {
		return rs, fmt.Errorf("db: review settings: %w", err)
	}
	rs.ExamDate, rs.Mode = exam.String, questions.ReviewMode(mode)
	if err := errors.Join(json.Unmarshal([]byte(eras), &rs.Eras), json.Unmarshal([]byte(themes), &rs.Themes)); err != nil {
		return rs, fmt.Errorf("db: review settings: %w", err)
	}
	return rs, nil
}

// SaveReviewSettings stores a learner's revision settings. The caller
// validates them first.
func (s *Store) SaveReviewSettings(ctx context.Context, learnerID int64, rs questions.ReviewSettings) error {
	eras, _ := json.Marshal(nonNil(rs.Eras))
	themes, _ := json.Marshal(nonNil(rs.Themes))
	var exam any
	if rs.ExamDate != "" {
		exam = rs.ExamDate
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO learner_settings (learner_id, desired_retention, new_per_day,
			reviews_per_day, timezone, exam_date, review_mode, eras, themes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (learner_id) DO UPDATE SET desired_retention = excluded.desired_retention,
			new_per_day = excluded.new_per_day, reviews_per_day = excluded.reviews_per_day,
			timezone = excluded.timezone, exam_date = excluded.exam_date, review_mode = excluded.review_mode,
			eras = excluded.eras, themes = excluded.themes`,
		learnerID, rs.DesiredRetention, rs.NewPerDay, rs.ReviewsPerDay, rs.TimeZone, exam, string(rs.Mode), string(eras), string(themes))
	if err != nil {
		return fmt.Errorf("db: save review settings: %w", err)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const cardColumns = `question_id, event_id, state, due, stability, difficulty, reps, lapses, last_review,
	scheduled_days, remaining_steps, version`

func scanCard(row scanner) (questions.CardRecord, error) {
	var c questions.CardRecord
	var due int64
	var last sql.NullInt64
	var state int
	err := row.Scan(&c.QuestionID, &c.EventID, &state, &due, &c.Card.Stability, &c.Card.Difficulty, &c.Card.Reps,
		&c.Card.Lapses, &last, &c.Card.ScheduledDays, &c.Card.RemainingSteps, &c.Version)
	if err != nil {
		return c, notFound(err)
	}
	c.Card.State = srs.State(state)
	c.Card.Due = fromMillis(due)
	c.Card.LastReview = fromNullMillis(last)
	return c, nil
}

// Card returns a learner's card for a question; a question never reviewed
// has none (ErrNotFound).
func (s *Store) Card(ctx context.Context, learnerID int64, questionID string) (questions.CardRecord, error) {
	c, err := scanCard(s.read.QueryRowContext(ctx, `SELECT `+cardColumns+` FROM cards WHERE learner_id = ? AND question_id = ?`,
		learnerID, questionID))
	if err != nil {
		return c, fmt.Errorf("db: card: %w", err)
	}
	return c, nil
}

// DueCards lists a learner's cards due before until, in any state.
func (s *Store) DueCards(ctx context.Context, learnerID int64, until time.Time) ([]questions.CardRecord, error) {
	return s.cards(ctx, `SELECT `+cardColumns+` FROM cards WHERE learner_id = ? AND due < ? ORDER BY due`, learnerID, millis(until))
}

// Cards lists all of a learner's cards.
func (s *Store) Cards(ctx context.Context, learnerID int64) ([]questions.CardRecord, error) {
	return s.cards(ctx, `SELECT `+cardColumns+` FROM cards WHERE learner_id = ?`, learnerID)
}

func (s *Store) cards(ctx context.Context, query string, args ...any) ([]questions.CardRecord, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("db: cards: %w", err)
	}
	defer rows.Close()
	var out []questions.CardRecord
	for rows.Next() {
		c, err := scanCard(rows)
		if err != nil {
			return nil, fmt.Errorf("db: cards: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: cards: %w", err)
	}
	return out, nil
}

// KnownQuestions returns the ids of the questions a learner has a card for.
func (s *Store) KnownQuestions(ctx context.Context, learnerID int64) (map[string]bool, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT question_id FROM cards WHERE learner_id = ?`, learnerID)
	if err != nil {
		return nil, fmt.Errorf("db: known questions: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("db: known questions: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// DayCounts reports what a learner has reviewed since dayStart.
func (s *Store) DayCounts(ctx context.Context, learnerID int64, dayStart time.Time) (questions.DayCounts, error) {
	d := questions.DayCounts{EventsSeen: map[string]bool{}, Questions: map[string]bool{}}
	rows, err := s.read.QueryContext(ctx, `SELECT question_id, event_id, state_before FROM review_logs
		WHERE learner_id = ? AND reviewed_at >= ? AND undone_at IS NULL`, learnerID, millis(dayStart))
	if err != nil {
		return d, fmt.Errorf("db: day counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var q, e string
		var state int
		if err := rows.Scan(&q, &e, &state); err != nil {
			return d, fmt.Errorf("db: day counts: %w", err)
		}
		switch srs.State(state) {
		case srs.StateNew:
			d.New++
		case srs.Review:
			d.Reviews++
		}
		d.EventsSeen[e], d.Questions[q] = true, true
	}
	return d, rows.Err()
}

// ErrStale means a review was not applied because the card had changed since
// the form was shown: a double click, a retry or a stale tab.
var ErrStale = questions.Errorf(questions.ECONFLICT, "This card was already graded. Nothing was changed.")

// SaveReview writes a review: the card moves from version r.Version to
// r.Version+1 and the log row is added, in one transaction. A card whose
// version is no longer r.Version is left alone and ErrStale returned.
func (s *Store) SaveReview(ctx context.Context, learnerID int64, version int64, r questions.ReviewRecord) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = insertReview(ctx, tx, learnerID, version, r)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrStale) {
			return 0, ErrStale
		}
		return 0, fmt.Errorf("db: save review: %w", err)
	}
	return id, nil
}

// insertReview writes the card after a review and its log row.
func insertReview(ctx context.Context, tx *sql.Tx, learnerID, version int64, r questions.ReviewRecord) (int64, error) {
	after, err := json.Marshal(r.After)
	if err != nil {
		return 0, err
	}
	var before any
	if r.Before != nil {
		b, err := json.Marshal(r.Before)
		if err != nil {
			return 0, err
		}
		before = string(b)
	}
	var answer any
	if r.Answer != nil {
		b, err := json.Marshal(r.Answer)
		if err != nil {
			return 0, err
		}
		answer = string(b)
	}
	if err := writeCard(ctx, tx, learnerID, version, r.QuestionID, r.EventID, r.After, millis(r.ReviewedAt)); err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO review_logs (learner_id, question_id, event_id, rating, state_before,
			card_before, card_after, elapsed_days, reviewed_at, duration_ms, mode, answer)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, learnerID, r.QuestionID, r.EventID, int(r.Rating), int(r.StateBefore),
		before, string(after), r.ElapsedDays, millis(r.ReviewedAt), r.DurationMS, string(r.Mode), answer)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// writeCard moves a card from version to version+1; version 0 creates it.
func writeCard(ctx context.Context, tx *sql.Tx, learnerID, version int64, questionID, eventID string, c srs.Card, now int64) error {
	var last any
	if !c.LastReview.IsZero() {
		last = millis(c.LastReview)
	}
	var res sql.Result
	var err error
	if version == 0 {
		res, err = tx.ExecContext(ctx, `INSERT INTO cards (learner_id, question_id, event_id, state, due, stability,
				difficulty, reps, lapses, last_review, scheduled_days, remaining_steps, version, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT DO NOTHING`,
			learnerID, questionID, eventID, int(c.State), millis(c.Due), c.Stability, c.Difficulty, c.Reps, c.Lapses,
			last, c.ScheduledDays, c.RemainingSteps, now)
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, reps = ?,
				lapses = ?, last_review = ?, scheduled_days = ?, remaining_steps = ?, version = version + 1
			WHERE learner_id = ? AND question_id = ? AND version = ?`,
			int(c.State), millis(c.Due), c.Stability, c.Difficulty, c.Reps, c.Lapses, last, c.ScheduledDays,
			c.RemainingSteps, learnerID, questionID, version)
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrStale
	}
	return nil
}

// LastReview returns a learner's most recent review that has not been undone.
func (s *Store) LastReview(ctx context.Context, learnerID int64) (questions.ReviewRecord, error) {
	r, err := scanReview(s.read.QueryRowContext(ctx, `SELECT `+reviewColumns+` FROM review_logs
		WHERE learner_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1`, learnerID))
	if err != nil {
		return r, fmt.Errorf("db: last review: %w", err)
	}
	return r, nil
}

// Review returns one of a learner's reviews.
func (s *Store) Review(ctx context.Context, learnerID, id int64) (questions.ReviewRecord, error) {
	r, err := scanReview(s.read.QueryRowContext(ctx, `SELECT `+reviewColumns+` FROM review_logs
		WHERE learner_id = ? AND id = ?`, learnerID, id))
	if err != nil {
		return r, fmt.Errorf("db: review: %w", err)
	}
	return r, nil
}

const reviewColumns = `id, learner_id, question_id, event_id, rating, state_before, card_before, card_after,
	elapsed_days, reviewed_at, duration_ms, mode, answer`

func scanReview(row scanner) (questions.ReviewRecord, error) {
	var r questions.ReviewRecord
	var rating, state int
	var before, answer sql.NullString
	var after, mode string
	var at int64
	err := row.Scan(&r.ID, &r.LearnerID, &r.QuestionID, &r.EventID, &rating, &state, &before, &after,
		&r.ElapsedDays, &at, &r.DurationMS, &mode, &answer)
	if err != nil {
		return r, notFound(err)
	}
	r.Rating, r.StateBefore, r.ReviewedAt, r.Mode = srs.Rating(rating), srs.State(state), fromMillis(at), questions.ReviewMode(mode)
	if before.Valid {
		r.Before = new(srs.Card)
		if err := json.Unmarshal([]byte(before.String), r.Before); err != nil {
			return r, err
		}
	}
	if answer.Valid {
		if err := json.Unmarshal([]byte(answer.String), &r.Answer); err != nil {
			return r, err
		}
	}
	return r, json.Unmarshal([]byte(after), &r.After)
}

// UndoReview reverts review id, which must be the learner's latest review of
// that card and not yet undone: the card returns to its state before (a new
// card is removed, so it is new again) and the log row is marked undone.
func (s *Store) UndoReview(ctx context.Context, learnerID, id int64) (questions.ReviewRecord, error) {
	var r questions.ReviewRecord
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		r, err = s.undoTx(ctx, tx, learnerID, id)
		return err
	})
	if err != nil {
		return r, fmt.Errorf("db: undo review: %w", notFound(err))
	}
	return r, nil
}

// RegradeReview replaces review id with a new grade, in one transaction:
// the quiz's automatic grade changed by the learner.
func (s *Store) RegradeReview(ctx context.Context, learnerID, id int64, regrade func(before questions.ReviewRecord, version int64) (questions.ReviewRecord, error)) (int64, error) {
	var newID int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := s.undoTx(ctx, tx, learnerID, id)
		if err != nil {
			return err
		}
		var version int64
		if old.Before != nil {
			if err := tx.QueryRowContext(ctx, `SELECT version FROM cards WHERE learner_id = ? AND question_id = ?`,
				learnerID, old.QuestionID).Scan(&version); err != nil {
				return err
			}
		}
		r, err := regrade(old, version)
		if err != nil {
			return err
		}
		newID, err = insertReview(ctx, tx, learnerID, version, r)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("db: regrade review: %w", notFound(err))
	}
	return newID, nil
}

func (s *Store) undoTx(ctx context.Context, tx *sql.Tx, learnerID, id int64) (questions.ReviewRecord, error) {
	r, err := scanReview(tx.QueryRowContext(ctx, `SELECT `+reviewColumns+` FROM review_logs
		WHERE learner_id = ? AND id = ? AND undone_at IS NULL`, learnerID, id))
	if err != nil {
		return r, err
	}
	var latest int64
	if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM review_logs WHERE learner_id = ? AND question_id = ?
		AND undone_at IS NULL`, learnerID, r.QuestionID).Scan(&latest); err != nil {
		return r, err
	}
	if latest != id {
		return r, questions.Errorf(questions.ECONFLICT, "Only the latest review of a card can be undone.")
	}
	if r.Before == nil {
		_, err = tx.ExecContext(ctx, `DELETE FROM cards WHERE learner_id = ? AND question_id = ?`, learnerID, r.QuestionID)
	} else {
		b := r.Before
		var last any
		if !b.LastReview.IsZero() {
			last = millis(b.LastReview)
		}
		_, err = tx.ExecContext(ctx, `UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, reps = ?,
				lapses = ?, last_review = ?, scheduled_days = ?, remaining_steps = ?, version = version + 1
			WHERE learner_id = ? AND question_id = ?`, int(b.State), millis(b.Due), b.Stability, b.Difficulty,
			b.Reps, b.Lapses, last, b.ScheduledDays, b.RemainingSteps, learnerID, r.QuestionID)
	}
	if err != nil {
		return r, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE review_logs SET undone_at = ? WHERE id = ?`, millis(s.now()), id)
	return r, err
}

// ReviewLogs lists a learner's reviews (not undone) since a time, oldest first.
func (s *Store) ReviewLogs(ctx context.Context, learnerID int64, since time.Time) ([]questions.ReviewRecord, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+reviewColumns+` FROM review_logs
		WHERE learner_id = ? AND reviewed_at >= ? AND undone_at IS NULL ORDER BY reviewed_at, id`, learnerID, millis(since))
	if err != nil {
		return nil, fmt.Errorf("db: review logs: %w", err)
	}
	defer rows.Close()
	var out []questions.ReviewRecord
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, fmt.Errorf("db: review logs: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
