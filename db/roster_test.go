package db

import (
	"context"
	"slices"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/sets"
	"sabaq/questions/srs"
)

// classroom is a teacher's class of two students (amna, bilal) with one
// assigned set of two questions, and a third student (chand) not in it.
type classroom struct {
	s                   *Store
	clock               *mockClock
	class               questions.Class
	setID               int64
	q1, q2              string
	amna, bilal, chand  questions.Account
	teacher             questions.Account
	now, t0, t1, t2, t3 time.Time
}

func newClassroom(t *testing.T) *classroom {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	cr := &classroom{s: openTest(t), clock: &mockClock{t: now.Add(-4 * time.Hour)}, now: now,
		t0: now.Add(-3 * time.Hour), t1: now.Add(-2 * time.Hour), t2: now.Add(-time.Hour), t3: now.Add(-time.Minute)}
	cr.s.now = cr.clock.now
	account := func(name string, role questions.Role) questions.Account {
		a, err := cr.s.CreateAccount(ctx, questions.NewAccount{Username: name, PasswordHash: []byte("x"), Role: role})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	cr.teacher = account("mrs-khan", questions.Teacher)
	cr.amna, cr.bilal, cr.chand = account("amna", questions.Student), account("bilal", questions.Student), account("chand", questions.Student)
	var err error
	if cr.class, err = cr.s.CreateClass(ctx, cr.teacher.ID, "7B"); err != nil {
		t.Fatal(err)
	}
	for _, a := range []questions.Account{cr.amna, cr.bilal} {
		if err := cr.s.JoinClass(ctx, cr.class.ID, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	var ids []int64
	cr.setID, ids, err = cr.s.CreateSet(ctx, cr.teacher.ID, "Tashkent", "", []sets.Item{
		{Kind: sets.MultipleChoice, Prompt: "Who mediated at Tashkent?", Choices: []sets.Choice{{Text: "Kosygin", Weight: 100}, {Text: "Nixon"}}},
		{Kind: sets.TrueFalse, Prompt: "The declaration was signed in 1966.", Truth: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	cr.q1, cr.q2 = sets.QuestionID(cr.setID, ids[0]), sets.QuestionID(cr.setID, ids[1])
	if err := cr.s.Assign(ctx, cr.class.ID, cr.setID, "", ""); err != nil {
		t.Fatal(err)
	}
	return cr
}

// review saves a review of a card at version, due at due.
func (cr *classroom) review(t *testing.T, learnerID int64, qid string, version int64, rating srs.Rating, before srs.State,
	at, due time.Time, mode questions.ReviewMode, answer ...string) int64 {
	t.Helper()
	after := srs.NewCard(at)
	after.State, after.Due = srs.Review, due
	rec := questions.ReviewRecord{QuestionID: qid, EventID: qid, Rating: rating, StateBefore: before, After: after,
		ReviewedAt: at, Mode: mode, Answer: answer}
	if before != srs.StateNew {
		b := srs.NewCard(at)
		b.State = before
		rec.Before = &b
	}
	id, err := cr.s.SaveReview(context.Background(), learnerID, version, rec)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// practise answers the questions in a new practice session at time at.
func (cr *classroom) practise(t *testing.T, learnerID int64, at time.Time, answers map[string][]string, correct map[string]bool) {
	t.Helper()
	ctx := context.Background()
	var qids []string
	for q := range answers {
		qids = append(qids, q)
	}
	slices.Sort(qids)
	id, err := cr.s.CreatePracticeSession(ctx, learnerID, questions.PracticeFilters{Length: len(qids)}, 1, qids)
	if err != nil {
		t.Fatal(err)
	}
	cr.clock.t = at
	for _, q := range qids {
		if _, _, err := cr.s.RecordAttempt(ctx, questions.Attempt{LearnerID: learnerID, SessionID: id, QuestionID: q,
			Answer: answers[q], Correct: correct[q]}); err != nil {
			t.Fatal(err)
		}
	}
}

// mock takes a finished mock exam of total questions, right of them right.
func (cr *classroom) mock(t *testing.T, learnerID int64, at time.Time, right, total int, finish bool) {
	t.Helper()
	ctx := context.Background()
	cr.clock.t = at
	var qids []string
	for i := range total {
		qids = append(qids, "mock-q"+string(rune('a'+i)))
	}
	id, err := cr.s.CreateMockExam(ctx, learnerID, "", questions.MockSetup{Length: total, Minutes: 30}, 7, qids)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range qids {
		if _, _, err := cr.s.SaveMockAnswer(ctx, learnerID, id, i, q, []string{"x"}, i < right); err != nil {
			t.Fatal(err)
		}
	}
	if finish {
		if _, err := cr.s.FinishMockExam(ctx, learnerID, id); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRoster_FiguresPerStudentOfTheClassOnly(t *testing.T) {
	cr := newClassroom(t)
	ctx := context.Background()
	a, b, c := cr.amna.LearnerID, cr.bilal.LearnerID, cr.chand.LearnerID
	// Amna: both assigned questions and four other cards; of her reviews of
	// cards in review state, two are in the last 30 days (one Again).
	cr.review(t, a, cr.q2, 0, srs.Again, srs.StateNew, cr.t0, cr.now.Add(-time.Hour), questions.ModeFlashcard)
	cr.review(t, a, cr.q1, 0, srs.Again, srs.StateNew, cr.t2, cr.now.Add(24*time.Hour), questions.ModeQuiz, "Nixon")
	cr.review(t, a, "r1", 0, srs.Again, srs.Review, cr.t1, cr.now.Add(time.Hour), questions.ModeFlashcard)
	cr.review(t, a, "r2", 0, srs.Good, srs.Review, cr.now.AddDate(0, 0, -29), cr.now.Add(time.Hour), questions.ModeFlashcard)
	cr.review(t, a, "r3", 0, srs.Good, srs.Review, cr.now.AddDate(0, 0, -31), cr.now.Add(time.Hour), questions.ModeFlashcard)
	cr.review(t, a, "r4", 0, srs.Good, srs.Learning, cr.t1, cr.now.Add(-time.Minute), questions.ModeFlashcard)
	// Two finished mock exams, the latest worse, and one unfinished.
	cr.mock(t, a, cr.t0, 2, 2, true)
	cr.mock(t, a, cr.t1, 1, 4, true)
	cr.mock(t, a, cr.t2, 0, 2, false)
	// Bilal: practised at t3, his only activity.
	cr.practise(t, b, cr.t3, map[string][]string{cr.q1: {"Kosygin"}}, map[string]bool{cr.q1: true})
	// Chand is not in the class: nothing of his counts.
	cr.review(t, c, cr.q1, 0, srs.Good, srs.Review, cr.t1, cr.now.Add(-time.Hour), questions.ModeFlashcard)
	cr.mock(t, c, cr.t1, 1, 1, true)

	roster, err := cr.s.Roster(ctx, cr.class.ID, cr.now)
	if err != nil {
		t.Fatal(err)
	}
	if roster.AssignedItems != 2 {
		t.Errorf("%d assigned questions; want 2", roster.AssignedItems)
	}
	if len(roster.Rows) != 2 || roster.Rows[0].Username != "amna" || roster.Rows[1].Username != "bilal" {
		t.Fatalf("roster %+v; want amna and bilal", roster.Rows)
	}
	am, bi := roster.Rows[0], roster.Rows[1]
	if am.RetentionReviews != 2 || am.RetentionPassed != 1 {
		t.Errorf("amna: retention %d/%d; want 1 of 2", am.RetentionPassed, am.RetentionReviews)
	}
	if !am.LastActive.Equal(cr.t2) {
		t.Errorf("amna last active %v; want %v (her last review, and an unfinished mock started then)", am.LastActive, cr.t2)
	}
	if am.Mocks != 2 || am.LatestMockScore != 1 || am.LatestMockTotal != 4 || am.BestMock != 1 {
		t.Errorf("amna mocks: %d, latest %g/%d, best %.2f; want 2, 1/4, 1.00", am.Mocks, am.LatestMockScore, am.LatestMockTotal, am.BestMock)
	}
	if bi.RetentionReviews != 0 || bi.Mocks != 0 || !bi.LastActive.Equal(cr.t3) {
		t.Errorf("bilal: %+v; want no reviews or mocks, last active at his practice %v", bi, cr.t3)
	}
}

func TestClassFirstAttempts_EarliestAnswerPerStudentAndQuestion(t *testing.T) {
	cr := newClassroom(t)
	ctx := context.Background()
	a, b, c := cr.amna.LearnerID, cr.bilal.LearnerID, cr.chand.LearnerID
	// Amna: a flashcard review of q2 (Again) before practising both; a
	// quiz review of q1 after.
	cr.review(t, a, cr.q2, 0, srs.Again, srs.StateNew, cr.t0, cr.now, questions.ModeFlashcard)
	cr.practise(t, a, cr.t1, map[string][]string{cr.q1: {"Kosygin"}, cr.q2: {"True"}}, map[string]bool{cr.q1: true, cr.q2: true})
	cr.review(t, a, cr.q1, 0, srs.Again, srs.StateNew, cr.t2, cr.now, questions.ModeQuiz, "Nixon")
	// Bilal: a quiz answer undone, then answered again right.
	id := cr.review(t, b, cr.q1, 0, srs.Again, srs.StateNew, cr.t1, cr.now, questions.ModeQuiz, "Nixon")
	if _, err := cr.s.UndoReview(ctx, b, id); err != nil {
		t.Fatal(err)
	}
	cr.review(t, b, cr.q1, 0, srs.Good, srs.StateNew, cr.t2, cr.now, questions.ModeQuiz, "Kosygin")
	// Chand is not in the class; a question of no assigned set is left out.
	cr.practise(t, c, cr.t1, map[string][]string{cr.q1: {"Nixon"}}, map[string]bool{cr.q1: false})
	cr.review(t, a, "year:tashkent", 0, srs.Good, srs.StateNew, cr.t0, cr.now, questions.ModeQuiz, "1966")

	got, err := cr.s.ClassFirstAttempts(ctx, cr.class.ID)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		learner int64
		q       string
	}
	want := map[key]ClassAttempt{
		{a, cr.q1}: {Source: "practice", Answer: []string{"Kosygin"}, Correct: true, At: cr.t1},
		{a, cr.q2}: {Source: "flashcard", Answer: nil, Correct: false, At: cr.t0},
		{b, cr.q1}: {Source: "quiz", Answer: []string{"Kosygin"}, Correct: true, At: cr.t2},
	}
	if len(got) != len(want) {
		t.Fatalf("%d first attempts %+v; want %d", len(got), got, len(want))
	}
	for _, g := range got {
		w, ok := want[key{g.LearnerID, g.QuestionID}]
		if !ok {
			t.Errorf("unexpected attempt %+v", g)
			continue
		}
		if g.SetID != cr.setID || g.Source != w.Source || !slices.Equal(g.Answer, w.Answer) || (g.Answer == nil) != (w.Answer == nil) ||
			g.Correct != w.Correct || !g.At.Equal(w.At) {
			t.Errorf("learner %d, %s: %+v; want %+v", g.LearnerID, g.QuestionID, g, w)
		}
	}

	// Once the set is no longer assigned, nothing is analysed.
	as, _ := cr.s.ClassAssignments(ctx, cr.class.ID)
	if err := cr.s.Unassign(ctx, cr.class.ID, as[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := cr.s.ClassFirstAttempts(ctx, cr.class.ID); len(got) != 0 {
		t.Errorf("after unassigning: %+v; want none", got)
	}
}

func TestSetQuestionIDs_AreTheSetsQuestionsInOrder(t *testing.T) {
	cr := newClassroom(t)
	ctx := context.Background()
	got, err := cr.s.SetQuestionIDs(ctx, cr.setID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{cr.q1, cr.q2}) {
		t.Errorf("set question ids %v; want %v", got, []string{cr.q1, cr.q2})
	}
	other, _, err := cr.s.CreateSet(ctx, cr.teacher.ID, "Empty", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := cr.s.SetQuestionIDs(ctx, other); err != nil || len(got) != 0 {
		t.Errorf("empty set: %v, %v; want none", got, err)
	}
}
