package srs

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
	"time"
)

// This file plans the last stretch before an exam for the most cards
// recalled on exam morning for the reviews the learner can do. Before the
// stretch (the last PlanWindowDays days), cards are reviewed as FSRS
// schedules them at the learner's desired retention; inside it, the plan,
// not the due dates, chooses which of the exam's cards are reviewed on
// which day, and the retention sets how much a review must bring (see
// MinGainFor). It replaces the fixed rule of PlanExam (one top-up in the
// last TopUpDays days), which `sabaq simulate` shows it beats on recall
// per review at every retention, with either kind of simulated learner.

// PlanWindowDays is the last stretch before an exam that the exam plan
// chooses the reviews of. In `sabaq simulate` (exam on day 30) a window of
// 30 days did better than one of 14, which left the first half to the due
// dates: the plan spends reviews where they count for the exam. It is
// also the cost of a plan, which grows with the window's days.
const PlanWindowDays = 30

// ExamHour is when the plan takes an exam to start, in the learner's
// time: 09:00, when most papers begin.
const ExamHour = 9 * time.Hour

// MaxPlannedReviews is the most reviews the plan gives one card in the
// window: with the final one, enough to rebuild a card that is slipping.
const MaxPlannedReviews = 4

// OptimalInput is what PlanExamOptimal needs: the exam plan's input for
// the exam's cards and the learner's daily review limit.
type OptimalInput struct {
	ExamInput
	// ReviewsPerDay caps the planned reviews of cards in review on each
	// day, as the learner's daily review limit caps the queue; 0 means no
	// cap. Learning steps of new and lapsed cards are not capped.
	ReviewsPerDay int
	// Busy counts, for each day from today, reviews the limit already has
	// to take for cards outside the exam (they come first).
	Busy []int
	// MinGain is the least rise in cards expected recalled on exam
	// morning that a review must bring to be planned; 0 means
	// MinGainFor(the scheduler's desired retention).
	MinGain float64
}

// MinGainFor is the least gain a planned review must bring at a desired
// retention r: (1−r)²/2 of a card, so 0.02 at 0.80, 0.005 at 0.90 and
// 0.00125 at 0.95. A learner who asks for more retention accepts reviews
// that bring less, and so works more and recalls more, as they do every
// other day. The square spreads the retentions a learner can choose over
// the range that matters: in `sabaq simulate` 0.80 gives the most recall
// per review and 0.95 the most recall for under 2,000 reviews.
func MinGainFor(retention float64) float64 { return (1 - retention) * (1 - retention) / 2 }

// PlannedReview is one review the plan chooses: card ID on the learner day
// Day days after today (0 is today).
type PlannedReview struct {
	ID  string
	Day int
}

// OptimalPlan is the exam plan from today to the exam.
type OptimalPlan struct {
	ExamPlan
	// WindowDay is the first day (from today) the plan chooses reviews on:
	// before it, cards follow their FSRS due dates. 0 when today is in the
	// window.
	WindowDay int
	// Planned lists the chosen reviews of cards seen by today, by day; the
	// reviews of cards still to come are counted in Reviews.
	Planned []PlannedReview
	// Reviews counts every review each day until the exam, learning steps
	// and the due reviews before the window included (every answer taken as
	// expected: Good when recalled); Capped counts those of cards in
	// review, which the daily limit caps.
	Reviews, Capped []int
	// Recall is the expected number of the exam's cards recalled at the
	// start of the exam day; Cards is how many cards the exam covers.
	Recall float64
	Cards  int
	// Introduced counts the new cards the plan shows before the exam, on
	// NewDays days, at most MaxIntake on one.
	Introduced, NewDays, MaxIntake int
}

// Total is the reviews the plan expects until the exam.
func (p OptimalPlan) Total() int {
	n := 0
	for _, r := range p.Reviews {
		n += r
	}
	return n
}

// PerDay is Total a day, rounded up.
func (p OptimalPlan) PerDay() int {
	if p.DaysLeft <= 0 {
		return 0
	}
	return (p.Total() + p.DaysLeft - 1) / p.DaysLeft
}

// Share is Recall as a share of the exam's cards; 0 for none.
func (p OptimalPlan) Share() float64 {
	if p.Cards == 0 {
		return 0
	}
	return p.Recall / float64(p.Cards)
}

// TodayIDs returns the ids of the cards planned for today, in plan order.
func (p OptimalPlan) TodayIDs() []string {
	var ids []string
	for _, r := range p.Planned {
		if r.Day > 0 {
			break
		}
		ids = append(ids, r.ID)
	}
	return ids
}

// planItem is a card the plan may review in the window: its memory and
// last review where the window (or today) finds it.
type planItem struct {
	id      string
	mem     memory
	lastDay float64 // last review, in days from the start of today
	from    int     // first day it may be planned on
	weight  float64 // how many identical cards it stands for
	days    []int   // planned days, sorted
	value   float64 // expected recall at the exam, per card, with days
	version int
	// prefix[j] are the outcome branches after the first j planned days.
	prefix [][]branch
}

// PlanExamOptimal plans the reviews from today to the exam: false when the
// exam is today or past.
//
// Cards are followed to the window as FSRS schedules them, every review
// Good; new cards come at the learner's daily limit (never more), through
// their learning steps. In the window, the plan is greedy: it starts from
// no reviews and adds, one at a time, the review (a card and a day) that
// raises the expected cards recalled at the exam's start the most, until
// no review left raises it by MinGain, each day's reviews staying within
// the daily limit. A card's expected recall is worked out by FSRS-6 under
// the scheduler's weights, over both outcomes of each planned review
// (recalled, or forgotten and relearnt the same day). Called each day, the
// plan starts again from the cards as they are, so a card forgotten today
// is planned afresh tomorrow.
func (s *Scheduler) PlanExamOptimal(in OptimalInput) (OptimalPlan, bool) {
	base, ok := PlanExam(in.ExamInput)
	if !ok {
		return OptimalPlan{}, false
	}
	base.TopUps = nil
	p := OptimalPlan{ExamPlan: base}
	p.WindowDay = max(p.DaysLeft-PlanWindowDays, 0)
	p.Reviews = make([]int, p.DaysLeft)
	p.Capped = make([]int, p.DaysLeft)
	minGain := in.MinGain
	if minGain <= 0 {
		minGain = MinGainFor(s.settings.DesiredRetention)
	}
	plain := s
	if s.settings.Fuzz {
		ps := s.settings
		ps.Fuzz = false
		if f, err := New(ps); err == nil {
			plain = f
		}
	}
	pl := &planner{s: plain, p: &p, offset: in.Now.Sub(p.Today), m: newPlanModel(newModel([21]float64(plain.f.Parameters.W)))}
	pl.offsetDays = pl.offset.Hours() / 24
	pl.examDay = p.Exam.Add(ExamHour-DayStartHour*time.Hour).Sub(p.Today).Hours() / 24

	var items []*planItem
	for _, c := range in.Cards {
		if c.Card.State == StateNew {
			continue
		}
		p.Cards++
		card := c.Card
		if c.Card.State == Review && p.WindowDay > 0 {
			card = pl.follow(card, in.Now, p.WindowDay, 1)
		} else if c.Card.State != Review {
			// Still in its steps: they finish today, every answer Good.
			card = pl.steps(card, in.Now, 1)
		}
		items = append(items, pl.item(c.ID, card, 1))
	}
	left := p.NewRemaining
	intake := p.NewLeftToday
	for day := 0; day < p.DaysLeft && left > 0; day++ {
		k := min(intake, left)
		intake = p.NewPerDay
		if k == 0 {
			continue
		}
		left -= k
		p.Cards += k
		p.Introduced += k
		p.NewDays++
		p.MaxIntake = max(p.MaxIntake, k)
		at := pl.at(day)
		card := pl.steps(NewCard(at), at, k)
		if day+1 < p.WindowDay {
			card = pl.follow(card, card.Due, p.WindowDay, k)
		}
		it := pl.item("", card, float64(k))
		it.from = max(day+1, p.WindowDay)
		items = append(items, it)
	}
	p.Cards += left // never shown: counted as forgotten

	caps := make([]int, p.DaysLeft)
	for d := range caps {
		caps[d] = -1 // no cap
		if in.ReviewsPerDay > 0 {
			busy := 0
			if d < len(in.Busy) {
				busy = in.Busy[d]
			}
			caps[d] = max(in.ReviewsPerDay-busy-p.Capped[d], 0)
		}
	}
	for _, it := range items {
		pl.settle(it)
	}
	items = pl.greedy(items, caps, minGain)

	for _, it := range items {
		p.Recall += it.weight * it.value
		for _, d := range it.days {
			n := int(it.weight)
			p.Reviews[d] += n
			p.Capped[d] += n
			if it.id != "" {
				p.Planned = append(p.Planned, PlannedReview{ID: it.id, Day: d})
			}
		}
	}
	slices.SortStableFunc(p.Planned, func(a, b PlannedReview) int { return cmp.Compare(a.Day, b.Day) })
	return p, true
}

// planner follows cards to the window and plans the window.
type planner struct {
	s      *Scheduler
	p      *OptimalPlan
	m      planModel
	offset time.Duration
	// offsetDays and examDay are the session's time of day and the exam's
	// start, in days from the start of today.
	offsetDays, examDay float64
}

// at is the moment of day d's session: as far into the day as now is
// into today.
func (pl *planner) at(d int) time.Time { return addDays(pl.p.Today, d).Add(pl.offset) }

// dayOf is the index from today of the learner day holding t.
func (pl *planner) dayOf(t time.Time) int {
	d := dayNumber(DayStart(t, pl.p.Today.Location())) - dayNumber(pl.p.Today)
	return min(max(d, 0), len(pl.p.Reviews)-1)
}

// count adds k reviews of a card in state st on the day holding t.
func (pl *planner) count(t time.Time, st State, k int) {
	d := pl.dayOf(t)
	pl.p.Reviews[d] += k
	if st == Review {
		pl.p.Capped[d] += k
	}
}

// steps takes a card through its learning steps from now, every answer
// Good, counting k reviews at each.
func (pl *planner) steps(c Card, now time.Time, k int) Card {
	at := now
	for n := 0; c.State != Review && n < 10; n++ {
		if c.Due.After(at) {
			at = c.Due
		}
		pl.count(at, c.State, k)
		next, err := pl.s.Review(c, at, Good)
		if err != nil {
			break
		}
		c = next
	}
	return c
}

// follow reviews k identical cards in review Good each time they fall due,
// from now until the window opens on day window.
func (pl *planner) follow(c Card, now time.Time, window int, k int) Card {
	end := addDays(pl.p.Today, window)
	at := now
	if c.Due.After(at) {
		at = c.Due
	}
	for n := 0; at.Before(end) && n < 100; n++ {
		next, ok := pl.s.goodReview(c, at)
		if !ok {
			var err error
			if next, err = pl.s.Review(c, at, Good); err != nil {
				break
			}
		}
		pl.count(at, c.State, k)
		c = next
		if c.Due.After(at) {
			at = c.Due
		}
	}
	return c
}

func (pl *planner) item(id string, c Card, weight float64) *planItem {
	it := &planItem{id: id, mem: memory{s: c.Stability, d: c.Difficulty}, from: pl.p.WindowDay, weight: weight}
	if !c.LastReview.IsZero() {
		it.lastDay = c.LastReview.Sub(pl.p.Today).Hours() / 24
	}
	return it
}

// branch is one outcome path of a card's planned reviews: its
// probability, memory and last review, in days from the start of today,
// and the memory's powers once worked out (ready).
type branch struct {
	p, last float64
	mem     memory
	pw      powers
	ready   bool
}

// relearnStep is how long after a lapse its relearning step comes, in days.
const relearnStep = 10.0 / (24 * 60)

// review applies a review at day-time at to every branch: each splits in
// two, recalled (taken as Good: a mix of Hard, Good and Easy by their usual
// shares planned no differently in simulation, at three times the cost) or
// forgotten and relearnt at the step.
//
// The forgotten outcomes of one review are merged into one branch (their
// stabilities averaged geometrically and difficulties arithmetically,
// weighted by probability): they
// were all relearnt at the same moment, from memories that differ little
// after a lapse. So k planned reviews make k+1 branches, not 2^k.
func (pl *planner) review(bs []branch, at float64) []branch {
	var lost, s, d float64
	for i := range bs {
		b := &bs[i]
		elapsed := at - b.last
		if elapsed <= 0 {
			continue // reviewed at this very moment already
		}
		if !b.ready {
			b.pw, b.ready = pl.m.prep(b.mem), true
		}
		r, good, lapse := pl.m.outcomes(b.mem, b.pw, elapsed)
		if f := b.p * (1 - r); f > 0 {
			lost += f
			s += f * math.Log(lapse.s)
			d += f * lapse.d
		}
		*b = branch{p: b.p * r, mem: good, last: at}
	}
	if lost > 0 {
		bs = append(bs, branch{p: lost, mem: memory{s: math.Exp(s / lost), d: d / lost}, last: at + relearnStep})
	}
	return bs
}

// prepAll works out the powers of every branch's memory, for branches that
// value reviews on many days.
func (pl *planner) prepAll(bs []branch) {
	for i := range bs {
		if !bs[i].ready {
			bs[i].pw, bs[i].ready = pl.m.prep(bs[i].mem), true
		}
	}
}

// atDay is the moment of day d's session in days from the start of today.
func (pl *planner) atDay(d int) float64 { return float64(d) + pl.offsetDays }

// settle works out an item's value and the branches after each prefix of
// its planned days, which value starts from.
func (pl *planner) settle(it *planItem) {
	it.prefix = it.prefix[:0]
	bs := []branch{{p: 1, mem: it.mem, last: it.lastDay}}
	pl.prepAll(bs)
	it.prefix = append(it.prefix, bs)
	for _, d := range it.days {
		bs = pl.review(slices.Clone(bs), pl.atDay(d))
		pl.prepAll(bs)
		it.prefix = append(it.prefix, bs)
	}
	it.value = pl.atExam(bs)
}

// atExam is the expected recall at the exam's start over the branches.
func (pl *planner) atExam(bs []branch) float64 {
	sum := 0.0
	for _, b := range bs {
		sum += b.p * pl.m.recall(max(pl.examDay-b.last, 0), b.mem.s)
	}
	return sum
}

// value is a card's expected recall at the exam's start with its planned
// days and a review on day extra too (settle keeps the prefixes).
func (pl *planner) value(it *planItem, extra int) float64 {
	var buf [MaxPlannedReviews + 2]branch
	j, _ := slices.BinarySearch(it.days, extra)
	bs := append(buf[:0], it.prefix[j]...)
	bs = pl.review(bs, pl.atDay(extra))
	for _, d := range it.days[j:] {
		bs = pl.review(bs, pl.atDay(d))
	}
	return pl.atExam(bs)
}

// candidate is a review the greedy plan may add.
type candidate struct {
	gain    float64 // rise in expected cards recalled, for all the item's cards
	item    *planItem
	day     int
	version int
}

type candidates []candidate

func (c candidates) Len() int           { return len(c) }
func (c candidates) Less(i, j int) bool { return c[i].gain > c[j].gain }
func (c candidates) Swap(i, j int)      { c[i], c[j] = c[j], c[i] }
func (c *candidates) Push(x any)        { *c = append(*c, x.(candidate)) }
func (c *candidates) Pop() any {
	old := *c
	x := old[len(old)-1]
	*c = old[:len(old)-1]
	return x
}

// candidateDay reports whether the plan weighs a review on day d of days,
// for a card it may review from day from: every day of the last week, the
// first day, and every other day before (a review's worth changes slowly
// far from the exam; near it, by the day).
func candidateDay(d, from, days int) bool {
	left := days - 1 - d
	return d == from || left < 7 || left%2 == 0
}

// greedy adds reviews by gain per review until none gains minGain a card,
// and returns the items, with any group of identical cards that a day's
// cap split in two; caps[d] < 0 means day d has no cap.
func (pl *planner) greedy(items []*planItem, caps []int, minGain float64) []*planItem {
	var h candidates
	push := func(it *planItem) {
		if len(it.days) >= MaxPlannedReviews || 1-it.value < minGain {
			return // no review can bring minGain
		}
		for d := it.from; d < len(caps); d++ {
			if slices.Contains(it.days, d) || caps[d] == 0 || !candidateDay(d, it.from, len(caps)) {
				continue
			}
			if g := pl.value(it, d) - it.value; g >= minGain {
				heap.Push(&h, candidate{gain: g, item: it, day: d, version: it.version})
			}
		}
	}
	for _, it := range items {
		push(it)
	}
	for h.Len() > 0 {
		c := heap.Pop(&h).(candidate)
		it := c.item
		if c.version != it.version {
			// Made before the card's plan last changed: weigh it again and
			// put it back (lazily, as CELF does: most stale candidates
			// never reach the top, so are never weighed again).
			if len(it.days) < MaxPlannedReviews && caps[c.day] != 0 && !slices.Contains(it.days, c.day) {
				if g := pl.value(it, c.day) - it.value; g >= minGain {
					heap.Push(&h, candidate{gain: g, item: it, day: c.day, version: it.version})
				}
			}
			continue
		}
		n := int(it.weight)
		if caps[c.day] >= 0 && caps[c.day] < n {
			if caps[c.day] == 0 {
				continue
			}
			// A group of identical cards that no longer fits: plan as many
			// as fit, the rest stay a group of their own.
			rest := *it
			rest.weight = float64(n - caps[c.day])
			rest.days = slices.Clone(it.days)
			rest.prefix = slices.Clone(it.prefix)
			rest.version = 0
			it.weight = float64(caps[c.day])
			n = caps[c.day]
			r := &rest
			items = append(items, r)
			push(r)
		}
		it.days = append(it.days, c.day)
		slices.Sort(it.days)
		pl.settle(it)
		it.version++
		if caps[c.day] > 0 {
			caps[c.day] -= n
		}
	}
	return items
}
