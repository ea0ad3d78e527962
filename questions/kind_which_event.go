package questions

import (
	"fmt"
)

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
		return datable(c) && !overlaps(c.Date, period)
	}, nil)
	if len(ds) < distractorCount {
		return nil
	}
	return []Question{g.question(KindWhichEvent, id, []Event{e},
		fmt.Sprintf("Which of these happened in %s?", period.Human()),
		placeAnswer(id, e.Title, titles(ds)), []string{e.Title}, g.datedSentence(e)+dateFromRecord(e))}
}
