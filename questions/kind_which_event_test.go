package questions

import (
	"strconv"
	"testing"
)

func TestWhichEvent_AsksAYearAndEveryOtherOptionIsSourcedInAnother(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		titles := eventsByTitle(tl)
		for _, q := range bankOf(tl, KindWhichEvent) {
			e := mustEvent(t, tl, q.EventIDs[0])
			if want := "Which of these happened in " + strconv.Itoa(e.Date.Year) + "?"; q.Prompt != want {
				t.Errorf("%s: prompt %q, want %q", q.ID, q.Prompt, want)
			}
			for _, o := range distractors(q) {
				for _, d := range titles[o] {
					if !datable(d) || d.Date.Year == e.Date.Year {
						t.Errorf("%s: %q is not dated by the sources in another year (%s)", q.ID, o, d.Date)
					}
				}
			}
		}
	})
}
