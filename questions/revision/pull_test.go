package revision

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// lastEventQuestion is the first question of the deck's last event: one
// the queue would otherwise offer last of all.
func lastEventQuestion(f *fixture) questions.Question {
	qs := f.bank.Deck(nil, nil).Questions
	last := qs[len(qs)-1].Sibling()
	for _, q := range qs {
		if q.Sibling() == last {
			return q
		}
	}
	return qs[0]
}

func TestPull_AStudiedCardIsDueNowUntilItIsReviewed(t *testing.T) {
	f := newFixture(t)
	q := lastEventQuestion(f)
	f.store.putCard(anon.ID, q, reviewCard(f.now, f.now.AddDate(0, 0, 20), 30))
	before, err := f.svc.Queue(ctx, anon)
	if err != nil {
		t.Fatal(err)
	}
	if before.Counts.DueNow != 0 || !before.Item.New {
		t.Fatalf("before the pull: %d due, next %+v; want none due and a new card", before.Counts.DueNow, before.Item)
	}
	pulled, err := f.svc.Pull(ctx, anon, []string{q.Sibling()})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pulled, []string{q.ID}) {
		t.Fatalf("pulled %v; want %s", pulled, q.ID)
	}
	after, err := f.svc.Queue(ctx, anon)
	if err != nil {
		t.Fatal(err)
	}
	if after.Item.QuestionID != q.ID || after.Item.New || after.Counts.DueNow != 1 {
		t.Fatalf("after the pull: next %+v, %d due; want %s, a review, due now", after.Item, after.Counts.DueNow, q.ID)
	}
	if n, _ := f.svc.Counts(ctx, anon); !reflect.DeepEqual(n, after.Counts) {
		t.Errorf("the queue's counts %+v differ from Counts %+v", after.Counts, n)
	}
	f.now = f.now.Add(time.Minute)
	if _, err := f.svc.Review(ctx, anon, Grade{Question: q, Rating: srs.Good, Mode: questions.ModeFlashcard, Version: after.Item.Card.Version}); err != nil {
		t.Fatal(err)
	}
	done, err := f.svc.Queue(ctx, anon)
	if err != nil {
		t.Fatal(err)
	}
	if done.Counts.DueNow != 0 || done.Item.QuestionID == q.ID {
		t.Errorf("after reviewing it: %d due, next %s; want it scheduled again", done.Counts.DueNow, done.Item.QuestionID)
	}
}

func TestPull_AnUnstudiedEventIsTheFirstNewCardEvenOutsideTheFilters(t *testing.T) {
	f := newFixture(t)
	q := lastEventQuestion(f)
	var firstEra string
	for _, e := range questions.Eras {
		if len(f.bank.Deck([]string{e.ID}, nil).Questions) > 0 && !f.bank.Deck([]string{e.ID}, nil).Has(q.ID) {
			firstEra = e.ID
			break
		}
	}
	f.store.setSettings(anon.ID, func(rs *questions.ReviewSettings) { rs.Eras = []string{firstEra} })
	if _, err := f.svc.Pull(ctx, anon, []string{q.Sibling()}); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.Queue(ctx, anon)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Item.New || got.Item.QuestionID != q.ID {
		t.Fatalf("next %+v; want the pulled event's question %s as a new card", got.Item, q.ID)
	}
	full := f.bank.Deck([]string{firstEra}, nil)
	if got.Counts.New != len(full.Questions)+1 {
		t.Errorf("new %d; want the era's %d and the pulled one", got.Counts.New, len(full.Questions))
	}
	if firstEra == "" {
		t.Fatal("every era's deck holds the pulled question")
	}
}

func TestPull_NewCardsStayWithinTheDailyLimit(t *testing.T) {
	f := newFixture(t)
	f.store.setSettings(anon.ID, func(rs *questions.ReviewSettings) { rs.NewPerDay = 1 })
	first := f.bank.Deck(nil, nil).Questions[0]
	if _, err := f.svc.Review(ctx, anon, Grade{Question: first, Rating: srs.Good, Mode: questions.ModeFlashcard}); err != nil {
		t.Fatal(err)
	}
	q := lastEventQuestion(f)
	if _, err := f.svc.Pull(ctx, anon, []string{q.Sibling()}); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.Queue(ctx, anon)
	if err != nil {
		t.Fatal(err)
	}
	if got.Item.QuestionID == q.ID || got.Summary.New != 0 {
		t.Errorf("next %+v, %d new left; want no new card past the day's limit of 1", got.Item, got.Summary.New)
	}
}

func TestChoosePulls(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	card := func(id string, daysAgo int) questions.CardRecord {
		return questions.CardRecord{QuestionID: id, Card: srs.Card{LastReview: day.AddDate(0, 0, -daysAgo)}}
	}
	qs := map[string][]questions.Question{
		"tashkent": {{ID: "t1"}, {ID: "t2"}, {ID: "t3"}},
		"u2":       {{ID: "u1"}, {ID: "u2"}},
		"gone":     nil,
	}
	of := func(ev string) []questions.Question { return qs[ev] }
	for _, tc := range []struct {
		name   string
		events []string
		cards  []questions.CardRecord
		want   []string
	}{
		{"no cards: the event's first question", []string{"tashkent"}, nil, []string{"t1"}},
		{"cards: the longest unreviewed first, at most two", []string{"tashkent"},
			[]questions.CardRecord{card("t1", 1), card("t2", 9), card("t3", 5)}, []string{"t2", "t3"}},
		{"an event named twice is pulled once", []string{"u2", "u2"}, []questions.CardRecord{card("u2", 3)}, []string{"u2"}},
		{"an event with no questions pulls nothing", []string{"gone", "u2"}, nil, []string{"u1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := choosePulls(tc.events, of, tc.cards, PullPerEvent); !slices.Equal(got, tc.want) {
				t.Errorf("pulled %v; want %v", got, tc.want)
			}
		})
	}
}
