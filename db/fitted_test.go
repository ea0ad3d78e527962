package db

import (
	"context"
	"slices"
	"testing"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// fitClass is a teacher's two classes: Ali in 9A, Bea in 9A and 9B.
type fitClass struct {
	s        *Store
	a9, b9   questions.Class
	ali, bea questions.Account
}

func newFitClass(t *testing.T) fitClass {
	t.Helper()
	ctx := context.Background()
	f := fitClass{s: openTest(t)}
	account := func(name string, role questions.Role) questions.Account {
		a, err := f.s.CreateAccount(ctx, questions.NewAccount{Username: name, PasswordHash: []byte("x"), Role: role})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	teacher := account("mr-rahimov", questions.Teacher)
	f.ali, f.bea = account("ali", questions.Student), account("bea", questions.Student)
	var err error
	if f.a9, err = f.s.CreateClass(ctx, teacher.ID, "9A"); err != nil {
		t.Fatal(err)
	}
	if f.b9, err = f.s.CreateClass(ctx, teacher.ID, "9B"); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		class   questions.Class
		student questions.Account
	}{{f.a9, f.ali}, {f.a9, f.bea}, {f.b9, f.bea}} {
		if err := f.s.JoinClass(ctx, m.class.ID, m.student.ID); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// weightsWith are 21 weights whose first is w0, so that each fit in a
// test is told apart by it.
func weightsWith(w0 float64) []float64 {
	w := make([]float64, 21)
	for i := range w {
		w[i] = 1
	}
	w[0] = w0
	return w
}

func used(w0 float64, reviews int) srs.FitReport {
	return srs.FitReport{Reviews: reviews, Scored: reviews, HeldOut: reviews / 5, DefaultLogLoss: 0.447, FittedLogLoss: 0.431,
		Weights: weightsWith(w0), Use: true}
}

func TestModelFit_OwnFitOverClassFitOverDefaults(t *testing.T) {
	ctx := context.Background()
	f := newFitClass(t)
	anon, _, err := f.s.CreateLearner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// check says, for each learner, the first weight of the fit that
	// schedules them (0: the defaults) and its source line.
	check := func(step string, want map[int64]float64, source map[int64]string) {
		t.Helper()
		for id, w0 := range want {
			rs, err := f.s.ReviewSettings(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			got := 0.0
			if rs.Model.Fitted() {
				got = rs.Model.Weights[0]
			}
			if got != w0 || rs.Model.Source() != source[id] {
				t.Errorf("%s: learner %d is scheduled with w0 = %v (%q); want %v (%q)", step, id, got, rs.Model.Source(), w0, source[id])
			}
		}
	}
	ali, bea := f.ali.LearnerID, f.bea.LearnerID
	check("no fits", map[int64]float64{ali: 0, bea: 0, anon.ID: 0}, nil)

	gen := f.s.Generation(ali)
	if err := f.s.SaveFit(ctx, FitTarget{Scope: questions.FitClass, ID: f.a9.ID, Reviews: 4310, LastReviewID: 9}, used(0.3, 4310)); err != nil {
		t.Fatal(err)
	}
	if f.s.Generation(ali) == gen {
		t.Error("a class's fit left its students' kept queues valid")
	}
	class := "your class's 4,310 reviews"
	check("9A fitted", map[int64]float64{ali: 0.3, bea: 0.3, anon.ID: 0}, map[int64]string{ali: class, bea: class})

	if err := f.s.SaveFit(ctx, FitTarget{Scope: questions.FitClass, ID: f.b9.ID, Reviews: 5000, LastReviewID: 9}, used(0.5, 5000)); err != nil {
		t.Fatal(err)
	}
	check("9B fitted to more reviews", map[int64]float64{ali: 0.3, bea: 0.5}, map[int64]string{ali: class, bea: "your class's 5,000 reviews"})

	gen = f.s.Generation(ali)
	if err := f.s.SaveFit(ctx, FitTarget{Scope: questions.FitLearner, ID: ali, Reviews: 1204, LastReviewID: 9}, used(0.7, 1204)); err != nil {
		t.Fatal(err)
	}
	if f.s.Generation(ali) == gen {
		t.Error("a learner's own fit left their kept queue valid")
	}
	check("Ali's own", map[int64]float64{ali: 0.7, bea: 0.5}, map[int64]string{ali: "your 1,204 reviews", bea: "your class's 5,000 reviews"})

	refused := srs.FitReport{Reviews: 5100, Scored: 5100, HeldOut: 1020, DefaultLogLoss: 0.44, FittedLogLoss: 0.45, Refused: "no better"}
	if err := f.s.SaveFit(ctx, FitTarget{Scope: questions.FitClass, ID: f.b9.ID, Reviews: 5100, LastReviewID: 10}, refused); err != nil {
		t.Fatal(err)
	}
	check("9B's refit refused", map[int64]float64{ali: 0.7, bea: 0.3}, map[int64]string{ali: "your 1,204 reviews", bea: class})
	rs, _ := f.s.ReviewSettings(ctx, ali)
	if rs.Model.DefaultLogLoss != 0.447 || rs.Model.FittedLogLoss != 0.431 || rs.Model.Scope != questions.FitLearner {
		t.Errorf("Ali's model = %+v; want his own fit's log losses", rs.Model)
	}
}

func TestReviewLog_AndFitTargets_FollowTheLedger(t *testing.T) {
	ctx := context.Background()
	f := newFitClass(t)
	ali, bea := f.ali.LearnerID, f.bea.LearnerID
	review := func(learner int64, qid string) int64 {
		t.Helper()
		rec, v := gradeOf(t, qid, nil)
		id, err := f.s.SaveReview(ctx, learner, v, rec)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	review(ali, "q1")
	undone := review(ali, "q2")
	review(ali, "q3")
	review(bea, "q1")
	if _, err := f.s.UndoReview(ctx, ali, undone); err != nil {
		t.Fatal(err)
	}

	log, read, err := f.s.ReviewLog(ctx, FitTarget{Scope: questions.FitLearner, ID: ali})
	if err != nil {
		t.Fatal(err)
	}
	var cards []string
	for _, r := range log {
		cards = append(cards, r.CardID)
		if r.Rating != srs.Good || r.Time.IsZero() {
			t.Errorf("review %+v; want a dated Good", r)
		}
	}
	if want := []string{card(ali, "q1"), card(ali, "q3")}; !slices.Equal(cards, want) || read.Reviews != 2 {
		t.Errorf("Ali's log: cards %v (%d reviews); want %v, the undone review left out", cards, read.Reviews, want)
	}
	classLog, _, err := f.s.ReviewLog(ctx, FitTarget{Scope: questions.FitClass, ID: f.a9.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(classLog) != 3 || classLog[2].CardID != card(bea, "q1") {
		t.Errorf("9A's pooled log: %+v; want Ali's 2 reviews and Bea's 1, each learner's cards apart", classLog)
	}

	targets := func() []string {
		t.Helper()
		ts, err := f.s.FitTargets(ctx, 2, 3)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, x := range ts {
			out = append(out, x.String())
		}
		slices.Sort(out)
		return out
	}
	if got, want := targets(), []string{"class " + itoa(f.a9.ID), "learner " + itoa(ali)}; !slices.Equal(got, want) {
		t.Fatalf("targets %v; want %v (9B and Bea have too few reviews)", got, want)
	}
	if err := f.s.SaveFit(ctx, read, srs.FitReport{Reviews: 2, Refused: "too few"}); err != nil {
		t.Fatal(err)
	}
	if got, want := targets(), []string{"class " + itoa(f.a9.ID)}; !slices.Equal(got, want) {
		t.Errorf("after fitting Ali's reviews: targets %v; want %v", got, want)
	}
	review(ali, "q4")
	if got, want := targets(), []string{"class " + itoa(f.a9.ID), "learner " + itoa(ali)}; !slices.Equal(got, want) {
		t.Errorf("after a new review of Ali's: targets %v; want %v", got, want)
	}
}

func card(learner int64, q string) string { return itoa(learner) + ":" + q }
