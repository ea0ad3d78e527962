package db

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"sabaq/questions"
)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpen_MigrationsApplyOnceAndSurviveReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	l, token, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	got, err := s.LearnerByToken(ctx, token)
	if err != nil || got.ID != l.ID {
		t.Fatalf("learner after reopen = %+v, %v; want id %d", got, err, l.ID)
	}
	var mode string
	if err := s.read.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	if err := s.write.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
	}
}

func TestLearnerByToken_UnknownTokenIsNotFound(t *testing.T) {
	s := openTest(t)
	_, err := s.LearnerByToken(context.Background(), "no-such-token")
	if !errors.Is(err, questions.ErrNotFound) {
		t.Fatalf("err = %v; want ErrNotFound", err)
	}
}

func TestSecret_IsStableAcrossCalls(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a, err := s.Secret(ctx, "csrf")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Secret(ctx, "csrf")
	c, _ := s.Secret(ctx, "other")
	if string(a) != string(b) || len(a) != 32 {
		t.Errorf("secret changed between calls or wrong length: %x %x", a, b)
	}
	if string(a) == string(c) {
		t.Error("two secrets with different names are equal")
	}
}

func newSession(t *testing.T, s *Store, qids ...string) (questions.Learner, int64) {
	t.Helper()
	ctx := context.Background()
	l, _, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.CreatePracticeSession(ctx, l.ID, questions.PracticeFilters{Length: len(qids)}, 42, qids)
	if err != nil {
		t.Fatal(err)
	}
	return l, id
}

func TestRecordAttempt_FinishesSessionWithScore(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, id := newSession(t, s, "q1", "q2")
	if err := s.MarkShown(ctx, id, 0); err != nil {
		t.Fatal(err)
	}
	for _, a := range []questions.Attempt{
		{LearnerID: l.ID, SessionID: id, QuestionID: "q1", Answer: []string{"x"}, Correct: true},
		{LearnerID: l.ID, SessionID: id, QuestionID: "q2", Answer: []string{"y"}, Correct: false},
	} {
		if _, created, err := s.RecordAttempt(ctx, a); err != nil || !created {
			t.Fatalf("record %s: created=%v err=%v", a.QuestionID, created, err)
		}
	}
	ps, err := s.PracticeSession(ctx, l.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if ps.Score != 1 || ps.Total != 2 || ps.FinishedAt.IsZero() || ps.Next() != -1 {
		t.Errorf("session = score %d/%d finished %v next %d; want 1/2, finished, no next", ps.Score, ps.Total, ps.FinishedAt, ps.Next())
	}
	if ps.Items[0].ShownAt.IsZero() || ps.Items[0].Attempt.Answer[0] != "x" {
		t.Errorf("item 0 = %+v; want shown time and answer x", ps.Items[0])
	}
}

func TestRecordAttempt_ConcurrentDuplicatesRecordOnce(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, id := newSession(t, s, "q1", "q2")
	var wg sync.WaitGroup
	var mu sync.Mutex
	created := 0
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Later duplicates carry a different answer: the first one must win.
			_, c, err := s.RecordAttempt(ctx, questions.Attempt{LearnerID: l.ID, SessionID: id, QuestionID: "q1",
				Answer: []string{"answer"}, Correct: i%2 == 0})
			if err != nil {
				t.Error(err)
			}
			if c {
				mu.Lock()
				created++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	atts, err := s.LearnerAttempts(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if created != 1 || len(atts) != 1 {
		t.Fatalf("created %d, stored %d attempts; want 1 and 1", created, len(atts))
	}
}

func TestRecordAttempt_RejectsQuestionOutsideSessionOrOtherLearner(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, id := newSession(t, s, "q1")
	other, _, _ := s.CreateLearner(ctx)
	for name, a := range map[string]questions.Attempt{
		"question not in session": {LearnerID: l.ID, SessionID: id, QuestionID: "q9", Answer: []string{}},
		"someone else's session":  {LearnerID: other.ID, SessionID: id, QuestionID: "q1", Answer: []string{}},
	} {
		_, _, err := s.RecordAttempt(ctx, a)
		if questions.ErrorCode(err) != questions.EINVALID {
			t.Errorf("%s: err = %v; want EINVALID", name, err)
		}
	}
	atts, _ := s.LearnerAttempts(ctx, l.ID)
	otherAtts, _ := s.LearnerAttempts(ctx, other.ID)
	if len(atts)+len(otherAtts) != 0 {
		t.Errorf("rejected attempts were written: %d", len(atts)+len(otherAtts))
	}
}

func TestPracticeSession_OtherLearnerCannotRead(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	_, id := newSession(t, s, "q1")
	other, _, _ := s.CreateLearner(ctx)
	if _, err := s.PracticeSession(ctx, other.ID, id); !errors.Is(err, questions.ErrNotFound) {
		t.Fatalf("err = %v; want ErrNotFound", err)
	}
}

func TestCreatePracticeSession_EmptyIsInvalidAndWritesNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, _, _ := s.CreateLearner(ctx)
	if _, err := s.CreatePracticeSession(ctx, l.ID, questions.PracticeFilters{}, 1, nil); questions.ErrorCode(err) != questions.EINVALID {
		t.Fatalf("err = %v; want EINVALID", err)
	}
	if got, _ := s.RecentSessions(ctx, l.ID, 10); len(got) != 0 {
		t.Errorf("got %d sessions; want none", len(got))
	}
}
