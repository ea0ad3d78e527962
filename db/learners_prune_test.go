package db

import (
	"context"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/written"
)

// Anonymous learners made before the cut-off who left nothing are deleted;
// anyone who left anything, and anyone newer, stays.
func TestPruneAnonymousLearners_DeletesOnlyOldLearnersWhoLeftNothing(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return now.AddDate(0, 0, -40) } // made 40 days ago
	newLearner := func(name string) questions.Learner {
		t.Helper()
		l, err := s.CreateLearnerWithToken(ctx, name+"-token-0123456789012345678901234567890")
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	gone, gone2 := newLearner("gone"), newLearner("gone2")
	practised, settings := newLearner("practised"), newLearner("settings")
	paper, pulled := newLearner("paper"), newLearner("pulled")
	q := written.Question{ID: "q1", Kind: written.Describe, Marks: 4}
	if _, err := s.CreateWrittenPaper(ctx, paper.ID, "", written.PaperSetup{Offered: 1, Answer: 1}, []written.Question{q}, time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := s.PullQuestions(ctx, pulled.ID, []string{"q"}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePracticeSession(ctx, practised.ID, questions.PracticeFilters{Length: 1}, 1, []string{"q"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveReviewSettings(ctx, settings.ID, questions.DefaultReviewSettings()); err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return now.AddDate(0, 0, -3) } // a recent visitor
	recent := newLearner("recent")

	n, err := s.PruneAnonymousLearners(ctx, now.AddDate(0, 0, -30))
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d learners deleted; want 2", n)
	}
	for _, tc := range []struct {
		l    questions.Learner
		kept bool
	}{{gone, false}, {gone2, false}, {practised, true}, {settings, true}, {paper, true}, {pulled, true}, {recent, true}} {
		var count int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM learners WHERE id = ?`, tc.l.ID).Scan(&count); err != nil {
			t.Fatal(err)
		}
		if (count == 1) != tc.kept {
			t.Errorf("learner %d: kept %v; want %v", tc.l.ID, count == 1, tc.kept)
		}
	}
	// Run again: nothing more goes.
	if n, err := s.PruneAnonymousLearners(ctx, now.AddDate(0, 0, -30)); err != nil || n != 0 {
		t.Errorf("second run: %d deleted, %v; want 0", n, err)
	}
}
