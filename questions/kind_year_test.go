package questions

import (
	"strconv"
	"strings"
	"testing"
)

func TestYear_KeysOnlyAYearAShownQuoteOrTheRecordStates(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		for _, k := range []Kind{KindYear, KindWhichEvent} {
			for _, q := range bankOf(tl, k) {
				e := mustEvent(t, tl, q.EventIDs[0])
				y := strconv.Itoa(e.Date.Year)
				stated := false
				for _, s := range q.Sources {
					stated = stated || findYear(s.Quote, e.Date.Year) >= 0
				}
				if !stated && !(e.Record[RecordDate] != "" && strings.Contains(q.Explanation, "Not in the five documents")) {
					t.Errorf("%s: keys %s, which no shown quote states and no record names", q.ID, y)
				}
			}
		}
	})
}

func TestYear_AnswerIsNotAlwaysAtAnEnd(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		for _, q := range bankOf(tl, KindYear) {
			e := mustEvent(t, tl, q.EventIDs[0])
			if e.Date.Year == firstYear {
				t.Errorf("%s: an event of %d has wrong years on one side only", q.ID, firstYear)
			}
		}
	})
}
