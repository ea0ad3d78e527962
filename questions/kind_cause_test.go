package questions

import (
	"slices"
	"strings"
	"testing"
)

func TestCause_LinksCiteTheirSourceAndDistractorsAreNeitherGivenAwayNorRight(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		byTitle := eventsByTitle(tl)
		g := newGenerator(tl)
		for _, k := range []Kind{KindCause, KindConsequence} {
			for _, q := range bankOf(tl, k) {
				x := mustEvent(t, tl, q.EventIDs[0])
				from, to := q.EventIDs[1], x.ID
				if k == KindConsequence {
					from, to = x.ID, q.EventIDs[1]
				}
				src, ok := mustEvent(t, tl, from).LinkSources[to]
				if !ok || q.Sources[0] != src || !strings.Contains(q.Explanation, src.Quote) {
					t.Errorf("%s: the link %s → %s is not cited first and quoted in the feedback", q.ID, from, to)
				}
				for _, title := range distractors(q) {
					for _, d := range byTitle[title] {
						// Same side of the event as the answer, so dates do
						// not give it away; nothing in common, so no option
						// is a second answer.
						if k == KindCause && !d.Date.Last().Before(x.Date.First()) {
							t.Errorf("%s: %q (%s) is not before %q (%s): the dates give the answer away", q.ID, d.Title, d.Date, x.Title, x.Date)
						}
						if k == KindConsequence && !d.Date.First().After(x.Date.Last()) {
							t.Errorf("%s: %q (%s) is not after %q (%s): the dates give the answer away", q.ID, d.Title, d.Date, x.Title, x.Date)
						}
						if g.linkedAtAll(d.ID, x.ID) {
							t.Errorf("%s: %q is linked to %q: a second answer", q.ID, d.Title, x.Title)
						}
						// The end of what the event began (the withdrawal,
						// for the invasion) is one too.
						if answer := mustEvent(t, tl, q.EventIDs[1]); endsEither(d, x, answer) {
							t.Errorf("%s: %q ends, or is ended by, %q or %q: a second answer", q.ID, d.Title, x.Title, answer.Title)
						}
						// So is the end of a state that acted in it.
						if k == KindConsequence && g.endsActorOf(d, x) {
							t.Errorf("%s: %q ends a state that acted in %q: a second answer", q.ID, d.Title, x.Title)
						}
					}
				}
			}
		}
	})
}

// Found reading the bank as an examiner: a source ties these events to the
// ones named, short of a stated cause, so a student who read it could
// defend them; they are never offered as wrong answers (Event.BearsOn).
func TestConsequence_NoOptionASourceTiesToTheEvent(t *testing.T) {
	tl := loadTimeline(t)
	for _, tc := range []struct {
		event string
		never []string
	}{
		// "As a result, the Soviets remained neutral during the Second
		// India–Pakistan War in 1965", which Tashkent ended.
		{"ayub-visits-moscow", []string{"Indo-Pakistani war of 1965", "Tashkent Declaration"}},
		// Stalin's invitation, Nehru's announcement's answer, and Liaquat's
		// going to Washington "instead".
		{"nehru-us-visit-announced", []string{"Liaquat Ali Khan visits the United States"}},
	} {
		asked := 0
		for _, q := range bankOf(tl, KindConsequence) {
			if q.EventIDs[0] != tc.event {
				continue
			}
			asked++
			for _, o := range q.Options {
				if slices.Contains(tc.never, o) {
					t.Errorf("%s offers %q as a wrong answer; a source ties it to the event", q.ID, o)
				}
			}
		}
		if asked == 0 {
			t.Errorf("no consequence question on %s", tc.event)
		}
	}
}
