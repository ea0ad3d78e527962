package questions

import (
	"math"
	"testing"
	"time"

	"sabaq/questions/srs"
)

func karachi(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Karachi")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func testScheduler(t *testing.T) *srs.Scheduler {
	t.Helper()
	s, err := srs.New(srs.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStatsSince_IsTheStartOfTheFirstHeatmapDay(t *testing.T) {
	loc := karachi(t)
	now := time.Date(2025, 3, 10, 2, 0, 0, 0, loc) // still the learner-day of 9 March
	want := time.Date(2024, 11, 18, 4, 0, 0, 0, loc)
	if got := StatsSince(now, loc); !got.Equal(want) {
		t.Errorf("StatsSince = %v; want %v (111 days before 9 March, 04:00)", got, want)
	}
}

func TestComputeStats_ReviewsPerDayStartAt0400Local(t *testing.T) {
	loc := karachi(t)
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, loc)
	at := func(month time.Month, day, hour, minute int) time.Time {
		return time.Date(2025, month, day, hour, minute, 0, 0, loc)
	}
	first := time.Date(2024, 11, 19, 4, 0, 0, 0, loc) // 111 days before 10 March
	for _, tc := range []struct {
		name string
		at   time.Time
		day  int // index into Reviews; -1 for outside the window
	}{
		{"late morning today", at(3, 10, 11, 0), HeatmapDays - 1},
		{"04:00 today opens today", at(3, 10, 4, 0), HeatmapDays - 1},
		{"02:00 counts for the evening before", at(3, 10, 2, 0), HeatmapDays - 2},
		{"03:59 counts for the evening before", at(3, 10, 3, 59), HeatmapDays - 2},
		{"late evening yesterday", at(3, 9, 23, 30), HeatmapDays - 2},
		{"same instant in UTC", time.Date(2025, 3, 9, 21, 30, 0, 0, time.UTC), HeatmapDays - 2},
		{"first day of the window", first, 0},
		{"just before the window", first.Add(-time.Minute), -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := ComputeStats(StatsInput{Now: now, Loc: loc, Reviews: []ReviewRecord{{ReviewedAt: tc.at, Rating: srs.Good}}})
			if len(st.Reviews) != HeatmapDays {
				t.Fatalf("%d days; want %d", len(st.Reviews), HeatmapDays)
			}
			for i, d := range st.Reviews {
				want := 0
				if i == tc.day {
					want = 1
				}
				if d.Count != want {
					t.Errorf("day %d (%s) has %d reviews; want %d", i, d.Start.Format(time.DateTime), d.Count, want)
				}
			}
			if got := st.Reviews[HeatmapDays-1].Start; !got.Equal(at(3, 10, 4, 0)) {
				t.Errorf("today starts %v; want 10 March 04:00", got)
			}
			if got := st.Reviews[0].Start; !got.Equal(first) {
				t.Errorf("the first day starts %v; want %v", got, first)
			}
		})
	}
}

func TestComputeStats_Streak(t *testing.T) {
	loc := karachi(t)
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, loc)
	on := func(daysAgo ...int) []ReviewRecord {
		var out []ReviewRecord
		for _, d := range daysAgo {
			// 01:00 the next morning still counts for day d (for today, a
			// review not yet made: it still belongs to today).
			out = append(out, ReviewRecord{ReviewedAt: time.Date(2025, 3, 10-d+1, 1, 0, 0, 0, loc)})
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		reviews []ReviewRecord
		want    Streak
	}{
		{"none", nil, Streak{}},
		{"today only", on(0), Streak{Current: 1, Longest: 1, ReviewedToday: true}},
		{"a gap breaks the streak", on(0, 1, 2, 4, 5, 6, 7, 8), Streak{Current: 3, Longest: 5, ReviewedToday: true}},
		{"nothing yet today: the streak runs to yesterday", on(1, 2), Streak{Current: 2, Longest: 2}},
		{"nothing today or yesterday", on(2, 3, 4), Streak{Current: 0, Longest: 3}},
		{"several reviews a day count once", append(on(1, 1, 1), on(2)...), Streak{Current: 2, Longest: 2}},
		{"back to the start of the window", on(rangeDays(0, HeatmapDays)...),
			Streak{Current: HeatmapDays, Longest: HeatmapDays, ReviewedToday: true, Unbounded: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := ComputeStats(StatsInput{Now: now, Loc: loc, Reviews: tc.reviews})
			if st.Streak != tc.want {
				t.Errorf("streak %+v; want %+v", st.Streak, tc.want)
			}
		})
	}
}

func rangeDays(from, to int) []int {
	var out []int
	for d := from; d < to; d++ {
		out = append(out, d)
	}
	return out
}

func TestComputeStats_TrueRetentionCountsOnlyReviewStateReviews(t *testing.T) {
	loc := karachi(t)
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, loc)
	rev := func(daysAgo int, state srs.State, r srs.Rating) ReviewRecord {
		return ReviewRecord{ReviewedAt: now.AddDate(0, 0, -daysAgo), StateBefore: state, Rating: r}
	}
	for _, tc := range []struct {
		name          string
		reviews       []ReviewRecord
		total, passed int
	}{
		{"no reviews: no data", nil, 0, 0},
		{"learning and new cards only: no data", []ReviewRecord{
			rev(1, srs.StateNew, srs.Good), rev(1, srs.Learning, srs.Again), rev(1, srs.Learning, srs.Good),
		}, 0, 0},
		{"Hard, Good and Easy pass; Again fails", []ReviewRecord{
			rev(1, srs.Review, srs.Again), rev(2, srs.Review, srs.Hard), rev(3, srs.Review, srs.Good), rev(4, srs.Review, srs.Easy),
		}, 4, 3},
		{"learning and relearning reviews are left out", []ReviewRecord{
			rev(1, srs.Review, srs.Good), rev(1, srs.Learning, srs.Again), rev(1, srs.Relearning, srs.Again), rev(1, srs.StateNew, srs.Again),
		}, 1, 1},
		{"only the last 30 days", []ReviewRecord{
			rev(29, srs.Review, srs.Again), rev(31, srs.Review, srs.Again), rev(60, srs.Review, srs.Good),
		}, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := ComputeStats(StatsInput{Now: now, Loc: loc, Reviews: tc.reviews, Scheduler: testScheduler(t)})
			if st.Retention.Reviews != tc.total || st.Retention.Passed != tc.passed {
				t.Errorf("retention %d of %d; want %d of %d", st.Retention.Passed, st.Retention.Reviews, tc.passed, tc.total)
			}
			if st.Retention.Desired != srs.DefaultRetention {
				t.Errorf("desired retention %v; want the scheduler's %v", st.Retention.Desired, srs.DefaultRetention)
			}
		})
	}
	if r := (Retention{Reviews: 4, Passed: 3}).Rate(); r != 0.75 {
		t.Errorf("rate %v; want 0.75", r)
	}
	if r := (Retention{}).Rate(); r != 0 {
		t.Errorf("rate with no reviews %v; want 0", r)
	}
}

func TestComputeStats_ForecastPutsOverdueOnToday(t *testing.T) {
	loc := karachi(t)
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, loc)
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	bank := NewBank(tl)
	deck := bank.Questions[:40]
	due := func(i int, at time.Time) CardRecord {
		return CardRecord{QuestionID: deck[i].ID, EventID: deck[i].EventIDs[0], Card: srs.Card{State: srs.Review, Due: at}}
	}
	at := func(day, hour int) time.Time { return time.Date(2025, 3, day, hour, 0, 0, 0, loc) }
	cards := []CardRecord{
		due(0, at(5, 12)),     // five days overdue
		due(1, at(10, 3)),     // overdue since 03:00, before today began
		due(2, at(10, 9)),     // earlier today
		due(3, at(10, 23)),    // later today
		due(4, at(11, 3)),     // 03:00 tomorrow is still today
		due(5, at(11, 4)),     // tomorrow
		due(6, at(12, 10)),    // in two days
		due(7, at(10+29, 12)), // the last day of the forecast
		due(8, at(10+30, 12)), // beyond it
		{QuestionID: bank.Questions[100].ID, Card: srs.Card{State: srs.Review, Due: at(1, 0)}}, // outside the deck
	}
	st := ComputeStats(StatsInput{Now: now, Loc: loc, Cards: cards, Deck: deck, Bank: bank, Timeline: tl})
	if len(st.Forecast) != ForecastDays {
		t.Fatalf("%d forecast days; want %d", len(st.Forecast), ForecastDays)
	}
	want := map[int]int{0: 5, 1: 1, 2: 1, 29: 1}
	for i, d := range st.Forecast {
		if d.Count != want[i] {
			t.Errorf("day %d (%s): %d due; want %d", i, d.Start.Format(time.DateTime), d.Count, want[i])
		}
	}
	if st.Overdue != 2 {
		t.Errorf("%d overdue; want 2 (due before today's 04:00)", st.Overdue)
	}
	if got := st.Forecast[0].Start; !got.Equal(at(10, 4)) {
		t.Errorf("the forecast starts %v; want today 04:00", got)
	}
}

func TestComputeStats_CardsByState(t *testing.T) {
	loc := karachi(t)
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, loc)
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	bank := NewBank(tl)
	deck := bank.Questions[:10]
	card := func(id string, s srs.State) CardRecord {
		return CardRecord{QuestionID: id, Card: srs.Card{State: s, Due: now}}
	}
	cards := []CardRecord{
		card(deck[0].ID, srs.Learning), card(deck[1].ID, srs.Review), card(deck[2].ID, srs.Review),
		card(deck[3].ID, srs.Relearning),
		card(bank.Questions[50].ID, srs.Review), // outside the deck: it waits, and is not counted
	}
	st := ComputeStats(StatsInput{Now: now, Loc: loc, Cards: cards, Deck: deck, Bank: bank, Timeline: tl})
	want := StateCounts{New: 6, Learning: 1, Review: 2, Relearning: 1}
	if st.States != want {
		t.Errorf("states %+v; want %+v", st.States, want)
	}
	// The deck's cards by state: as many as the deck has questions.
	if st.States.Total() != len(deck) {
		t.Errorf("total %d; want the deck, %d", st.States.Total(), len(deck))
	}
}

func TestComputeStats_MasteryIsMeanRetrievabilityOfStudiedCards(t *testing.T) {
	loc := karachi(t)
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, loc)
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	bank := NewBank(tl)
	era := Eras[2]
	var ofEra []Question
	for _, q := range bank.Questions {
		if e, _ := tl.Event(q.EventIDs[0]); e.Era == era.ID && len(q.EventIDs) == 1 {
			ofEra = append(ofEra, q)
		}
	}
	if len(ofEra) < 3 {
		t.Fatalf("only %d single-event questions in %s", len(ofEra), era.ID)
	}
	// Reviewed just now, retrievability is 1; after one stability's worth
	// of days it is the 90% FSRS defines stability by.
	cards := []CardRecord{
		{QuestionID: ofEra[0].ID, EventID: ofEra[0].EventIDs[0],
			Card: srs.Card{State: srs.Review, Stability: 10, LastReview: now, Due: now.AddDate(0, 0, 10)}},
		{QuestionID: ofEra[1].ID, EventID: ofEra[1].EventIDs[0],
			Card: srs.Card{State: srs.Review, Stability: 10, LastReview: now.AddDate(0, 0, -10), Due: now}},
	}
	st := ComputeStats(StatsInput{Now: now, Loc: loc, Cards: cards, Deck: bank.Questions, Bank: bank, Timeline: tl,
		Scheduler: testScheduler(t)})
	if len(st.Mastery) != len(Eras) {
		t.Fatalf("%d eras; want all %d, which all have questions", len(st.Mastery), len(Eras))
	}
	for i, m := range st.Mastery {
		if m.Era.ID != Eras[i].ID {
			t.Errorf("era %d is %s; want timeline order (%s)", i, m.Era.ID, Eras[i].ID)
		}
		if m.Questions == 0 {
			t.Errorf("%s: no questions counted", m.Era.ID)
		}
		if m.Era.ID == era.ID {
			if m.Cards != 2 || math.Abs(m.Mean-0.95) > 0.001 {
				t.Errorf("%s: %d cards, mean %.4f; want 2 cards, mean 0.95 (new questions left out)", m.Era.ID, m.Cards, m.Mean)
			}
		} else if m.Cards != 0 || m.Mean != 0 {
			t.Errorf("%s: %d cards, mean %v; want none", m.Era.ID, m.Cards, m.Mean)
		}
	}
}
