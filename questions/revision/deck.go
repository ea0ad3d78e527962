package revision

import (
	"context"
	"slices"

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
}

// AssignedSet is an assignment with the ids of its set's questions.
type AssignedSet struct {
	questions.Assignment
	QuestionIDs []string
}

// Has reports whether question id is in the deck.
func (d Deck) Has(id string) bool { return d.assignedIDs[id] || d.Timeline.Has(id) }

// Len is the number of questions in the deck.
func (d Deck) Len() int { return len(d.Assigned) + len(d.Timeline.Questions) }

// Questions lists the deck in queue order. Without assignments it is the
// shared timeline deck itself, which callers only read; with them, a slice
// of the caller's own.
func (d Deck) Questions() []questions.Question {
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
