package questions

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// yearDistractors picks wrong years within yearSpread of the event's year:
// never the year itself, never a year a dispute on the event or its own text
// mentions, and never before Pakistan existed or after the timeline ends.
func (g *generator) yearDistractors(qid string, e Event, n int) []int {
	banned := map[int]bool{e.Date.Year: true}
	texts := []string{e.Title, e.Summary}
	for _, d := range e.Disputes {
		texts = append(texts, d.Note)
	}
	for _, s := range texts {
		for _, y := range yearsIn(s) {
			banned[y] = true
		}
	}
	var below, above []int
	for d := 1; d <= yearSpread; d++ {
		if y := e.Date.Year - d; y >= firstYear && !banned[y] {
			below = append(below, y)
		}
		if y := e.Date.Year + d; y <= g.maxYear && !banned[y] {
			above = append(above, y)
		}
	}
	// Every year in the spread is equally plausible, so the hash picks
	// them, and how many fall below the true year, so that the answer is
	// not always the earliest or latest option.
	byHash := func(a, b int) int {
		return cmp.Compare(stableHash(qid, strconv.Itoa(a)), stableHash(qid, strconv.Itoa(b)))
	}
	slices.SortFunc(below, byHash)
	slices.SortFunc(above, byHash)
	k := min(int(stableHash(qid, "below")%uint64(n+1)), len(below))
	if n-k > len(above) {
		k = min(n-len(above), len(below))
	}
	out := append(slices.Clone(below[:k]), above[:min(n-k, len(above))]...)
	slices.Sort(out)
	return out
}

// yearsBetween is the distance in years between the middles of two events'
// dates.
func yearsBetween(a, b Event) float64 {
	mid := func(d Date) float64 {
		return float64(d.First().Unix()+d.Last().Unix()) / 2
	}
	diff := mid(a.Date) - mid(b.Date)
	if diff < 0 {
		diff = -diff
	}
	return diff / (365.25 * 24 * 3600)
}

func sharesTheme(a, b Event) bool {
	return slices.ContainsFunc(a.Themes, func(t string) bool { return slices.Contains(b.Themes, t) })
}

// themePenalty makes an unrelated event less plausible than a related one a
// few years further away.
func themePenalty(a, b Event) float64 {
	if sharesTheme(a, b) {
		return 0
	}
	return 4
}

// eventDistractors picks n events that keep allows, scored by closeness in
// time to near, a shared theme with near and extra (a caller's preference).
// Events whose title equals one in taken, or another candidate's, are left
// out so that every option reads differently.
func (g *generator) eventDistractors(qid string, near Event, n int, taken []string, keep func(Event) bool, extra func(Event) float64) []Event {
	var cs []candidate[Event]
	for _, c := range g.events {
		if c.ID == near.ID || !keep(c) {
			continue
		}
		score := yearsBetween(near, c) + themePenalty(near, c)
		if extra != nil {
			score += extra(c)
		}
		cs = append(cs, candidate[Event]{value: c, key: c.ID, score: score})
	}
	slices.SortStableFunc(cs, func(a, b candidate[Event]) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.key, b.key))
	})
	seen := map[string]bool{}
	for _, t := range taken {
		seen[t] = true
	}
	unique := cs[:0]
	for _, c := range cs {
		if !seen[c.value.Title] {
			seen[c.value.Title] = true
			unique = append(unique, c)
		}
	}
	return choose(qid, unique, n)
}

// principal states are the two sides of every event; asking for them would
// be no question.
var principalStates = []string{"pakistan", "soviet-union", "russia"}

// actorDistractors picks n actors of the answer's sort (for a person, of the
// same country) that cannot be the answer: none is an actor of the event
// (every actor it involves is listed with a role), none is named in avoid,
// and each existed (a state, an organisation) or was in public life (a
// person) at the event's date, so that no option is absurd for its time.
// Those in office at the date are the most plausible.
func (g *generator) actorDistractors(qid string, e Event, answer Actor, avoid string, n int) []Actor {
	var cs []candidate[Actor]
	seen := map[string]bool{answer.Name: true}
	for _, a := range g.t.Actors {
		switch {
		case a.Kind != answer.Kind, slices.Contains(e.Actors, a.ID), seen[a.Name]:
			continue
		case a.Kind == Person && (a.Country == "" || a.Country != answer.Country):
			continue
		case a.Kind == State && slices.Contains(principalStates, a.ID):
			continue
		case !a.ActiveThroughout(e.Date):
			continue
		case !sameRank(answer, a, e.Date):
			continue // a poet is no stand-in for a president, nor a judge
		case a.Kind != Person && !g.inPlay(a.ID, e):
			continue // a state with no part in such matters then is no option
		case g.namedIn(avoid, a):
			continue
		}
		seen[a.Name] = true
		score := g.activityGap(a.ID, e.Date.Year)
		if _, ok := a.OfficeAt(e.Date); !ok && len(a.Offices) > 0 {
			score += 3
		}
		cs = append(cs, candidate[Actor]{value: a, key: a.ID, score: score})
	}
	return choose(qid, cs, n)
}

// officeRank sorts offices into kinds that can stand in for each other as
// wrong answers: heads of state or government, foreign ministers, other
// ministers, soldiers, and the rest.
func officeRank(title string) string {
	switch {
	case strings.Contains(title, "Court"), strings.Contains(title, "Assembly"), strings.Contains(title, "Editor"):
		return "other"
	case headOffice.MatchString(title):
		return "head"
	case strings.Contains(title, "Foreign") || strings.Contains(title, "Secretary of State"):
		return "foreign"
	case soldierOffice.MatchString(title):
		return "military"
	case strings.Contains(title, "Minister"):
		return "minister"
	}
	return "other"
}

var (
	headOffice    = regexp.MustCompile(`Prime Minister|Premier|President|Governor-General|General Secretary|First Secretary|Chairman of the Council of Ministers|Chairman of the Presidium|Chief Martial Law|Head of State`)
	soldierOffice = regexp.MustCompile(`Army|Chief of|General Staff|Commander|Marshal|Air Force|Navy`)
)

// sameRank reports whether a person could pass for the answer: when the
// answer held a post of state at the date (or took it up or left it within
// a year of it: Jinnah became Governor-General the day after independence),
// a distractor must have held a post of the same rank at some time, so a
// Prime Minister's stand-ins are heads of state or government, not a poet
// or a judge.
func sameRank(answer, a Actor, d Date) bool {
	if answer.Kind != Person {
		return true
	}
	from, to := d.First().AddDate(-1, 0, 0), d.Last().AddDate(1, 0, 0)
	ranks := map[string]bool{}
	for _, o := range answer.Offices {
		if r := officeRank(o.Title); r != "other" && !o.From.First().After(to) && (o.To == nil || !o.To.Last().Before(from)) {
			ranks[r] = true
		}
	}
	if len(ranks) == 0 {
		return true
	}
	// A minister's stand-ins may be any politician in office; a head of
	// government's must have led one; a soldier's must have been one.
	if ranks["minister"] || ranks["foreign"] {
		ranks["minister"], ranks["foreign"] = true, true
	}
	if ranks["minister"] && !ranks["military"] {
		ranks["head"] = true
	}
	return slices.ContainsFunc(a.Offices, func(x Office) bool { return ranks[officeRank(x.Title)] })
}

// inPlay reports whether a state or organisation takes part in some other
// event on one of e's themes within ten years of it: the states a learner
// could think of for such a role, not any state at all.
func (g *generator) inPlay(actor string, e Event) bool {
	for _, o := range g.events {
		if o.ID != e.ID && slices.Contains(o.Actors, actor) && sharesTheme(o, e) && yearsBetween(o, e) <= 10 {
			return true
		}
	}
	return false
}
