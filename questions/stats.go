package questions

import (
	"time"

	"sabaq/questions/srs"
)

// The windows the progress charts cover, in learner-days.
const (
	HeatmapDays   = 112 // 16 weeks of reviews per day
	ForecastDays  = 30  // cards due per day from today
	RetentionDays = 30  // true retention over the last 30 days
)

// StatsInput is what a learner's revision statistics are computed from.
type StatsInput struct {
	Now time.Time
	Loc *time.Location // the learner's time zone
	// Reviews are the learner's reviews since StatsSince, undone ones left out.
	Reviews []ReviewRecord
	Cards   []CardRecord
	// Deck is the learner's filtered set of questions: its questions without
	// a card are the new ones, and only its cards come due in the queue.
	Deck      []Question
	Bank      *Bank
	Timeline  *Timeline
	Scheduler *srs.Scheduler
}

// Stats are a learner's revision statistics, as the progress charts show them.
type Stats struct {
	// Reviews counts reviews per learner-day, HeatmapDays of them, oldest
	// first; the last is today.
	Reviews []DayCount
	// Forecast counts deck cards coming due per learner-day, ForecastDays of
	// them from today; today's count includes the overdue cards.
	Forecast  []DayCount
	Overdue   int // deck cards due before today began, counted in Forecast[0]
	States    StateCounts
	Retention Retention
	Mastery   []EraMastery // in timeline order: eras with questions or cards
	Streak    Streak
}

// DayCount is a number for one learner-day, which starts at Start (04:00 local).
type DayCount struct {
	Start time.Time
	Count int
}

// StateCounts counts the cards of a learner's deck by state, as the
// learner's counts do (revision.Counts): New counts the deck's questions
// that have no card yet, and Learning and Relearning together are the
// counts' Learning.
type StateCounts struct {
	New, Learning, Review, Relearning int
}

// Total is the number of cards in all states.
func (s StateCounts) Total() int { return s.New + s.Learning + s.Review + s.Relearning }

// Retention is true retention as Anki defines it: of the reviews of cards
// that were in review state before the review, the share not rated Again.
// Reviews of new, learning and relearning cards are left out.
type Retention struct {
	Reviews, Passed int
	Desired         float64 // the learner's desired retention, for comparison
}

// Rate is the share passed, 0 when there were no reviews.
func (r Retention) Rate() float64 {
	if r.Reviews == 0 {
		return 0
	}
	return float64(r.Passed) / float64(r.Reviews)
}

// EraMastery is the mean retrievability now of the cards of one era's
// questions. Questions not studied yet are left out of the mean (not counted
// as 0); Cards and Questions say how much of the era the mean covers.
type EraMastery struct {
	Era       Era
	Cards     int // studied cards of the era
	Questions int // the era's questions in the bank
	Mean      float64
}

// Streak is a run of consecutive learner-days with at least one review.
type Streak struct {
	// Current runs up to today, or up to yesterday if nothing is reviewed
	// yet today.
	Current       int
	Longest       int // within the last HeatmapDays days
	ReviewedToday bool
	// Unbounded is set when the current streak reaches back to the start of
	// the window: it may be longer than the reviews loaded show.
	Unbounded bool
}

// StatsSince is when the reviews ComputeStats needs begin: the start of the
// first heatmap day.
func StatsSince(now time.Time, loc *time.Location) time.Time {
	return addDays(DayStart(now, loc), -(HeatmapDays - 1))
}

// ComputeStats computes a learner's revision statistics at in.Now. A card
// counts in every era its question's events belong to.
func ComputeStats(in StatsInput) Stats {
	today := DayStart(in.Now, in.Loc)
	var st Stats

	st.Reviews = days(today, -(HeatmapDays - 1), HeatmapDays)
	retentionStart := addDays(today, -(RetentionDays - 1))
	for _, r := range in.Reviews {
		if i := dayDiff(DayStart(r.ReviewedAt, in.Loc), today) + HeatmapDays - 1; i >= 0 && i < HeatmapDays {
			st.Reviews[i].Count++
		}
		if r.StateBefore == srs.Review && !r.ReviewedAt.Before(retentionStart) {
			st.Retention.Reviews++
			if r.Rating != srs.Again {
				st.Retention.Passed++
			}
		}
	}
	if in.Scheduler != nil {
		st.Retention.Desired = in.Scheduler.Settings().DesiredRetention
	}
	st.Streak = streak(st.Reviews)

	inDeck := make(map[string]bool, len(in.Deck))
	for _, q := range in.Deck {
		inDeck[q.ID] = true
	}
	st.Forecast = days(today, 0, ForecastDays)
	tomorrow := addDays(today, 1)
	for _, c := range in.Cards {
		if !inDeck[c.QuestionID] {
			continue // the queue leaves it out until the filters allow it
		}
		switch c.Card.State {
		case srs.Learning:
			st.States.Learning++
		case srs.Review:
			st.States.Review++
		case srs.Relearning:
			st.States.Relearning++
		}
		due := c.Card.Due
		if due.Before(today) {
			st.Overdue++
		}
		if due.Before(tomorrow) {
			st.Forecast[0].Count++
		} else if i := dayDiff(DayStart(due, in.Loc), today); i < ForecastDays {
			st.Forecast[i].Count++
		}
	}

	known := make(map[string]bool, len(in.Cards))
	for _, c := range in.Cards {
		known[c.QuestionID] = true
	}
	mastery := make([]EraMastery, len(Eras))
	for i, e := range Eras {
		mastery[i].Era = e
	}
	for _, q := range in.Deck {
		if !known[q.ID] {
			st.States.New++
		}
	}
	if in.Bank != nil {
		for _, q := range in.Bank.Questions {
			for _, i := range in.eras(q.ID, "") {
				mastery[i].Questions++
			}
		}
	}
	for _, c := range in.Cards {
		r := 0.0
		if in.Scheduler != nil {
			r = in.Scheduler.Retrievability(c.Card, in.Now)
		}
		for _, i := range in.eras(c.QuestionID, c.EventID) {
			mastery[i].Cards++
			mastery[i].Mean += r
		}
	}
	for _, m := range mastery {
		if m.Cards > 0 {
			m.Mean /= float64(m.Cards)
		}
		if m.Cards > 0 || m.Questions > 0 {
			st.Mastery = append(st.Mastery, m)
		}
	}
	return st
}

// eras gives the indexes in Eras of a question's eras; a question no longer
// in the bank falls back to the era of eventID.
func (in StatsInput) eras(questionID, eventID string) []int {
	var ids []string
	if in.Bank != nil {
		if i, ok := in.Bank.byID[questionID]; ok {
			ids = in.Bank.eras[i]
		}
	}
	if ids == nil && in.Timeline != nil {
		if e, ok := in.Timeline.Event(eventID); ok {
			ids = []string{e.Era}
		}
	}
	var out []int
	for i, e := range Eras {
		for _, id := range ids {
			if id == e.ID {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// streak finds the current and longest runs of days with reviews.
func streak(days []DayCount) Streak {
	var s Streak
	last := len(days) - 1
	s.ReviewedToday = days[last].Count > 0
	i := last
	if !s.ReviewedToday {
		i--
	}
	for ; i >= 0 && days[i].Count > 0; i-- {
		s.Current++
	}
	s.Unbounded = i < 0
	run := 0
	for _, d := range days {
		if d.Count > 0 {
			run++
			s.Longest = max(s.Longest, run)
		} else {
			run = 0
		}
	}
	return s
}

// days lists n learner-days starting from today plus offset days.
func days(today time.Time, offset, n int) []DayCount {
	out := make([]DayCount, n)
	for i := range out {
		out[i].Start = addDays(today, offset+i)
	}
	return out
}

// addDays moves a day start by n calendar days, keeping 04:00 local across
// daylight-saving changes.
func addDays(dayStart time.Time, n int) time.Time {
	return time.Date(dayStart.Year(), dayStart.Month(), dayStart.Day()+n, DayStartHour, 0, 0, 0, dayStart.Location())
}

// dayDiff is the number of calendar days from day start a to day start b.
func dayDiff(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(da.Sub(db).Hours() / 24)
}
