package questions

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestCloze_OnBlanksNeedTheDay(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		for _, q := range bankOf(tl, KindCloze) {
			if !strings.HasSuffix(q.ID, ":date") || !strings.Contains(q.Prompt, "On "+Blank) {
				continue
			}
			e := mustEvent(t, tl, q.EventIDs[0])
			if slices.Contains(q.Answer, strconv.Itoa(e.Date.Year)) {
				t.Errorf("%s: %q accepts the bare year", q.ID, q.Prompt)
			}
			if q.Check([]string{strconv.Itoa(e.Date.Year)}) {
				t.Errorf("%s: the checker accepts the bare year", q.ID)
			}
		}
	})
}

func TestCloze_AcceptsEverySpellingTheSourcesUse(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		n := 0
		for _, q := range bankOf(tl, KindCloze) {
			parts := strings.Split(q.ID, ":")
			if len(parts) != 4 || parts[2] != "name" {
				continue
			}
			a, _ := tl.Actor(parts[3])
			for _, sp := range a.Spellings {
				n++
				if !q.Check([]string{sp}) {
					t.Errorf("%s: the spelling %q is rejected", q.ID, sp)
				}
			}
		}
		if n == 0 {
			t.Error("no name blank of an actor with other spellings: the rule is untested")
		}
	})
}

func TestCloze_DatesNoMorePreciseThanTheSources(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		for _, q := range bankOf(tl, KindCloze) {
			if !strings.HasSuffix(q.ID, ":date") {
				continue
			}
			e := mustEvent(t, tl, q.EventIDs[0])
			if statedPrecision(e) < PrecisionMonth && !strings.Contains(firstSentence(e.Summary), strconv.Itoa(e.Date.Year)) {
				t.Errorf("%s: a year blank put before a sentence that does not date itself: %q", q.ID, q.Prompt)
			}
			if q.Answer[0] != dateAnswers(askedDate(e), statedPrecision(e))[0] && statedPrecision(e) < e.Date.Precision() &&
				len(q.Answer[0]) > len(dateAnswers(askedDate(e), statedPrecision(e))[0]) {
				t.Errorf("%s: keys %q, more precise than the sources (%d)", q.ID, q.Answer[0], statedPrecision(e))
			}
		}
	})
}
