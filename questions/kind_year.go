package questions

import (
	"fmt"
	"slices"
	"strconv"
)

// yearQuestions: "In which year did this happen?"
func (g *generator) yearQuestions(e Event) []Question {
	if !datable(e) {
		return nil
	}
	id := questionID(KindYear, e.ID)
	years := g.yearDistractors(id, e, distractorCount)
	if len(years) < distractorCount {
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
		opts, []string{strconv.Itoa(e.Date.Year)}, g.datedSentence(e))}
}
