package handlers

import (
	"context"

	"sabaq/db"
	"sabaq/questions"
)

// AuthoredSource is where teachers' items are read from at start-up.
type AuthoredSource interface {
	AllSetItems(ctx context.Context) ([]db.SetItem, error)
}

// LoadAuthored puts every teacher's item into the bank, so that they resolve
// by id like generated questions.
func LoadAuthored(ctx context.Context, src AuthoredSource, bank *questions.Bank, tl *questions.Timeline) error {
	items, err := src.AllSetItems(ctx)
	if err != nil {
		return err
	}
	qs := make([]questions.Question, 0, len(items))
	for _, it := range items {
		qs = append(qs, authoredQuestion(tl, it))
	}
	bank.PutAuthored(qs...)
	return nil
}

// authoredQuestion converts a stored item, citing its linked event's sources.
func authoredQuestion(tl *questions.Timeline, it db.SetItem) questions.Question {
	q := it.Item.Question(it.SetID, it.ID)
	for _, id := range q.EventIDs {
		if e, ok := tl.Event(id); ok {
			q.Sources = append(q.Sources, e.Sources...)
		}
	}
	return q
}
