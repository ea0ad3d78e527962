package questions

import "testing"

func TestOrder_NeighboursAreAYearApartOrTheirMonthsAreSourced(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		for _, q := range bankOf(tl, KindOrder) {
			var es []Event
			for _, id := range q.EventIDs {
				e := mustEvent(t, tl, id)
				if !datable(e) {
					t.Errorf("%s: %s has a disputed or unsourced date", q.ID, e.ID)
				}
				es = append(es, e)
			}
			for i := 1; i < len(es); i++ {
				a, b := es[i-1], es[i]
				if a.Date.Year == b.Date.Year && !(monthStated(a) && monthStated(b) && askedDate(a).Last().Before(askedDate(b).First())) {
					t.Errorf("%s: %s and %s fall in %d and the sources do not give both months", q.ID, a.ID, b.ID, a.Date.Year)
				}
			}
		}
	})
}

func TestStatedPrecision(t *testing.T) {
	ev := func(date string, quotes ...string) Event {
		d, _ := ParseDate(date)
		e := Event{Date: d}
		for _, q := range quotes {
			e.Sources = append(e.Sources, Source{Quote: q})
		}
		return e
	}
	for _, tc := range []struct {
		name string
		e    Event
		want Precision
	}{
		{"day in quote", ev("1965-04-03", "On April 3, 1965, President Ayub Khan paid a visit"), PrecisionDay},
		{"month and year", ev("1965-04-03", "in April 1965 Ayub went"), PrecisionMonth},
		{"year only", ev("1957-07", "in 1957 the base was offered"), PrecisionYear},
		{"no year", ev("1961-07", "after the coup he visited Washington"), PrecisionNone},
		{"year as part of a range", ev("1965", "the war of 1965–66"), PrecisionNone},
		// The record vouches for the year alone: a day no quote gives is not asked.
		{"record", Event{Date: Date{Year: 1966, Month: 1, Day: 10}, Record: map[string]string{"date": "the declaration's text"}}, PrecisionYear},
	} {
		if got := statedPrecision(tc.e); got != tc.want {
			t.Errorf("%s: statedPrecision = %d, want %d", tc.name, got, tc.want)
		}
	}
}
