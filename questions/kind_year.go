package questions

import (
	"fmt"
	"slices"
	"strconv"
)

// Year questions ask the year of an event whose date is settled and stated
// by a quote shown with it (or by the record the event names). Wrong years
// lie within a few years of the answer and are never a year the event's
// own text or disputes mention (yearDistractors).
//
// yearQuestions: "In which year did this happen?"
func (g *generator) yearQuestions(e Event) []Question {
	if !datable(e) {
		return nil
	}
	if e.Date.Year <= firstYear || e.Date.Year >= g.maxYear {
		return nil // every wrong year would lie on one side: the answer would stand out
	}
	id := questionID(KindYear, e.ID)
	years := g.yearDistractors(id, e, distractorCount)
	if len(years) < distractorCount || !slices.ContainsFunc(years, func(y int) bool { return y < e.Date.Year }) &&
		!g.canFallBelow(e) {
		return nil
	}
	years = append(years, e.Date.Year)
	slices.Sort(years)
	opts := make([]string, len(years))
	for i, y := range years {
		opts[i] = strconv.Itoa(y)
	}
	return []Question{g.question(KindYear, id, []Event{e},
		fmt.Sprintf("In which year did this happen: %s?", quote(e.Title)),
		opts, []string{strconv.Itoa(e.Date.Year)}, g.datedSentence(e)+dateFromRecord(e))}
}

// canFallBelow reports whether any wrong year below the event's is
// possible; where none is, the answer would always be the earliest option.
func (g *generator) canFallBelow(e Event) bool {
	all := g.yearDistractors(questionID(KindYear, e.ID, "below"), e, 2*yearSpread)
	return slices.ContainsFunc(all, func(y int) bool { return y < e.Date.Year })
}
