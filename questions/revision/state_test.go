package revision

import (
	"reflect"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// sameAsStore fails unless the kept state is current and is what a read of
// the store gives.
func sameAsStore(t *testing.T, f *fixture, what string) {
	t.Helper()
	kept, ok := f.svc.KeptSnapshot(anon, f.now)
	if !ok {
		t.Fatalf("%s: no kept state", what)
	}
	want, err := f.svc.StoreSnapshot(ctx, anon, f.now)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept.Cards) != len(want.Cards) {
		t.Fatalf("%s: %d cards kept; the store has %d", what, len(kept.Cards), len(want.Cards))
	}
	for i := range want.Cards {
		// The same instants, whatever their time zones.
		for _, c := range []*questions.CardRecord{&kept.Cards[i], &want.Cards[i]} {
			c.Card.Due, c.Card.LastReview = c.Card.Due.UTC(), c.Card.LastReview.UTC()
		}
		if !reflect.DeepEqual(kept.Cards[i], want.Cards[i]) {
			t.Fatalf("%s: card %d kept as\n%+v\nthe store has\n%+v", what, i, kept.Cards[i], want.Cards[i])
		}
	}
	if !reflect.DeepEqual(kept.Today, want.Today) || kept.HasReview != want.HasReview || !reflect.DeepEqual(kept.Settings, want.Settings) {
		t.Fatalf("%s: today %+v, undo %v kept; the store has %+v, %v", what, kept.Today, kept.HasReview, want.Today, want.HasReview)
	}
}

// A review session: each page after a grade is made from the state the
// grade wrote through, without reading the store, and that state is the
// store's, card for card and count for count.
func TestReview_ThePageAfterAGradeReadsNothingAndIsTheStores(t *testing.T) {
	f := newFixture(t)
	deck := f.bank.Deck(nil, nil).Questions
	// A few cards already learnt, due now.
	for _, q := range deck[:5] {
		f.store.putCard(anon.ID, q, reviewCard(f.now, f.now.Add(-time.Hour), 3))
	}
	q, err := f.svc.Queue(ctx, anon)
	if err != nil {
		t.Fatal(err)
	}
	reads := f.store.reads
	ratings := []srs.Rating{srs.Good, srs.Again, srs.Easy, srs.Hard, srs.Good}
	for i := range 25 {
		if !q.Found {
			t.Fatalf("grade %d: no card to review", i)
		}
		card, err := f.svc.Card(ctx, anon, q.Item.QuestionID)
		if err != nil {
			t.Fatal(err)
		}
		question, _ := f.bank.Question(q.Item.QuestionID)
		g := Grade{Question: question, Rating: ratings[i%len(ratings)], Mode: questions.ModeFlashcard, Version: version(card), DurationMS: 4000}
		if _, err := f.svc.Review(ctx, anon, g); err != nil {
			t.Fatalf("grade %d: %v", i, err)
		}
		f.now = f.now.Add(7 * time.Second)
		if q, err = f.svc.Queue(ctx, anon); err != nil {
			t.Fatal(err)
		}
		if f.store.reads != reads {
			t.Fatalf("the page after grade %d read the store", i+1)
		}
		if i%5 == 4 {
			sameAsStore(t, f, "after grade "+itoa(int64(i+1)))
			reads = f.store.reads // the comparison's own read
		}
	}
	// Counts come from the same state.
	c, err := f.svc.Counts(ctx, anon)
	if err != nil {
		t.Fatal(err)
	}
	if c.ReviewedToday != 25 {
		t.Errorf("reviewed today %d; want 25", c.ReviewedToday)
	}
	if f.store.reads != reads {
		t.Error("the counts read the store")
	}
}

// Any other write, a teacher's question and the day's end each make the
// next page read the learner afresh.
func TestReview_AKeptStateIsDroppedByAnyOtherChange(t *testing.T) {
	f := newFixture(t)
	q0 := f.bank.Deck(nil, nil).Questions[0]
	for _, step := range []struct {
		name   string
		change func()
	}{
		{"the learner's settings", func() { f.store.setSettings(anon.ID, func(rs *questions.ReviewSettings) { rs.NewPerDay++ }) }},
		{"a practice answer", func() {
			if _, err := f.svc.Answered(ctx, anon, Answer{Question: q0, Correct: true, Source: PracticeSource(7)}); err != nil {
				t.Fatal(err)
			}
		}},
		{"an undo", func() {
			if _, err := f.svc.Undo(ctx, anon); err != nil {
				t.Fatal(err)
			}
		}},
		{"a teacher's question", func() { f.bank.PutAuthored(setQuestion(98, 1, "Changed again?")) }},
		{"the day's end", func() { f.now = f.now.Add(24 * time.Hour) }},
	} {
		if _, err := f.svc.Queue(ctx, anon); err != nil {
			t.Fatal(err)
		}
		reads := f.store.reads
		step.change()
		if _, err := f.svc.Queue(ctx, anon); err != nil {
			t.Fatal(err)
		}
		if f.store.reads == reads {
			t.Errorf("%s: the next page used the old state", step.name)
		}
		sameAsStore(t, f, step.name)
	}
}

// The kept states stay under their cap: past it, others are dropped, and a
// dropped learner's page is read from the store again.
func TestStates_StayUnderTheirCap(t *testing.T) {
	f := newFixture(t)
	deck := f.bank.Deck(nil, nil).Questions
	for l := int64(1); l <= 40; l++ {
		for _, q := range deck[:50] {
			f.store.putCard(l, q, reviewCard(f.now, f.now.Add(time.Hour), 3))
		}
	}
	const limit = 30_000 // about eight learners of 50 cards
	f.svc.SetStateCap(limit)
	for l := int64(1); l <= 40; l++ {
		if _, err := f.svc.Queue(ctx, Learner{Learner: questions.Learner{ID: l}}); err != nil {
			t.Fatal(err)
		}
		n, bytes := f.svc.StateUsage()
		if bytes > limit || n == 0 {
			t.Fatalf("after learner %d: %d states of %d bytes; want some, at most %d bytes", l, n, bytes, limit)
		}
	}
	n, bytes := f.svc.StateUsage()
	t.Logf("%d states kept in %d bytes (%d per learner of 50 cards)", n, bytes, bytes/n)
	if n >= 40 {
		t.Errorf("all %d states kept under a cap for about 8", n)
	}
	reads := f.store.reads
	for l := int64(1); l <= 40; l++ {
		if _, err := f.svc.Counts(ctx, Learner{Learner: questions.Learner{ID: l}}); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.store.reads - reads; got < 40-n {
		t.Errorf("%d of 40 learners read afresh; the %d dropped must be", got, 40-n)
	}
}
