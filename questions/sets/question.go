package sets

import (
	"html"
	"regexp"
	"strconv"
	"strings"

	"sabaq/questions"
)

// QuestionID is the id an authored item answers to in reviews and attempts.
func QuestionID(setID, itemID int64) string {
	return "set:" + strconv.FormatInt(setID, 10) + ":" + strconv.FormatInt(itemID, 10)
}

var tags = regexp.MustCompile(`(?s)<[^>]*>`)

// PlainText is an item text as Sabaq shows it: HTML loses its tags (the
// text is escaped when shown, so nothing in it can run).
func PlainText(s string, f TextFormat) string {
	if f == HTML {
		s = html.UnescapeString(tags.ReplaceAllString(s, " "))
	}
	return strings.Join(strings.Fields(s), " ")
}

// Question turns an item into a question the practice, review and mock exam
// flows can ask and check.
func (it Item) Question(setID, itemID int64) questions.Question {
	q := questions.Question{
		ID:          QuestionID(setID, itemID),
		Prompt:      PlainText(it.Prompt, it.Format),
		Explanation: PlainText(it.Explanation, it.Format),
		SetID:       setID,
	}
	if it.EventID != "" {
		q.EventIDs = []string{it.EventID}
	}
	text := func(s string) string { return PlainText(s, it.Format) }
	switch it.Kind {
	case MultipleChoice, MultipleAnswer:
		q.Kind = questions.KindMultipleChoice
		if it.Kind == MultipleAnswer {
			q.Kind = questions.KindMultipleAnswer
		}
		var notes []string
		for _, c := range it.Choices {
			q.Options = append(q.Options, text(c.Text))
			notes = append(notes, text(c.Feedback))
			if c.Correct() {
				q.Answer = append(q.Answer, text(c.Text))
			}
		}
		q.OptionFeedback = anyNotes(notes)
	case TrueFalse:
		q.Kind = questions.KindTrueFalse
		q.Options = []string{questions.OptionTrue, questions.OptionFalse}
		q.Answer = []string{questions.OptionFalse}
		if it.Truth {
			q.Answer = []string{questions.OptionTrue}
		}
		q.OptionFeedback = anyNotes([]string{text(it.FeedbackTrue), text(it.FeedbackFalse)})
	case ShortAnswer, Cloze:
		q.Kind = questions.KindShortAnswer
		if it.Kind == Cloze {
			q.Kind = questions.KindCloze
		}
		q.Answer = append(q.Answer, it.Accepted...)
	case Numerical:
		q.Kind = questions.KindNumerical
		for _, n := range it.Numbers {
			r := questions.NumericRange{Min: n.Value - n.Tolerance, Max: n.Value + n.Tolerance}
			if n.IsRange {
				r = questions.NumericRange{Min: n.Min, Max: n.Max}
			}
			if fb := text(n.Feedback); fb != "" {
				q.NumberFeedback = append(q.NumberFeedback, questions.NumberNote{NumericRange: r, Feedback: fb})
			}
			if n.Weight < 100 {
				continue // part marks count as wrong: Sabaq marks right or wrong
			}
			q.Numeric = append(q.Numeric, r)
			if n.IsRange {
				q.Answer = append(q.Answer, formatNumber(n.Min)+"–"+formatNumber(n.Max))
			} else {
				a := formatNumber(n.Value)
				if n.Tolerance > 0 {
					a += " ± " + formatNumber(n.Tolerance)
				}
				q.Answer = append(q.Answer, a)
			}
		}
	case Matching:
		q.Kind = questions.KindMatching
		seen := map[string]bool{}
		for _, p := range it.Pairs {
			q.Lefts = append(q.Lefts, text(p.Left))
			q.Answer = append(q.Answer, text(p.Right))
			if !seen[text(p.Right)] {
				seen[text(p.Right)] = true
				q.Options = append(q.Options, text(p.Right))
			}
		}
	case Ordering:
		q.Kind = questions.KindOrdering
		for _, s := range it.Sequence {
			q.Options = append(q.Options, text(s))
		}
		q.Answer = append([]string(nil), q.Options...)
	}
	return q
}

// anyNotes is notes, or nil when none says anything.
func anyNotes(notes []string) []string {
	for _, n := range notes {
		if n != "" {
			return notes
		}
	}
	return nil
}

func formatNumber(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
