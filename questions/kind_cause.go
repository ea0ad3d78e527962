package questions

import (
	"fmt"
	"slices"
)

// related walks led_to links from id, forwards or backwards, and returns
// every event reached.
func (g *generator) related(id string, forwards bool) map[string]bool {
	seen := map[string]bool{}
	queue := []string{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		var next []string
		if forwards {
			if e, ok := g.t.Event(cur); ok {
				next = e.LedTo
			}
		} else {
			for _, e := range g.events {
				if slices.Contains(e.LedTo, cur) {
					next = append(next, e.ID)
				}
			}
		}
		for _, n := range next {
			if !seen[n] && n != id {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	return seen
}

// causeQuestions: "Which development led to X?", one per direct cause.
// Distractors lead to X neither directly nor through other events, and
// are preferably dated before X.
func (g *generator) causeQuestions(x Event) []Question {
	ancestors := g.related(x.ID, false)
	var out []Question
	for _, c := range g.events {
		if !slices.Contains(c.LedTo, x.ID) {
			continue
		}
		id := questionID(KindCause, x.ID, c.ID)
		ds := g.eventDistractors(id, c, distractorCount, []string{c.Title, x.Title}, func(o Event) bool {
			return o.ID != x.ID && !ancestors[o.ID]
		}, func(o Event) float64 {
			if o.Date.Compare(x.Date) > 0 {
				return 10
			}
			return 0
		})
		if len(ds) < distractorCount {
			continue
		}
		out = append(out, g.question(KindCause, id, []Event{x, c},
			fmt.Sprintf("Which development led to this: %s?", quote(x.Title)),
			placeAnswer(id, c.Title, titles(ds)), []string{c.Title},
			fmt.Sprintf("%s%s led to %s%s.", quote(c.Title), when(c), quote(x.Title), when(x))))
	}
	return out
}

// consequenceQuestions: "What did X lead to?", one per led_to target.
// Distractors follow from X neither directly nor through other events, and
// are preferably dated after X.
func (g *generator) consequenceQuestions(x Event) []Question {
	descendants := g.related(x.ID, true)
	var out []Question
	for _, tid := range x.LedTo {
		t, ok := g.t.Event(tid)
		if !ok {
			continue
		}
		id := questionID(KindConsequence, x.ID, t.ID)
		ds := g.eventDistractors(id, t, distractorCount, []string{t.Title, x.Title}, func(o Event) bool {
			return o.ID != x.ID && !descendants[o.ID]
		}, func(o Event) float64 {
			if o.Date.Compare(x.Date) < 0 {
				return 10
			}
			return 0
		})
		if len(ds) < distractorCount {
			continue
		}
		out = append(out, g.question(KindConsequence, id, []Event{x, t},
			fmt.Sprintf("What did this lead to: %s?", quote(x.Title)),
			placeAnswer(id, t.Title, titles(ds)), []string{t.Title},
			fmt.Sprintf("%s%s led to %s%s.", quote(x.Title), when(x), quote(t.Title), when(t))))
	}
	return out
}
