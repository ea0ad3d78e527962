package srs

import (
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the DST cases need America/New_York wherever the tests run
)

var examZone = time.FixedZone("PKT", 5*60*60)

// at is a moment in Karachi time in March 2025.
func examAt(day, hour, minute int) time.Time {
	return time.Date(2025, 3, day, hour, minute, 0, 0, examZone)
}

// examOn is an exam date as the web form gives it: UTC midnight.
func examOn(day int) time.Time {
	return time.Date(2025, 3, day, 0, 0, 0, 0, time.UTC)
}

// reviewCard is a card in review, last reviewed and due at the given moments.
func examCard(last, due time.Time) Card {
	return Card{
		State: Review, LastReview: last, Due: due, Stability: 10, Difficulty: 5, Reps: 3,
		ScheduledDays: uint64(due.Sub(last).Hours() / 24),
	}
}

// topUpDays maps each topped-up card id to the day of the month of its top-up.
func examTopUpDays(p ExamPlan) map[string]int {
	m := map[string]int{}
	for _, t := range p.TopUps {
		m[t.ID] = t.Day.Day()
	}
	return m
}

func mustPlanExam(t *testing.T, in ExamInput) ExamPlan {
	t.Helper()
	if in.Location == nil {
		in.Location = examZone
	}
	p, ok := PlanExam(in)
	if !ok {
		t.Fatalf("PlanExam(exam %v, now %v) gave no plan", in.Exam, in.Now)
	}
	return p
}

func TestDayStart_DayBeginsAt4InTheLearnersZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		t    time.Time
		loc  *time.Location
		want time.Time
	}{
		{"just after 4 is today", examAt(10, 4, 0), examZone, examAt(10, 4, 0)},
		{"late evening is today", examAt(10, 23, 59), examZone, examAt(10, 4, 0)},
		{"1am counts to the evening before", examAt(10, 1, 0), examZone, examAt(9, 4, 0)},
		{"3:59 counts to the evening before", examAt(10, 3, 59), examZone, examAt(9, 4, 0)},
		{"read in the learner's zone, not the time's", time.Date(2025, 3, 9, 23, 30, 0, 0, time.UTC), examZone, examAt(10, 4, 0)},
		{"the default zone is Karachi", time.Date(2025, 3, 9, 23, 30, 0, 0, time.UTC), DefaultLocation(), examAt(10, 4, 0)},
		{"first of the month at 2am goes back a month", examAt(1, 2, 0), examZone, time.Date(2025, 2, 28, 4, 0, 0, 0, examZone)},
		{"the day clocks go forward still starts at 4", time.Date(2025, 3, 9, 12, 0, 0, 0, ny), ny, time.Date(2025, 3, 9, 4, 0, 0, 0, ny)},
		{"the day clocks go back still starts at 4", time.Date(2025, 11, 2, 3, 30, 0, 0, ny), ny, time.Date(2025, 11, 1, 4, 0, 0, 0, ny)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DayStart(tt.t, tt.loc); !got.Equal(tt.want) {
				t.Errorf("DayStart(%v) = %v, want %v", tt.t, got, tt.want)
			}
		})
	}
}

func TestPlanExam_DaysLeftCountsLearnerDaysAcrossClockChanges(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		now  time.Time
		exam time.Time
		loc  *time.Location
		want int
	}{
		{"exam tomorrow", examAt(10, 18, 0), examOn(11), examZone, 1},
		{"after midnight still counts as the evening before", examAt(11, 2, 0), examOn(11), examZone, 1},
		{"nine days", examAt(2, 9, 0), examOn(11), examZone, 9},
		{"across spring forward", time.Date(2025, 3, 8, 20, 0, 0, 0, ny), examOn(10), ny, 2},
		{"across fall back", time.Date(2025, 11, 1, 20, 0, 0, 0, ny), examOn(3).AddDate(0, 8, 0), ny, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlanExam(t, ExamInput{Exam: tt.exam, Now: tt.now, Location: tt.loc})
			if p.DaysLeft != tt.want {
				t.Errorf("DaysLeft = %d, want %d", p.DaysLeft, tt.want)
			}
			if p.Exam.Hour() != DayStartHour {
				t.Errorf("Exam = %v, want the exam day's 04:00", p.Exam)
			}
		})
	}
}

func TestPlanExam_NoPlanOnExamDayOrAfter(t *testing.T) {
	tests := []struct {
		name string
		now  time.Time
	}{
		{"exam day morning", examAt(11, 8, 0)},
		{"exam day evening", examAt(11, 22, 0)},
		{"after the exam", examAt(15, 12, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, ok := PlanExam(ExamInput{Exam: examOn(11), Now: tt.now, Location: examZone}); ok {
				t.Errorf("got a plan with %d days left; want none", p.DaysLeft)
			}
		})
	}
}

func TestPlanExam_TopUpOnlyForReviewCardsDueOnOrAfterExamDay(t *testing.T) {
	now := examAt(1, 10, 0) // exam on the 11th: top-ups on the 8th, 9th and 10th
	tests := []struct {
		name  string
		card  Card
		topUp bool
	}{
		{"due after the exam", examCard(examAt(1, 9, 0), examAt(20, 9, 0)), true},
		{"due on the exam morning", examCard(examAt(1, 9, 0), examAt(11, 5, 0)), true},
		{"due in the exam day's first minute", examCard(examAt(1, 9, 0), examAt(11, 4, 0)), true},
		{"due the evening before the exam", examCard(examAt(1, 9, 0), examAt(11, 3, 0)), false},
		{"due before the window", examCard(examAt(1, 9, 0), examAt(5, 9, 0)), false},
		{"overdue", examCard(examAt(1, 9, 0).AddDate(0, 0, -5), examAt(1, 9, 0)), false},
		{"learning", Card{State: Learning, LastReview: now, Due: now.Add(10 * time.Minute)}, false},
		{"relearning", Card{State: Relearning, LastReview: now, Due: now.Add(10 * time.Minute)}, false},
		{"new", NewCard(now), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlanExam(t, ExamInput{Cards: []CardInfo{{ID: "c", Card: tt.card}}, Exam: examOn(11), Now: now})
			if got := len(p.TopUps) == 1; got != tt.topUp {
				t.Errorf("top-up = %v, want %v (%+v)", got, tt.topUp, p.TopUps)
			}
		})
	}
}

func TestPlanExam_CardReviewedInsideTheWindowNeedsNoTopUp(t *testing.T) {
	tests := []struct {
		name  string
		now   time.Time
		last  time.Time
		topUp bool
	}{
		{"reviewed on the window's first day", examAt(9, 10, 0), examAt(8, 18, 0), false},
		{"reviewed today inside the window", examAt(9, 19, 0), examAt(9, 18, 0), false},
		{"reviewed at 2am after the window's first evening", examAt(9, 10, 0), examAt(9, 2, 0), false},
		{"reviewed the evening before the window", examAt(9, 10, 0), examAt(7, 23, 0), true},
		{"reviewed just before the window began at 4am", examAt(9, 10, 0), examAt(8, 3, 59), true},
		// On the last day before the exam a review two days ago still counts.
		{"last day, reviewed two days ago", examAt(10, 10, 0), examAt(8, 9, 0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := examCard(tt.last, tt.last.AddDate(0, 0, 30))
			p := mustPlanExam(t, ExamInput{Cards: []CardInfo{{ID: "c", Card: c}}, Exam: examOn(11), Now: tt.now})
			if got := len(p.TopUps) == 1; got != tt.topUp {
				t.Errorf("top-up = %v, want %v", got, tt.topUp)
			}
		})
	}
}

func TestPlanExam_TopUpsSpreadEvenlyOverTheLastDays(t *testing.T) {
	tests := []struct {
		name  string
		now   time.Time
		cards int
		want  map[int]int // day of month → top-ups
	}{
		{"well ahead: the last three days, odd ones first", examAt(1, 10, 0), 8, map[int]int{8: 3, 9: 3, 10: 2}},
		{"one card goes to the first window day", examAt(1, 10, 0), 1, map[int]int{8: 1}},
		{"inside the window: from today on", examAt(9, 10, 0), 7, map[int]int{9: 4, 10: 3}},
		{"the last day takes everything", examAt(10, 21, 0), 5, map[int]int{10: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cards []CardInfo
			for i := range tt.cards {
				last := examAt(1, 4, 30).AddDate(0, 0, -10-i)
				cards = append(cards, CardInfo{ID: string(rune('a' + i)), Card: examCard(last, examAt(20, 9, 0))})
			}
			p := mustPlanExam(t, ExamInput{Cards: cards, Exam: examOn(11), Now: tt.now})
			got := map[int]int{}
			for _, d := range examTopUpDays(p) {
				got[d]++
			}
			if len(p.TopUps) != tt.cards || !examCountsEqual(got, tt.want) {
				t.Errorf("top-ups per day = %v (%d in all), want %v", got, len(p.TopUps), tt.want)
			}
			for _, tu := range p.TopUps {
				if tu.Day.Hour() != DayStartHour || tu.Day.Before(p.Today) || !tu.Day.Before(p.Exam) {
					t.Errorf("top-up day %v is not a day start between today and the exam", tu.Day)
				}
			}
		})
	}
}

func examCountsEqual(a, b map[int]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestPlanExam_LargestShareOfIntervalLeftIsToppedUpFirst(t *testing.T) {
	// Exam on the 11th. Share still to run at the exam:
	// fresh (10 of 20 days) 0.5, middling (3 of 20) 0.15, stale (1 of 30) 0.03.
	cards := []CardInfo{
		{ID: "stale", Card: examCard(examAt(20, 4, 0).AddDate(0, 0, -38), examAt(12, 4, 0))},
		{ID: "fresh", Card: examCard(examAt(1, 4, 0), examAt(21, 4, 0))},
		{ID: "middling", Card: examCard(examAt(1, 4, 0).AddDate(0, 0, -7), examAt(14, 4, 0))},
	}
	p := mustPlanExam(t, ExamInput{Cards: cards, Exam: examOn(11), Now: examAt(2, 10, 0)})
	want := map[string]int{"fresh": 8, "middling": 9, "stale": 10}
	got := examTopUpDays(p)
	for id, day := range want {
		if got[id] != day {
			t.Errorf("%s topped up on the %d, want the %d (all: %v)", id, got[id], day, got)
		}
	}
	var order []string
	for _, tu := range p.TopUps {
		order = append(order, tu.ID)
	}
	if !slices.Equal(order, []string{"fresh", "middling", "stale"}) {
		t.Errorf("order %v, want fresh, middling, stale", order)
	}
}

func TestPlanExam_TopUpsDoneTodayKeepTheRestOfThePlan(t *testing.T) {
	// Nine cards on the window's first day: three a day. Doing two of
	// today's three must leave one for today and not move the others.
	var cards []CardInfo
	for i := range 9 {
		last := examAt(1, 9, 0).AddDate(0, 0, -i)
		cards = append(cards, CardInfo{ID: string(rune('a' + i)), Card: examCard(last, examAt(25, 9, 0))})
	}
	morning := mustPlanExam(t, ExamInput{Cards: cards, Exam: examOn(11), Now: examAt(8, 9, 0)})
	today := morning.DueTopUps(examAt(8, 9, 0))
	if len(today) != 3 {
		t.Fatalf("morning: %d top-ups today, want 3", len(today))
	}
	for _, id := range today[:2] {
		i := int(id[0] - 'a')
		cards[i].Card = examCard(examAt(8, 18, 0), examAt(8, 18, 0).AddDate(0, 0, 25))
	}
	evening := mustPlanExam(t, ExamInput{Cards: cards, Exam: examOn(11), Now: examAt(8, 19, 0)})
	if got := evening.DueTopUps(examAt(8, 19, 0)); !slices.Equal(got, today[2:]) {
		t.Errorf("evening: today's top-ups %v, want %v", got, today[2:])
	}
	if got, want := evening.TopUps[1:], morning.TopUps[3:]; !slices.Equal(got, want) {
		t.Errorf("evening: later top-ups moved:\n got %v\nwant %v", got, want)
	}
}

func TestPlanExam_NewCardLimitIsACeiling(t *testing.T) {
	now := examAt(1, 10, 0) // 10 days to the exam on the 11th
	tests := []struct {
		name              string
		remaining, today  int
		limit             int
		perDay, leftToday int
		needed, unseen    int
	}{
		{"limit covers the deck", 150, 0, 20, 20, 20, 15, 0},
		{"limit covers the deck exactly", 200, 0, 20, 20, 20, 20, 0},
		{"limit falls one short: one card unseen, not 21 a day", 201, 0, 20, 20, 20, 21, 1},
		{"limit falls well short: 100 unseen, not 30 a day", 300, 0, 20, 20, 20, 30, 100},
		{"a limit of 0 shows nothing new", 35, 0, 0, 0, 0, 4, 35},
		{"nothing left to learn", 0, 0, 20, 20, 20, 0, 0},
		{"cards shown today count towards today", 290, 10, 20, 20, 10, 30, 100},
		{"today's quota already met", 270, 30, 20, 20, 0, 30, 90},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPlanExam(t, ExamInput{NewRemaining: tt.remaining, NewToday: tt.today, NewLimit: tt.limit, Exam: examOn(11), Now: now})
			if p.NewPerDay != tt.perDay || p.NewLeftToday != tt.leftToday {
				t.Errorf("NewPerDay, NewLeftToday = %d, %d; want %d, %d", p.NewPerDay, p.NewLeftToday, tt.perDay, tt.leftToday)
			}
			if p.NewPerDay > tt.limit {
				t.Errorf("NewPerDay %d is over the learner's limit %d", p.NewPerDay, tt.limit)
			}
			if p.NewNeeded != tt.needed || p.Unseen != tt.unseen {
				t.Errorf("NewNeeded, Unseen = %d, %d; want %d, %d", p.NewNeeded, p.Unseen, tt.needed, tt.unseen)
			}
			// The limit NewNeeded would cover the deck.
			raised := mustPlanExam(t, ExamInput{NewRemaining: tt.remaining, NewToday: tt.today, NewLimit: max(tt.limit, p.NewNeeded), Exam: examOn(11), Now: now})
			if raised.Unseen != 0 {
				t.Errorf("at the needed limit %d, %d cards are still unseen", p.NewNeeded, raised.Unseen)
			}
		})
	}
}

func TestExamPlan_DueTopUpsOnlyThoseWhoseDayHasCome(t *testing.T) {
	p := ExamPlan{TopUps: []TopUp{{"a", examAt(8, 4, 0)}, {"b", examAt(8, 4, 0)}, {"c", examAt(9, 4, 0)}, {"d", examAt(10, 4, 0)}}}
	tests := []struct {
		name string
		now  time.Time
		want []string
	}{
		{"before the window", examAt(7, 20, 0), nil},
		{"small hours before the window's first day", examAt(8, 3, 0), nil},
		{"first window day", examAt(8, 4, 0), []string{"a", "b"}},
		{"second window day", examAt(9, 12, 0), []string{"a", "b", "c"}},
		{"last day", examAt(10, 23, 0), []string{"a", "b", "c", "d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.DueTopUps(tt.now); !slices.Equal(got, tt.want) {
				t.Errorf("DueTopUps = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestForecast_ReadsAsASentence(t *testing.T) {
	tests := []struct {
		f    Forecast
		want string
	}{
		{Forecast{Cards: 856, Days: 10, PerDay: 95, Recall: 0.9768}, "856 cards, 10 days: about 95 reviews a day to reach about 97% on exam day"},
		{Forecast{Cards: 1, Days: 1, PerDay: 1, Recall: 0.99}, "1 card, 1 day: about 1 review a day to reach about 99% on exam day"},
		{Forecast{Cards: 0, Days: 3, PerDay: 0}, "0 cards, 3 days: about 0 reviews a day to reach about 0% on exam day"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestOptimalPlan_ForecastCountsTheWorkBeforeTheExam(t *testing.T) {
	s := plainScheduler(t)
	now := examAt(1, 10, 0) // 10 days to the exam on the 11th
	t.Run("a card due after the exam: one review, late", func(t *testing.T) {
		in := OptimalInput{ExamInput: ExamInput{Cards: []CardInfo{{ID: "c", Card: examCard(examAt(1, 9, 0).AddDate(0, 0, -10), examAt(20, 9, 0))}},
			NewLimit: 20, Exam: examOn(11), Now: now, Location: examZone}}
		p := mustPlanOptimal(t, s, in)
		f := p.Forecast()
		if f.Cards != 1 || f.Reviews < 1 || f.Days != 10 || len(p.Planned) != f.Reviews {
			t.Errorf("forecast %+v, plan %v; want 1 card, its reviews planned, 10 days", f, p.Planned)
		}
		if last := p.Planned[len(p.Planned)-1].Day; last < 7 {
			t.Errorf("its last review on day %d of 10; want one of the last days", last)
		}
	})
	t.Run("a fresh strong card needs nothing", func(t *testing.T) {
		strong := Card{State: Review, Stability: 400, Difficulty: 2, Reps: 8, LastReview: examAt(9, 9, 0), Due: examAt(9, 9, 0).AddDate(1, 0, 0)}
		in := OptimalInput{ExamInput: ExamInput{Cards: []CardInfo{{ID: "c", Card: strong}}, Exam: examOn(11), Now: examAt(9, 10, 0), Location: examZone}}
		if f := mustPlanOptimal(t, s, in).Forecast(); f.Reviews != 0 || f.Recall < 0.99 {
			t.Errorf("forecast %+v, want no work and near-certain recall", f)
		}
	})
	t.Run("new cards: the limit a day, each through its steps", func(t *testing.T) {
		// 30 cards, 5 a day, 4 days: 20 shown, not 8 a day; the 10 unseen
		// count as forgotten.
		in := OptimalInput{ExamInput: ExamInput{NewRemaining: 30, NewLimit: 5, Exam: examOn(11), Now: examAt(7, 10, 0), Location: examZone}}
		p := mustPlanOptimal(t, s, in)
		f := p.Forecast()
		if f.Cards != 30 || p.Introduced != 20 || f.Reviews < 40 || f.PerDay != (f.Reviews+3)/4 || f.Recall > 20.0/30 {
			t.Errorf("forecast %+v, %d shown; want 30 cards, 20 shown, at least 40 reviews, reviews/4 rounded up a day, recall at most 2/3", f, p.Introduced)
		}
	})
}
