package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"sabaq/questions"
)

// CreatePracticeSession starts a session for a learner over the given
// questions, in order.
func (s *Store) CreatePracticeSession(ctx context.Context, learnerID int64, f questions.PracticeFilters, seed uint64, questionIDs []string) (int64, error) {
	if len(questionIDs) == 0 {
		return 0, questions.Errorf(questions.EINVALID, "No questions match those choices. Try fewer filters.")
	}
	filters, err := json.Marshal(f)
	if err != nil {
		return 0, fmt.Errorf("db: create practice session: %w", err)
	}
	var id int64
	err = s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		// The seed is stored as a signed integer: SQLite has no unsigned type.
		res, err := tx.ExecContext(ctx, `INSERT INTO practice_sessions (learner_id, filters, seed, started_at, total)
			VALUES (?, ?, ?, ?, ?)`, learnerID, string(filters), int64(seed), millis(s.now()), len(questionIDs))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO session_questions (session_id, position, question_id) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, q := range questionIDs {
			if _, err := stmt.ExecContext(ctx, id, i, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("db: create practice session: %w", err)
	}
	return id, nil
}

// PracticeSession returns a learner's session with its questions and
// attempts. Another learner's session is not found.
func (s *Store) PracticeSession(ctx context.Context, learnerID, id int64) (questions.PracticeSession, error) {
	ps, err := scanSession(s.read.QueryRowContext(ctx, `SELECT id, learner_id, filters, seed, started_at, finished_at, score, total,
			(SELECT count(*) FROM attempts a WHERE a.session_id = practice_sessions.id)
		FROM practice_sessions WHERE id = ? AND learner_id = ?`, id, learnerID))
	if err != nil {
		return ps, fmt.Errorf("db: practice session %d: %w", id, err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT sq.position, sq.question_id, sq.shown_at,
			a.id, a.answer, a.correct, a.answered_at, a.time_ms
		FROM session_questions sq
		LEFT JOIN attempts a ON a.session_id = sq.session_id AND a.question_id = sq.question_id
		WHERE sq.session_id = ? ORDER BY sq.position`, id)
	if err != nil {
		return ps, fmt.Errorf("db: practice session %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var it questions.SessionItem
		var shown, attemptID, answeredAt, timeMS sql.NullInt64
		var answer sql.NullString
		var correct sql.NullBool
		if err := rows.Scan(&it.Position, &it.QuestionID, &shown, &attemptID, &answer, &correct, &answeredAt, &timeMS); err != nil {
			return ps, fmt.Errorf("db: practice session %d: %w", id, err)
		}
		it.ShownAt = fromNullMillis(shown)
		if attemptID.Valid {
			a := &questions.Attempt{ID: attemptID.Int64, LearnerID: learnerID, SessionID: id, QuestionID: it.QuestionID,
				Correct: correct.Bool, AnsweredAt: fromNullMillis(answeredAt), TimeMS: timeMS.Int64}
			if err := json.Unmarshal([]byte(answer.String), &a.Answer); err != nil {
				return ps, fmt.Errorf("db: practice session %d: answer: %w", id, err)
			}
			it.Attempt = a
		}
		ps.Items = append(ps.Items, it)
	}
	if err := rows.Err(); err != nil {
		return ps, fmt.Errorf("db: practice session %d: %w", id, err)
	}
	return ps, nil
}

type scanner interface{ Scan(...any) error }

func scanSession(row scanner) (questions.PracticeSession, error) {
	var ps questions.PracticeSession
	var filters string
	var seed, started int64
	var finished sql.NullInt64
	if err := row.Scan(&ps.ID, &ps.LearnerID, &filters, &seed, &started, &finished, &ps.Score, &ps.Total, &ps.Answered); err != nil {
		return ps, notFound(err)
	}
	if err := json.Unmarshal([]byte(filters), &ps.Filters); err != nil {
		return ps, fmt.Errorf("filters: %w", err)
	}
	ps.Seed = uint64(seed)
	ps.StartedAt = fromMillis(started)
	ps.FinishedAt = fromNullMillis(finished)
	return ps, nil
}

// MarkShown records when a session's question was first shown, so the time
// taken to answer is measured by the server, not claimed by the form.
func (s *Store) MarkShown(ctx context.Context, sessionID int64, position int) error {
	_, err := s.write.ExecContext(ctx, `UPDATE session_questions SET shown_at = ?
		WHERE session_id = ? AND position = ? AND shown_at IS NULL`, millis(s.now()), sessionID, position)
	if err != nil {
		return fmt.Errorf("db: mark shown: %w", err)
	}
	return nil
}

// RecordAttempt saves a learner's answer to a question of one of their
// sessions and, when it is the last one, finishes the session. It is
// idempotent: if the question already has an attempt in the session, that
// attempt is returned with created false and nothing is written.
func (s *Store) RecordAttempt(ctx context.Context, a questions.Attempt) (questions.Attempt, bool, error) {
	answer, err := json.Marshal(a.Answer)
	if err != nil {
		return a, false, fmt.Errorf("db: record attempt: %w", err)
	}
	created := false
	err = s.learnerTx(ctx, a.LearnerID, func(tx *sql.Tx) error {
		var shown sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT sq.shown_at FROM session_questions sq
			JOIN practice_sessions ps ON ps.id = sq.session_id
			WHERE sq.session_id = ? AND sq.question_id = ? AND ps.learner_id = ?`,
			a.SessionID, a.QuestionID, a.LearnerID).Scan(&shown)
		if errors.Is(err, sql.ErrNoRows) {
			return questions.Errorf(questions.EINVALID, "That question is not part of this practice session.")
		}
		if err != nil {
			return err
		}
		var prev struct {
			id, at, ms int64
			answer     string
			correct    bool
		}
		err = tx.QueryRowContext(ctx, `SELECT id, answer, correct, answered_at, time_ms FROM attempts
			WHERE session_id = ? AND question_id = ?`, a.SessionID, a.QuestionID).
			Scan(&prev.id, &prev.answer, &prev.correct, &prev.at, &prev.ms)
		if err == nil {
			a.ID, a.Correct, a.AnsweredAt, a.TimeMS = prev.id, prev.correct, fromMillis(prev.at), prev.ms
			return json.Unmarshal([]byte(prev.answer), &a.Answer)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := s.now()
		a.AnsweredAt = fromMillis(millis(now))
		if shown.Valid {
			a.TimeMS = max(0, millis(now)-shown.Int64)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO attempts (learner_id, session_id, question_id, answer, correct, answered_at, time_ms)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, a.LearnerID, a.SessionID, a.QuestionID, string(answer), a.Correct, millis(now), a.TimeMS)
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		created = true
		// Finish the session once every question has an attempt.
		_, err = tx.ExecContext(ctx, `UPDATE practice_sessions SET
				score = (SELECT count(*) FROM attempts WHERE session_id = ?1 AND correct = 1),
				finished_at = CASE WHEN (SELECT count(*) FROM attempts WHERE session_id = ?1) = total THEN ?2 END
			WHERE id = ?1`, a.SessionID, millis(now))
		return err
	})
	if err != nil {
		return a, false, fmt.Errorf("db: record attempt: %w", err)
	}
	return a, created, nil
}

// RecentSessions lists a learner's latest practice sessions, newest first.
func (s *Store) RecentSessions(ctx context.Context, learnerID int64, limit int) ([]questions.PracticeSession, error) {
	out, err := queryAll(ctx, s.read, scanSession, `SELECT id, learner_id, filters, seed, started_at, finished_at, score, total,
			(SELECT count(*) FROM attempts a WHERE a.session_id = practice_sessions.id)
		FROM practice_sessions WHERE learner_id = ? ORDER BY started_at DESC, id DESC LIMIT ?`, learnerID, limit)
	if err != nil {
		return nil, fmt.Errorf("db: recent sessions: %w", err)
	}
	return out, nil
}

// LearnerAttempts lists every attempt a learner has made, oldest first.
func (s *Store) LearnerAttempts(ctx context.Context, learnerID int64) ([]questions.Attempt, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, session_id, question_id, correct, answered_at, time_ms
		FROM attempts WHERE learner_id = ? ORDER BY answered_at, id`, learnerID)
	if err != nil {
		return nil, fmt.Errorf("db: learner attempts: %w", err)
	}
	defer rows.Close()
	var out []questions.Attempt
	for rows.Next() {
		a := questions.Attempt{LearnerID: learnerID}
		var session sql.NullInt64
		var at int64
		if err := rows.Scan(&a.ID, &session, &a.QuestionID, &a.Correct, &at, &a.TimeMS); err != nil {
			return nil, fmt.Errorf("db: learner attempts: %w", err)
		}
		a.SessionID, a.AnsweredAt = session.Int64, fromMillis(at)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: learner attempts: %w", err)
	}
	return out, nil
}
