package revision

import (
	"context"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// Counts are a learner's figures, the same on every page that shows them
// (home, /review, /progress, their class page and their teacher's roster).
// Every figure but ReviewedToday is of the learner's deck: cards of
// questions outside it (their filters leave them out) wait and are not
// counted.
type Counts struct {
	// New counts the deck's questions not yet studied: no card.
	New int
	// Studied counts the deck's questions with a card: studied at least
	// once, by review, practice or mock exam. Studied + New is the deck.
	Studied int
	// Learning counts the deck's cards in their learning or relearning
	// steps (minutes apart), due now or not.
	Learning int
	// DueNow counts the deck's cards due now or overdue, in any state.
	DueNow int
	// DueToday counts the deck's cards due before the learner's day ends
	// (04:00 in their time zone), DueNow included.
	DueToday int
	// ReviewedToday counts the reviews since the learner's day began, from
	// every source (review queue, practice, mock exams), not undone.
	ReviewedToday int
	// Assignments is, for each of the learner's assignments, how many of
	// its set's questions they have studied.
	Assignments []AssignmentCount
	// Until is when the clock alone next changes these figures: a card
	// coming due, or the learner's next day.
	Until time.Time
}

// AssignmentCount is how much of an assignment's set a learner has studied.
type AssignmentCount struct {
	questions.Assignment
	// Studied counts the set's questions with a card (made by a review
	// not undone, from any source); Items is the set's size.
	Studied, Items int
}

// Pct is the share studied as a whole percentage, rounded down.
func (a AssignmentCount) Pct() int {
	if a.Items == 0 {
		return 0
	}
	return 100 * a.Studied / a.Items
}

// ClassStudied sums the assignments of one class: the roster's "Assigned
// studied".
func (c Counts) ClassStudied(classID int64) (studied, items int) {
	for _, a := range c.Assignments {
		if a.ClassID == classID {
			studied, items = studied+a.Studied, items+a.Items
		}
	}
	return studied, items
}

// CountInput is what a learner's counts are computed from.
type CountInput struct {
	Now    time.Time
	DayEnd time.Time // the start of the learner's next day
	Cards  []questions.CardRecord
	Deck   Deck
	Today  questions.DayCounts
}

// Count computes a learner's counts. It is the one definition of every
// figure: each page that shows one gets it from here.
func Count(in CountInput) Counts {
	c := Counts{ReviewedToday: in.Today.All, Until: in.DayEnd}
	var known map[string]bool // for the assignments, which need cards outside the deck too
	if len(in.Deck.Assignments) > 0 {
		known = make(map[string]bool, len(in.Cards))
	}
	for _, cr := range in.Cards {
		if known != nil {
			known[cr.QuestionID] = true
		}
		if !in.Deck.Has(cr.QuestionID) {
			continue
		}
		c.Studied++
		card := cr.Card
		if card.State == srs.Learning || card.State == srs.Relearning {
			c.Learning++
		}
		switch {
		case !card.Due.After(in.Now):
			c.DueNow++
			c.DueToday++
		case card.Due.Before(in.DayEnd):
			c.DueToday++
			c.Until = questions.Earliest(c.Until, card.Due)
		}
	}
	c.New = in.Deck.Len() - c.Studied
	for _, as := range in.Deck.Assignments {
		ac := AssignmentCount{Assignment: as.Assignment, Items: len(as.QuestionIDs)}
		for _, id := range as.QuestionIDs {
			if known[id] {
				ac.Studied++
			}
		}
		c.Assignments = append(c.Assignments, ac)
	}
	return c
}

// Counts reads what a learner's counts are made from and computes them at
// the service's now. The review queue computes the same from what it reads
// (see Queue), so the review page need not read twice.
func (s *Service) Counts(ctx context.Context, who Learner) (Counts, error) {
	p, _, err := s.read(ctx, who, s.Now())
	if err != nil {
		return Counts{}, err
	}
	return p.counts(), nil
}
