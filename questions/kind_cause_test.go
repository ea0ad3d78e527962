package questions

import (
	"strings"
	"testing"
)

func TestCause_LinksCiteTheirSourceAndDistractorsCannotBeRight(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		byTitle := eventsByTitle(tl)
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
						if k == KindCause && !d.Date.First().After(x.Date.Last()) {
							t.Errorf("%s: %q (%s) could have caused %q (%s)", q.ID, d.Title, d.Date, x.Title, x.Date)
						}
						if k == KindConsequence && !d.Date.Last().Before(x.Date.First()) {
							t.Errorf("%s: %q (%s) could have followed from %q (%s)", q.ID, d.Title, d.Date, x.Title, x.Date)
						}
					}
				}
			}
		}
	})
}
