package questions

import (
	"fmt"
	"slices"
	"strings"
)

// Who questions ask the precise role an actor played in an event, as the
// event's roles record it ("Who signed the treaty for the Soviet Union?"),
// never the vague "who was involved". Rules:
//   - the answer is named by a quote shown with the question, or the event's
//     record names the reference for it (and the feedback says so);
//   - the role is the actor's alone among the event's actors;
//   - Pakistan and Moscow are never asked (they are the two sides of every
//     event), and an actor the title names is never asked;
//   - distractors are of the answer's sort and country, not actors of the
//     event, and existed or were in public life at the time (actorDistractors);
//   - the prompt gives the event and its date, so the role cannot fit
//     someone who played it at another time.
func (g *generator) whoQuestions(e Event) []Question {
	if e.Disputed(AspectActors) {
		return nil
	}
	var out []Question
	for _, aid := range e.Actors {
		a, ok := g.t.Actor(aid)
		role := strings.TrimSpace(e.Roles[aid])
		switch {
		case !ok, role == "", !g.askableActor(a), g.givenAway(e.Title+" "+role, a), !g.stated(e, a), !g.roleIsOwn(e, aid):
			continue
		}
		id := questionID(KindWho, e.ID, a.ID)
		avoid := e.Title + " " + e.Summary + " " + role
		ds := g.actorDistractors(id, e, a, avoid, distractorCount)
		if len(ds) < distractorCount {
			continue
		}
		names := make([]string, len(ds))
		for i, d := range ds {
			names[i] = d.Name
		}
		out = append(out, g.question(KindWho, id, []Event{e}, g.whoPrompt(e, a, role),
			placeAnswer(id, a.Name, names), []string{a.Name}, g.playedRole(e, a)))
	}
	return out
}

// askableActor: people need a country (for plausible distractors), and the
// two sides of every event are no question.
func (g *generator) askableActor(a Actor) bool {
	switch {
	case a.Kind == Person:
		return a.Country != ""
	case a.Kind == State:
		return !slices.Contains(principalStates, a.ID)
	}
	return true
}

// roleIsOwn reports whether no other actor of the event has the same role.
func (g *generator) roleIsOwn(e Event, aid string) bool {
	for other, r := range e.Roles {
		if other != aid && strings.EqualFold(strings.TrimSpace(r), strings.TrimSpace(e.Roles[aid])) {
			return false
		}
	}
	return true
}

// whoPrompt: "Indo-Soviet Treaty of Friendship (August 1971): who signed
// the treaty for the Soviet Union?"
func (g *generator) whoPrompt(e Event, a Actor, role string) string {
	who := "who"
	switch a.Kind {
	case State:
		who = "which state"
	case Organisation:
		who = "which organisation"
	}
	return fmt.Sprintf("%s%s: %s %s?", quote(e.Title), when(e), who, strings.TrimSuffix(role, "."))
}

// playedRole is the feedback: the actor, their role, and where the key
// comes from when it is not a quote.
func (g *generator) playedRole(e Event, a Actor) string {
	return fmt.Sprintf("%s %s (%s%s).%s", capitalise(actorName(a)), strings.TrimSuffix(e.Roles[a.ID], "."), quote(e.Title), whenAfterComma(e), fromRecord(e, a.ID))
}

// givenAway reports whether text names the actor, or points to it: for a
// state, its adjective, capital or agency ("Indo-Soviet", "Ankara", "CIA"),
// or one of its people; for a person, a title they alone held.
func (g *generator) givenAway(text string, a Actor) bool {
	if g.namedIn(text, a) {
		return true
	}
	for _, form := range stateForms[a.ID] {
		if strings.Contains(text, form) {
			return true
		}
	}
	if a.Kind == State {
		for _, p := range g.t.Actors {
			if p.Kind == Person && p.Country == a.ID && g.namedIn(text, p) {
				return true // "Nehru's visit" names India
			}
		}
	}
	return false
}

// stateForms are the adjectives and prefixes that name a state.
var stateForms = map[string][]string{
	"india": {"Indo-", "Indian", "Delhi"}, "china": {"Sino-", "Chinese", "Beijing", "Peking"},
	"united-states": {"American", "US ", "U.S.", "CIA", "Washington", "Pentagon"},
	"afghanistan":   {"Afghan", "Kabul"}, "bangladesh": {"Bangladeshi", "Dhaka", "East Pakistan"},
	"united-kingdom": {"British", "Anglo-", "London", "European", "Commonwealth"},
	"soviet-union":   {"Soviet", "Moscow", "Kremlin"}, "russia": {"Russian", "Russo-", "Moscow", "Kremlin"},
	"pakistan": {"Pakistani", "Pak-", "Karachi", "Islamabad", "Rawalpindi"},
	"iran":     {"Iranian", "Tehran", "Persian"}, "turkey": {"Turkish", "Ankara"}, "iraq": {"Iraqi", "Baghdad"},
}
