package db

import (
	"context"
	"path/filepath"
	"testing"

	"sabaq/questions"
)

func TestBackup_CopyOpensWithTheSameData(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, id := newSession(t, s, "q1", "q2")
	if _, _, err := s.RecordAttempt(ctx, questions.Attempt{LearnerID: l.ID, SessionID: id, QuestionID: "q1", Answer: []string{"a"}, Correct: true}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	cp, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open the copy: %v", err)
	}
	defer cp.Close()
	if got, _ := cp.IntegrityCheck(ctx); got != "ok" {
		t.Errorf("integrity of the copy: %q", got)
	}
	atts, err := cp.LearnerAttempts(ctx, l.ID)
	if err != nil || len(atts) != 1 || atts[0].QuestionID != "q1" {
		t.Fatalf("attempts in the copy = %+v, %v", atts, err)
	}
	if err := s.Backup(ctx, path); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	if err := s.Backup(ctx, filepath.Join(t.TempDir(), "no-such-dir", "x.db")); err == nil {
		t.Error("a backup into a missing folder reported success")
	}
}
