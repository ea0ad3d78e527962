package questions

import (
	"math"
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

func TestTrueFalse_AnswersAreBalanced(t *testing.T) {
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	per := map[string][2]int{}
	for _, q := range bankOf(tl, KindTrueFalse) {
		aspect := q.ID[strings.LastIndex(q.ID, ":")+1:]
		aspect = aspect[:strings.LastIndex(aspect, "-")]
		c := per[aspect]
		if q.Answer[0] == OptionTrue {
			c[0]++
		} else {
			c[1]++
		}
		per[aspect] = c
	}
	for aspect, c := range per {
		// Answering True (or False) every time must not pay for any aspect.
		// Each statement's truth is a coin the event's id tosses, so the
		// bound allows chance (two standard deviations) but not a rule
		// that keeps one side only, as the actor items once did (33 to 16).
		tr, fa := c[0], c[1]
		if n := tr + fa; n >= 10 && math.Abs(float64(tr-fa)) > 2*math.Sqrt(float64(n))+1 {
			t.Errorf("%s statements: %d true, %d false", aspect, tr, fa)
		}
	}
}
