package db

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"sabaq/questions"
)

func TestSeedClass_StudentsAndTeacherSignInAndBelongToTheClass(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var qs []SeedQuestion
	for i := range 40 {
		qs = append(qs, SeedQuestion{ID: "q" + string(rune('a'+i/10)) + string(rune('a'+i%10)), EventID: "e" + string(rune('a'+i/4))})
	}
	sc, err := s.SeedClass(ctx, ClassSeedOptions{Students: 7, CardsEach: 20, Questions: qs, Now: time.Now(),
		Rand: rand.New(rand.NewPCG(1, 2)), StudentsPerTx: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Students) != 7 {
		t.Fatalf("seeded %d students; want 7", len(sc.Students))
	}
	teacher, _, err := s.AccountBySession(ctx, sc.TeacherToken)
	if err != nil || teacher.ID != sc.TeacherID || teacher.Role != questions.Teacher || teacher.LearnerID == 0 {
		t.Fatalf("teacher by session = %+v, %v", teacher, err)
	}
	cl, err := s.Class(ctx, sc.ClassID)
	if err != nil || cl.TeacherID != sc.TeacherID || cl.Members != 7 {
		t.Fatalf("class = %+v, %v; want the teacher's, with 7 members", cl, err)
	}
	members, err := s.Members(ctx, sc.ClassID)
	if err != nil || len(members) != 7 {
		t.Fatalf("members = %v, %v", members, err)
	}
	byAccount := map[int64]int64{}
	for _, m := range members {
		byAccount[m.AccountID] = m.LearnerID
	}
	tokens := map[string]bool{sc.TeacherToken: true}
	for _, st := range sc.Students {
		if tokens[st.Token] {
			t.Fatalf("token of student %d used twice", st.AccountID)
		}
		tokens[st.Token] = true
		acc, l, err := s.AccountBySession(ctx, st.Token)
		if err != nil || acc.ID != st.AccountID || acc.Role != questions.Student || l.ID != st.ID || acc.LearnerID != st.ID {
			t.Fatalf("student %d by session = %+v, %+v, %v; want learner %d", st.AccountID, acc, l, err, st.ID)
		}
		if byAccount[st.AccountID] != st.ID {
			t.Fatalf("student %d: class member with learner %d; want %d", st.AccountID, byAccount[st.AccountID], st.ID)
		}
		classes, err := s.ClassesOfStudent(ctx, st.AccountID)
		if err != nil || len(classes) != 1 || classes[0].ID != sc.ClassID {
			t.Fatalf("classes of student %d = %+v, %v", st.AccountID, classes, err)
		}
		cards, err := s.Cards(ctx, st.ID)
		if err != nil || len(cards) != 20 || len(st.Cards) != 20 {
			t.Fatalf("student %d has %d cards (%d returned), %v; want 20", st.AccountID, len(cards), len(st.Cards), err)
		}
		for _, c := range st.Cards {
			stored, err := s.Card(ctx, st.ID, qs[c.Question].ID)
			if err != nil || stored.Version != int64(c.Version) {
				t.Fatalf("card %s of student %d: stored %+v, %v; seeded %+v", qs[c.Question].ID, st.AccountID, stored, err, c)
			}
		}
	}
	if _, mismatched, err := s.ReviewAudit(ctx); err != nil || mismatched != 0 {
		t.Errorf("review audit: %d mismatched cards, %v", mismatched, err)
	}
	roster, err := s.Roster(ctx, sc.ClassID, time.Now())
	if err != nil || len(roster.Rows) != 7 {
		t.Fatalf("roster = %+v, %v", roster, err)
	}

	// A second class seeded into the same database has other usernames.
	if _, err := s.SeedClass(ctx, ClassSeedOptions{Students: 2, CardsEach: 5, Questions: qs, Now: time.Now(),
		Rand: rand.New(rand.NewPCG(3, 4))}); err != nil {
		t.Fatalf("second class: %v", err)
	}
}
