package questions

import (
	"fmt"
	"slices"
	"strings"
)

// whoQuestions ask for each person of an event with a known country, and
// for each state or organisation other than Pakistan and Moscow.
func (g *generator) whoQuestions(e Event) []Question {
	if e.Disputed(AspectActors) {
		return nil
	}
	var out []Question
	for _, aid := range e.Actors {
		a, ok := g.t.Actor(aid)
		if !ok || (a.Kind == Person && a.Country == "") || (a.Kind == State && slices.Contains(principalStates, a.ID)) {
			continue
		}
		shown, blanked := g.blankNames(e.Title, a, e.Date.Year)
		if strings.Count(shown, Blank) > 1 {
			continue // "____ renamed ____" asks nothing clear
		}
		var prompt string
		switch {
		case a.Kind == Person && blanked:
			prompt = fmt.Sprintf("Which %s fills the blank: %s?", g.figure(a.Country), quote(shown))
		case a.Kind == Person:
			prompt = fmt.Sprintf("Which %s was involved in this: %s?", g.figure(a.Country), quote(shown))
		case a.Kind == State && blanked:
			prompt = fmt.Sprintf("Which state fills the blank: %s?", quote(shown))
		case a.Kind == State:
			prompt = fmt.Sprintf("Apart from Pakistan and Moscow, which state was involved in this: %s?", quote(shown))
		case blanked:
			prompt = fmt.Sprintf("Which organisation fills the blank: %s?", quote(shown))
		default:
			prompt = fmt.Sprintf("Which organisation was involved in this: %s?", quote(shown))
		}
		id := questionID(KindWho, e.ID, a.ID)
		ds := g.actorDistractors(id, e, a, e.Title+" "+e.Summary, distractorCount)
		if len(ds) < distractorCount {
			continue
		}
		names := make([]string, len(ds))
		for i, d := range ds {
			names[i] = d.Name
		}
		out = append(out, g.question(KindWho, id, []Event{e}, prompt, placeAnswer(id, a.Name, names), []string{a.Name}, g.involved(a, e)))
	}
	return out
}

// involved is the explanation that an actor took part in an event.
func (g *generator) involved(a Actor, e Event) string {
	if a.Kind == Person {
		return fmt.Sprintf("%s, %s, was involved in %s%s.", a.Name, a.Role, quote(e.Title), when(e))
	}
	return fmt.Sprintf("%s was involved in %s%s.", capitalise(actorName(a)), quote(e.Title), when(e))
}
