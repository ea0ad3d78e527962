package questions

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Source questions train what history examiners reward: noticing that the
// sources disagree and saying which is reliable. They come from the
// recorded disputes and from judgements the sources make (interpretations),
// and never ask a disputed claim as settled: the answer is always who says
// what, or what the record shows against a named claim.
//
//   - "Which source dates the U-2 incident to May 1950?": the documents are
//     the options; asked only where one document alone makes the claim.
//   - "Granville (2004) says Pakistan joined CENTO in 1959. What does the
//     record show?": the record against every claim of the dispute.
//   - "Which source judges that Ayub's visit achieved little?": an
//     attributed judgement.
func (g *generator) sourceQuestions(e Event) []Question {
	var out []Question
	for _, d := range e.Disputes {
		for _, c := range d.Claims {
			if q, ok := g.whichSource(e, "claim", c.Doc, c.Says, d.Claims, g.disputeExplanation(e, d, c), nil); ok {
				out = append(out, q)
			}
		}
		if q, ok := g.recordQuestion(e, d); ok {
			out = append(out, q)
		}
	}
	for _, in := range e.Interpretations {
		claims := make([]Claim, 0, len(e.Interpretations))
		for _, o := range e.Interpretations {
			claims = append(claims, Claim{Doc: o.Doc, Says: o.Says})
		}
		src := Source{Doc: in.Doc, Quote: in.Quote}
		expl := fmt.Sprintf("%s %s: “%s” This is the source's judgement of %s, not a settled fact.",
			Documents[in.Doc], strings.TrimSuffix(in.Says, "."), in.Quote, quote(e.Title))
		if q, ok := g.whichSource(e, "judgement", in.Doc, in.Says, claims, expl, &src); ok {
			out = append(out, q)
		}
	}
	return out
}

// documentNames are the five documents' citation names, in file order.
func documentNames() []string {
	files := make([]string, 0, len(Documents))
	for f := range Documents {
		files = append(files, f)
	}
	slices.Sort(files)
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = Documents[f]
	}
	return out
}

// whichSource asks which document says something. It is asked only when
// exactly one document makes that claim among those the event records.
func (g *generator) whichSource(e Event, what, doc, says string, all []Claim, expl string, src *Source) (Question, bool) {
	says = strings.TrimSuffix(strings.TrimSpace(says), ".")
	if says == "" || Documents[doc] == "" {
		return Question{}, false
	}
	claimants := map[string]bool{}
	for _, c := range all {
		if strings.EqualFold(strings.TrimSuffix(strings.TrimSpace(c.Says), "."), says) {
			claimants[c.Doc] = true
		}
	}
	if len(claimants) != 1 {
		return Question{}, false
	}
	id := questionID(KindSource, e.ID, what, shortHash(says))
	var cs []candidate[string]
	for _, name := range documentNames() {
		if name != Documents[doc] {
			cs = append(cs, candidate[string]{value: name, key: name})
		}
	}
	ds := choose(id, cs, distractorCount)
	if len(ds) < distractorCount {
		return Question{}, false
	}
	q := g.question(KindSource, id, []Event{e}, fmt.Sprintf("Which source %s?", says),
		placeAnswer(id, Documents[doc], ds), []string{Documents[doc]}, expl)
	q.Sources = sourcesFrom(doc, e, src)
	return q, true
}

// recordQuestion sets a named claim against the record: the options are
// the record and every claim of the dispute that departs from it, each
// written as a statement. It may have as few as two options: any other
// wrong option would be about something else, and give itself away.
func (g *generator) recordQuestion(e Event, d Dispute) (Question, bool) {
	record := strings.TrimSpace(d.Record)
	if record == "" || len(d.Claims) == 0 {
		return Question{}, false
	}
	// The prompt names a claim that departs from the record (a document
	// that agrees with it has the record as its statement).
	i := slices.IndexFunc(d.Claims, func(c Claim) bool { return strings.TrimSpace(c.Statement) != record })
	if i < 0 {
		return Question{}, false
	}
	first := d.Claims[i]
	var wrong []string
	for _, c := range d.Claims {
		st := strings.TrimSpace(c.Statement)
		if st != "" && st != record && !slices.Contains(wrong, st) {
			wrong = append(wrong, st)
		}
	}
	if len(wrong) == 0 || Documents[first.Doc] == "" || strings.TrimSpace(first.Says) == "" {
		return Question{}, false
	}
	id := questionID(KindSource, e.ID, "record", shortHash(record))
	prompt := fmt.Sprintf("%s %s. What does the record show?", Documents[first.Doc], strings.TrimSuffix(strings.TrimSpace(first.Says), "."))
	q := g.question(KindSource, id, []Event{e}, prompt, placeAnswer(id, record, scramble(id, wrong)), []string{record},
		g.disputeExplanation(e, d, first))
	q.Sources = sourcesFrom(first.Doc, e, nil)
	return q, true
}

// disputeExplanation: the record, then who says what.
func (g *generator) disputeExplanation(e Event, d Dispute, c Claim) string {
	var b strings.Builder
	if r := strings.TrimSpace(d.Record); r != "" {
		b.WriteString("The record: " + r + " ")
	}
	b.WriteString(strings.TrimSpace(d.Note))
	return b.String()
}

// sourcesFrom lists the event's quotes from the document first, with the
// given source (an interpretation's quote) before them.
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
