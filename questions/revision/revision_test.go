package revision

import (
	"context"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

var ctx = context.Background()

// anon and student are the learners the tests work for.
var (
	anon    = Learner{Learner: questions.Learner{ID: 1}}
	student = Learner{Learner: questions.Learner{ID: 2}, AccountID: 20, Role: questions.Student}
)

func TestCount_EachFigureOfTheDeck(t *testing.T) {
	f := newFixture(t)
	now := f.now
	dayEnd := questions.NextDayStart(now, srs.DefaultLocation())
	deck := Deck{Timeline: f.bank.Deck([]string{"democracy"}, nil)}
	in, out := deck.Timeline.Questions, f.bank.Deck([]string{"russia"}, nil).Questions
	card := func(q questions.Question, c srs.Card) questions.CardRecord {
		return questions.CardRecord{QuestionID: q.ID, EventID: q.Sibling(), Card: c, Version: 1}
	}
	for _, tc := range []struct {
		name  string
		cards []questions.CardRecord
		today questions.DayCounts
		want  Counts
	}{
		{"nothing studied: the whole deck is new", nil, questions.DayCounts{},
			Counts{New: len(in), Until: dayEnd}},
		{"a learning card due in ten minutes is learning and due today, not due now",
			[]questions.CardRecord{card(in[0], learningCard(now, now.Add(10*time.Minute), srs.Learning))},
			questions.DayCounts{All: 1, New: 1},
			Counts{New: len(in) - 1, Studied: 1, Learning: 1, DueToday: 1, ReviewedToday: 1, Until: now.Add(10 * time.Minute)}},
		{"a relearning card due now and an overdue review are due now",
			[]questions.CardRecord{card(in[0], learningCard(now, now, srs.Relearning)),
				card(in[1], reviewCard(now, now.AddDate(0, 0, -3), 10))},
			questions.DayCounts{All: 4},
			Counts{New: len(in) - 2, Studied: 2, Learning: 1, DueNow: 2, DueToday: 2, ReviewedToday: 4, Until: dayEnd}},
		{"a review due tomorrow is studied, not due",
			[]questions.CardRecord{card(in[0], reviewCard(now, dayEnd.Add(time.Hour), 5))},
			questions.DayCounts{},
			Counts{New: len(in) - 1, Studied: 1, Until: dayEnd}},
		{"cards outside the deck wait: not counted, but today's reviews of them are",
			[]questions.CardRecord{card(out[0], learningCard(now, now, srs.Learning))},
			questions.DayCounts{All: 1},
			Counts{New: len(in), ReviewedToday: 1, Until: dayEnd}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Count(CountInput{Now: now, DayEnd: dayEnd, Cards: tc.cards, Deck: deck, Today: tc.today})
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Count = %+v\nwant   %+v", got, tc.want)
			}
		})
	}
}

func TestCount_AssignmentsStudiedOfTheirSets(t *testing.T) {
	f := newFixture(t)
	q1, q2, q3 := setQuestion(31, 1, "One?"), setQuestion(31, 2, "Two?"), setQuestion(32, 1, "Three?")
	f.bank.PutAuthored(q1, q2, q3)
	f.store.assign(student.AccountID, questions.Assignment{ID: 1, ClassID: 7, SetID: 31, SetTitle: "Tashkent"}, q1, q2)
	f.store.assign(student.AccountID, questions.Assignment{ID: 2, ClassID: 8, SetID: 32, SetTitle: "Simla"}, q3)
	// The same set in a second class: one more row, the same questions.
	f.store.assign(student.AccountID, questions.Assignment{ID: 3, ClassID: 8, SetID: 31, SetTitle: "Tashkent"})
	f.store.putCard(student.ID, q2, learningCard(f.now, f.now.Add(time.Minute), srs.Learning))
	n, err := f.svc.Counts(ctx, student)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range n.Assignments {
		got = append(got, a.SetTitle+" "+itoa(int64(a.Studied))+"/"+itoa(int64(a.Items)))
	}
	if strings.Join(got, ", ") != "Tashkent 1/2, Simla 0/1, Tashkent 1/2" {
		t.Errorf("assignments studied: %s", strings.Join(got, ", "))
	}
	if s, i := n.ClassStudied(8); s != 1 || i != 3 {
		t.Errorf("class 8 studied %d of %d; want 1 of 3", s, i)
	}
	// The assigned questions are in the deck once: two of them new.
	deck := f.bank.Deck(nil, nil)
	if n.New != len(deck.Questions)+2 || n.Studied != 1 {
		t.Errorf("new %d, studied %d; want %d and 1", n.New, n.Studied, len(deck.Questions)+2)
	}
	// An anonymous learner has no assignments.
	if a, _ := f.svc.Counts(ctx, anon); len(a.Assignments) != 0 {
		t.Errorf("anonymous learner's assignments: %+v", a.Assignments)
	}
}

// The counts hold until their Until, whatever the cards: the queue keeps
// them that long.
func TestCount_NeverChangesBeforeUntil(t *testing.T) {
	f := newFixture(t)
	deck := Deck{Timeline: f.bank.Deck(nil, nil)}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		now := f.now.Add(time.Duration(rng.IntN(24*60)) * time.Minute)
		dayEnd := questions.NextDayStart(now, srs.DefaultLocation())
		var cards []questions.CardRecord
		for j := range rng.IntN(30) {
			q := deck.Timeline.Questions[rng.IntN(len(deck.Timeline.Questions))]
			due := now.Add(time.Duration(rng.IntN(48*60)-24*60) * time.Minute)
			c := reviewCard(now, due, 4)
			if j%3 == 0 {
				c = learningCard(now, due, srs.Learning)
			}
			cards = append(cards, questions.CardRecord{QuestionID: q.ID, Card: c})
		}
		in := CountInput{Now: now, DayEnd: dayEnd, Cards: cards, Deck: deck}
		first := Count(in)
		if !first.Until.After(now) {
			t.Fatalf("case %d: Until %v is not after now %v", i, first.Until, now)
		}
		in.Now = first.Until.Add(-time.Millisecond)
		if later := Count(in); !reflect.DeepEqual(later, first) {
			t.Fatalf("case %d: counts moved before Until: %+v, then %+v", i, first, later)
		}
	}
}

func TestQueue_AssignedQuestionsFirstThenTheTimelineInOrder(t *testing.T) {
	f := newFixture(t)
	q1 := setQuestion(41, 1, "Assigned?")
	f.bank.PutAuthored(q1)
	f.store.assign(student.AccountID, questions.Assignment{ID: 4, ClassID: 9, SetID: 41}, q1)
	for _, tc := range []struct {
		name string
		who  Learner
		want string
	}{
		{"a student starts with the assigned set", student, q1.ID},
		{"an anonymous learner has the timeline only", anon, f.bank.Deck(nil, nil).Questions[0].ID},
		{"a teacher's own deck has no assignments", Learner{Learner: questions.Learner{ID: 3}, AccountID: 20, Role: questions.Teacher},
			f.bank.Deck(nil, nil).Questions[0].ID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := f.svc.Queue(ctx, tc.who)
			if err != nil {
				t.Fatal(err)
			}
			if !q.Found || q.Item.QuestionID != tc.want || !q.Item.New {
				t.Errorf("next card %+v; want new %s", q.Item, tc.want)
			}
			if q.Summary.New != questions.DefaultNewPerDay {
				t.Errorf("%d new cards left today; want the daily limit, %d", q.Summary.New, questions.DefaultNewPerDay)
			}
		})
	}
}

func TestQueue_LearningFirstThenDueReviewsThenNew(t *testing.T) {
	deckQ := func(f *fixture, i int) questions.Question {
		qs := f.bank.Deck(nil, nil).Questions
		// Questions of different events, so that none buries another.
		seen := map[string]bool{}
		for _, q := range qs {
			if !seen[q.Sibling()] {
				if seen[q.Sibling()] = true; len(seen) == i+1 {
					return q
				}
			}
		}
		return qs[0]
	}
	for _, tc := range []struct {
		name  string
		cards func(f *fixture)        // what the learner has
		want  func(f *fixture) string // "": a new card
		due   int                     // Counts.DueNow
	}{
		{"a learning card due now comes before an overdue review",
			func(f *fixture) {
				f.store.putCard(anon.ID, deckQ(f, 0), reviewCard(f.now, f.now.AddDate(0, 0, -2), 5))
				f.store.putCard(anon.ID, deckQ(f, 1), learningCard(f.now, f.now.Add(-time.Minute), srs.Learning))
			},
			func(f *fixture) string { return deckQ(f, 1).ID }, 2},
		{"a review due later today comes before new cards",
			func(f *fixture) { f.store.putCard(anon.ID, deckQ(f, 3), reviewCard(f.now, f.now.Add(3*time.Hour), 5)) },
			func(f *fixture) string { return deckQ(f, 3).ID }, 0},
		{"a learning card due in five minutes waits while new cards are left",
			func(f *fixture) {
				f.store.putCard(anon.ID, deckQ(f, 0), learningCard(f.now, f.now.Add(5*time.Minute), srs.Learning))
			},
			func(f *fixture) string { return "" }, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			tc.cards(f)
			q, err := f.svc.Queue(ctx, anon)
			if err != nil {
				t.Fatal(err)
			}
			switch want := tc.want(f); {
			case want == "" && (!q.Item.New || q.Item.QuestionID == deckQ(f, 0).ID):
				t.Errorf("next card %+v; want a new one", q.Item)
			case want != "" && q.Item.QuestionID != want:
				t.Errorf("next card %s; want %s", q.Item.QuestionID, want)
			}
			if q.Counts.DueNow != tc.due {
				t.Errorf("due now %d; want %d", q.Counts.DueNow, tc.due)
			}
			n, _ := f.svc.Counts(ctx, anon)
			if !reflect.DeepEqual(n, q.Counts) {
				t.Errorf("the queue's counts %+v differ from Counts %+v", q.Counts, n)
			}
		})
	}
}

// Exam mode follows the exam planner (srs.PlanExam): its intake and its
// top-ups, whatever they are; the queue adds the countdown and forecast.
func TestQueue_ExamModeFollowsThePlan(t *testing.T) {
	for _, tc := range []struct {
		name      string
		own       int   // the learner's own exam date, in days from today (0: none)
		assigned  []int // exam dates of their assignments, in days from today (negative: past)
		examIn    int   // the exam the queue should plan for, in days (0: none)
		countdown string
	}{
		{"no exam date: no exam mode", 0, nil, 0, ""},
		{"their own date", 6, nil, 6, "6 days to your exam on"},
		{"a class's date when they have none", 0, []int{9, 4, -2}, 4, "4 days to your exam on"},
		{"their own date wins over a class's", 8, []int{3}, 8, "8 days to your exam on"},
		{"an exam tomorrow", 1, nil, 1, "1 day to your exam on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			loc := srs.DefaultLocation()
			day := func(n int) string { return f.now.In(loc).AddDate(0, 0, n).Format(time.DateOnly) }
			f.store.setSettings(student.ID, func(rs *questions.ReviewSettings) {
				rs.NewPerDay = 5
				if tc.own != 0 {
					rs.ExamDate = day(tc.own)
				}
			})
			for i, d := range tc.assigned {
				f.store.assign(student.AccountID, questions.Assignment{ID: int64(i + 1), SetID: int64(60 + i), ExamDate: day(d)})
			}
			// A card in review due long after the exam: it needs a top-up.
			qs := f.bank.Deck(nil, nil).Questions
			long := reviewCard(f.now, f.now.AddDate(0, 2, 0), 60)
			long.LastReview = f.now.AddDate(0, 0, -2)
			f.store.putCard(student.ID, qs[0], long)

			q, err := f.svc.Queue(ctx, student)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(q.ExamCountdown, tc.countdown) || (tc.countdown == "") != (q.ExamCountdown == "") {
				t.Errorf("countdown %q; want %q…", q.ExamCountdown, tc.countdown)
			}
			if tc.examIn == 0 {
				if q.ExamForecast != "" || q.Summary.New != 5 {
					t.Errorf("without an exam: forecast %q, %d new today; want none and the limit, 5", q.ExamForecast, q.Summary.New)
				}
				return
			}
			if q.Settings.ExamDate != day(tc.examIn) {
				t.Errorf("planned for %s; want %s", q.Settings.ExamDate, day(tc.examIn))
			}
			if !strings.Contains(q.ExamForecast, "reviews a day") && !strings.Contains(q.ExamForecast, "review a day") {
				t.Errorf("forecast %q; want reviews a day", q.ExamForecast)
			}
			if tc.own == 0 {
				return // a class's exam date: what it covers is the planner's business
			}
			// What the planner says for the same learner, the queue does.
			exam, _ := time.ParseInLocation(time.DateOnly, day(tc.examIn), loc)
			in := srs.ExamInput{Cards: []srs.CardInfo{{ID: qs[0].ID, Card: long}},
				NewRemaining: len(qs) - 1, NewLimit: 5, Exam: exam, Now: f.now, Location: loc}
			plan, ok := q.Scheduler.PlanExamOptimal(srs.OptimalInput{ExamInput: in, ReviewsPerDay: q.Settings.ReviewsPerDay})
			if !ok {
				t.Fatal("no plan")
			}
			if q.Summary.New != plan.NewLeftToday {
				t.Errorf("%d new cards left today; the plan says %d", q.Summary.New, plan.NewLeftToday)
			}
			if want := plan.Forecast().String() + "."; q.ExamForecast != want {
				t.Errorf("forecast %q; the plan says %q", q.ExamForecast, want)
			}
			inQueue := q.Summary.Review == 1
			if planned := slices.Contains(plan.TodayIDs(), qs[0].ID); inQueue != planned {
				t.Errorf("the long card in today's queue: %v; planned today: %v", inQueue, planned)
			}
		})
	}
}

// In the plan's window, the exam's cards come up on the days the plan
// gives them, not on their due dates: a strong card due today that the
// exam does not need waits, a weak one not due until after the exam is
// reviewed today when the plan says so, and a card outside the exam's
// scope keeps its due date.
func TestQueue_InThePlansWindowThePlanChoosesTheExamsCards(t *testing.T) {
	f := newFixture(t)
	loc := srs.DefaultLocation()
	f.store.setSettings(student.ID, func(rs *questions.ReviewSettings) {
		rs.NewPerDay = 0
		rs.ExamDate = f.now.In(loc).AddDate(0, 0, 1).Format(time.DateOnly) // tomorrow
	})
	qs := f.bank.Deck(nil, nil).Questions
	// Strong: reviewed yesterday with a long memory, due today all the same.
	strong := reviewCard(f.now, f.now.Add(-time.Hour), 300)
	strong.LastReview = f.now.AddDate(0, 0, -1)
	// Weak: a short memory, last seen a week ago, due only after the exam.
	weak := reviewCard(f.now, f.now.AddDate(0, 0, 3), 4)
	weak.LastReview = f.now.AddDate(0, 0, -7)
	f.store.putCard(student.ID, qs[0], strong)
	f.store.putCard(student.ID, qs[1], weak)
	q, err := f.svc.Queue(ctx, student)
	if err != nil {
		t.Fatal(err)
	}
	if q.Item.QuestionID != qs[1].ID || q.Summary.Review != 1 {
		t.Errorf("next %q with %d reviews left; want the weak card %q alone (the strong one waits)", q.Item.QuestionID, q.Summary.Review, qs[1].ID)
	}
}

// A queue is kept while nothing it was made from changes: not the store's
// generation, not the bank, and not the clock past its Until.
func TestQueue_KeptUntilSomethingItIsMadeFromChanges(t *testing.T) {
	f := newFixture(t)
	q0 := f.bank.Deck(nil, nil).Questions[0]
	f.store.putCard(anon.ID, q0, learningCard(f.now, f.now.Add(5*time.Minute), srs.Learning))
	made := func() int64 { return f.svc.queuesMade.Load() }
	first, err := f.svc.Queue(ctx, anon)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Until.Equal(f.now.Add(5 * time.Minute)) {
		t.Errorf("kept until %v; want when the learning card comes due, %v", first.Until, f.now.Add(5*time.Minute))
	}
	steps := []struct {
		name   string
		change func()
		remake bool
	}{
		{"nothing changed", func() {}, false},
		{"a minute later, before the learning card is due", func() { f.now = f.now.Add(time.Minute) }, false},
		{"the learner's own write", func() { f.store.setSettings(anon.ID, func(rs *questions.ReviewSettings) { rs.NewPerDay = 3 }) }, true},
		{"a teacher's question changed", func() { f.bank.PutAuthored(setQuestion(99, 1, "Changed?")) }, true},
		{"the learning card comes due", func() { f.now = f.now.Add(5 * time.Minute) }, true},
		{"another learner's view of the same", func() {}, false},
	}
	for _, st := range steps {
		before := made()
		st.change()
		q, err := f.svc.Queue(ctx, anon)
		if err != nil {
			t.Fatal(err)
		}
		if remade := made() > before; remade != st.remake {
			t.Errorf("%s: made afresh %v; want %v", st.name, remade, st.remake)
		}
		if !q.Now.Equal(f.now) {
			t.Errorf("%s: the queue's now %v; want the clock's %v", st.name, q.Now, f.now)
		}
	}
	if q, _ := f.svc.Queue(ctx, anon); q.Counts.DueNow != 1 || q.Item.QuestionID != q0.ID {
		t.Errorf("after the card came due: due now %d, next %s; want 1 and %s", q.Counts.DueNow, q.Item.QuestionID, q0.ID)
	}
}

func TestAnswered_APracticeAnswerIsAQuizReviewOnceAndOnlyWhenItCounts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		counts   bool // the learner's setting
		correct  bool
		sends    int // how often the answer arrives
		wantRows int
		rating   srs.Rating
	}{
		{"right is Good", true, true, 1, 1, srs.Good},
		{"wrong is Again", true, false, 1, 1, srs.Again},
		{"sent three times, counted once", true, true, 3, 1, srs.Good},
		{"practice does not count when the learner says so", false, true, 2, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.store.setSettings(anon.ID, func(rs *questions.ReviewSettings) { rs.PracticeCounts = tc.counts })
			q := f.bank.Deck(nil, nil).Questions[5]
			for range tc.sends {
				if _, err := f.svc.Answered(ctx, anon, Answer{Question: q, Correct: tc.correct, Given: []string{"x"},
					Source: PracticeSource(12)}); err != nil {
					t.Fatal(err)
				}
			}
			rows := f.store.live(anon.ID)
			if len(rows) != tc.wantRows {
				t.Fatalf("%d reviews; want %d", len(rows), tc.wantRows)
			}
			if tc.wantRows == 0 {
				if _, err := f.store.Card(ctx, anon.ID, q.ID); err == nil {
					t.Error("a card was made while practice does not count")
				}
				return
			}
			r := rows[0]
			if r.Rating != tc.rating || r.Mode != questions.ModePractice || r.Source != "attempt:12" || r.QuestionID != q.ID {
				t.Errorf("review %+v; want %v in practice mode from attempt:12", r.ReviewRecord, tc.rating)
			}
			n, _ := f.svc.Counts(ctx, anon)
			if n.Studied != 1 || n.ReviewedToday != 1 {
				t.Errorf("counts %+v; want one studied and reviewed today", n)
			}
		})
	}
}

func TestAnswered_GradesTheCardAsItIsNowNeverStale(t *testing.T) {
	f := newFixture(t)
	q := f.bank.Deck(nil, nil).Questions[2]
	f.store.putCard(anon.ID, q, reviewCard(f.now, f.now.AddDate(0, 0, -1), 4))
	// Another review of the card lands between the service reading it and saving.
	f.store.beforeSave = func() {
		f.store.putCard(anon.ID, q, reviewCard(f.now, f.now.AddDate(0, 0, 3), 8))
	}
	id, err := f.svc.Answered(ctx, anon, Answer{Question: q, Correct: false, Source: PracticeSource(3)})
	if err != nil || id == 0 {
		t.Fatalf("answered: %d, %v; want a review despite the card moving on", id, err)
	}
	rows := f.store.live(anon.ID)
	if len(rows) != 1 || rows[0].Before == nil || rows[0].Before.Stability != 8 {
		t.Fatalf("reviews %+v; want one, graded from the card as it was at save (stability 8)", rows)
	}
}

func TestAnswered_AMockAnswerFeedsItsItemOnce(t *testing.T) {
	f := newFixture(t)
	q := f.bank.Deck(nil, nil).Questions[1]
	for range 2 {
		if _, err := f.svc.Answered(ctx, anon, Answer{Question: q, Correct: true, Source: MockSource(5, 2)}); err != nil {
			t.Fatal(err)
		}
	}
	// A mock exam counts whatever the practice setting says.
	f.store.setSettings(anon.ID, func(rs *questions.ReviewSettings) { rs.PracticeCounts = false })
	if _, err := f.svc.Answered(ctx, anon, Answer{Question: q, Correct: true, Source: MockSource(5, 3)}); err != nil {
		t.Fatal(err)
	}
	rows := f.store.live(anon.ID)
	if len(rows) != 2 || rows[0].exam != 5 || rows[0].Mode != questions.ModeMock || rows[0].Source != "mock:5:2" || rows[1].Source != "mock:5:3" {
		t.Fatalf("reviews %+v; want two mock reviews of exam 5, items 2 and 3", rows)
	}
	if _, err := f.svc.Answered(ctx, anon, Answer{Question: q, Correct: true}); questions.ErrorCode(err) != questions.EINVALID {
		t.Errorf("an answer of no source: %v; want EINVALID", err)
	}
}

func TestReview_AStaleVersionChangesNothing(t *testing.T) {
	f := newFixture(t)
	q := f.bank.Deck(nil, nil).Questions[0]
	g := Grade{Question: q, Rating: srs.Good, Mode: questions.ModeFlashcard}
	if _, err := f.svc.Review(ctx, anon, g); err != nil {
		t.Fatal(err)
	}
	g.Rating = srs.Again // a second tab still showing version 0
	if _, err := f.svc.Review(ctx, anon, g); !errors.Is(err, ErrStale) {
		t.Fatalf("stale grade: %v; want ErrStale", err)
	}
	if rows := f.store.live(anon.ID); len(rows) != 1 || rows[0].Rating != srs.Good {
		t.Fatalf("reviews %+v; want the one Good", rows)
	}
}

func TestRegradeAndUndo(t *testing.T) {
	f := newFixture(t)
	q := f.bank.Deck(nil, nil).Questions[0]
	id, err := f.svc.Answered(ctx, anon, Answer{Question: q, Correct: false, Given: []string{"1965"}, Source: PracticeSource(1)})
	if err != nil {
		t.Fatal(err)
	}
	if same, err := f.svc.Regrade(ctx, anon, id, srs.Again); err != nil || same != id {
		t.Errorf("regrade to the same grade: %d, %v; want %d unchanged", same, err, id)
	}
	newID, err := f.svc.Regrade(ctx, anon, id, srs.Hard)
	if err != nil || newID == id {
		t.Fatalf("regrade: %d, %v", newID, err)
	}
	rows := f.store.live(anon.ID)
	if len(rows) != 1 || rows[0].Rating != srs.Hard || rows[0].Source != "attempt:1" || rows[0].Mode != questions.ModePractice ||
		strings.Join(rows[0].Answer, "") != "1965" {
		t.Fatalf("after regrade %+v; want one Hard practice review of attempt:1 with its answer", rows)
	}
	if _, err := f.svc.Regrade(ctx, anon, 99, srs.Good); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("regrading no review: %v; want not found", err)
	}
	qid, err := f.svc.Undo(ctx, anon)
	if err != nil || qid != q.ID {
		t.Fatalf("undo: %q, %v; want %s", qid, err, q.ID)
	}
	if card, _ := f.svc.Card(ctx, anon, q.ID); card != nil || len(f.store.live(anon.ID)) != 0 {
		t.Errorf("after undo: card %+v; want it new again with no review", card)
	}
	if qid, err := f.svc.Undo(ctx, anon); qid != "" || err != nil {
		t.Errorf("undo with nothing to undo: %q, %v", qid, err)
	}
}
