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

// The queries of the review page and of a review submit, by name, so that
// QueryPlans can show how SQLite runs them (and a test check that none reads
// a whole table or a learner's whole history).
const (
	reviewSettingsQuery = `SELECT desired_retention, new_per_day, reviews_per_day, timezone, exam_date,
			review_mode, eras, themes, practice_counts, exam_scope, exam_eras, exam_themes, exam_assignment
		FROM learner_settings WHERE learner_id = ?`
	cardQuery           = `SELECT ` + cardColumns + ` FROM cards WHERE learner_id = ? AND question_id = ?`
	dueCardsQuery       = `SELECT ` + cardColumns + ` FROM cards WHERE learner_id = ? AND due < ? ORDER BY due`
	cardsQuery          = `SELECT ` + cardColumns + ` FROM cards WHERE learner_id = ?`
	knownQuestionsQuery = `SELECT question_id FROM cards WHERE learner_id = ?`
	dayCountsQuery      = `SELECT question_id, event_id, state_before FROM review_logs
		WHERE learner_id = ? AND reviewed_at >= ? AND undone_at IS NULL`
	hasReviewQuery  = `SELECT 1 FROM review_logs WHERE learner_id = ? AND undone_at IS NULL LIMIT 1`
	lastReviewQuery = `SELECT ` + reviewColumns + ` FROM review_logs
		WHERE learner_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1`
	insertCardQuery = `INSERT INTO cards (learner_id, question_id, event_id, state, due, stability,
				difficulty, reps, lapses, last_review, scheduled_days, remaining_steps, version, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT DO NOTHING`
	updateCardQuery = `UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, reps = ?,
				lapses = ?, last_review = ?, scheduled_days = ?, remaining_steps = ?, version = version + 1
			WHERE learner_id = ? AND question_id = ? AND version = ?`
	insertReviewQuery = `INSERT INTO review_logs (learner_id, question_id, event_id, rating, state_before,
			card_before, card_after, elapsed_days, reviewed_at, duration_ms, mode, answer, source)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sourceReviewQuery = `SELECT id FROM review_logs WHERE learner_id = ? AND source = ?`
)

// ReviewSettings returns a learner's revision settings, or the defaults,
// with the memory model that schedules their reviews (ModelFit).
func (s *Store) ReviewSettings(ctx context.Context, learnerID int64) (questions.ReviewSettings, error) {
	rs := questions.DefaultReviewSettings()
	model, err := s.ModelFit(ctx, learnerID)
	if err != nil {
		return rs, fmt.Errorf("db: review settings: %w", err)
	}
	rs.Model = model
	var exam sql.NullString
	var mode, eras, themes, scope, examEras, examThemes string
	var assignment sql.NullInt64
	err = s.read.QueryRowContext(ctx, reviewSettingsQuery, learnerID).
		Scan(&rs.DesiredRetention, &rs.NewPerDay, &rs.ReviewsPerDay, &rs.TimeZone, &exam, &mode, &eras, &themes,
			&rs.PracticeCounts, &scope, &examEras, &examThemes, &assignment)
	if errors.Is(err, sql.ErrNoRows) {
		return rs, nil
	}
	if err != nil {
		return rs, fmt.Errorf("db: review settings: %w", err)
	}
	rs.ExamDate, rs.Mode = exam.String, questions.ReviewMode(mode)
	rs.ExamScope = questions.ExamScope{Kind: questions.ExamScopeKind(scope), AssignmentID: assignment.Int64}
	if err := errors.Join(json.Unmarshal([]byte(eras), &rs.Eras), json.Unmarshal([]byte(themes), &rs.Themes),
		json.Unmarshal([]byte(examEras), &rs.ExamScope.Eras), json.Unmarshal([]byte(examThemes), &rs.ExamScope.Themes)); err != nil {
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
	scope := rs.ExamScope.Kind
	if scope == "" {
		scope = questions.ScopeAll
	}
	examEras, _ := json.Marshal(nonNil(rs.ExamScope.Eras))
	examThemes, _ := json.Marshal(nonNil(rs.ExamScope.Themes))
	var assignment any
	if rs.ExamScope.AssignmentID > 0 {
		assignment = rs.ExamScope.AssignmentID
	}
	defer s.changedLearner(learnerID)
	_, err := s.write.ExecContext(ctx, `INSERT INTO learner_settings (learner_id, desired_retention, new_per_day,
			reviews_per_day, timezone, exam_date, review_mode, eras, themes,
			practice_counts, exam_scope, exam_eras, exam_themes, exam_assignment)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (learner_id) DO UPDATE SET desired_retention = excluded.desired_retention,
			new_per_day = excluded.new_per_day, reviews_per_day = excluded.reviews_per_day,
			timezone = excluded.timezone, exam_date = excluded.exam_date, review_mode = excluded.review_mode,
			eras = excluded.eras, themes = excluded.themes, practice_counts = excluded.practice_counts,
			exam_scope = excluded.exam_scope, exam_eras = excluded.exam_eras, exam_themes = excluded.exam_themes,
			exam_assignment = excluded.exam_assignment`,
		learnerID, rs.DesiredRetention, rs.NewPerDay, rs.ReviewsPerDay, rs.TimeZone, exam, string(rs.Mode), string(eras), string(themes),
		rs.PracticeCounts, string(scope), string(examEras), string(examThemes), assignment)
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
	// Scanned into interface values, which database/sql copies as the
	// driver gives them: into an int or a uint64 it goes through reflection
	// and a string round trip per column, which made reading a learner's 300
	// cards cost half a millisecond.
	var v [12]any
	var c questions.CardRecord
	err := row.Scan(&v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10], &v[11])
	if err != nil {
		return c, notFound(err)
	}
	var bad bool
	text := func(x any) string {
		s, ok := x.(string)
		bad = bad || !ok
		return s
	}
	integer := func(x any) int64 {
		n, ok := x.(int64)
		bad = bad || !ok
		return n
	}
	real := func(x any) float64 {
		switch f := x.(type) {
		case float64:
			return f
		case int64: // a REAL column holding a whole number may come back as one
			return float64(f)
		}
		bad = true
		return 0
	}
	c.QuestionID, c.EventID = text(v[0]), text(v[1])
	c.Card.State = srs.State(integer(v[2]))
	c.Card.Due = fromMillis(integer(v[3]))
	c.Card.Stability, c.Card.Difficulty = real(v[4]), real(v[5])
	c.Card.Reps, c.Card.Lapses = uint64(integer(v[6])), uint64(integer(v[7]))
	if v[8] != nil {
		c.Card.LastReview = fromMillis(integer(v[8]))
	}
	c.Card.ScheduledDays, c.Card.RemainingSteps = uint64(integer(v[9])), int(integer(v[10]))
	c.Version = integer(v[11])
	if bad {
		return c, fmt.Errorf("card %q: a column of an unexpected type: %T", c.QuestionID, v)
	}
	return c, nil
}

// Card returns a learner's card for a question; a question never reviewed
// has none (ErrNotFound).
func (s *Store) Card(ctx context.Context, learnerID int64, questionID string) (questions.CardRecord, error) {
	c, err := scanCard(s.read.QueryRowContext(ctx, cardQuery, learnerID, questionID))
	if err != nil {
		return c, fmt.Errorf("db: card: %w", err)
	}
	return c, nil
}

// DueCards lists a learner's cards due before until, in any state.
func (s *Store) DueCards(ctx context.Context, learnerID int64, until time.Time) ([]questions.CardRecord, error) {
	return s.cards(ctx, dueCardsQuery, learnerID, millis(until))
}

// Cards lists all of a learner's cards.
func (s *Store) Cards(ctx context.Context, learnerID int64) ([]questions.CardRecord, error) {
	return s.cards(ctx, cardsQuery, learnerID)
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
	rows, err := s.read.QueryContext(ctx, knownQuestionsQuery, learnerID)
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
	rows, err := s.read.QueryContext(ctx, dayCountsQuery, learnerID, millis(dayStart))
	if err != nil {
		return d, fmt.Errorf("db: day counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var q, e string
		var state int64 // not int: database/sql converts to int through a string
		if err := rows.Scan(&q, &e, &state); err != nil {
			return d, fmt.Errorf("db: day counts: %w", err)
		}
		d.All++
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
// version is no longer r.Version is left alone and ErrStale returned. A
// review with a Source the learner already has a review of is not written
// either: the id of that review is returned, with no error, so an answer
// sent twice counts once (a unique index on the source makes sure). It
// returns once the review is committed (and, with synchronous=FULL, on
// disk); reviews saved at the same moment share that commit (see
// commitReviews).
func (s *Store) SaveReview(ctx context.Context, learnerID int64, version int64, r questions.ReviewRecord) (int64, error) {
	row, err := encodeReview(r)
	if err != nil {
		return 0, fmt.Errorf("db: save review: %w", err)
	}
	rc := &reviewCommit{ctx: ctx, learnerID: learnerID, version: version, row: row, done: make(chan reviewDone, 1)}
	select {
	case s.reviews <- rc:
	case <-s.closing:
		return 0, errors.New("db: save review: the store is closed")
	case <-ctx.Done():
		return 0, fmt.Errorf("db: save review: %w", ctx.Err())
	}
	d := <-rc.done // once taken, the review is written or refused: wait for which
	if d.err != nil {
		if errors.Is(d.err, ErrStale) {
			return 0, ErrStale
		}
		return 0, fmt.Errorf("db: save review: %w", d.err)
	}
	return d.id, nil
}

// reviewCommit is a review waiting for the review writer.
type reviewCommit struct {
	ctx                context.Context
	learnerID, version int64
	row                reviewRow
	done               chan reviewDone
}

type reviewDone struct {
	id  int64
	err error
}

// maxReviewBatch bounds the reviews one commit takes.
const maxReviewBatch = 64

// commitReviews is the review writer, started by Open: it takes the review
// waiting and every other one already waiting behind it, writes them in one
// transaction, each in its own savepoint (a stale review changes nothing and
// does not undo the others), and commits once. Every commit with
// synchronous=FULL waits for an fsync, and one writer can only commit one
// transaction at a time, so committing reviews one by one held the server to
// the disk's fsync rate; grouped, each review still returns only after the
// commit that holds it, so nothing acknowledged can be lost. A lone review
// is written at once, without waiting for company.
func (s *Store) commitReviews() {
	defer close(s.reviewsStopped)
	batch := make([]*reviewCommit, 0, maxReviewBatch)
	for {
		select {
		case rc := <-s.reviews:
			batch = append(batch[:0], rc)
		case <-s.closing:
			return
		}
	more:
		for len(batch) < maxReviewBatch {
			select {
			case rc := <-s.reviews:
				batch = append(batch, rc)
			default:
				break more
			}
		}
		s.writeReviews(batch)
	}
}

// writeReviews writes a batch of reviews in one transaction and answers each.
func (s *Store) writeReviews(batch []*reviewCommit) {
	ids := make([]int64, len(batch))
	errs := make([]error, len(batch))
	// Not any one request's context: a client going away must not cancel
	// the others' commit half-way.
	ctx := context.Background()
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		for i, rc := range batch {
			if errs[i] = rc.ctx.Err(); errs[i] != nil {
				continue
			}
			if len(batch) == 1 {
				ids[i], errs[i] = s.insertReview(ctx, tx, rc.learnerID, rc.version, rc.row)
				return errs[i]
			}
			if _, err := tx.ExecContext(ctx, `SAVEPOINT review`); err != nil {
				return err
			}
			ids[i], errs[i] = s.insertReview(ctx, tx, rc.learnerID, rc.version, rc.row)
			if errs[i] != nil {
				if _, err := tx.ExecContext(ctx, `ROLLBACK TO review`); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `RELEASE review`); err != nil {
				return err
			}
		}
		return nil
	})
	// Counted before anyone is answered: the page a learner loads after
	// their grade returns must not be a queue kept from before it.
	for _, rc := range batch {
		s.changedLearner(rc.learnerID)
	}
	for i, rc := range batch {
		if err != nil && errs[i] == nil {
			ids[i], errs[i] = 0, err // the commit failed: nothing of the batch was kept
		}
		rc.done <- reviewDone{id: ids[i], err: errs[i]}
	}
}

// reviewRow is a review ready to write, its JSON made beforehand: SaveReview
// makes it in the request's goroutine, so that the one writer goroutine
// spends its time on SQLite only.
type reviewRow struct {
	r                     questions.ReviewRecord
	before, after, answer any
}

func encodeReview(r questions.ReviewRecord) (reviewRow, error) {
	row := reviewRow{r: r}
	after, err := json.Marshal(r.After)
	if err != nil {
		return row, err
	}
	row.after = string(after)
	if r.Before != nil {
		b, err := json.Marshal(r.Before)
		if err != nil {
			return row, err
		}
		row.before = string(b)
	}
	if r.Answer != nil {
		b, err := json.Marshal(r.Answer)
		if err != nil {
			return row, err
		}
		row.answer = string(b)
	}
	return row, nil
}

// insertReview writes the card after a review and its log row, with the
// statements prepared once on the writer connection.
func (s *Store) insertReview(ctx context.Context, tx *sql.Tx, learnerID, version int64, row reviewRow) (int64, error) {
	r := row.r
	var source any
	if r.Source != "" {
		// An answer already in the ledger (a retried or replayed submit):
		// its review stands, and nothing is written.
		var id int64
		err := tx.QueryRowContext(ctx, sourceReviewQuery, learnerID, r.Source).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
		source = r.Source
	}
	if err := s.writeCard(ctx, tx, learnerID, version, r.QuestionID, r.EventID, r.After, millis(r.ReviewedAt)); err != nil {
		return 0, err
	}
	res, err := tx.StmtContext(ctx, s.stmts.insertReview).ExecContext(ctx, learnerID, r.QuestionID, r.EventID, int(r.Rating), int(r.StateBefore),
		row.before, row.after, r.ElapsedDays, millis(r.ReviewedAt), r.DurationMS, string(r.Mode), row.answer, source)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func (s *Store) writeCard(ctx context.Context, tx *sql.Tx, learnerID, version int64, questionID, eventID string, c srs.Card, now int64) error {
	var last any
	if !c.LastReview.IsZero() {
		last = millis(c.LastReview)
	}
	var res sql.Result
	var err error
	if version == 0 {
		res, err = tx.StmtContext(ctx, s.stmts.insertCard).ExecContext(ctx, learnerID, questionID, eventID, int(c.State), millis(c.Due), c.Stability, c.Difficulty, c.Reps, c.Lapses,
			last, c.ScheduledDays, c.RemainingSteps, now)
	} else {
		res, err = tx.StmtContext(ctx, s.stmts.updateCard).ExecContext(ctx, int(c.State), millis(c.Due), c.Stability, c.Difficulty, c.Reps, c.Lapses, last, c.ScheduledDays,
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

// HasReview reports whether a learner has a review that has not been undone:
// whether undo has anything to do. Unlike LastReview it stops at the first
// such review the index yields, instead of sorting the learner's history.
func (s *Store) HasReview(ctx context.Context, learnerID int64) (bool, error) {
	var one int
	err := s.read.QueryRowContext(ctx, hasReviewQuery, learnerID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("db: has review: %w", err)
	}
	return true, nil
}

// LastReview returns a learner's most recent review that has not been undone.
// It reads all of the learner's reviews to find it (no index orders them by
// id within a learner, and one would cost every review a page write), which
// is fine for undo; the review page asks HasReview instead.
func (s *Store) LastReview(ctx context.Context, learnerID int64) (questions.ReviewRecord, error) {
	r, err := scanReview(s.read.QueryRowContext(ctx, lastReviewQuery, learnerID))
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
	elapsed_days, reviewed_at, duration_ms, mode, answer, source`

func scanReview(row scanner) (questions.ReviewRecord, error) {
	var r questions.ReviewRecord
	var rating, state int
	var before, answer, source sql.NullString
	var after, mode string
	var at int64
	err := row.Scan(&r.ID, &r.LearnerID, &r.QuestionID, &r.EventID, &rating, &state, &before, &after,
		&r.ElapsedDays, &at, &r.DurationMS, &mode, &answer, &source)
	if err != nil {
		return r, notFound(err)
	}
	r.Rating, r.StateBefore, r.ReviewedAt, r.Mode = srs.Rating(rating), srs.State(state), fromMillis(at), questions.ReviewMode(mode)
	r.Source = source.String
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
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
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
// the quiz's automatic grade changed by the learner. The new review takes
// over the old one's Source (the old row, undone, keeps none), so the answer
// it came from still counts once.
func (s *Store) RegradeReview(ctx context.Context, learnerID, id int64, regrade func(before questions.ReviewRecord, version int64) (questions.ReviewRecord, error)) (int64, error) {
	var newID int64
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
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
		r.Source = old.Source
		if old.Source != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE review_logs SET source = NULL WHERE id = ?`, id); err != nil {
				return err
			}
		}
		row, err := encodeReview(r)
		if err != nil {
			return err
		}
		newID, err = s.insertReview(ctx, tx, learnerID, version, row)
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
