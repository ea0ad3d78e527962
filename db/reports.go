package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"sabaq/questions"
)

// ReportReason is what a learner says is wrong with a question.
type ReportReason string

// The reasons a learner can give.
const (
	ReasonWrongAnswer ReportReason = "wrong-answer" // the answer marked right is wrong
	ReasonTwoRight    ReportReason = "two-right"    // more than one answer is right
	ReasonUnclear     ReportReason = "unclear"      // the question is unclear
	ReasonOther       ReportReason = "other"        // something else, said in the comment
)

// ReportReasons lists the reasons in the order the form offers them.
var ReportReasons = []ReportReason{ReasonWrongAnswer, ReasonTwoRight, ReasonUnclear, ReasonOther}

// Label is the reason as learners and teachers read it.
func (r ReportReason) Label() string {
	switch r {
	case ReasonWrongAnswer:
		return "The answer given as right is wrong"
	case ReasonTwoRight:
		return "More than one answer is right"
	case ReasonUnclear:
		return "The question is unclear"
	case ReasonOther:
		return "Something else"
	}
	return string(r)
}

// Limits on what a report and a hidden question's note hold, in characters.
const (
	MaxReportComment = 1000
	MaxHideNote      = 200
)

// Report is one learner's report of a problem with one question.
type Report struct {
	ID         int64
	QuestionID string
	LearnerID  int64
	Reason     ReportReason
	Comment    string
	CreatedAt  time.Time
	ResolvedAt time.Time // zero while open
}

// Validate checks a report as a learner sends it: a known reason, and a
// comment of at most MaxReportComment characters, which "other" needs.
func (r Report) Validate() questions.FieldErrors {
	errs := questions.FieldErrors{}
	switch {
	case r.Reason == "":
		errs["reason"] = "Choose what is wrong with the question."
	case !isReason(r.Reason):
		errs["reason"] = "Choose one of the reasons listed."
	}
	switch n := utf8.RuneCountInString(r.Comment); {
	case n > MaxReportComment:
		errs["comment"] = fmt.Sprintf("Keep the comment to %d characters; it has %d.", MaxReportComment, n)
	case r.Reason == ReasonOther && strings.TrimSpace(r.Comment) == "":
		errs["comment"] = "Say what is wrong: with “Something else” the comment is needed."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func isReason(r ReportReason) bool {
	for _, x := range ReportReasons {
		if x == r {
			return true
		}
	}
	return false
}

// SaveReport stores a learner's report of a question, replacing their
// earlier one (and opening it again if it was resolved): one report per
// learner per question. It changes nothing a reader keeps in memory, so it
// is not counted as a change.
func (s *Store) SaveReport(ctx context.Context, r Report) (Report, error) {
	if errs := r.Validate(); errs != nil {
		for _, k := range []string{"reason", "comment"} {
			if msg, ok := errs[k]; ok {
				return r, questions.Errorf(questions.EINVALID, "%s", msg)
			}
		}
	}
	r.CreatedAt = fromMillis(millis(s.now()))
	r.ResolvedAt = time.Time{}
	err := s.write.QueryRowContext(ctx, `INSERT INTO question_reports (question_id, learner_id, reason, comment, created_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (question_id, learner_id) DO UPDATE SET
			reason = excluded.reason, comment = excluded.comment, created_at = excluded.created_at, resolved_at = NULL
		RETURNING id`, r.QuestionID, r.LearnerID, string(r.Reason), r.Comment, millis(r.CreatedAt)).Scan(&r.ID)
	if err != nil {
		return r, fmt.Errorf("db: save report: %w", err)
	}
	return r, nil
}

// LearnerReport returns a learner's report of a question, or ErrNotFound.
func (s *Store) LearnerReport(ctx context.Context, learnerID int64, questionID string) (Report, error) {
	var r Report
	var reason string
	var created int64
	var resolved sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT id, question_id, learner_id, reason, comment, created_at, resolved_at
		FROM question_reports WHERE learner_id = ? AND question_id = ?`, learnerID, questionID).
		Scan(&r.ID, &r.QuestionID, &r.LearnerID, &reason, &r.Comment, &created, &resolved)
	if err != nil {
		return r, fmt.Errorf("db: report: %w", notFound(err))
	}
	r.Reason, r.CreatedAt, r.ResolvedAt = ReportReason(reason), fromMillis(created), fromNullMillis(resolved)
	return r, nil
}

// ReportSummary is what the teachers' queue shows of one question: its
// reports counted (each a different learner), the latest comments, and
// whether it is hidden.
type ReportSummary struct {
	QuestionID  string
	Reporters   int // learners who reported it
	Open        int // reports not yet resolved
	ByReason    map[ReportReason]int
	First, Last time.Time       // when reported, first and last; zero without reports
	Comments    []ReportComment // the latest, newest first
	Hidden      *HiddenQuestion // nil unless hidden
}

// ReportComment is a comment of one report.
type ReportComment struct {
	Reason    ReportReason
	Comment   string
	CreatedAt time.Time
	Resolved  bool
}

// HiddenQuestion is a generated question withheld from every queue.
type HiddenQuestion struct {
	QuestionID string
	HiddenBy   string // the teacher's username; empty if their account is gone
	Reason     string
	HiddenAt   time.Time
}

// Queue limits: the questions the queue lists, and the comments of each.
const (
	MaxReportQueue    = 300
	MaxReportComments = 3
)

// ReportQueue lists the reported or hidden questions a teacher may see:
// those of the generated bank and of the teacher's own sets, with open
// reports first, most reported first. Questions of other teachers' sets
// are left out.
func (s *Store) ReportQueue(ctx context.Context, teacherID int64) ([]ReportSummary, error) {
	// Teachers' questions have ids "set:<set id>:<item id>" (sets.QuestionID):
	// SQLite's CAST reads the leading integer of "<set id>:<item id>".
	rows, err := s.read.QueryContext(ctx, `WITH r AS (
			SELECT question_id, count(*) AS reporters, sum(resolved_at IS NULL) AS open,
				sum(reason = 'wrong-answer') AS wrong, sum(reason = 'two-right') AS two,
				sum(reason = 'unclear') AS unclear, sum(reason = 'other') AS other,
				min(created_at) AS first, max(created_at) AS last
			FROM question_reports GROUP BY question_id
		), q AS (
			SELECT question_id FROM r UNION SELECT question_id FROM hidden_questions
		)
		SELECT q.question_id, coalesce(r.reporters, 0), coalesce(r.open, 0), coalesce(r.wrong, 0), coalesce(r.two, 0),
			coalesce(r.unclear, 0), coalesce(r.other, 0), r.first, r.last, h.hidden_at, coalesce(a.username, ''), coalesce(h.reason, '')
		FROM q LEFT JOIN r ON r.question_id = q.question_id
			LEFT JOIN hidden_questions h ON h.question_id = q.question_id
			LEFT JOIN accounts a ON a.id = h.hidden_by
		WHERE substr(q.question_id, 1, 4) != 'set:'
			OR CAST(substr(q.question_id, 5) AS INTEGER) IN (SELECT id FROM question_sets WHERE owner_id = ?)
		ORDER BY coalesce(r.open, 0) > 0 DESC, coalesce(r.open, 0) DESC, coalesce(r.reporters, 0) DESC, r.last DESC, q.question_id
		LIMIT ?`, teacherID, MaxReportQueue)
	if err != nil {
		return nil, fmt.Errorf("db: report queue: %w", err)
	}
	defer rows.Close()
	var out []ReportSummary
	index := map[string]int{}
	for rows.Next() {
		var rs ReportSummary
		var wrong, two, unclear, other int
		var first, last, hiddenAt sql.NullInt64
		var by, note string
		if err := rows.Scan(&rs.QuestionID, &rs.Reporters, &rs.Open, &wrong, &two, &unclear, &other,
			&first, &last, &hiddenAt, &by, &note); err != nil {
			return nil, fmt.Errorf("db: report queue: %w", err)
		}
		rs.ByReason = map[ReportReason]int{ReasonWrongAnswer: wrong, ReasonTwoRight: two, ReasonUnclear: unclear, ReasonOther: other}
		rs.First, rs.Last = fromNullMillis(first), fromNullMillis(last)
		if hiddenAt.Valid {
			rs.Hidden = &HiddenQuestion{QuestionID: rs.QuestionID, HiddenBy: by, Reason: note, HiddenAt: fromMillis(hiddenAt.Int64)}
		}
		index[rs.QuestionID] = len(out)
		out = append(out, rs)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: report queue: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]any, 0, len(out)+1)
	for _, rs := range out {
		ids = append(ids, rs.QuestionID)
	}
	ids = append(ids, MaxReportComments)
	rows, err = s.read.QueryContext(ctx, `SELECT question_id, reason, comment, created_at, resolved_at IS NOT NULL FROM (
			SELECT question_id, reason, comment, created_at, resolved_at,
				row_number() OVER (PARTITION BY question_id ORDER BY created_at DESC, id DESC) AS n
			FROM question_reports WHERE comment != '' AND question_id IN (?`+strings.Repeat(", ?", len(out)-1)+`)
		) WHERE n <= ? ORDER BY question_id, n`, ids...)
	if err != nil {
		return nil, fmt.Errorf("db: report comments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, reason string
		var c ReportComment
		var created int64
		if err := rows.Scan(&id, &reason, &c.Comment, &created, &c.Resolved); err != nil {
			return nil, fmt.Errorf("db: report comments: %w", err)
		}
		c.Reason, c.CreatedAt = ReportReason(reason), fromMillis(created)
		if i, ok := index[id]; ok {
			out[i].Comments = append(out[i].Comments, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: report comments: %w", err)
	}
	return out, nil
}

// ResolveReports marks a question's open reports dealt with and returns
// how many were open.
func (s *Store) ResolveReports(ctx context.Context, questionID string) (int64, error) {
	res, err := s.write.ExecContext(ctx, `UPDATE question_reports SET resolved_at = ? WHERE question_id = ? AND resolved_at IS NULL`,
		millis(s.now()), questionID)
	if err != nil {
		return 0, fmt.Errorf("db: resolve reports: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("db: resolve reports: %w", err)
	}
	return n, nil
}

// HideQuestion withholds a question from every queue; hiding one already
// hidden keeps who hid it first and why. It counts as a change for
// everyone: review queues kept in memory are made again.
func (s *Store) HideQuestion(ctx context.Context, questionID string, by int64, reason string) error {
	if n := utf8.RuneCountInString(reason); n > MaxHideNote {
		return questions.Errorf(questions.EINVALID, "Keep the note to %d characters; it has %d.", MaxHideNote, n)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO hidden_questions (question_id, hidden_by, reason, hidden_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (question_id) DO NOTHING`, questionID, by, reason, millis(s.now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("db: hide question: %w", err)
	}
	return nil
}

// UnhideQuestion brings a hidden question back into the queues.
func (s *Store) UnhideQuestion(ctx context.Context, questionID string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM hidden_questions WHERE question_id = ?`, questionID)
		return err
	})
	if err != nil {
		return fmt.Errorf("db: unhide question: %w", err)
	}
	return nil
}

// HiddenQuestions lists the ids of the hidden questions, in id order.
func (s *Store) HiddenQuestions(ctx context.Context) ([]string, error) {
	ids, err := queryAll(ctx, s.read, func(row scanner) (string, error) {
		var id string
		err := row.Scan(&id)
		return id, err
	}, `SELECT question_id FROM hidden_questions ORDER BY question_id`)
	if err != nil {
		return nil, fmt.Errorf("db: hidden questions: %w", err)
	}
	return ids, nil
}
