package db

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

func gradeOf(t *testing.T, qid string, cur *questions.CardRecord) (questions.ReviewRecord, int64) {
	t.Helper()
	sched, err := srs.New(srs.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	q := questions.Question{ID: qid, EventIDs: []string{"e-" + qid}}
	rec, v, err := questions.Grade(sched, q, cur, srs.Good, time.Now(), 1000, questions.ModeFlashcard)
	if err != nil {
		t.Fatal(err)
	}
	return rec, v
}

func TestSaveReview_ConcurrentSubmitsOfOneCardApplyOnce(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, _, _ := s.CreateLearner(ctx)
	rec, v := gradeOf(t, "q1", nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	applied, stale := 0, 0
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.SaveReview(ctx, l.ID, v, rec)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				applied++
			case errors.Is(err, ErrStale):
				stale++
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	c, err := s.Card(ctx, l.ID, "q1")
	if applied != 1 || stale != 19 || err != nil || c.Version != 1 {
		t.Fatalf("applied %d, stale %d, card version %d (%v); want 1, 19, version 1", applied, stale, c.Version, err)
	}
	if n, mismatched, err := s.ReviewAudit(ctx); n != 1 || mismatched != 0 || err != nil {
		t.Fatalf("audit: %d reviews, %d mismatched, %v; want 1 and 0", n, mismatched, err)
	}
}

// Many learners grading at once share commits; each review must still land
// exactly once, with its own id, and a stale one in the same commit must not
// take the others with it.
func TestSaveReview_ConcurrentLearnersAllLandOnce(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	const learners, each = 8, 15
	var wg sync.WaitGroup
	ids := make(chan int64, learners*each)
	for range learners {
		l, _, err := s.CreateLearner(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				qid := fmt.Sprintf("q%d", i%5)
				var cur *questions.CardRecord
				if c, err := s.Card(ctx, l.ID, qid); err == nil {
					cur = &c
				}
				rec, v := gradeOf(t, qid, cur)
				id, err := s.SaveReview(ctx, l.ID, v, rec)
				if err != nil {
					t.Error(err)
					return
				}
				ids <- id
				// A repeat of the same submit is stale and changes nothing.
				if _, err := s.SaveReview(ctx, l.ID, v, rec); !errors.Is(err, ErrStale) {
					t.Errorf("repeated submit: err = %v; want ErrStale", err)
				}
			}
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[int64]bool{}
	for id := range ids {
		if id == 0 || seen[id] {
			t.Fatalf("review id %d returned twice or zero", id)
		}
		seen[id] = true
	}
	if n, mismatched, err := s.ReviewAudit(ctx); n != learners*each || mismatched != 0 || err != nil {
		t.Fatalf("audit: %d reviews, %d mismatched, %v; want %d and 0", n, mismatched, err, learners*each)
	}
}

func TestSaveReview_AfterCloseFailsInsteadOfHanging(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	l, _, _ := s.CreateLearner(context.Background())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rec, v := gradeOf(t, "q1", nil)
	done := make(chan error, 1)
	go func() { _, err := s.SaveReview(context.Background(), l.ID, v, rec); done <- err }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a review saved after Close reported success")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("SaveReview after Close hung")
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestHasReview_FollowsReviewsAndUndo(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, _, _ := s.CreateLearner(ctx)
	if ok, err := s.HasReview(ctx, l.ID); ok || err != nil {
		t.Fatalf("new learner: HasReview = %v, %v; want false", ok, err)
	}
	rec, v := gradeOf(t, "q1", nil)
	id, err := s.SaveReview(ctx, l.ID, v, rec)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := s.HasReview(ctx, l.ID); !ok || err != nil {
		t.Fatalf("after a review: HasReview = %v, %v; want true", ok, err)
	}
	if _, err := s.UndoReview(ctx, l.ID, id); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.HasReview(ctx, l.ID); ok || err != nil {
		t.Fatalf("after undoing it: HasReview = %v, %v; want false", ok, err)
	}
}

// benchStore is a store with one learner holding 300 seeded cards, as the
// bench seeds them.
func benchStore(b *testing.B) (*Store, SeededLearner) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	var qs []SeedQuestion
	for i := range 856 {
		qs = append(qs, SeedQuestion{ID: fmt.Sprintf("kind:event-%03d:%d", i/12, i%12), EventID: fmt.Sprintf("event-%03d", i/12)})
	}
	ls, err := s.SeedLearners(context.Background(), SeedOptions{Learners: 3, CardsEach: 300, Questions: qs,
		Now: time.Now(), Rand: rand.New(rand.NewPCG(1, 2))})
	if err != nil {
		b.Fatal(err)
	}
	return s, ls[1]
}

// Exam mode reads all of a learner's cards on every review page.
func BenchmarkCards_300(b *testing.B) {
	s, l := benchStore(b)
	ctx := context.Background()
	for b.Loop() {
		if cs, err := s.Cards(ctx, l.ID); err != nil || len(cs) != 300 {
			b.Fatal(len(cs), err)
		}
	}
}

func BenchmarkDueCards(b *testing.B) {
	s, l := benchStore(b)
	ctx := context.Background()
	until := time.Now().Add(24 * time.Hour)
	for b.Loop() {
		if _, err := s.DueCards(ctx, l.ID, until); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReviewSettings_PracticeCountsAndExamScopeRoundTrip(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, _, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := s.ReviewSettings(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !rs.PracticeCounts || rs.ExamScope.Kind != questions.ScopeAll {
		t.Fatalf("defaults: practice counts %v, scope %q; want on and all", rs.PracticeCounts, rs.ExamScope.Kind)
	}
	rs.PracticeCounts = false
	rs.ExamScope = questions.ExamScope{Kind: questions.ScopeTopics, Eras: []string{"military"}, Themes: []string{"war"}}
	if err := s.SaveReviewSettings(ctx, l.ID, rs); err != nil {
		t.Fatal(err)
	}
	got, err := s.ReviewSettings(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.PracticeCounts || got.ExamScope.Kind != questions.ScopeTopics || !slices.Equal(got.ExamScope.Eras, []string{"military"}) ||
		!slices.Equal(got.ExamScope.Themes, []string{"war"}) {
		t.Errorf("round trip: %+v", got)
	}
}
