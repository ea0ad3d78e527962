package db

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// sourced is a Good review of qid from cur, made from the answer src.
func sourced(t *testing.T, qid, src string, cur *questions.CardRecord) (questions.ReviewRecord, int64) {
	t.Helper()
	rec, v := gradeOf(t, qid, cur)
	rec.Mode, rec.Source, rec.Answer = questions.ModePractice, src, []string{"1966"}
	return rec, v
}

func (s *Store) countRows(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.read.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSaveReview_ASourceCountsOnceHoweverOftenItIsSent(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, _, _ := s.CreateLearner(ctx)
	rec, v := sourced(t, "q1", "attempt:7", nil)
	// A double click sent ten times at once: each submit grades the card as
	// it finds it, so some carry a version already gone. All get the one
	// review's id; none is refused, none makes a second review.
	var wg sync.WaitGroup
	ids := make(chan int64, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := s.SaveReview(ctx, l.ID, v, rec)
			if err != nil {
				t.Error(err)
			}
			ids <- id
		}()
	}
	wg.Wait()
	close(ids)
	first := int64(0)
	for id := range ids {
		if first == 0 {
			first = id
		}
		if id != first || id == 0 {
			t.Errorf("review ids %d and %d for one answer; want the same", first, id)
		}
	}
	// Replayed later against the card as it is now: still the same review.
	cur, err := s.Card(ctx, l.ID, "q1")
	if err != nil {
		t.Fatal(err)
	}
	again, v2 := sourced(t, "q1", "attempt:7", &cur)
	if id, err := s.SaveReview(ctx, l.ID, v2, again); err != nil || id != first {
		t.Errorf("replay: %d, %v; want %d", id, err, first)
	}
	if n := s.countRows(t, `SELECT count(*) FROM review_logs WHERE learner_id = ?`, l.ID); n != 1 {
		t.Fatalf("%d review rows; want 1", n)
	}
	if c, _ := s.Card(ctx, l.ID, "q1"); c.Version != 1 {
		t.Errorf("card version %d; want 1", c.Version)
	}
	got, err := s.Review(ctx, l.ID, first)
	if err != nil || got.Source != "attempt:7" || got.Mode != questions.ModePractice {
		t.Errorf("review %+v, %v; want mode practice from attempt:7", got, err)
	}
	// Another answer is another review; another learner's same source is theirs.
	other, v3 := sourced(t, "q1", "attempt:8", &cur)
	if id, err := s.SaveReview(ctx, l.ID, v3, other); err != nil || id == first {
		t.Errorf("another attempt: %d, %v; want a new review", id, err)
	}
	m, _, _ := s.CreateLearner(ctx)
	if id, err := s.SaveReview(ctx, m.ID, 0, rec); err != nil || id == first {
		t.Errorf("another learner: %d, %v; want a review of their own", id, err)
	}
	if n, mismatched, err := s.ReviewAudit(ctx); n != 3 || mismatched != 0 || err != nil {
		t.Errorf("audit: %d reviews, %d mismatched, %v; want 3 and 0", n, mismatched, err)
	}
}

func TestSaveReview_AnUndoneOrRegradedSourceStillCountsOnce(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, _, _ := s.CreateLearner(ctx)
	rec, v := sourced(t, "q1", "attempt:1", nil)
	id, err := s.SaveReview(ctx, l.ID, v, rec)
	if err != nil {
		t.Fatal(err)
	}
	// Regraded: the new review holds the source, and a replay finds it.
	newID, err := s.RegradeReview(ctx, l.ID, id, func(before questions.ReviewRecord, version int64) (questions.ReviewRecord, error) {
		r := before
		r.Rating = srs.Hard
		return r, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Review(ctx, l.ID, newID); got.Source != "attempt:1" {
		t.Errorf("regraded review's source %q; want attempt:1", got.Source)
	}
	if id2, err := s.SaveReview(ctx, l.ID, 0, rec); err != nil || id2 != newID {
		t.Errorf("replay after regrade: %d, %v; want %d", id2, err, newID)
	}
	// Undone: the answer is not counted again by a replay.
	if _, err := s.UndoReview(ctx, l.ID, newID); err != nil {
		t.Fatal(err)
	}
	if id3, err := s.SaveReview(ctx, l.ID, 0, rec); err != nil || id3 != newID {
		t.Errorf("replay after undo: %d, %v; want %d and nothing written", id3, err, newID)
	}
	if _, err := s.Card(ctx, l.ID, "q1"); err == nil {
		t.Error("a replay after undo made the card again")
	}
}

// Migration 0008 makes review_logs again: every row kept, and the reviews
// mock exams fed name their items. It is run here a second time over a
// database whose mock review has lost its source.
func TestMigration0008_KeepsEveryReviewAndNamesMockSources(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	l, _, _ := s.CreateLearner(ctx)
	rec, v := gradeOf(t, "q1", nil)
	if _, err := s.SaveReview(ctx, l.ID, v, rec); err != nil {
		t.Fatal(err)
	}
	exam, err := s.CreateMockExam(ctx, l.ID, "", questions.MockSetup{Length: 1, Minutes: 30}, 1, []string{"q2"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SaveMockAnswer(ctx, l.ID, exam, 0, "q2", []string{"x"}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinishMockExam(ctx, l.ID, exam); err != nil {
		t.Fatal(err)
	}
	mrec, mv := gradeOf(t, "q2", nil)
	mrec.Mode = questions.ModeMock
	mockID, err := s.SaveMockReview(ctx, l.ID, exam, 0, mv, mrec)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE review_logs SET source = NULL`, `DELETE FROM schema_migrations WHERE version = 8`} {
		if _, err := s.write.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if n := s.countRows(t, `SELECT count(*) FROM review_logs`); n != 2 {
		t.Errorf("%d reviews after the migration; want 2", n)
	}
	got, err := s.Review(ctx, l.ID, mockID)
	if err != nil || got.Source != fmt.Sprintf("mock:%d:0", exam) {
		t.Errorf("mock review %+v, %v; want source mock:%d:0", got, err, exam)
	}
	// The mode check now takes practice.
	prec, pv := sourced(t, "q3", "attempt:1", nil)
	prec.ReviewedAt = time.Now()
	if _, err := s.SaveReview(ctx, l.ID, pv, prec); err != nil {
		t.Errorf("a practice review after the migration: %v", err)
	}
}
