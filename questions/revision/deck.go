package revision

import (
	"context"
	"slices"
	"strings"
	"time"

	"sabaq/questions"
)

// Deck is what a learner revises: the questions of the sets assigned to
// their classes first (soonest due first), then the timeline's questions
// filtered by their settings, in bank order.
type Deck struct {
	Assigned []questions.Question // questions of assigned sets, first
	// Timeline is the bank's shared deck for the learner's filters,
	// selected once, not per request; it must not be modified.
	Timeline *questions.Deck
	// Assignments are the learner's assignments, each with its set's
	// question ids, whether or not the bank has them all.
	Assignments []AssignedSet
	assignedIDs map[string]bool
	// Pulled are questions pulled into the queue (see Service.Pull) that
	// have no card yet: they come first among new cards, whatever the
	// learner's filters. pulledIDs holds every pulled question, card or not.
	Pulled    []questions.Question
	pulledIDs map[string]bool
	outside   int // pulled questions the filters and assignments leave out
}

// AssignedSet is an assignment with the ids of its set's questions.
type AssignedSet struct {
	questions.Assignment
	QuestionIDs []string
}

// Has reports whether question id is in the deck.
func (d Deck) Has(id string) bool {
	return d.assignedIDs[id] || d.Timeline.Has(id) || d.pulledIDs[id]
}

// Len is the number of questions in the deck.
func (d Deck) Len() int { return len(d.Assigned) + len(d.Timeline.Questions) + d.outside }

// Questions lists the deck in queue order. Without assignments it is the
// shared timeline deck itself, which callers only read; with them, a slice
// of the caller's own.
func (d Deck) Questions() []questions.Question {
	if len(d.Pulled) > 0 {
		first := make(map[string]bool, len(d.Pulled))
		out := slices.Clone(d.Pulled)
		for _, q := range d.Pulled {
			first[q.ID] = true
		}
		for _, part := range [][]questions.Question{d.Assigned, d.Timeline.Questions} {
			for _, q := range part {
				if !first[q.ID] {
					out = append(out, q)
				}
			}
		}
		return out
	}
	if len(d.Assigned) == 0 {
		return d.Timeline.Questions
	}
	return append(slices.Clip(d.Assigned), d.Timeline.Questions...)
}

// Deck assembles a learner's deck for their settings.
func (s *Service) Deck(ctx context.Context, who Learner, rs questions.ReviewSettings) (Deck, error) {
	d := Deck{Timeline: s.bank.Deck(rs.Eras, rs.Themes)}
	if !who.student() {
		return d, nil
	}
	assigned, err := s.store.StudentAssignments(ctx, who.AccountID)
	if err != nil {
		return d, err
	}
	bySet := map[int64][]string{}
	for _, as := range assigned {
		ids, ok := bySet[as.SetID]
		if !ok {
			// A set assigned to two of the learner's classes joins the deck once.
			if ids, err = s.store.SetQuestionIDs(ctx, as.SetID); err != nil {
				return d, err
			}
			bySet[as.SetID] = ids
			for _, id := range ids {
				if q, ok := s.bank.Question(id); ok {
					d.Assigned = append(d.Assigned, q)
				}
			}
		}
		d.Assignments = append(d.Assignments, AssignedSet{Assignment: as, QuestionIDs: ids})
	}
	if len(d.Assigned) > 0 {
		d.assignedIDs = make(map[string]bool, len(d.Assigned))
		for _, q := range d.Assigned {
			d.assignedIDs[q.ID] = true
		}
	}
	return d, nil
}

// withPulls adds the pulled questions to the deck. A pulled card whose
// schedule has it due later, and which has not been reviewed since it was
// pulled, is due from the time it was pulled: cards is changed in place.
// Pulled questions with no card come first among new ones.
func (d Deck) withPulls(bank *questions.Bank, pulls map[string]time.Time, cards []questions.CardRecord) Deck {
	if len(pulls) == 0 {
		return d
	}
	d.pulledIDs = make(map[string]bool, len(pulls))
	for id := range pulls {
		if _, ok := bank.Question(id); !ok {
			continue // gone from the bank
		}
		d.pulledIDs[id] = true
		if !d.assignedIDs[id] && !d.Timeline.Has(id) {
			d.outside++
		}
	}
	d.Pulled = nil
	hasCard := make(map[string]bool, len(pulls))
	for i := range cards {
		at, ok := pulls[cards[i].QuestionID]
		if !ok {
			continue
		}
		hasCard[cards[i].QuestionID] = true
		c := &cards[i].Card
		if c.LastReview.Before(at) && c.Due.After(at) {
			c.Due = at
		}
	}
	for id := range d.pulledIDs {
		if !hasCard[id] {
			q, _ := bank.Question(id)
			d.Pulled = append(d.Pulled, q)
		}
	}
	// The latest pulled first, then by id.
	slices.SortFunc(d.Pulled, func(a, b questions.Question) int {
		if c := pulls[a.ID].Compare(pulls[b.ID]); c != 0 {
			return -c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return d
}
