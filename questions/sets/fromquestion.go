package sets

import (
	"slices"
	"strings"

	"sabaq/questions"
)

// FromQuestion turns a question (one the generator made from the timeline, or
// an authored one) into an item a teacher can keep and edit in a set. The
// item asks the same prompt, accepts the same answer and keeps the
// explanation; it links to the question's first event. Choice kinds (year,
// who, which event, cause, consequence, tone) become multiple choice with
// the answer at weight 100 and the rest at 0; a cloze question whose prompt
// has no single blank becomes short answer.
func FromQuestion(q questions.Question) Item {
	it := Item{Prompt: q.Prompt, Format: Plain, Explanation: q.Explanation}
	if len(q.EventIDs) > 0 {
		it.EventID = q.EventIDs[0]
	}
	switch q.Kind.Format() {
	case questions.FormatOrder:
		it.Kind = Ordering
		it.Sequence = slices.Clone(q.Answer)
	case questions.FormatTyped:
		it.Kind = ShortAnswer
		if q.Kind == questions.KindCloze && strings.Count(q.Prompt, Blank) == 1 {
			it.Kind = Cloze
		}
		it.Accepted = slices.Clone(q.Answer)
	case questions.FormatMulti:
		it.Kind = MultipleAnswer
		share := 100 / float64(max(1, len(q.Answer)))
		for _, o := range q.Options {
			c := Choice{Text: o}
			if slices.Contains(q.Answer, o) {
				c.Weight = share
			}
			it.Choices = append(it.Choices, c)
		}
	case questions.FormatNumber:
		it.Kind = Numerical
		for _, r := range q.Numeric {
			n := NumericAnswer{Value: r.Min + (r.Max-r.Min)/2, Weight: 100}
			if r.Min != r.Max {
				n.IsRange, n.Min, n.Max = true, r.Min, r.Max
			}
			it.Numbers = append(it.Numbers, n)
		}
	case questions.FormatMatch:
		it.Kind = Matching
		for i, l := range q.Lefts {
			if i < len(q.Answer) {
				it.Pairs = append(it.Pairs, Pair{Left: l, Right: q.Answer[i]})
			}
		}
	default:
		if q.Kind == questions.KindTrueFalse {
			it.Kind = TrueFalse
			it.Truth = len(q.Answer) == 1 && q.Answer[0] == questions.OptionTrue
			break
		}
		it.Kind = MultipleChoice
		for _, o := range q.Options {
			c := Choice{Text: o}
			if len(q.Answer) == 1 && o == q.Answer[0] {
				c.Weight = 100
			}
			it.Choices = append(it.Choices, c)
		}
	}
	return it
}
