package revision

import (
	"context"
	"slices"

	"sabaq/questions"
)

// PullPerEvent is the most cards of one event a pull brings into the queue:
// enough to go over the event again, not so many that one missed point
// fills a day's reviews.
const PullPerEvent = 2

// Pull brings the cards of the events into the learner's review queue, due
// now (within the day's limits, as any due card): for each event, the
// learner's cards of its questions, the longest unreviewed first, up to
// PullPerEvent; for an event they have no card of, its first question,
// which becomes the first new card they are offered. Cards stay due until
// they are next reviewed. It returns the questions pulled.
func (s *Service) Pull(ctx context.Context, who Learner, events []string) ([]string, error) {
	if len(events) == 0 {
		return nil, nil
	}
	now := s.Now()
	p, _, err := s.read(ctx, who, now)
	if err != nil {
		return nil, err
	}
	ids := choosePulls(events, func(ev string) []questions.Question {
		var qs []questions.Question
		for _, q := range s.bank.Select(questions.Filter{EventIDs: []string{ev}}) {
			if q.Sibling() == ev {
				qs = append(qs, q)
			}
		}
		return qs
	}, p.cards, PullPerEvent)
	if len(ids) == 0 {
		return nil, nil
	}
	if err := s.store.PullQuestions(ctx, who.ID, ids, now); err != nil {
		return nil, err
	}
	return ids, nil
}

// choosePulls picks the questions Pull pulls for each event, given the
// event's questions in bank order and the learner's cards.
func choosePulls(events []string, questionsOf func(event string) []questions.Question, cards []questions.CardRecord, perEvent int) []string {
	byID := make(map[string]questions.CardRecord, len(cards))
	for _, cr := range cards {
		byID[cr.QuestionID] = cr
	}
	seen := map[string]bool{}
	var out []string
	for _, ev := range events {
		if seen[ev] {
			continue
		}
		seen[ev] = true
		qs := questionsOf(ev)
		var studied []questions.CardRecord
		for _, q := range qs {
			if cr, ok := byID[q.ID]; ok {
				studied = append(studied, cr)
			}
		}
		if len(studied) == 0 {
			if len(qs) > 0 {
				out = append(out, qs[0].ID)
			}
			continue
		}
		slices.SortStableFunc(studied, func(a, b questions.CardRecord) int {
			return a.Card.LastReview.Compare(b.Card.LastReview)
		})
		for _, cr := range studied[:min(perEvent, len(studied))] {
			out = append(out, cr.QuestionID)
		}
	}
	return out
}
