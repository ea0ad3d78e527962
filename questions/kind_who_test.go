package questions

import (
	"slices"
	"strings"
	"testing"
)

func TestWho_AsksARoleTheShownQuotesOrTheRecordSupport(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		for _, q := range bankOf(tl, KindWho) {
			e := mustEvent(t, tl, q.EventIDs[0])
			a, ok := actorNamed(tl, q.Answer[0])
			if !ok {
				t.Fatalf("%s: answer %q is no actor", q.ID, q.Answer[0])
			}
			if strings.Contains(q.Prompt, "involved") {
				t.Errorf("%s: asks vague involvement, not a role: %q", q.ID, q.Prompt)
			}
			if !strings.Contains(q.Prompt, strings.TrimSuffix(e.Roles[a.ID], ".")) {
				t.Errorf("%s: prompt %q does not ask the answer's role %q", q.ID, q.Prompt, e.Roles[a.ID])
			}
			switch {
			case quotesName(tl, q.Sources, a):
			case e.Record[a.ID] != "" && strings.Contains(q.Explanation, "The wider record:"):
			default:
				t.Errorf("%s: no quote shown names %s and the feedback names no reference", q.ID, a.Name)
			}
		}
	})
}

func TestWho_NoOptionIsInvolvedAnachronisticOrGivenAway(t *testing.T) {
	eachTimeline(t, func(t *testing.T, tl *Timeline) {
		g := newGenerator(tl)
		for _, q := range bankOf(tl, KindWho) {
			e := mustEvent(t, tl, q.EventIDs[0])
			answer, _ := actorNamed(tl, q.Answer[0])
			if g.givenAway(q.Prompt, answer) {
				t.Errorf("%s: the prompt names the answer: %q", q.ID, q.Prompt)
			}
			for _, name := range distractors(q) {
				d, ok := actorNamed(tl, name)
				switch {
				case !ok:
					t.Errorf("%s: option %q is no actor", q.ID, name)
				case slices.Contains(e.Actors, d.ID):
					t.Errorf("%s: %s is involved in %q (%s) yet offered as wrong", q.ID, name, e.ID, e.Roles[d.ID])
				case !d.ActiveAt(e.Date):
					t.Errorf("%s: %s is an anachronism for %s", q.ID, name, e.Date)
				case d.Kind != answer.Kind:
					t.Errorf("%s: %s is a %s, the answer a %s", q.ID, name, d.Kind, answer.Kind)
				}
			}
		}
	})
}

func TestWho_FixtureAsksOnlyStatedRoles(t *testing.T) {
	byID := map[string]Question{}
	for _, q := range Generate(loadFixture(t)) {
		byID[q.ID] = q
	}
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"who:indo-soviet-treaty:india", false},                   // "Indo-Soviet" names India
		{"who:u2-incident:nikita-khrushchev", false},              // no quote names him
		{"who:liaquat-visits-washington:liaquat-ali-khan", false}, // the title names him
		{"who:liaquat-visits-washington:united-states", false},    // "Washington" names it
		{"who:tashkent-declaration:india", false},                 // no other state is in play: no fair options
		{"who:tashkent-declaration:alexei-kosygin", true},
		{"who:zia-in-moscow:yuri-andropov", false}, // actors disputed
	} {
		if _, ok := byID[tc.id]; ok != tc.want {
			t.Errorf("%s generated: %v, want %v", tc.id, ok, tc.want)
		}
	}
}

func TestActor_ActiveAt(t *testing.T) {
	d := func(s string) *Date { v, _ := ParseDate(s); return &v }
	bangladesh := Actor{From: d("1971-12-16")}
	zia := Actor{From: d("1976"), To: d("1988-08-17")}
	for _, tc := range []struct {
		a    Actor
		at   string
		want bool
	}{
		{bangladesh, "1965", false},
		{bangladesh, "1971-12", true}, // the month includes the 16th
		{bangladesh, "1971-11", false},
		{zia, "1999-10-12", false},
		{zia, "1988", true},
		{zia, "1977-07-05", true},
		{Actor{}, "1950", true},
	} {
		at, _ := ParseDate(tc.at)
		if got := tc.a.ActiveAt(at); got != tc.want {
			t.Errorf("ActiveAt(%s) from %v to %v = %v, want %v", tc.at, tc.a.From, tc.a.To, got, tc.want)
		}
	}
}

func TestSameRank(t *testing.T) {
	d := func(s string) *Date { v, _ := ParseDate(s); return &v }
	jinnah := Actor{Kind: Person, Offices: []Office{
		{Title: "President of the Constituent Assembly of Pakistan", From: *d("1947-08-11"), To: d("1948-09-11")},
		{Title: "Governor-General of Pakistan", From: *d("1947-08-15"), To: d("1948-09-11")},
	}}
	poet := Actor{Kind: Person, Offices: []Office{{Title: "Editor of The Pakistan Times", From: *d("1947")}}}
	pm := Actor{Kind: Person, Offices: []Office{{Title: "Prime Minister of Pakistan", From: *d("1956-09-12"), To: d("1957-10-18")}}}
	judge := Actor{Kind: Person, Offices: []Office{{Title: "President of the International Court of Justice", From: *d("1970")}}}
	general := Actor{Kind: Person, Offices: []Office{{Title: "Chief of the General Staff, Pakistan Army", From: *d("1950")}}}
	for _, tc := range []struct {
		name      string
		answer, a Actor
		at        string
		want      bool
	}{
		{"a head of state for a head of state, office taken the next day", jinnah, pm, "1947-08-14", true},
		{"no poet for a Governor-General", jinnah, poet, "1947-08-14", false},
		{"no judge for a Governor-General", jinnah, judge, "1947-08-14", false},
		{"no general for a Governor-General", jinnah, general, "1947-08-14", false},
		{"anyone for someone out of office", jinnah, poet, "1960", true},
	} {
		at, _ := ParseDate(tc.at)
		if got := sameRank(tc.answer, tc.a, at); got != tc.want {
			t.Errorf("%s: sameRank = %v, want %v", tc.name, got, tc.want)
		}
	}
}
