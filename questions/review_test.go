package questions

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"sabaq/questions/srs"
)

func card(id, event string, state srs.State, due time.Time, stability float64, last time.Time) CardRecord {
	return CardRecord{QuestionID: id, EventID: event, Version: 1,
		Card: srs.Card{State: state, Due: due, Stability: stability, Difficulty: 5, LastReview: last, Reps: 1}}
}

func deckOf(ids ...string) []Question {
	var out []Question
	for _, id := range ids {
		// id "e1/a" is question a on event e1
		out = append(out, Question{ID: id, EventIDs: []string{id[:2]}})
	}
	return out
}

func TestNextCard_Order(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	sched, err := srs.New(srs.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	settings := DefaultReviewSettings()
	none := DayCounts{EventsSeen: map[string]bool{}, Questions: map[string]bool{}}
	tests := []struct {
		name    string
		due     []CardRecord
		today   DayCounts
		cap     int
		newMax  int
		deck    []Question
		known   map[string]bool
		want    string
		wantNew bool
		wantOK  bool
	}{
		{
			name: "learning card due now comes before an older due review",
			due: []CardRecord{
				card("e1/r", "e1", srs.Review, now.Add(-48*time.Hour), 5, now.Add(-7*24*time.Hour)),
				card("e2/l", "e2", srs.Learning, now.Add(-time.Minute), 0.5, now.Add(-11*time.Minute)),
			},
			today: none, want: "e2/l", wantOK: true,
		},
		{
			name: "due reviews go by due time",
			due: []CardRecord{
				card("e1/r", "e1", srs.Review, now.Add(-1*time.Hour), 5, now.Add(-5*24*time.Hour)),
				card("e2/r", "e2", srs.Review, now.Add(-30*time.Hour), 50, now.Add(-50*24*time.Hour)),
			},
			today: none, want: "e2/r", wantOK: true,
		},
		{
			name: "a backlog beyond the cap goes by lowest retrievability first",
			due: []CardRecord{
				// Overdue longest but very stable: likely still remembered.
				card("e1/r", "e1", srs.Review, now.Add(-30*time.Hour), 300, now.Add(-60*24*time.Hour)),
				// Due later, but weak: likely forgotten.
				card("e2/r", "e2", srs.Review, now.Add(-1*time.Hour), 1, now.Add(-20*24*time.Hour)),
			},
			cap: 1, today: none, want: "e2/r", wantOK: true,
		},
		{
			name: "review cap reached: no more reviews, new cards still come",
			due: []CardRecord{
				card("e1/r", "e1", srs.Review, now.Add(-1*time.Hour), 5, now.Add(-5*24*time.Hour)),
			},
			cap: 1, today: DayCounts{Reviews: 1, EventsSeen: map[string]bool{}, Questions: map[string]bool{}},
			deck: deckOf("e3/a"), want: "e3/a", wantNew: true, wantOK: true,
		},
		{
			name: "a sibling of a card reviewed today is buried",
			due: []CardRecord{
				card("e1/b", "e1", srs.Review, now.Add(-1*time.Hour), 5, now.Add(-5*24*time.Hour)),
			},
			today: DayCounts{EventsSeen: map[string]bool{"e1": true}, Questions: map[string]bool{"e1/a": true}},
			deck:  deckOf("e1/c", "e2/a"), want: "e2/a", wantNew: true, wantOK: true,
		},
		{
			name:  "new cards stop at the daily limit",
			today: DayCounts{New: 20, EventsSeen: map[string]bool{}, Questions: map[string]bool{}},
			deck:  deckOf("e1/a"), wantOK: false,
		},
		{
			name:  "known questions are not new",
			today: none, deck: deckOf("e1/a", "e2/a"), known: map[string]bool{"e1/a": true},
			want: "e2/a", wantNew: true, wantOK: true,
		},
		{
			name:  "nothing else left: a learning card due within 20 minutes is shown early",
			due:   []CardRecord{card("e1/l", "e1", srs.Learning, now.Add(8*time.Minute), 0.5, now.Add(-2*time.Minute))},
			today: none, want: "e1/l", wantOK: true,
		},
		{
			name:  "a learning card due in an hour waits",
			due:   []CardRecord{card("e1/l", "e1", srs.Learning, now.Add(time.Hour), 0.5, now)},
			today: none, wantOK: false,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := settings
			if tc.cap > 0 {
				s.ReviewsPerDay = tc.cap
			}
			known := tc.known
			if known == nil {
				known = map[string]bool{}
			}
			item, _, ok := NextCard(QueueInput{Now: now, Settings: s, Due: tc.due, Known: func(id string) bool { return known[id] }, Today: tc.today, Bank: tc.deck, Scheduler: sched})
			if ok != tc.wantOK || item.QuestionID != tc.want || item.New != tc.wantNew {
				t.Fatalf("NextCard = %+v, %v; want %q (new %v), %v", item, ok, tc.want, tc.wantNew, tc.wantOK)
			}
		})
	}
}

func TestNewCards_OnePerEventAndKindsRotate(t *testing.T) {
	deck := []Question{
		{ID: "year:a", Kind: KindYear, EventIDs: []string{"a"}}, {ID: "who:a", Kind: KindWho, EventIDs: []string{"a"}},
		{ID: "year:b", Kind: KindYear, EventIDs: []string{"b"}}, {ID: "who:b", Kind: KindWho, EventIDs: []string{"b"}},
		{ID: "order:a", Kind: KindOrder, EventIDs: []string{"a", "b"}},
		{ID: "year:c", Kind: KindYear, EventIDs: []string{"c"}},
	}
	got := newCards(deck, func(string) bool { return false }, map[string]bool{}, 10)
	want := []string{"year:a", "who:b", "year:c"}
	if len(got) != len(want) {
		t.Fatalf("newCards = %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("newCards = %v; want %v", got, want)
		}
	}
}

func TestDayStart_At4InTheLearnersZone(t *testing.T) {
	kar, _ := time.LoadLocation("Asia/Karachi") // UTC+5
	for _, tc := range []struct{ at, want string }{
		{"2026-03-10T02:00:00+05:00", "2026-03-09T04:00:00+05:00"},
		{"2026-03-10T04:00:00+05:00", "2026-03-10T04:00:00+05:00"},
		{"2026-03-10T23:59:00+05:00", "2026-03-10T04:00:00+05:00"},
	} {
		at, _ := time.Parse(time.RFC3339, tc.at)
		if got := DayStart(at, kar).Format(time.RFC3339); got != tc.want {
			t.Errorf("DayStart(%s) = %s; want %s", tc.at, got, tc.want)
		}
	}
}

func TestReviewSettings_Validate(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		edit  func(*ReviewSettings)
		field string
	}{
		{"defaults are valid", func(*ReviewSettings) {}, ""},
		{"retention too low", func(s *ReviewSettings) { s.DesiredRetention = 0.69 }, "retention"},
		{"retention too high", func(s *ReviewSettings) { s.DesiredRetention = 0.98 }, "retention"},
		{"exam today", func(s *ReviewSettings) { s.ExamDate = "2026-03-10" }, "exam_date"},
		{"exam past", func(s *ReviewSettings) { s.ExamDate = "2025-03-10" }, "exam_date"},
		{"exam tomorrow", func(s *ReviewSettings) { s.ExamDate = "2026-03-11" }, ""},
		{"bad zone", func(s *ReviewSettings) { s.TimeZone = "Nowhere/Land" }, "timezone"},
		{"bad era", func(s *ReviewSettings) { s.Eras = []string{"stone-age"} }, "eras"},
	} {
		s := DefaultReviewSettings()
		tc.edit(&s)
		errs := s.Validate(now)
		if tc.field == "" && errs != nil || tc.field != "" && errs[tc.field] == "" {
			t.Errorf("%s: errors %v; want one on %q", tc.name, errs, tc.field)
		}
	}
}

// TestNextCard_UntilHoldsTheChoice checks the promise callers keep results
// by: with the same input, any instant before Until gives the same card and
// counts, and Until itself is never in the past. Random queues mix learning
// cards due soon and later, due reviews (some over the cap) and new cards.
func TestNextCard_UntilHoldsTheChoice(t *testing.T) {
	sched, err := srs.New(srs.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 11))
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	states := []srs.State{srs.Learning, srs.Relearning, srs.Review}
	changed := 0
	for i := range 2000 {
		var due []CardRecord
		known := map[string]bool{}
		for j := range r.IntN(12) {
			id := fmt.Sprintf("e%d/q%d", j%5, j)
			offset := time.Duration(r.IntN(120)-40) * time.Minute
			due = append(due, card(id, id[:2], states[r.IntN(len(states))], now.Add(offset), 0.5+r.Float64()*40, now.Add(-72*time.Hour)))
			known[id] = true
		}
		settings := DefaultReviewSettings()
		settings.ReviewsPerDay = r.IntN(6)
		settings.NewPerDay = r.IntN(3)
		in := QueueInput{Now: now, Settings: settings, Due: due, Known: func(id string) bool { return known[id] },
			Today: DayCounts{EventsSeen: map[string]bool{}, Questions: map[string]bool{}},
			Bank:  deckOf("e5/a", "e6/b", "e7/c"), Scheduler: sched}
		item, sum, ok := NextCard(in)
		if !sum.Until.IsZero() && !sum.Until.After(now) {
			t.Fatalf("case %d: Until %v is not after now %v", i, sum.Until, now)
		}
		limit := now.Add(3 * time.Hour)
		if !sum.Until.IsZero() {
			limit = sum.Until
		}
		for _, later := range []time.Time{now.Add(time.Millisecond), now.Add(limit.Sub(now) / 2), limit.Add(-time.Millisecond)} {
			in.Now = later
			item2, sum2, ok2 := NextCard(in)
			sum2.Until = sum.Until // Until itself moves on with the clock
			if item2.QuestionID != item.QuestionID || ok2 != ok || sum2 != sum {
				t.Fatalf("case %d: at %v the queue gave %q %+v, at %v %q %+v, before Until %v",
					i, now, item.QuestionID, sum, later, item2.QuestionID, sum2, sum.Until)
			}
		}
		in.Now = limit
		if item2, sum2, _ := NextCard(in); !sum.Until.IsZero() && (item2.QuestionID != item.QuestionID || sum2.Learning != sum.Learning) {
			changed++
		}
	}
	if changed == 0 {
		t.Fatal("no queue changed at its Until: the test does not exercise the clock")
	}
}
