package questions

import (
	"fmt"
	"slices"
)

// whichEventQuestions: "Which of these happened in 1965?" The period is the
// month when another event shares the year and the date gives the month.
func (g *generator) whichEventQuestions(e Event) []Question {
	if !datable(e) {
		return nil
	}
	period := Date{Year: e.Date.Year}
	if e.Date.Precision() >= PrecisionMonth && slices.ContainsFunc(g.events, func(o Event) bool {
		return o.ID != e.ID && o.Date.Year == e.Date.Year
	}) {
		period.Month = e.Date.Month
	}
	id := questionID(KindWhichEvent, e.ID)
	ds := g.eventDistractors(id, e, distractorCount, []string{e.Title}, func(c Event) bool {
		return datable(c) && !overlaps(c.Date, period)
	}, nil)
	if len(ds) < distractorCount {
		return nil
	}
	return []Question{g.question(KindWhichEvent, id, []Event{e},
		fmt.Sprintf("Which of these happened in %s?", period.Human()),
		placeAnswer(id, e.Title, titles(ds)), []string{e.Title}, g.datedSentence(e))}
}
