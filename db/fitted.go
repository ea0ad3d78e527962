package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// FitTarget is a class or a learner whose reviews could be fitted: how
// many reviews they have (undone ones left out) and the newest one's id.
type FitTarget struct {
	Scope        questions.FitScope
	ID           int64 // the class's or the learner's id
	Reviews      int
	LastReviewID int64
}

func (t FitTarget) String() string { return string(t.Scope) + " " + strconv.FormatInt(t.ID, 10) }

// modelFitQuery finds the applied fits that could schedule a learner: their
// own and those of the classes their account belongs to. It returns a
// handful of rows at most, so the choice among them is made in Go, without
// a sort.
const modelFitQuery = `SELECT 0, weights, reviews, default_log_loss, fitted_log_loss
		FROM fitted_weights WHERE learner_id = ?1 AND applied = 1
	UNION ALL
	SELECT 1, f.weights, f.reviews, f.default_log_loss, f.fitted_log_loss
		FROM learners l JOIN class_members m ON m.account_id = l.account_id
		JOIN fitted_weights f ON f.class_id = m.class_id
		WHERE l.id = ?1 AND f.applied = 1`

// ModelFit returns the fitted weights that schedule a learner's reviews:
// their own fit if they have one, else the fit of a class they belong to
// (of several, the one fitted to the most reviews), else the defaults (the
// zero ModelFit).
func (s *Store) ModelFit(ctx context.Context, learnerID int64) (questions.ModelFit, error) {
	rows, err := s.read.QueryContext(ctx, modelFitQuery, learnerID)
	if err != nil {
		return questions.ModelFit{}, fmt.Errorf("db: model fit: %w", err)
	}
	defer rows.Close()
	var best questions.ModelFit
	var bestWeights string
	for rows.Next() {
		var class bool
		var weights string
		var m questions.ModelFit
		if err := rows.Scan(&class, &weights, &m.Reviews, &m.DefaultLogLoss, &m.FittedLogLoss); err != nil {
			return questions.ModelFit{}, fmt.Errorf("db: model fit: %w", err)
		}
		m.Scope = questions.FitLearner
		if class {
			m.Scope = questions.FitClass
		}
		if better(m, best, bestWeights == "") {
			best, bestWeights = m, weights
		}
	}
	if err := rows.Err(); err != nil {
		return questions.ModelFit{}, fmt.Errorf("db: model fit: %w", err)
	}
	if bestWeights == "" {
		return questions.ModelFit{}, nil
	}
	if err := json.Unmarshal([]byte(bestWeights), &best.Weights); err != nil || best.Weights == nil {
		return questions.ModelFit{}, fmt.Errorf("db: model fit: weights %.40q: %v", bestWeights, err)
	}
	return best, nil
}

// better reports whether fit m is to be preferred to best: the learner's
// own over any class's, then the class fitted to more reviews.
func better(m, best questions.ModelFit, none bool) bool {
	switch {
	case none:
		return true
	case m.Scope != best.Scope:
		return m.Scope == questions.FitLearner
	default:
		return m.Reviews > best.Reviews
	}
}

// FitTargets lists the learners with at least minLearner reviews of their
// own and the classes whose students have made at least minClass reviews
// between them, leaving out those whose last fit saw the same reviews (the
// same count and newest review): a fit is tried again only when reviews
// have come, gone (undone, a student leaving the class) or been joined.
// It reads the whole review ledger; the server calls it once a day.
func (s *Store) FitTargets(ctx context.Context, minLearner, minClass int) ([]FitTarget, error) {
	const query = `SELECT 'learner', c.id, c.n, c.last FROM (
			SELECT learner_id AS id, count(*) AS n, max(id) AS last FROM review_logs
			WHERE undone_at IS NULL GROUP BY learner_id HAVING count(*) >= ?1) c
		LEFT JOIN fitted_weights f ON f.learner_id = c.id
		WHERE f.id IS NULL OR f.reviews != c.n OR f.last_review_id != c.last
	UNION ALL
	SELECT 'class', c.id, c.n, c.last FROM (
			SELECT m.class_id AS id, count(*) AS n, max(r.id) AS last
			FROM class_members m JOIN learners l ON l.account_id = m.account_id
			JOIN review_logs r ON r.learner_id = l.id AND r.undone_at IS NULL
			GROUP BY m.class_id HAVING count(*) >= ?2) c
		LEFT JOIN fitted_weights f ON f.class_id = c.id
		WHERE f.id IS NULL OR f.reviews != c.n OR f.last_review_id != c.last`
	rows, err := s.read.QueryContext(ctx, query, minLearner, minClass)
	if err != nil {
		return nil, fmt.Errorf("db: fit targets: %w", err)
	}
	defer rows.Close()
	var out []FitTarget
	for rows.Next() {
		var t FitTarget
		var scope string
		if err := rows.Scan(&scope, &t.ID, &t.Reviews, &t.LastReviewID); err != nil {
			return nil, fmt.Errorf("db: fit targets: %w", err)
		}
		t.Scope = questions.FitScope(scope)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: fit targets: %w", err)
	}
	return out, nil
}

// ReviewLog returns the reviews a fit for t is made from, in the order they
// were made, undone ones left out: a learner's own, or those of every
// student of a class. A card is one learner's question ("12:q-…"), so
// classmates' reviews of the same question stay apart. The returned target
// counts what was read, which may be newer than t.
func (s *Store) ReviewLog(ctx context.Context, t FitTarget) ([]srs.LoggedReview, FitTarget, error) {
	var rows *sql.Rows
	var err error
	switch t.Scope {
	case questions.FitLearner:
		rows, err = s.read.QueryContext(ctx, `SELECT id, learner_id, question_id, rating, reviewed_at, duration_ms
			FROM review_logs WHERE learner_id = ? AND undone_at IS NULL ORDER BY id`, t.ID)
	case questions.FitClass:
		rows, err = s.read.QueryContext(ctx, `SELECT r.id, r.learner_id, r.question_id, r.rating, r.reviewed_at, r.duration_ms
			FROM class_members m JOIN learners l ON l.account_id = m.account_id
			JOIN review_logs r ON r.learner_id = l.id
			WHERE m.class_id = ? AND r.undone_at IS NULL ORDER BY r.id`, t.ID)
	default:
		return nil, t, fmt.Errorf("db: review log: unknown scope %q", t.Scope)
	}
	if err != nil {
		return nil, t, fmt.Errorf("db: review log of %s: %w", t, err)
	}
	defer rows.Close()
	read := FitTarget{Scope: t.Scope, ID: t.ID}
	var out []srs.LoggedReview
	for rows.Next() {
		var id, learner, at, ms int64
		var question string
		var rating int
		if err := rows.Scan(&id, &learner, &question, &rating, &at, &ms); err != nil {
			return nil, t, fmt.Errorf("db: review log of %s: %w", t, err)
		}
		out = append(out, srs.LoggedReview{CardID: strconv.FormatInt(learner, 10) + ":" + question,
			Rating: srs.Rating(rating), Time: fromMillis(at), Duration: time.Duration(ms) * time.Millisecond})
		read.LastReviewID = max(read.LastReviewID, id)
	}
	if err := rows.Err(); err != nil {
		return nil, t, fmt.Errorf("db: review log of %s: %w", t, err)
	}
	read.Reviews = len(out)
	return out, read, nil
}

// SaveFit records the outcome of fitting t's reviews (t as ReviewLog
// returned it), replacing the last one: applied weights start scheduling
// the reviews of everyone they concern at their next page, refused ones
// stop any earlier weights of t from doing so.
func (s *Store) SaveFit(ctx context.Context, t FitTarget, rep srs.FitReport) error {
	var weights any
	if rep.Weights != nil {
		b, err := json.Marshal(rep.Weights)
		if err != nil {
			return fmt.Errorf("db: save fit of %s: %w", t, err)
		}
		weights = string(b)
	}
	var class, learner any
	switch t.Scope {
	case questions.FitLearner:
		learner = t.ID
	case questions.FitClass:
		class = t.ID
	default:
		return fmt.Errorf("db: save fit: unknown scope %q", t.Scope)
	}
	write := func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM fitted_weights WHERE class_id = ? OR learner_id = ?`, class, learner); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO fitted_weights (class_id, learner_id, applied, weights, reviews, scored,
				held_out, last_review_id, default_log_loss, fitted_log_loss, refused, fitted_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			class, learner, rep.Use && rep.Weights != nil, weights, t.Reviews, rep.Scored, rep.HeldOut, t.LastReviewID,
			rep.DefaultLogLoss, rep.FittedLogLoss, rep.Refused, millis(s.now()))
		return err
	}
	// The kept queues and states of everyone the weights concern are made
	// afresh: a learner's own, or (tx counts the write for everyone) all of
	// a class's students.
	var err error
	if t.Scope == questions.FitLearner {
		err = s.learnerTx(ctx, t.ID, write)
	} else {
		err = s.tx(ctx, write)
	}
	if err != nil {
		return fmt.Errorf("db: save fit of %s: %w", t, err)
	}
	return nil
}
