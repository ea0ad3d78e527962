package sets

import (
	"slices"
	"time"

	"sabaq/questions"
)

// UndoDelete is how long a deleted question can be brought back; deleting
// another question of the same set ends it sooner.
const UndoDelete = 10 * time.Minute

// Slot is an item's place in a set's order. A deleted item that can still
// be brought back keeps its slot, so that it comes back where it was.
type Slot struct {
	ID      int64
	Deleted bool
}

// Move puts the item id at place to (1 for the first) among the items not
// deleted, and returns the whole order with it moved; deleted items keep
// their places among the others. Moving an item to where it already is
// returns the order unchanged, so that a repeated move does nothing more.
func Move(order []Slot, id int64, to int) ([]Slot, error) {
	var live []int64
	for _, s := range order {
		if !s.Deleted {
			live = append(live, s.ID)
		}
	}
	from := slices.Index(live, id)
	if from < 0 {
		return nil, questions.Errorf(questions.ENOTFOUND, "There is no such question in this set.")
	}
	if to < 1 || to > len(live) {
		return nil, questions.Errorf(questions.EINVALID, "A question can only move to a place from 1 to %d.", len(live))
	}
	if to-1 == from {
		return order, nil
	}
	out := slices.DeleteFunc(slices.Clone(order), func(s Slot) bool { return s.ID == id })
	others := slices.Delete(live, from, from+1)
	at := len(out) // after every other item
	if to-1 < len(others) {
		// Just before the item now at that place.
		at = slices.IndexFunc(out, func(s Slot) bool { return s.ID == others[to-1] })
	}
	return slices.Insert(out, at, Slot{ID: id}), nil
}
