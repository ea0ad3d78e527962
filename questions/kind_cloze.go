package questions

import (
	"slices"
	"strings"
)

// Cloze questions blank a date or a person's name in the event's summary,
// to be typed. Rules:
//   - a date is blanked only as precisely as the sources state it, and only
//     where the sentence itself gives it or the sources give its month (an
//     "In ____," put before a sentence about a process that ran for years
//     would key one year of many);
//   - "On ____" asks a day: the bare year is not accepted; a more precise
//     true date than the blank asks is;
//   - a name is blanked only where the person is named once in a sentence
//     that reads on its own, and a quote names them (a name only the record
//     gives is too obscure to be typed);
//     every spelling the sources use is accepted.
func (g *generator) clozeQuestions(e Event) []Question {
	var out []Question
	if datable(e) && quotedPrecision(e) >= PrecisionYear {
		// A date to be typed must be one the learner read in a source.
		if q, ok := g.dateCloze(e); ok {
			out = append(out, q)
		}
	}
	if e.Disputed(AspectActors) {
		return out
	}
	for _, aid := range e.Actors {
		if a, ok := g.t.Actor(aid); ok && a.Kind == Person && g.quoted(e, a) {
			if q, ok := g.nameCloze(e, a); ok {
				out = append(out, q)
			}
		}
	}
	return out
}

// dateCloze blanks the date where the first sentence gives it, or opens the
// sentence with a blank for it ("In ____, ...").
func (g *generator) dateCloze(e Event) (Question, bool) {
	s := firstSentence(e.Summary)
	d := askedDate(e)
	text := lead(d, Blank) + ", " + g.continueSentence(s)
	prec := d.Precision()
	if at, p, ok := dateIn(s, e.Date); ok {
		if p.prec > prec {
			return Question{}, false // the sentence is more precise than the sources
		}
		text, prec = s[:at]+Blank+s[at+len(p.text):], p.prec
	} else if findYear(s, e.Date.Year) >= 0 {
		return Question{}, false // the year is there, but as part of another date
	} else if prec < PrecisionMonth {
		return Question{}, false
	}
	if findYear(text, e.Date.Year) >= 0 {
		return Question{}, false // a second mention would give it away
	}
	id := questionID(KindCloze, e.ID, "date")
	// A more precise true date is right too ("9 August 1971" for "In ____").
	answers := dateAnswers(e.Date, prec)
	for p := prec + 1; p <= e.Date.Precision(); p++ {
		for _, a := range dateAnswers(e.Date, p) {
			if !slices.Contains(answers, a) {
				answers = append(answers, a)
			}
		}
	}
	return g.question(KindCloze, id, []Event{e}, "Fill in the blank: "+text, nil, answers, g.datedSentence(e)+dateFromRecord(e)), true
}

// nameCloze blanks the person's name in the first summary sentence that
// names them once and reads on its own.
func (g *generator) nameCloze(e Event, a Actor) (Question, bool) {
	for i, s := range splitSentences(e.Summary) {
		if !standalone(s, i == 0) {
			continue
		}
		text, ok := g.blankNames(s, a, e.Date.Year)
		if !ok || strings.Count(text, Blank) != 1 || g.namedIn(text, a) || strings.Trim(text, " .") == Blank {
			continue
		}
		full := s
		// The event's date opens only its first sentence, and only one that
		// does not date itself: a later sentence may tell of another day.
		if i == 0 && findYear(s, e.Date.Year) < 0 && len(yearsIn(s)) == 0 && datable(e) {
			d := askedDate(e)
			opening := lead(d, d.Human()) + ", "
			text, full = opening+g.continueSentence(text), opening+g.continueSentence(s)
		}
		id := questionID(KindCloze, e.ID, "name", a.ID)
		return g.question(KindCloze, id, []Event{e}, "Fill in the blank: "+text, nil, g.aliases(a, e.Date.Year), full+fromRecord(e, a.ID)), true
	}
	return Question{}, false
}
