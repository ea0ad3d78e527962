package questions

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// statement is one true-or-false item about an event.
type statement struct {
	aspect      string // year, era, actor or tone
	truth       bool
	text        string
	explanation string
}

// trueFalseQuestions make one statement per aspect the event allows; a hash
// of the event and aspect decides whether it is the true or the false one.
func (g *generator) trueFalseQuestions(e Event) []Question {
	var out []Question
	for _, s := range g.statements(e) {
		suffix, answer := s.aspect+"-false", OptionFalse
		if s.truth {
			suffix, answer = s.aspect+"-true", OptionTrue
		}
		id := questionID(KindTrueFalse, e.ID, suffix)
		out = append(out, g.question(KindTrueFalse, id, []Event{e}, "True or false? "+s.text,
			[]string{OptionTrue, OptionFalse}, []string{answer}, s.explanation))
	}
	return out
}

func truthFor(e Event, aspect string) bool { return stableHash(e.ID, aspect)%2 == 0 }

// anaphora open sentences that lean on the one before.
var anaphora = []string{"he", "she", "him", "his", "her", "they", "them", "their", "it", "its", "this", "these", "those", "there"}

// standalone reports whether a summary sentence reads on its own: the
// first always does; later ones only without pronouns that point back.
func standalone(sentence string, first bool) bool {
	if first {
		return true
	}
	for _, w := range strings.Fields(sentence) {
		if slices.Contains(anaphora, strings.ToLower(strings.Trim(w, ".,;:'’\"“”()"))) {
			return false
		}
	}
	return true
}

func (g *generator) statements(e Event) []statement {
	var out []statement
	add := func(s statement, ok bool) {
		if ok {
			out = append(out, s)
		}
	}
	add(g.yearStatement(e))
	if !datable(e) {
		add(g.eraStatement(e))
	}
	if !e.Disputed(AspectActors) {
		for _, id := range e.Actors {
			a, ok := g.t.Actor(id)
			if ok && a.Kind == Person && g.askableActor(a) && e.Roles[id] != "" && !g.givenAway(e.Title+" "+e.Roles[id], a) &&
				g.stated(e, a) && g.roleIsOwn(e, id) {
				add(g.actorStatement(e, a))
				break
			}
		}
	}
	add(g.toneStatement(e))
	return out
}

// plainStatements reports whether statements about the event may use its
// summary, the established account. On a disputed event they stick to the
// title, so that they assert nothing but the aspect asked.
func plainStatements(e Event) bool { return len(e.Disputes) == 0 }

// yearStatement dates the event's first sentence, or in the false version
// gives it a wrong year. Truth is the hash's alone, so that the id never
// flips as the timeline grows.
func (g *generator) yearStatement(e Event) (statement, bool) {
	if !datable(e) {
		return statement{}, false
	}
	truth := truthFor(e, "year")
	year := e.Date.Year
	if !truth {
		// The wrong year must not clash with the rest of the sentence:
		// everyone it names was in public life then ("Kennedy in 1967"
		// would be false for the wrong reason).
		var named []Actor
		for _, id := range e.Actors {
			if a, ok := g.t.Actor(id); ok && g.namedIn(firstSentence(e.Summary), a) {
				named = append(named, a)
			}
		}
		var wrong []int
		for _, y := range g.yearDistractors(questionID(KindTrueFalse, e.ID, "year-false"), e, 2*yearSpread) {
			if !slices.ContainsFunc(named, func(a Actor) bool { return !consistentYear(a, e.Date, y) }) {
				wrong = append(wrong, y)
			}
		}
		if len(wrong) == 0 {
			return statement{}, false
		}
		year = wrong[stableHash(e.ID, "year-false")%uint64(len(wrong))]
	}
	sentence := firstSentence(e.Summary)
	if !truth && slices.ContainsFunc(yearsIn(sentence), func(y int) bool { return y != e.Date.Year }) {
		return statement{}, false // "in 1964 ... ending the 1965 war": another year would contradict it
	}
	at, phrase, clean := dateIn(sentence, e.Date)
	if clean && (findYear(sentence[at+len(phrase.text):], e.Date.Year) >= 0 || findYear(sentence[:at], e.Date.Year) >= 0) {
		clean = false // the year again, in some other role
	}
	var text string
	switch {
	case !plainStatements(e) || (!clean && findYear(sentence, e.Date.Year) >= 0):
		// A disputed event, or a sentence with the year in another date:
		// changing it would change the wrong thing.
		text = fmt.Sprintf("%s happened in %d.", quote(e.Title), year)
	case clean:
		said := strings.Replace(phrase.text, strconv.Itoa(e.Date.Year), strconv.Itoa(year), 1)
		text = sentence[:at] + said + sentence[at+len(phrase.text):]
	default:
		text = fmt.Sprintf("In %d, %s", year, g.continueSentence(sentence))
	}
	return statement{"year", truth, text, g.datedSentence(e) + dateFromRecord(e)}, true
}

// consistentYear reports whether moving an event from its date to year y
// keeps what the sentence says of the actor possible: they were in public
// life then, and held the office they held at the event ("During his
// premiership, Suhrawardy ... in 1962" is false for the wrong reason).
func consistentYear(a Actor, at Date, y int) bool {
	d := Date{Year: y}
	if !a.ActiveThroughout(d) {
		return false
	}
	o, ok := a.OfficeAt(at)
	if !ok {
		return true
	}
	now, ok := a.OfficeAt(d)
	return ok && now.Title == o.Title
}

// toneStatement says how the event moved relations, or in the false
// version that it moved them the other way.
func (g *generator) toneStatement(e Event) (statement, bool) {
	verb := map[Tone]string{Warming: "warmed", Cooling: "cooled", Neutral: "brought little change to"}
	if _, ok := verb[e.Tone]; !ok || !toneAgreed(e) {
		return statement{}, false
	}
	truth := truthFor(e, "tone")
	said := e.Tone
	if !truth {
		said = map[Tone]Tone{Warming: Cooling, Cooling: Warming, Neutral: Warming}[e.Tone]
	}
	text := fmt.Sprintf("%s %s relations between Pakistan and Moscow.", quote(e.Title), verb[said])
	expl := fmt.Sprintf("%s%s %s relations between Pakistan and Moscow. %s", quote(e.Title), when(e), verb[e.Tone], e.ToneReason)
	return statement{"tone", truth, text, expl}, true
}

// eraStatement places an event whose date is disputed in its era, or in
// the false version a neighbouring one. It is made only when every year
// the disputes claim falls wholly within the event's era, so that the era
// is settled even though the date is not.
func (g *generator) eraStatement(e Event) (statement, bool) {
	at := slices.IndexFunc(Eras, func(x Era) bool { return x.ID == e.Era })
	if at < 0 {
		return statement{}, false
	}
	claimed := []int{e.Date.Year}
	for _, d := range e.Disputes {
		claimed = append(claimed, yearsIn(d.Note)...)
	}
	if len(claimed) == 1 {
		return statement{}, false // the disputes name no year: the claim is unknown
	}
	for _, y := range claimed {
		for i, x := range Eras {
			if i != at && x.Contains(Date{Year: y}) {
				return statement{}, false
			}
		}
		if !Eras[at].Contains(Date{Year: y}) {
			return statement{}, false
		}
	}
	truth := truthFor(e, "era")
	said := Eras[at]
	if !truth {
		var near []Era
		if at > 0 {
			near = append(near, Eras[at-1])
		}
		if at+1 < len(Eras) {
			near = append(near, Eras[at+1])
		}
		said = near[stableHash(e.ID, "era-false")%uint64(len(near))]
	}
	text := fmt.Sprintf("%s belongs to the era “%s” (%s).", quote(e.Title), said.Name, said.Span)
	expl := fmt.Sprintf("%s belongs to the era “%s” (%s), though the sources disagree on its exact date.", quote(e.Title), Eras[at].Name, Eras[at].Span)
	return statement{"era", truth, text, expl}, true
}

// actorStatement gives the role the person played, or in the false version
// the same role given to another person of the same country who was in
// public life then and took no part in the event. Who took part in an event
// "on behalf of" which country is not asked: it tests nationality, not
// history.
func (g *generator) actorStatement(e Event, p Actor) (statement, bool) {
	// Made only where a false version could be: otherwise the actor items
	// that survive would lean towards True.
	truth := truthFor(e, "actor")
	role := e.Roles[p.ID]
	wrong := g.actorDistractors(questionID(KindTrueFalse, e.ID, "actor-false"), e, p, e.Title+" "+e.Summary+" "+role, 1)
	if len(wrong) == 0 {
		return statement{}, false
	}
	said := p
	if !truth {
		said = wrong[0]
	}
	role = strings.TrimSuffix(role, ".")
	text := fmt.Sprintf("%s%s: %s %s.", quote(e.Title), when(e), said.Name, role)
	expl := g.playedRole(e, p)
	if !truth {
		expl = fmt.Sprintf("It was %s, not %s, who %s (%s%s).%s", p.Name, said.Name, role, quote(e.Title), whenAfterComma(e), fromRecord(e, p.ID))
	}
	return statement{"actor", truth, text, expl}, true
}
