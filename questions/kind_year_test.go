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
				if !stated && !(e.Record[RecordDate] != "" && strings.Contains(q.Explanation, "The wider record:")) {
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

func TestYear_TheKeyIsNotMostlyAtOneEnd(t *testing.T) {
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	qs := bankOf(tl, KindYear)
	first, last := 0, 0
	for _, q := range qs {
		switch q.Answer[0] {
		case q.Options[0]:
			first++
		case q.Options[len(q.Options)-1]:
			last++
		}
	}
	// Four sorted options: the key is earliest or latest about a quarter
	// of the time each. A weak hash once made it earliest in five of six
	// questions of one year.
	if n := len(qs); first*100 > 40*n || last*100 > 40*n {
		t.Errorf("of %d year questions the key is the earliest option in %d and the latest in %d", n, first, last)
	}
}
