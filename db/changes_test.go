package db

import (
	"context"
	"errors"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

func TestGeneration_CountsWritesForWhomTheyConcern(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a, _, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID%learnerStripes == b.ID%learnerStripes {
		t.Fatal("the two learners share a stripe; the test needs them apart")
	}
	review := func(l questions.Learner, qid string) {
		t.Helper()
		now := time.Now()
		card := srs.NewCard(now)
		r := questions.ReviewRecord{QuestionID: qid, EventID: "e", Rating: srs.Good, StateBefore: srs.StateNew, After: card, ReviewedAt: now, Mode: questions.ModeFlashcard}
		if _, err := s.SaveReview(ctx, l.ID, 0, r); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name       string
		write      func()
		forA, forB bool // whether a's and b's generations must change
	}{
		{"a review of a's", func() { review(a, "q1") }, true, false},
		{"b's settings", func() {
			if err := s.SaveReviewSettings(ctx, b.ID, questions.DefaultReviewSettings()); err != nil {
				t.Fatal(err)
			}
		}, false, true},
		{"a class made by a teacher", func() {
			acc, err := s.CreateAccount(ctx, questions.NewAccount{Username: "teacher", PasswordHash: []byte("x"), Role: questions.Teacher})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateClass(ctx, acc.ID, "Year 9"); err != nil {
				t.Fatal(err)
			}
		}, true, true},
	}
	for _, st := range steps {
		ga, gb := s.Generation(a.ID), s.Generation(b.ID)
		st.write()
		if changed := s.Generation(a.ID) != ga; changed != st.forA {
			t.Errorf("%s: a's generation changed %v; want %v", st.name, changed, st.forA)
		}
		if changed := s.Generation(b.ID) != gb; changed != st.forB {
			t.Errorf("%s: b's generation changed %v; want %v", st.name, changed, st.forB)
		}
	}
}

func TestIdentities_KeptOnlyWhileTrue(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	l, token, err := s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.LearnerByToken(ctx, token); err != nil || got.ID != l.ID {
		t.Fatalf("LearnerByToken: %+v, %v", got, err)
	}
	if _, err := s.LearnerByToken(ctx, token); err != nil { // now from memory
		t.Fatal(err)
	}
	// Signing up claims the anonymous learner: the cookie no longer leads to it.
	acc, err := s.CreateAccount(ctx, questions.NewAccount{Username: "amna", PasswordHash: []byte("x"), Role: questions.Student, ClaimLearner: l.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LearnerByToken(ctx, token); !errors.Is(err, questions.ErrNotFound) {
		t.Fatalf("the claimed learner's cookie still works: %v", err)
	}

	session, _, err := s.CreateSession(ctx, acc.ID)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		got, gl, err := s.AccountBySession(ctx, session)
		if err != nil || got.ID != acc.ID || gl.ID != l.ID {
			t.Fatalf("AccountBySession: %+v %+v, %v", got, gl, err)
		}
	}
	// Expiry holds for a session kept in memory.
	s.now = func() time.Time { return time.Now().Add(questions.SessionLifetime + time.Minute) }
	if _, _, err := s.AccountBySession(ctx, session); !errors.Is(err, questions.ErrNotFound) {
		t.Fatalf("an expired session still works: %v", err)
	}
	s.now = time.Now
	if _, _, err := s.AccountBySession(ctx, session); err != nil {
		t.Fatal(err)
	}
	// Logging out ends it at once.
	if err := s.DeleteSession(ctx, session); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AccountBySession(ctx, session); !errors.Is(err, questions.ErrNotFound) {
		t.Fatalf("a session logged out still works: %v", err)
	}
}
