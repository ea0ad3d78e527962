package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// RosterRow is one student's figures on a class's dashboard, but for their
// counts (cards studied, assigned studied, due), which come from the one
// function that computes them for every page (revision.Count).
type RosterRow struct {
	questions.Member
	// Retention over the last questions.RetentionDays days, as on the
	// student's progress page: reviews of cards in review state, and those
	// of them not rated Again.
	RetentionReviews, RetentionPassed int
	LastActive                        time.Time // last review, practice answer or mock exam; zero if none
	// Finished mock exams: how many, the latest one's score, and the best
	// share right of any.
	Mocks           int
	LatestMockScore float64 // marks, which may be partial (17.5)
	LatestMockTotal int
	BestMock        float64
}

// Roster is a class's students with their figures.
type Roster struct {
	Rows          []RosterRow // by username
	AssignedItems int         // the questions of the sets assigned to the class
}

// classLearners and assignedQuestions are the class's students' learners and
// the ids of its assigned sets' questions (see sets.QuestionID), for the
// queries below; ?1 is the class.
const classLearners = `ml AS (SELECT l.id AS learner_id FROM class_members m
		JOIN learners l ON l.account_id = m.account_id WHERE m.class_id = ?1)`

const assignedQuestions = `aq AS MATERIALIZED (SELECT si.set_id, 'set:' || si.set_id || ':' || si.id AS qid
		FROM assignments a JOIN set_items si ON si.set_id = a.set_id WHERE a.class_id = ?1 AND si.deleted_at IS NULL)`

// Roster returns a class's students with their figures at now (the
// retention window ends then). Each figure
// is one query grouped by learner, whatever the size of the class.
func (s *Store) Roster(ctx context.Context, classID int64, now time.Time) (Roster, error) {
	var roster Roster
	members, err := s.Members(ctx, classID)
	if err != nil {
		return roster, err
	}
	roster.Rows = make([]RosterRow, len(members))
	byLearner := make(map[int64]*RosterRow, len(members))
	for i, m := range members {
		roster.Rows[i].Member = m
		byLearner[m.LearnerID] = &roster.Rows[i]
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM set_items
		WHERE set_id IN (SELECT set_id FROM assignments WHERE class_id = ?) AND deleted_at IS NULL`, classID).Scan(&roster.AssignedItems); err != nil {
		return roster, fmt.Errorf("db: roster: %w", err)
	}
	since := now.AddDate(0, 0, -questions.RetentionDays)
	row := func(id int64) *RosterRow {
		if rr, ok := byLearner[id]; ok {
			return rr
		}
		return new(RosterRow) // not a member: a throwaway
	}
	err = s.each(ctx, `WITH `+classLearners+`
		SELECT r.learner_id, count(*), coalesce(sum(r.rating > ?4), 0)
		FROM ml JOIN review_logs r ON r.learner_id = ml.learner_id
		WHERE r.reviewed_at >= ?2 AND r.state_before = ?3 AND r.undone_at IS NULL GROUP BY r.learner_id`,
		[]any{classID, millis(since), int(srs.Review), int(srs.Again)}, func(rows *sql.Rows) error {
			var id int64
			var reviews, passed int
			err := rows.Scan(&id, &reviews, &passed)
			r := row(id)
			r.RetentionReviews, r.RetentionPassed = reviews, passed
			return err
		})
	if err != nil {
		return roster, fmt.Errorf("db: roster: retention: %w", err)
	}
	err = s.each(ctx, `WITH `+classLearners+`
		SELECT learner_id, max(at) FROM (
			SELECT r.learner_id, max(r.reviewed_at) AS at FROM ml JOIN review_logs r ON r.learner_id = ml.learner_id GROUP BY r.learner_id
			UNION ALL
			SELECT t.learner_id, max(t.answered_at) FROM ml JOIN attempts t ON t.learner_id = ml.learner_id GROUP BY t.learner_id
			UNION ALL
			SELECT e.learner_id, max(e.started_at) FROM ml JOIN mock_exams e ON e.learner_id = ml.learner_id GROUP BY e.learner_id
		) GROUP BY learner_id`,
		[]any{classID}, func(rows *sql.Rows) error {
			var id, at int64
			err := rows.Scan(&id, &at)
			row(id).LastActive = fromMillis(at)
			return err
		})
	if err != nil {
		return roster, fmt.Errorf("db: roster: last active: %w", err)
	}
	err = s.each(ctx, `WITH `+classLearners+`
		SELECT learner_id, n, best, marks, total FROM (
			SELECT e.learner_id, e.marks, e.total,
				count(*) OVER w AS n, max(e.marks / e.total) OVER w AS best,
				row_number() OVER (PARTITION BY e.learner_id ORDER BY e.finished_at DESC, e.id DESC) AS latest
			FROM ml JOIN mock_exams e ON e.learner_id = ml.learner_id
			WHERE e.finished_at IS NOT NULL AND e.total > 0
			WINDOW w AS (PARTITION BY e.learner_id)
		) WHERE latest = 1`,
		[]any{classID}, func(rows *sql.Rows) error {
			var id int64
			var n, total int
			var best, score float64
			err := rows.Scan(&id, &n, &best, &score, &total)
			r := row(id)
			r.Mocks, r.BestMock, r.LatestMockScore, r.LatestMockTotal = n, best, score, total
			return err
		})
	if err != nil {
		return roster, fmt.Errorf("db: roster: mock exams: %w", err)
	}
	return roster, nil
}

// each runs a read query and calls fn on each row.
func (s *Store) each(ctx context.Context, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ClassAttempt is a student's first answer to a question of a set assigned
// to their class.
type ClassAttempt struct {
	LearnerID  int64
	SetID      int64
	QuestionID string
	// Source is where the answer was given: "practice", or the review mode
	// ("quiz", "mock" or "flashcard").
	Source string
	// Answer is the answer given; nil for a flashcard review, which is
	// graded without one.
	Answer  []string
	Correct bool
	At      time.Time
}

// setOfQuestion reads the set id out of t.question_id, an id made by
// sets.QuestionID ("set:12:345").
const setOfQuestion = `CAST(substr(t.question_id, 5, instr(substr(t.question_id, 5), ':') - 1) AS INTEGER)`

// ClassFirstAttempts returns, for each student of a class and each question
// of the sets assigned to it, the student's first attempt: the earliest of
// their practice answers and their reviews not undone. A practice answer is
// correct as it was marked; a review is correct when rated above Again
// (quiz and mock answers are rated Good when right and Again when wrong;
// flashcard reviews count as attempts too, graded by the student). Each
// student's reviews are found by index per assigned question, and their
// practice answers filtered against the assigned questions in one pass.
func (s *Store) ClassFirstAttempts(ctx context.Context, classID int64) ([]ClassAttempt, error) {
	rows, err := s.read.QueryContext(ctx, `WITH `+classLearners+`, `+assignedQuestions+`,
		candidates AS (
			SELECT t.learner_id, `+setOfQuestion+` AS set_id, t.question_id, 'practice' AS source, t.answer, t.correct, t.answered_at AS at, 0 AS tie, t.id
			FROM ml CROSS JOIN attempts t ON t.learner_id = ml.learner_id WHERE t.question_id IN (SELECT qid FROM aq)
			UNION ALL
			SELECT r.learner_id, aq.set_id, r.question_id, r.mode, r.answer, r.rating > ?2, r.reviewed_at, 1, r.id
			FROM ml CROSS JOIN aq CROSS JOIN review_logs r ON r.learner_id = ml.learner_id AND r.question_id = aq.qid
			WHERE r.undone_at IS NULL
		)
		SELECT learner_id, set_id, question_id, source, answer, correct, at FROM (
			SELECT *, row_number() OVER (PARTITION BY learner_id, question_id ORDER BY at, tie, id) AS n FROM candidates
		) WHERE n = 1 ORDER BY set_id, question_id, learner_id`, classID, int(srs.Again))
	if err != nil {
		return nil, fmt.Errorf("db: class first attempts: %w", err)
	}
	defer rows.Close()
	var out []ClassAttempt
	for rows.Next() {
		var a ClassAttempt
		var answer sql.NullString
		var at int64
		if err := rows.Scan(&a.LearnerID, &a.SetID, &a.QuestionID, &a.Source, &answer, &a.Correct, &at); err != nil {
			return nil, fmt.Errorf("db: class first attempts: %w", err)
		}
		a.At = fromMillis(at)
		if answer.Valid {
			if err := json.Unmarshal([]byte(answer.String), &a.Answer); err != nil {
				return nil, fmt.Errorf("db: class first attempts: answer: %w", err)
			}
			if a.Answer == nil {
				a.Answer = []string{}
			}
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: class first attempts: %w", err)
	}
	return out, nil
}
