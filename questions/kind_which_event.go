package questions

import (
	"fmt"
)

// yearsMentioned are the years anything the timeline says of the event
// names: a second visit, the start of a withdrawal, a lease that ran out
// then. Such an event could be defended as happening in any of them.
func yearsMentioned(e Event) map[int]bool {
	texts := []string{e.Title, e.Summary, e.ToneReason}
	for _, v := range e.Roles {
		texts = append(texts, v)
	}
	for _, v := range e.Record {
		texts = append(texts, v)
	}
	for _, d := range e.Disputes {
		texts = append(texts, d.Note, d.Record)
		for _, c := range d.Claims {
			texts = append(texts, c.Statement)
		}
	}
	out := map[int]bool{}
	for _, t := range texts {
		for _, y := range yearsIn(t) {
			out[y] = true
		}
	}
	return out
}

// Which-event questions ask which of four events happened in a year. The
// period is always the calendar year: every distractor is dated, by the
// sources, in another year, so no option can also be right, and the answer
// never needs a month the sources do not give.
func (g *generator) whichEventQuestions(e Event) []Question {
	if !datable(e) {
		return nil
	}
	period := Date{Year: e.Date.Year}
	id := questionID(KindWhichEvent, e.ID)
	ds := g.eventDistractors(id, e, distractorCount, []string{e.Title}, func(c Event) bool {
		return g.datableOf[c.ID] && !overlaps(c.Date, period) && !g.mentioned[c.ID][e.Date.Year]
	}, nil)
	if len(ds) < distractorCount {
		return nil
	}
	return []Question{g.question(KindWhichEvent, id, []Event{e},
		fmt.Sprintf("Which of these happened in %s?", period.Human()),
		placeAnswer(id, e.Title, titles(ds)), []string{e.Title}, g.datedSentence(e)+dateFromRecord(e))}
}
