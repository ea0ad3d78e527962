package questions

import (
	"slices"
	"strings"
	"testing"
)

func TestTrueFalse_NoNationalityItems(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		for _, q := range bankOf(tl, KindTrueFalse) {
			if strings.Contains(q.Prompt, "on behalf of") || strings.Contains(q.ID, ":country-") {
				t.Errorf("%s: tests a person's nationality: %q", q.ID, q.Prompt)
			}
		}
	})
}

func TestTrueFalse_ActorItemsNameARoleAndAnUninvolvedPerson(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		g := newGenerator(tl)
		for _, q := range bankOf(tl, KindTrueFalse) {
			if !strings.Contains(q.ID, ":actor-") {
				continue
			}
			e := mustEvent(t, tl, q.EventIDs[0])
			var named []Actor
			for _, a := range tl.Actors {
				if a.Kind == Person && strings.Contains(strings.Replace(q.Prompt, quote(e.Title), "", 1), a.Name) {
					named = append(named, a)
				}
			}
			if len(named) != 1 {
				t.Errorf("%s: names %d people, want 1: %q", q.ID, len(named), q.Prompt)
				continue
			}
			p := named[0]
			involved := slices.Contains(e.Actors, p.ID)
			if involved != (q.Answer[0] == OptionTrue) {
				t.Errorf("%s: keyed %s but %s involved is %v", q.ID, q.Answer[0], p.Name, involved)
			}
			if !involved && !p.ActiveAt(e.Date) {
				t.Errorf("%s: %s is an anachronism for %s", q.ID, p.Name, e.Date)
			}
			if g.givenAway(e.Title, p) {
				t.Errorf("%s: the title names the person asked about", q.ID)
			}
			if !strings.Contains(q.Prompt, " was involved") == false {
				t.Errorf("%s: vague involvement: %q", q.ID, q.Prompt)
			}
		}
	})
}
