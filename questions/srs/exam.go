package srs

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// DayStartHour is the hour a learner's day begins: a review at 01:00 still
// counts to the evening before, as it does in Anki.
const DayStartHour = 4

// DefaultZone is the learner time zone used when none is set.
const DefaultZone = "Asia/Karachi"

// TopUpDays is how many learner days before the exam hold the top-ups. A
// fixed window, not one proportional to each interval, so a learner can be
// told "the last three days are for revision"; a card reviewed inside it
// needs no top-up.
const TopUpDays = 3

// DefaultLocation is DefaultZone, or a fixed UTC+5 when the system has no
// time zone database (Pakistan has kept UTC+5 without daylight saving since
// 2009).
func DefaultLocation() *time.Location { return defaultLocation() }

// defaultLocation reads the zone database once, not on every request.
var defaultLocation = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation(DefaultZone); err == nil {
		return loc
	}
	return time.FixedZone("PKT", 5*60*60)
})

// DayStart is the start (04:00 in loc) of the learner day holding t.
func DayStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	y, m, d := t.Date()
	// time.Date, not Add(-24h), so a day with a clock change still starts
	// at 04:00.
	start := time.Date(y, m, d, DayStartHour, 0, 0, 0, loc)
	if t.Before(start) {
		start = time.Date(y, m, d-1, DayStartHour, 0, 0, 0, loc)
	}
	return start
}

// addDays moves a day start n learner days on, keeping 04:00 across clock
// changes.
func addDays(dayStart time.Time, n int) time.Time {
	y, m, d := dayStart.Date()
	return time.Date(y, m, d+n, DayStartHour, 0, 0, 0, dayStart.Location())
}

// dayNumber counts calendar days since 1970 for the date of a day start, so
// differences are whole days whatever the clock did in between.
func dayNumber(dayStart time.Time) int {
	y, m, d := dayStart.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / (24 * 60 * 60))
}

// CardInfo is one of the learner's cards in the deck, with the id the web
// layer knows it by.
type CardInfo struct {
	ID   string
	Card Card
}

// ExamInput is what PlanExam needs to know about one learner and one deck.
type ExamInput struct {
	// Cards are the cards the learner has been shown; cards still in state
	// New are ignored (count them in NewRemaining).
	Cards []CardInfo
	// NewRemaining counts the deck's cards not yet shown to the learner.
	NewRemaining int
	// NewToday counts the cards first shown today (learner day).
	NewToday int
	// NewLimit is the learner's daily limit of new cards: a ceiling that
	// exam mode never raises.
	NewLimit int
	// Exam is the exam date; its calendar date is read in its own location,
	// so time.Parse("2006-01-02", form value) gives the right day.
	Exam time.Time
	Now  time.Time
	// Location is the learner's time zone; nil means DefaultLocation.
	Location *time.Location
}

// TopUp is a pre-exam review of a card whose FSRS due date falls on or after
// the exam day, on the learner day starting at Day.
type TopUp struct {
	ID  string
	Day time.Time
}

// ExamPlan is what exam mode changes about one learner's days until the exam.
type ExamPlan struct {
	Exam        time.Time // start of the exam day, learner time
	Today       time.Time // start of today, learner time
	WindowStart time.Time // start of the first of the TopUpDays days before the exam
	DaysLeft    int       // learner days from today until the exam, today included
	// NewPerDay is the number of new cards to show each day: the learner's
	// limit, never more. When it cannot show every card by the exam, Unseen
	// says how many are left out and NewNeeded what limit would do.
	NewPerDay int
	// NewLeftToday is NewPerDay less the cards already shown today, at least 0.
	NewLeftToday int
	// NewRemaining is the input's count of cards not yet shown.
	NewRemaining int
	// NewNeeded is the smallest daily limit that shows every card by the
	// exam: ceil((cards not yet shown + cards shown today) / days left).
	NewNeeded int
	// Unseen counts the cards still not shown on exam morning at NewPerDay:
	// 0 when the limit covers the deck.
	Unseen int
	// TopUps holds every card needing a top-up, in review order: by day,
	// then largest share of interval still to run at the exam first.
	TopUps []TopUp
}

// PlanExam plans exam mode for one learner and deck; false when the exam is
// today or past, where there is nothing left to plan.
//
// The learner's daily new-card limit is a ceiling: the plan takes new cards
// at that limit and no faster, even when it leaves cards unseen on exam day
// (the plan says how many, and what limit would cover them). Raising the
// limit is the learner's choice, not the scheduler's.
//
// A card in review whose FSRS due date falls on or after the exam day gets
// one top-up in the last TopUpDays days before the exam, unless it was
// already reviewed inside that window. Top-ups are spread evenly over the
// window's days from today on (earlier days take the odd ones), ordered by
// the share of the card's interval still to run at the exam, (due − exam) /
// (due − last review), largest first: the card that will have decayed most
// by the exam gets the review nearest to it. A card due before the exam
// needs no top-up; its ordinary review comes first.
//
// Called again later the same day, the plan stays put: cards reviewed today
// that now fall due after the exam count towards today's share, and the
// order depends only on due dates and the exam.
func PlanExam(in ExamInput) (ExamPlan, bool) {
	loc := in.Location
	if loc == nil {
		loc = DefaultLocation()
	}
	y, m, d := in.Exam.Date()
	p := ExamPlan{
		Exam:         time.Date(y, m, d, DayStartHour, 0, 0, 0, loc),
		Today:        DayStart(in.Now, loc),
		NewRemaining: max(in.NewRemaining, 0),
	}
	p.DaysLeft = dayNumber(p.Exam) - dayNumber(p.Today)
	if p.DaysLeft <= 0 {
		return ExamPlan{}, false
	}
	p.WindowStart = addDays(p.Exam, -TopUpDays)

	newToday := max(in.NewToday, 0)
	limit := max(in.NewLimit, 0)
	// Count from the start of today, so the figure does not shrink as the
	// learner works through today's new cards.
	unseen := p.NewRemaining + newToday
	p.NewPerDay = limit
	p.NewLeftToday = max(p.NewPerDay-newToday, 0)
	p.NewNeeded = (unseen + p.DaysLeft - 1) / p.DaysLeft
	p.Unseen = max(p.NewRemaining-p.NewLeftToday-p.NewPerDay*(p.DaysLeft-1), 0)

	type need struct {
		id    string
		share float64
		due   time.Time
	}
	var needs []need
	done := 0 // cards covered today already, when today is in the window
	tomorrow := addDays(p.Today, 1)
	for _, c := range in.Cards {
		if c.Card.State != Review || c.Card.Due.Before(p.Exam) {
			continue
		}
		if !c.Card.LastReview.Before(p.WindowStart) {
			if !c.Card.LastReview.Before(p.Today) && c.Card.LastReview.Before(tomorrow) {
				done++
			}
			continue
		}
		needs = append(needs, need{id: c.ID, share: shareLeft(c.Card, p.Exam), due: c.Card.Due})
	}
	slices.SortFunc(needs, func(a, b need) int {
		if c := cmp.Compare(b.share, a.share); c != 0 {
			return c
		}
		if c := a.due.Compare(b.due); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})

	first := p.WindowStart
	if p.Today.After(first) {
		first = p.Today
	}
	days := dayNumber(p.Exam) - dayNumber(first)
	quota := spreadEvenly(len(needs)+done, days)
	if done > 0 {
		if done <= quota[0] {
			quota[0] -= done
		} else {
			quota[0] = 0
			copy(quota[1:], spreadEvenly(len(needs), days-1))
		}
	}
	p.TopUps = make([]TopUp, 0, len(needs))
	i := 0
	for day, q := range quota {
		start := addDays(first, day)
		for range q {
			p.TopUps = append(p.TopUps, TopUp{ID: needs[i].id, Day: start})
			i++
		}
	}
	return p, true
}

// shareLeft is the share of a card's interval still to run at the exam.
func shareLeft(c Card, exam time.Time) float64 {
	interval := c.Due.Sub(c.LastReview)
	if c.LastReview.IsZero() || interval <= 0 {
		interval = time.Duration(c.ScheduledDays) * 24 * time.Hour
	}
	if interval <= 0 {
		return 0
	}
	return float64(c.Due.Sub(exam)) / float64(interval)
}

// spread shares n items over days days as evenly as whole numbers allow,
// earlier days taking the odd ones.
func spreadEvenly(n, days int) []int {
	q := make([]int, max(days, 0))
	for i := range q {
		q[i] = n / days
		if i < n%days {
			q[i]++
		}
	}
	return q
}

// DueTopUps lists the ids of the top-ups whose day has come by now, in
// review order.
func (p ExamPlan) DueTopUps(now time.Time) []string {
	var ids []string
	for _, t := range p.TopUps {
		if t.Day.After(now) {
			break
		}
		ids = append(ids, t.ID)
	}
	return ids
}

// Forecast sums up the work before an exam for the home page.
type Forecast struct {
	Cards   int     // cards the exam covers
	Days    int     // learner days left, today included
	Reviews int     // reviews until the exam
	PerDay  int     // reviews a day, rounded up
	Recall  float64 // expected share of the cards recalled at the exam's start
}

// String reads like "856 cards, 10 days: about 95 reviews a day to reach
// about 97% on exam day". The share is rounded down, never overstated.
func (f Forecast) String() string {
	return fmt.Sprintf("%s, %s: about %s a day to reach about %d%% on exam day",
		countNoun(f.Cards, "card"), countNoun(f.Days, "day"), countNoun(f.PerDay, "review"), int(math.Floor(100*f.Recall+1e-9)))
}

func countNoun(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Forecast is the plan's work and expected recall.
func (p OptimalPlan) Forecast() Forecast {
	return Forecast{Cards: p.Cards, Days: p.DaysLeft, Reviews: p.Total(), PerDay: p.PerDay(), Recall: p.Share()}
}
