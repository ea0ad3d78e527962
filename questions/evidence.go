package questions

import (
	"slices"
	"strings"
	"time"
)

// A question may key only what the learner can check: what a quote shown
// with the question states, or what the event's Record names a wider
// reference for. These helpers answer "does the evidence state it?".

// RecordDate and the actor ids are the keys of Event.Record.
const RecordDate = "date"

// statedPrecision is how much of the event's date its quotes (or the record)
// state: 0 when not even the year is stated.
//
// The record vouches for the year alone: a month or a day that no quote
// gives is never asked (a learner who read the sources could not know it,
// and the sources' own narrative sometimes puts events in another order).
func statedPrecision(e Event) Precision {
	best := quotedPrecision(e)
	if best == PrecisionNone && e.Record[RecordDate] != "" {
		best = PrecisionYear
	}
	return best
}

// quotedPrecision is how much of the event's date its quotes state.
func quotedPrecision(e Event) Precision {
	var best Precision
	for _, s := range e.Sources {
		if _, p, ok := dateIn(s.Quote, e.Date); ok && p.prec > best {
			best = p.prec
		}
		if best < PrecisionMonth && e.Date.Precision() >= PrecisionMonth && findYear(s.Quote, e.Date.Year) >= 0 &&
			findWord(s.Quote, time.Month(e.Date.Month).String()) >= 0 {
			best = PrecisionMonth
		}
		if best == PrecisionNone && findYear(s.Quote, e.Date.Year) >= 0 {
			best = PrecisionYear
		}
	}
	return min(best, e.Date.Precision())
}

// PrecisionNone is a date none of whose parts are stated.
const PrecisionNone Precision = 0

// askedDate is the event's date cut to what the evidence states.
func askedDate(e Event) Date {
	d := e.Date
	switch statedPrecision(e) {
	case PrecisionYear:
		d.Month, d.Day = 0, 0
	case PrecisionMonth:
		d.Day = 0
	}
	return d
}

// datable reports whether an event may be asked about by date: it happened
// at a time rather than over years, its date is settled, stated by a quote
// or the record, and its title does not give a year away.
func datable(e Event) bool {
	return !e.Trend && !e.Disputed(AspectDate) && len(yearsIn(e.Title)) == 0 && statedPrecision(e) >= PrecisionYear
}

// monthStated reports whether the evidence gives the event's month, so that
// it may be told apart from another event of the same year.
func monthStated(e Event) bool { return datable(e) && statedPrecision(e) >= PrecisionMonth }

// stated reports whether a quote shown with the event names the actor, or
// the record gives a reference for the actor's role.
func (g *generator) stated(e Event, a Actor) bool {
	if e.Record[a.ID] != "" {
		return true
	}
	for _, s := range e.Sources {
		if g.namedIn(s.Quote, a) {
			return true
		}
	}
	return false
}

// quoted reports whether a quote shown with the event names the actor.
func (g *generator) quoted(e Event, a Actor) bool {
	return slices.ContainsFunc(e.Sources, func(s Source) bool { return g.namedIn(s.Quote, a) })
}

// fromRecord is the sentence feedback adds when a key rests on the wider
// record rather than the five documents.
func fromRecord(e Event, key string) string {
	note := strings.TrimSpace(e.Record[key])
	if note == "" {
		return ""
	}
	return " The wider record: " + note
}

// dateFromRecord is fromRecord for the date. It is said even where a quote
// gives the year: the quote may be the very claim a dispute corrects.
func dateFromRecord(e Event) string { return fromRecord(e, RecordDate) }
