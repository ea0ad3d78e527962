package questions

import (
	"fmt"
	"strings"
)

// ToneOption is the tone question's option for a tone.
func ToneOption(t Tone) string {
	switch t {
	case Warming:
		return OptionWarmed
	case Cooling:
		return OptionCooled
	default:
		return OptionLittleChange
	}
}

// Tone questions ask whether an event warmed or cooled relations. A tone is
// a judgement: it is asked only where the event records why the sources
// agree on it (ToneReason), and the feedback gives that reason.
//
// toneQuestions: "Did X warm or cool relations?"
func (g *generator) toneQuestions(e Event) []Question {
	if e.Tone != Warming && e.Tone != Cooling && e.Tone != Neutral || !toneAgreed(e) {
		return nil
	}
	verb := map[Tone]string{Warming: "warmed relations between Pakistan and Moscow", Cooling: "cooled relations between Pakistan and Moscow", Neutral: "brought little change to relations between Pakistan and Moscow"}[e.Tone]
	return []Question{g.question(KindTone, questionID(KindTone, e.ID), []Event{e},
		fmt.Sprintf("What did this do to relations between Pakistan and Moscow: %s?", quote(e.Title)),
		[]string{OptionWarmed, OptionCooled, OptionLittleChange}, []string{ToneOption(e.Tone)},
		fmt.Sprintf("%s%s %s. %s", quote(e.Title), when(e), verb, e.ToneReason))}
}

// toneAgreed reports whether the tone may be asked: the sources agree on it
// (the event says why) and no dispute touches what happened.
func toneAgreed(e Event) bool {
	return strings.TrimSpace(e.ToneReason) != "" && !e.Disputed(AspectDetail)
}
