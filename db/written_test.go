package db

import (
	"context"
	"errors"
	"testing"
	"time"

	"sabaq/questions"
)

func TestSaveWrittenDraft_NewerWinsOlderRefused(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	l, _, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.UnixMilli(1_700_000_000_000)
	if err := s.SaveWrittenDraft(ctx, l.ID, "q1", "first", t0); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveWrittenDraft(ctx, l.ID, "q1", "newer", t0.Add(time.Second)); err != nil {
		t.Fatalf("a later draft was refused: %v", err)
	}
	for _, at := range []time.Time{t0, t0.Add(time.Second)} {
		err := s.SaveWrittenDraft(ctx, l.ID, "q1", "older", at)
		if !errors.Is(err, ErrDraftStale) || questions.ErrorCode(err) != questions.ECONFLICT {
			t.Fatalf("a draft saved at %v, not after the stored one: err = %v, want ErrDraftStale", at, err)
		}
	}
	d, err := s.WrittenDraft(ctx, l.ID, "q1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "newer" || !d.SavedAt.Equal(t0.Add(time.Second)) {
		t.Errorf("stored draft = %q saved at %v, want the newer one", d.Text, d.SavedAt)
	}
	// Another question and another learner have drafts of their own.
	if _, err := s.WrittenDraft(ctx, l.ID, "q2"); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("draft of another question: err = %v, want not found", err)
	}
	if err := s.SaveWrittenDraft(ctx, l.ID, "q2", "", t0); err != nil {
		t.Errorf("an empty draft of another question, saved earlier: %v", err)
	}
}

func TestWrittenSubmission_OnlyItsOwnerSeesOrAssessesIt(t *testing.T) {
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
	id, err := s.SubmitWritten(ctx, a.ID, "q1", "my answer")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WrittenSubmission(ctx, b.ID, id); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("another learner read the submission: err = %v", err)
	}
	if err := s.SetWrittenLevel(ctx, b.ID, id, 2); !errors.Is(err, questions.ErrNotFound) {
		t.Errorf("another learner assessed the submission: err = %v", err)
	}
	if err := s.SetWrittenLevel(ctx, a.ID, id, 3); err != nil {
		t.Fatal(err)
	}
	w, err := s.WrittenSubmission(ctx, a.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if w.Text != "my answer" || w.QuestionID != "q1" || w.SelfLevel != 3 {
		t.Errorf("submission = %+v", w)
	}
}
