package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"sabaq/questions"
)

// WrittenAssignment is a written question assigned to a class.
type WrittenAssignment struct {
	ID         int64
	ClassID    int64
	ClassName  string
	QuestionID string
	Due        string // YYYY-MM-DD
	CreatedAt  time.Time
	// Members is the class's students; Submitted, how many of them handed
	// in an answer, and Marked, how many of those latest answers are marked.
	Members, Submitted, Marked int
}

// StudentWrittenAssignment is a written assignment of one of a student's
// classes, with their latest answer to it.
type StudentWrittenAssignment struct {
	WrittenAssignment
	SubmissionID int64 // the latest answer handed in, 0 for none
	SubmittedAt  time.Time
	Marked       bool // the latest answer has the teacher's mark
}

// WrittenMark is a teacher's mark of a submission.
type WrittenMark struct {
	SubmissionID int64
	TeacherID    int64 // 0 when the teacher's account is gone
	Level        int
	Mark         int
	Comment      string
	MarkedAt     time.Time
}

// AssignmentSubmission is a student's latest answer to a written assignment,
// with its mark if it has one.
type AssignmentSubmission struct {
	WrittenSubmission
	Mark *WrittenMark // nil until marked
}

const writtenAssignmentColumns = `wa.id, wa.class_id, c.name, wa.question_id, wa.due, wa.created_at,
	(SELECT count(*) FROM class_members WHERE class_id = wa.class_id),
	(SELECT count(DISTINCT s.learner_id) FROM written_submissions s JOIN learners l ON l.id = s.learner_id
		JOIN class_members m ON m.account_id = l.account_id AND m.class_id = wa.class_id WHERE s.assignment_id = wa.id),
	(SELECT count(*) FROM written_submissions s JOIN learners l ON l.id = s.learner_id
		JOIN class_members m ON m.account_id = l.account_id AND m.class_id = wa.class_id
		JOIN written_marks k ON k.submission_id = s.id
		WHERE s.assignment_id = wa.id AND s.id = (SELECT max(id) FROM written_submissions
			WHERE assignment_id = wa.id AND learner_id = s.learner_id))`

func scanWrittenAssignment(row scanner) (WrittenAssignment, error) {
	var w WrittenAssignment
	var created int64
	err := row.Scan(&w.ID, &w.ClassID, &w.ClassName, &w.QuestionID, &w.Due, &created, &w.Members, &w.Submitted, &w.Marked)
	w.CreatedAt = fromMillis(created)
	return w, notFound(err)
}

// AssignWritten gives a written question to a class, due on due
// (YYYY-MM-DD), and returns the assignment's id. Assigning a question the
// class already has changes its due date: sent twice, it is one assignment.
func (s *Store) AssignWritten(ctx context.Context, classID int64, questionID, due string) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO written_assignments (class_id, question_id, due, created_at)
			VALUES (?, ?, ?, ?)
			ON CONFLICT (class_id, question_id) DO UPDATE SET due = excluded.due
			RETURNING id`, classID, questionID, due, millis(s.now())).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("db: assign written question: %w", err)
	}
	return id, nil
}

// UnassignWritten removes a written assignment from a class. Its students'
// answers stay theirs, marks and all; they no longer count as handed in.
func (s *Store) UnassignWritten(ctx context.Context, classID, id int64) error {
	res, err := s.exec(ctx, `DELETE FROM written_assignments WHERE id = ? AND class_id = ?`, id, classID)
	return affectedOne(res, err, "unassign written question")
}

// ClassWrittenAssignments lists a class's written assignments, earliest due first.
func (s *Store) ClassWrittenAssignments(ctx context.Context, classID int64) ([]WrittenAssignment, error) {
	out, err := queryAll(ctx, s.read, scanWrittenAssignment, `SELECT `+writtenAssignmentColumns+`
		FROM written_assignments wa JOIN classes c ON c.id = wa.class_id
		WHERE wa.class_id = ? ORDER BY wa.due, wa.id`, classID)
	if err != nil {
		return nil, fmt.Errorf("db: written assignments: %w", err)
	}
	return out, nil
}

// ClassWrittenAssignment returns one of a class's written assignments;
// another class's is not found.
func (s *Store) ClassWrittenAssignment(ctx context.Context, classID, id int64) (WrittenAssignment, error) {
	w, err := scanWrittenAssignment(s.read.QueryRowContext(ctx, `SELECT `+writtenAssignmentColumns+`
		FROM written_assignments wa JOIN classes c ON c.id = wa.class_id
		WHERE wa.id = ? AND wa.class_id = ?`, id, classID))
	if err != nil {
		return w, fmt.Errorf("db: written assignment %d: %w", id, err)
	}
	return w, nil
}

// StudentWrittenAssignments lists the written assignments of a student's
// classes, earliest due first, each with the student's latest answer to it.
func (s *Store) StudentWrittenAssignments(ctx context.Context, accountID int64) ([]StudentWrittenAssignment, error) {
	out, err := queryAll(ctx, s.read, func(row scanner) (StudentWrittenAssignment, error) {
		var w StudentWrittenAssignment
		var created int64
		var sub, at sql.NullInt64
		err := row.Scan(&w.ID, &w.ClassID, &w.ClassName, &w.QuestionID, &w.Due, &created, &sub, &at, &w.Marked)
		w.CreatedAt, w.SubmissionID = fromMillis(created), sub.Int64
		if at.Valid {
			w.SubmittedAt = fromMillis(at.Int64)
		}
		return w, err
	}, `SELECT wa.id, wa.class_id, c.name, wa.question_id, wa.due, wa.created_at, s.id, s.submitted_at,
			s.id IS NOT NULL AND EXISTS (SELECT 1 FROM written_marks WHERE submission_id = s.id)
		FROM written_assignments wa JOIN classes c ON c.id = wa.class_id
		JOIN class_members m ON m.class_id = wa.class_id
		LEFT JOIN learners l ON l.account_id = m.account_id
		LEFT JOIN written_submissions s ON s.id = (SELECT max(id) FROM written_submissions
			WHERE assignment_id = wa.id AND learner_id = l.id)
		WHERE m.account_id = ? ORDER BY wa.due, wa.id`, accountID)
	if err != nil {
		return nil, fmt.Errorf("db: student written assignments: %w", err)
	}
	return out, nil
}

// SubmitWrittenAssignment stores a learner's answer handed in for a written
// assignment and returns its id. Only a student of the assignment's class
// may hand in, and only an answer to its question: anything else is not
// found, and nothing is stored.
func (s *Store) SubmitWrittenAssignment(ctx context.Context, learnerID, assignmentID int64, questionID, text string) (int64, error) {
	var id int64
	err := s.learnerTx(ctx, learnerID, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO written_submissions (learner_id, question_id, text, submitted_at, assignment_id)
			SELECT l.id, ?, ?, ?, wa.id FROM learners l
			JOIN class_members m ON m.account_id = l.account_id
			JOIN written_assignments wa ON wa.class_id = m.class_id
			WHERE l.id = ? AND wa.id = ? AND wa.question_id = ?
			RETURNING id`, questionID, text, millis(s.now()), learnerID, assignmentID, questionID).Scan(&id)
		return notFound(err)
	})
	if err != nil {
		return 0, fmt.Errorf("db: hand in written answer: %w", err)
	}
	return id, nil
}

// AssignmentSubmissions returns each student's latest answer to a written
// assignment, by learner id, with its mark. Answers of students no longer
// in the class are left out.
func (s *Store) AssignmentSubmissions(ctx context.Context, assignmentID int64) (map[int64]AssignmentSubmission, error) {
	rows, err := queryAll(ctx, s.read, func(row scanner) (AssignmentSubmission, error) {
		var a AssignmentSubmission
		var submitted int64
		var self, level, mark, teacher, marked sql.NullInt64
		var comment sql.NullString
		err := row.Scan(&a.ID, &a.LearnerID, &a.QuestionID, &a.Text, &submitted, &self,
			&teacher, &level, &mark, &comment, &marked)
		a.SubmittedAt, a.SelfLevel = fromMillis(submitted), int(self.Int64)
		if level.Valid {
			a.Mark = &WrittenMark{SubmissionID: a.ID, TeacherID: teacher.Int64, Level: int(level.Int64), Mark: int(mark.Int64),
				Comment: comment.String, MarkedAt: fromMillis(marked.Int64)}
		}
		return a, err
	}, `SELECT s.id, s.learner_id, s.question_id, s.text, s.submitted_at, s.self_level,
			k.teacher_id, k.level, k.mark, k.comment, k.marked_at
		FROM written_submissions s
		JOIN written_assignments wa ON wa.id = s.assignment_id
		JOIN learners l ON l.id = s.learner_id
		JOIN class_members m ON m.account_id = l.account_id AND m.class_id = wa.class_id
		LEFT JOIN written_marks k ON k.submission_id = s.id
		WHERE s.assignment_id = ?1 AND s.id = (SELECT max(id) FROM written_submissions
			WHERE assignment_id = ?1 AND learner_id = s.learner_id)`, assignmentID)
	if err != nil {
		return nil, fmt.Errorf("db: assignment submissions: %w", err)
	}
	out := make(map[int64]AssignmentSubmission, len(rows))
	for _, r := range rows {
		out[r.LearnerID] = r
	}
	return out, nil
}

// MarkWritten records a teacher's mark of a submission handed in for a
// written assignment of the class, replacing any earlier mark: marking
// twice leaves one mark, the later. The caller checks the level and mark
// against the question's scheme. A submission not handed in for that
// assignment, or by a student no longer in the class, is not found.
func (s *Store) MarkWritten(ctx context.Context, teacherID, assignmentID, submissionID int64, level, mark int, comment string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO written_marks (submission_id, teacher_id, level, mark, comment, marked_at)
			SELECT s.id, ?, ?, ?, ?, ? FROM written_submissions s
			JOIN written_assignments wa ON wa.id = s.assignment_id
			JOIN learners l ON l.id = s.learner_id
			JOIN class_members m ON m.account_id = l.account_id AND m.class_id = wa.class_id
			WHERE s.id = ? AND s.assignment_id = ?
			ON CONFLICT (submission_id) DO UPDATE SET teacher_id = excluded.teacher_id, level = excluded.level,
				mark = excluded.mark, comment = excluded.comment, marked_at = excluded.marked_at`,
			teacherID, level, mark, comment, millis(s.now()), submissionID, assignmentID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(err, questions.ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("db: mark written answer: %w", err)
	}
	return nil
}

// WrittenFeedback is what a student sees of the assignment an answer was
// handed in for, and of the teacher's mark of it.
type WrittenFeedback struct {
	AssignmentID int64 // 0 for an answer not handed in (or whose assignment was removed)
	ClassName    string
	Due          string // YYYY-MM-DD
	Mark         *WrittenMark
}

// WrittenFeedback returns the assignment and mark of the learner's own
// submission; anyone else's is not found.
func (s *Store) WrittenFeedback(ctx context.Context, learnerID, submissionID int64) (WrittenFeedback, error) {
	var f WrittenFeedback
	var assignment, teacher, level, mark, marked sql.NullInt64
	var class, due, comment sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT wa.id, c.name, wa.due, k.teacher_id, k.level, k.mark, k.comment, k.marked_at
		FROM written_submissions s
		LEFT JOIN written_assignments wa ON wa.id = s.assignment_id
		LEFT JOIN classes c ON c.id = wa.class_id
		LEFT JOIN written_marks k ON k.submission_id = s.id
		WHERE s.id = ? AND s.learner_id = ?`, submissionID, learnerID).
		Scan(&assignment, &class, &due, &teacher, &level, &mark, &comment, &marked)
	if err != nil {
		return f, fmt.Errorf("db: written feedback: %w", notFound(err))
	}
	f.AssignmentID, f.ClassName, f.Due = assignment.Int64, class.String, due.String
	if level.Valid {
		f.Mark = &WrittenMark{SubmissionID: submissionID, TeacherID: teacher.Int64, Level: int(level.Int64),
			Mark: int(mark.Int64), Comment: comment.String, MarkedAt: fromMillis(marked.Int64)}
	}
	return f, nil
}
