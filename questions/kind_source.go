package questions

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Source questions train what history examiners reward: noticing that the
// sources disagree and knowing which is reliable. They come from recorded
// disputes and from judgements the sources make, and never ask a disputed
// claim as settled. Two forms:
//
//   - "“U-2 spy plane shot down”: the sources disagree on when it happened.
//     Which year does the record give?" Options are the record's year, every
//     year a document claims, and near years none mentions; so every option
//     has the same shape and the documents' slips are the tempting ones.
//   - "“Pakistan joins the Baghdad Pact”: which source dates Pakistan's
//     joining to 1959?" The options are the documents that cover the
//     event's time, the claim's own words are shown with the feedback, and
//     it is asked only for claims and judgements the data marks
//     Ask (a headline slip or a real verdict, made by that document alone,
//     checked against the other documents' whole text by the person who
//     marked it), never where a document's citation name echoes the prompt
//     (the essay on Ayub's visit would answer every question about the
//     visit), and once per wording across the bank.
//
// A form that set a named claim against "the record" as two sentences was
// tried and dropped: the named claim was always the wrong option and the
// record always the longer one, so it could be answered without history.
func (g *generator) sourceQuestions(e Event) []Question {
	var out []Question
	if q, ok := g.recordYearQuestion(e); ok {
		out = append(out, q)
	}
	for _, d := range e.Disputes {
		for _, c := range d.Claims {
			if !c.Ask {
				continue
			}
			var src *Source
			if c.Quote != "" {
				src = &Source{Doc: c.Doc, Quote: c.Quote}
			}
			if q, ok := g.whichSource(e, "claim", c.Doc, c.Says, g.disputeExplanation(d), src); ok {
				out = append(out, q)
			}
		}
	}
	for _, in := range e.Interpretations {
		if !in.Ask {
			continue
		}
		src := Source{Doc: in.Doc, Quote: in.Quote}
		expl := fmt.Sprintf("%s %s: “%s” This is the source's judgement, not a settled fact.",
			Documents[in.Doc], strings.TrimSuffix(in.Says, "."), strings.TrimSuffix(in.Quote, "."))
		expl = strings.Replace(expl, "” This", ".” This", 1)
		if q, ok := g.whichSource(e, "judgement", in.Doc, in.Says, expl, &src); ok {
			out = append(out, q)
		}
	}
	return out
}

// whichSource asks which document says something.
func (g *generator) whichSource(e Event, what, doc, says, expl string, src *Source) (Question, bool) {
	says = strings.TrimSuffix(strings.TrimSpace(says), ".")
	if says == "" || Documents[doc] == "" || g.askedSays[says] {
		return Question{}, false
	}
	prompt := fmt.Sprintf("%s%s: which source %s?", quote(e.Title), when(e), says)
	if echoes(prompt, Documents[doc]) {
		return Question{}, false
	}
	g.askedSays[says] = true
	id := questionID(KindSource, e.ID, what, shortHash(says))
	var cs []candidate[string]
	for f, name := range Documents {
		span := DocumentYears[f]
		if f != doc && e.Date.Year >= span[0] && e.Date.Year <= span[1] {
			cs = append(cs, candidate[string]{value: name, key: name})
		}
	}
	ds := choose(id, cs, distractorCount)
	if len(ds) == 0 {
		return Question{}, false
	}
	q := g.question(KindSource, id, []Event{e}, prompt, placeAnswer(id, Documents[doc], ds), []string{Documents[doc]}, expl)
	q.Sources = sourcesFrom(doc, e, src)
	return q, true
}

// citationWords are the words every citation name shares, which tell the
// documents apart by nothing.
var citationWords = []string{"article", "essay", "revision", "notes", "and", "the", "of", "to", "relations", "pakistan", "union", "khan's",
	// Every document writes of the Soviet Union, and of Russia after it:
	// the words point to no one document.
	"soviet", "russia"}

// echoes reports whether the document's citation name shares a telling word
// with the prompt ("Ayub", "visit", "Moscow" for the essay on Ayub's visit
// to Moscow), so that its name alone would point to it.
func echoes(prompt, citation string) bool {
	words := strings.FieldsFunc(strings.ToLower(citation), func(r rune) bool {
		return r == ' ' || r == ':' || r == '–' || r == '(' || r == ')'
	})
	p := strings.ToLower(prompt)
	for _, w := range words {
		if len(w) > 3 && !slices.Contains(citationWords, w) && findWord(p, w) >= 0 {
			return true
		}
	}
	return false
}

// recordYearQuestion asks the year the record gives for an event whose
// year a document gets wrong. The options are the record's year, each
// year a document claims instead, and near years no text of the event
// mentions, up to four.
func (g *generator) recordYearQuestion(e Event) (Question, bool) {
	if statedPrecision(e) == PrecisionNone {
		return Question{}, false
	}
	var claimed []int
	var disputes []Dispute
	for _, d := range e.Disputes {
		if d.Aspect != AspectDate {
			continue
		}
		found := false
		for _, c := range d.Claims {
			for _, y := range yearsIn(c.Statement) {
				if y != e.Date.Year && !slices.Contains(claimed, y) && findYear(d.Record, y) < 0 {
					claimed = append(claimed, y)
					found = true
				}
			}
		}
		if found {
			disputes = append(disputes, d)
		}
	}
	if len(claimed) == 0 || len(claimed) > distractorCount {
		return Question{}, false
	}
	id := questionID(KindSource, e.ID, "record-year")
	years := append([]int{e.Date.Year}, claimed...)
	if need := distractorCount - len(claimed); need > 0 {
		for _, y := range g.yearDistractors(id, e, distractorCount+len(claimed)) {
			if len(years) < distractorCount+1 && !slices.Contains(years, y) {
				years = append(years, y)
			}
		}
	}
	if len(years) < distractorCount+1 {
		return Question{}, false
	}
	slices.Sort(years)
	opts := make([]string, len(years))
	for i, y := range years {
		opts[i] = strconv.Itoa(y)
	}
	var expl []string
	for _, d := range disputes {
		expl = append(expl, g.disputeExplanation(d))
	}
	prompt := fmt.Sprintf("%s: the sources disagree on when it happened. Which year does the record give?", quote(e.Title))
	return g.question(KindSource, id, []Event{e}, prompt, opts, []string{strconv.Itoa(e.Date.Year)}, strings.Join(expl, " ")), true
}

// disputeExplanation: the record, then who says what.
func (g *generator) disputeExplanation(d Dispute) string {
	var b strings.Builder
	if r := strings.TrimSpace(d.Record); r != "" {
		b.WriteString("The record: " + r + " ")
	}
	b.WriteString(strings.TrimSpace(d.Note))
	return b.String()
}

// sourcesFrom lists the event's quotes from the document first, with the
// given source (a judgement's quote) before them.
func sourcesFrom(doc string, e Event, first *Source) []Source {
	var out []Source
	if first != nil {
		out = append(out, *first)
	}
	for _, s := range e.Sources {
		if s.Doc == doc && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, s := range e.Sources {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// shortHash names a claim in a question id, so that the id stays the same
// while the claim's words do.
func shortHash(s string) string {
	return strconv.FormatUint(stableHash(s)&0xffffffff, 36)
}
