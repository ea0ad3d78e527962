package db

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/sets"
)

func newLearner(t *testing.T, s *Store) int64 {
	t.Helper()
	l, _, err := s.CreateLearner(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return l.ID
}

func newTeacher(t *testing.T, s *Store, name string, admin bool) int64 {
	t.Helper()
	create := s.CreateAccount
	if admin {
		create = s.CreateAdmin
	}
	acc, err := create(context.Background(), questions.NewAccount{Username: name, PasswordHash: []byte("x"), Role: questions.Teacher})
	if err != nil {
		t.Fatal(err)
	}
	return acc.ID
}

func queueRow(t *testing.T, queue []ReportSummary, id string) ReportSummary {
	t.Helper()
	for _, rs := range queue {
		if rs.QuestionID == id {
			return rs
		}
	}
	t.Fatalf("%s is not in the queue %+v", id, queue)
	return ReportSummary{}
}

func TestReports_RoundTripOnePerLearnerAndCounts(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	clock := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return clock }
	teacher := newTeacher(t, s, "ms.khan", false)
	a, b, c := newLearner(t, s), newLearner(t, s), newLearner(t, s)
	const q1, q2 = "year:u2-incident", "tone:tashkent-declaration"

	saved, err := s.SaveReport(ctx, Report{QuestionID: q1, LearnerID: a, Reason: ReasonWrongAnswer, Comment: "It was 1960, not 1959."})
	if err != nil || saved.ID == 0 {
		t.Fatalf("save: %+v, %v", saved, err)
	}
	got, err := s.LearnerReport(ctx, a, q1)
	if err != nil || got.Reason != ReasonWrongAnswer || got.Comment != "It was 1960, not 1959." || !got.CreatedAt.Equal(clock) || !got.ResolvedAt.IsZero() {
		t.Fatalf("read back %+v, %v", got, err)
	}
	if _, err := s.LearnerReport(ctx, b, q1); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("a learner who reported nothing: %v; want not found", err)
	}

	// The same learner again replaces their report: still one row.
	clock = clock.Add(time.Hour)
	again, err := s.SaveReport(ctx, Report{QuestionID: q1, LearnerID: a, Reason: ReasonUnclear, Comment: "On second thoughts, unclear."})
	if err != nil || again.ID != saved.ID {
		t.Fatalf("second report by the same learner: %+v, %v; want the same row %d", again, err, saved.ID)
	}
	for _, r := range []Report{
		{QuestionID: q1, LearnerID: b, Reason: ReasonUnclear},
		{QuestionID: q1, LearnerID: c, Reason: ReasonTwoRight, Comment: "Both 1959 and 1960 fit."},
		{QuestionID: q2, LearnerID: c, Reason: ReasonOther, Comment: "Typo: Tashkant."},
	} {
		clock = clock.Add(time.Minute)
		if _, err := s.SaveReport(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	var rows int
	if err := s.read.QueryRow(`SELECT count(*) FROM question_reports WHERE question_id = ?`, q1).Scan(&rows); err != nil || rows != 3 {
		t.Fatalf("%d rows for %s; want 3, one per learner", rows, q1)
	}

	queue, err := s.ReportQueue(ctx, teacher)
	if err != nil {
		t.Fatal(err)
	}
	if len(queue) != 2 || queue[0].QuestionID != q1 {
		t.Fatalf("queue %+v; want %s (3 learners) before %s (1)", queue, q1, q2)
	}
	r1 := queue[0]
	if r1.Reporters != 3 || r1.Open != 3 || r1.ByReason[ReasonUnclear] != 2 || r1.ByReason[ReasonTwoRight] != 1 || r1.ByReason[ReasonWrongAnswer] != 0 {
		t.Errorf("counts %+v; want 3 learners, 2 unclear, 1 two right, none wrong answer (replaced)", r1)
	}
	start := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	if !r1.First.Equal(start) || !r1.Last.Equal(start.Add(2*time.Minute)) {
		t.Errorf("first %v, last %v", r1.First, r1.Last)
	}
	// Comments: the latest first; a report without one shows none.
	if len(r1.Comments) != 2 || r1.Comments[0].Comment != "Both 1959 and 1960 fit." || r1.Comments[1].Comment != "On second thoughts, unclear." {
		t.Errorf("comments %+v", r1.Comments)
	}

	// Resolving closes the open reports; a new report opens one again and
	// questions with open reports come first.
	if n, err := s.ResolveReports(ctx, q1); err != nil || n != 3 {
		t.Fatalf("resolve: %d, %v; want 3", n, err)
	}
	if n, _ := s.ResolveReports(ctx, q1); n != 0 {
		t.Errorf("resolving again changed %d reports", n)
	}
	queue, _ = s.ReportQueue(ctx, teacher)
	if queue[0].QuestionID != q2 || queueRow(t, queue, q1).Open != 0 || queueRow(t, queue, q1).Reporters != 3 {
		t.Errorf("after resolving %s the queue is %+v; want %s (open) first", q1, queue, q2)
	}
	clock = clock.Add(time.Hour)
	if _, err := s.SaveReport(ctx, Report{QuestionID: q1, LearnerID: b, Reason: ReasonWrongAnswer}); err != nil {
		t.Fatal(err)
	}
	if rs := queueRow(t, mustQueue(t, s, teacher), q1); rs.Open != 1 || rs.Reporters != 3 {
		t.Errorf("after b reports again: %+v; want 1 open of 3", rs)
	}

	// A learner's reports go with their data.
	if d, err := s.ExportLearner(ctx, c); err != nil || len(d.Reports) != 2 {
		t.Errorf("export: %d reports, %v; want c's 2", len(d.Reports), err)
	}
	if err := s.DeleteLearner(ctx, c); err != nil {
		t.Fatal(err)
	}
	if rs := queueRow(t, mustQueue(t, s, teacher), q1); rs.Reporters != 2 {
		t.Errorf("after c deleted their data: %d reporters; want 2", rs.Reporters)
	}
}

func mustQueue(t *testing.T, s *Store, teacher int64) []ReportSummary {
	t.Helper()
	q, err := s.ReportQueue(context.Background(), teacher)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestReports_InvalidReportsAreRefusedAndWriteNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l := newLearner(t, s)
	for name, r := range map[string]Report{
		"no reason":            {QuestionID: "year:x", LearnerID: l},
		"unknown reason":       {QuestionID: "year:x", LearnerID: l, Reason: "spam"},
		"other without a word": {QuestionID: "year:x", LearnerID: l, Reason: ReasonOther, Comment: "  "},
		"comment too long":     {QuestionID: "year:x", LearnerID: l, Reason: ReasonUnclear, Comment: strings.Repeat("é", MaxReportComment+1)},
	} {
		if _, err := s.SaveReport(ctx, r); questions.ErrorCode(err) != questions.EINVALID {
			t.Errorf("%s: %v; want invalid", name, err)
		}
	}
	// Exactly the limit, in characters not bytes, is fine.
	if _, err := s.SaveReport(ctx, Report{QuestionID: "year:x", LearnerID: l, Reason: ReasonOther, Comment: strings.Repeat("é", MaxReportComment)}); err != nil {
		t.Errorf("a comment of %d characters: %v", MaxReportComment, err)
	}
	var n int
	s.read.QueryRow(`SELECT count(*) FROM question_reports`).Scan(&n)
	if n != 1 {
		t.Errorf("%d reports stored; want the 1 valid one", n)
	}
}

func TestReportQueue_OwnSetsOnlyAndHiddenQuestions(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	khan, ali := newTeacher(t, s, "ms.khan", true), newTeacher(t, s, "mr.ali", false)
	item := sets.Item{Kind: sets.ShortAnswer, Prompt: "Where?", Accepted: []string{"Tashkent"}}
	khanSet, khanItems, _ := s.CreateSet(ctx, khan, "Khan's", "", []sets.Item{item})
	aliSet, aliItems, _ := s.CreateSet(ctx, ali, "Ali's", "", []sets.Item{item})
	khanQ, aliQ := sets.QuestionID(khanSet, khanItems[0]), sets.QuestionID(aliSet, aliItems[0])
	l := newLearner(t, s)
	for _, id := range []string{"year:u2-incident", khanQ, aliQ} {
		if _, err := s.SaveReport(ctx, Report{QuestionID: id, LearnerID: l, Reason: ReasonUnclear}); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(q []ReportSummary) string {
		var out []string
		for _, rs := range q {
			out = append(out, rs.QuestionID)
		}
		return strings.Join(out, " ")
	}
	if got := ids(mustQueue(t, s, khan)); !strings.Contains(got, khanQ) || strings.Contains(got, aliQ) || !strings.Contains(got, "year:u2-incident") {
		t.Errorf("ms.khan's queue: %s; want the timeline's and her own set's, not mr.ali's", got)
	}
	if got := ids(mustQueue(t, s, ali)); strings.Contains(got, khanQ) || !strings.Contains(got, aliQ) {
		t.Errorf("mr.ali's queue: %s", got)
	}

	// Hidden: listed, with who hid it, and kept in the queue even once no
	// report is left, so that it can be shown again.
	genBefore := s.Generation(l)
	if err := s.HideQuestion(ctx, "year:u2-incident", khan, "Date wrong in the bank"); err != nil {
		t.Fatal(err)
	}
	if s.Generation(l) == genBefore {
		t.Error("hiding a question did not count as a change: kept review queues would not see it")
	}
	if err := s.HideQuestion(ctx, "year:u2-incident", ali, "again"); err != nil {
		t.Fatalf("hiding twice: %v", err)
	}
	if err := s.HideQuestion(ctx, "cloze:x", khan, strings.Repeat("n", MaxHideNote+1)); questions.ErrorCode(err) != questions.EINVALID {
		t.Errorf("an over-long note: %v; want invalid", err)
	}
	if err := s.DeleteLearner(ctx, l); err != nil {
		t.Fatal(err)
	}
	if hidden, err := s.HiddenQuestions(ctx); err != nil || len(hidden) != 1 || hidden[0] != "year:u2-incident" {
		t.Fatalf("hidden %v, %v", hidden, err)
	}
	rs := queueRow(t, mustQueue(t, s, ali), "year:u2-incident")
	if rs.Reporters != 0 || rs.Hidden == nil || rs.Hidden.HiddenBy != "ms.khan" || rs.Hidden.Reason != "Date wrong in the bank" {
		t.Errorf("hidden row %+v %+v; want no reporters, hidden by ms.khan with her note", rs, rs.Hidden)
	}
	if err := s.UnhideQuestion(ctx, "year:u2-incident"); err != nil {
		t.Fatal(err)
	}
	if hidden, _ := s.HiddenQuestions(ctx); len(hidden) != 0 {
		t.Errorf("after unhiding: %v", hidden)
	}
	if q := mustQueue(t, s, khan); len(q) != 0 {
		t.Errorf("queue %+v; want empty: no reports, nothing hidden", q)
	}
}

func TestAdmin_ShellTeachersOnly(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	admin, plain := newTeacher(t, s, "ms.khan", true), newTeacher(t, s, "mr.ali", false)
	for id, want := range map[int64]bool{admin: true, plain: false} {
		if got, err := s.AccountAdmin(ctx, id); err != nil || got != want {
			t.Errorf("account %d admin = %v, %v; want %v", id, got, err, want)
		}
	}
	if _, err := s.CreateAdmin(ctx, questions.NewAccount{Username: "amna", PasswordHash: []byte("x"), Role: questions.Student}); questions.ErrorCode(err) != questions.EINVALID {
		t.Errorf("a student admin: %v; want invalid", err)
	}
	if _, err := s.AccountAdmin(ctx, 999); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("no such account: %v", err)
	}
}

func TestMigration_TeachersMadeBeforeAdminsExistedAreAdminsUnlessInvited(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	// A database as the server before reports left it: migrations 1 to 5.
	old, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`); err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, _ := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if v >= 6 {
			continue
		}
		body, _ := migrations.ReadFile(name)
		if _, err := old.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		old.Exec(`INSERT INTO schema_migrations VALUES (?, ?, 0)`, v, base)
	}
	for _, stmt := range []string{
		`INSERT INTO accounts (id, username, password_hash, role, created_at) VALUES (1, 'ms.khan', x'00', 'teacher', 0)`,
		`INSERT INTO accounts (id, username, password_hash, role, created_at) VALUES (2, 'mr.ali', x'00', 'teacher', 0)`,
		`INSERT INTO accounts (id, username, password_hash, role, created_at) VALUES (3, 'amna', x'00', 'student', 0)`,
		`INSERT INTO teacher_invites (token_hash, created_by, created_at, expires_at, used_by, used_at) VALUES (x'01', 1, 0, 1, 2, 0)`,
	} {
		if _, err := old.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for id, want := range map[int64]bool{1: true, 2: false, 3: false} {
		if got, err := s.AccountAdmin(ctx, id); err != nil || got != want {
			t.Errorf("account %d admin = %v, %v; want %v (the shell's teacher only, not the invited one nor a student)", id, got, err, want)
		}
	}
}
