package db

import (
	"context"
	"testing"
	"time"
)

func TestPulls_KeptPerLearnerAndMovedOnWhenPulledAgain(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	la, _, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lb, _, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, b := la.ID, lb.ID
	t0 := time.UnixMilli(1_800_000_000_000)
	gen := s.Generation(a)
	if err := s.PullQuestions(ctx, a, []string{"q1", "q2"}, t0); err != nil {
		t.Fatal(err)
	}
	if s.Generation(a) == gen {
		t.Error("a pull left the learner's generation as it was: a kept queue would not see it")
	}
	if err := s.PullQuestions(ctx, a, []string{"q2"}, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, err := s.Pulls(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got["q1"].Equal(t0) || !got["q2"].Equal(t0.Add(time.Hour)) {
		t.Errorf("pulls %v; want q1 at %v and q2 an hour later", got, t0)
	}
	if other, err := s.Pulls(ctx, b); err != nil || len(other) != 0 {
		t.Errorf("another learner's pulls %v, %v; want none", other, err)
	}
}

func TestWrittenSubmissions_TheLearnersOwnNewestFirst(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a, _, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.SubmitWritten(ctx, a.ID, "q1", "first")
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.SubmitWritten(ctx, a.ID, "q2", "second")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SubmitWritten(ctx, b.ID, "q1", "someone else's"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetWrittenLevel(ctx, a.ID, first, 2); err != nil {
		t.Fatal(err)
	}
	got, err := s.WrittenSubmissions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != second || got[1].ID != first || got[1].SelfLevel != 2 || got[1].Text != "first" {
		t.Errorf("submissions %+v; want the second, then the first at level 2", got)
	}
}
