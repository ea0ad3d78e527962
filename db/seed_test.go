package db

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

func TestSeedLearners_LearnersSignInAndCardsAreConsistent(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var qs []SeedQuestion
	for i := range 40 {
		qs = append(qs, SeedQuestion{ID: "q" + string(rune('a'+i/10)) + string(rune('a'+i%10)), EventID: "e" + string(rune('a'+i/4))})
	}
	now := time.Now()
	ls, err := s.SeedLearners(ctx, SeedOptions{Learners: 7, CardsEach: 30, Questions: qs, Now: now,
		Rand: rand.New(rand.NewPCG(1, 2)), ExamShare: 0.5, LearnersPerTx: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 7 {
		t.Fatalf("seeded %d learners; want 7", len(ls))
	}
	states := map[srs.State]int{}
	for _, l := range ls {
		got, err := s.LearnerByToken(ctx, l.Token)
		if err != nil || got.ID != l.ID {
			t.Fatalf("learner %d by its token = %+v, %v", l.ID, got, err)
		}
		cards, err := s.Cards(ctx, l.ID)
		if err != nil || len(cards) != 30 || len(l.Cards) != 30 {
			t.Fatalf("learner %d has %d cards (%d returned), %v; want 30", l.ID, len(cards), len(l.Cards), err)
		}
		for i, c := range l.Cards {
			stored, err := s.Card(ctx, l.ID, qs[c.Question].ID)
			if err != nil || stored.Version != int64(c.Version) || stored.Card.State != c.State {
				t.Fatalf("card %d of learner %d: stored %+v, %v; seeded %+v", i, l.ID, stored, err, c)
			}
			states[c.State]++
		}
	}
	for _, st := range []srs.State{srs.Learning, srs.Review, srs.Relearning} {
		if states[st] == 0 {
			t.Errorf("no card in state %v: %v", st, states)
		}
	}
	if _, mismatched, err := s.ReviewAudit(ctx); err != nil || mismatched != 0 {
		t.Errorf("review audit: %d cards whose version is not their number of reviews, %v", mismatched, err)
	}
	last, err := s.LastReview(ctx, ls[0].ID)
	if err != nil || last.After.State == srs.StateNew {
		t.Errorf("last review of a seeded learner = %+v, %v", last, err)
	}
	today, err := s.DayCounts(ctx, ls[0].ID, questions.DayStart(now, srs.DefaultLocation()))
	if err != nil || len(today.Questions) == 0 {
		t.Errorf("a seeded learner reviewed nothing today: %+v, %v", today, err)
	}
}

func TestAppendCardJSON_MatchesEncodingJSON(t *testing.T) {
	now := time.Date(2026, 3, 4, 5, 6, 7, 891011, time.FixedZone("PKT", 5*3600))
	for _, c := range []srs.Card{
		srs.NewCard(now),
		{Due: now.Add(240 * time.Hour), Stability: 11.734, Difficulty: 5.2, ScheduledDays: 10, Reps: 6, Lapses: 1,
			State: srs.Review, LastReview: now, RemainingSteps: 0},
		{Due: now.Add(time.Minute), Stability: 0.212, Difficulty: 7.9999999, Reps: 1, State: srs.Learning, LastReview: now, RemainingSteps: 1},
	} {
		want, _ := json.Marshal(c)
		if got := appendCardJSON(nil, c); string(got) != string(want) {
			t.Errorf("appendCardJSON = %s\nwant %s", got, want)
		}
	}
}
