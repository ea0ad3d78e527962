package questions

import (
	"cmp"
	"slices"
	"strings"
)

// Order questions ask four events in date order. A learner can only order
// what the sources date: every event's date is settled and stated, and any
// two events are a calendar year apart unless the sources give both their
// months (and the months differ).

// orderable reports whether an event may appear in an ordering question:
// its year is stated by a quote (the record alone is not enough: the
// sources' own narrative sometimes tells events in another order).
func orderable(e Event) bool { return datable(e) && quotedPrecision(e) >= PrecisionYear }

// distinguishable reports whether a learner can tell which of two events
// came first from what the sources state.
func distinguishable(a, b Event) bool {
	if a.Date.Year != b.Date.Year {
		return true
	}
	return monthStated(a) && monthStated(b) && !overlaps(askedDate(a), askedDate(b))
}

// orderQuestions anchor one ordering question on the event: it and three
// related events whose dates cannot be confused with each other.
func (g *generator) orderQuestions(anchor Event) []Question {
	if !orderable(anchor) {
		return nil
	}
	var cs []candidate[Event]
	for _, c := range g.events {
		if c.ID == anchor.ID || !g.orderableOf[c.ID] {
			continue
		}
		score := yearsBetween(anchor, c) + themePenalty(anchor, c)
		if c.Era != anchor.Era {
			score += 2
		}
		cs = append(cs, candidate[Event]{value: c, key: c.ID, score: score})
	}
	slices.SortStableFunc(cs, func(a, b candidate[Event]) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.key, b.key))
	})
	chosen := []Event{anchor}
	for _, c := range cs {
		if len(chosen) == orderLength {
			break
		}
		if !slices.ContainsFunc(chosen, func(o Event) bool { return !distinguishable(o, c.value) || o.Title == c.value.Title }) {
			chosen = append(chosen, c.value)
		}
	}
	if len(chosen) < orderLength {
		return nil
	}
	slices.SortStableFunc(chosen, func(a, b Event) int { return a.Date.Compare(b.Date) })
	ids := make([]string, len(chosen))
	parts := make([]string, len(chosen))
	for i, e := range chosen {
		ids[i] = e.ID
		parts[i] = quote(e.Title) + " (" + askedDate(e).Human() + ")"
	}
	id := questionID(KindOrder, ids...)
	answer := titles(chosen)
	return []Question{g.question(KindOrder, id, chosen,
		"Put these in chronological order, earliest first.",
		scramble(id, answer), answer, "In order: "+strings.Join(parts, ", ")+".")}
}

// scramble orders the items by a hash of the question id, never leaving
// them all in their original order.
func scramble(id string, items []string) []string {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b string) int {
		return cmp.Compare(stableHash(id, a), stableHash(id, b))
	})
	if len(out) > 1 && slices.Equal(out, items) {
		out = append(out[1:], out[0])
	}
	return out
}
