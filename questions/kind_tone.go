package questions

import "fmt"

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

// toneQuestions: "Did X warm or cool relations?"
func (g *generator) toneQuestions(e Event) []Question {
	if e.Tone != Warming && e.Tone != Cooling && e.Tone != Neutral {
		return nil
	}
	verb := map[Tone]string{Warming: "warmed relations between Pakistan and Moscow", Cooling: "cooled relations between Pakistan and Moscow", Neutral: "brought little change to relations between Pakistan and Moscow"}[e.Tone]
	return []Question{g.question(KindTone, questionID(KindTone, e.ID), []Event{e},
		fmt.Sprintf("Did this warm or cool relations between Pakistan and Moscow: %s?", quote(e.Title)),
		[]string{OptionWarmed, OptionCooled, OptionLittleChange}, []string{ToneOption(e.Tone)},
		fmt.Sprintf("%s%s %s.", quote(e.Title), when(e), verb))}
}
