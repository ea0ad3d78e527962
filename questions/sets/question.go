package sets

import (
	"strconv"
	"strings"

	"sabaq/questions"
	"sabaq/questions/richtext"
)

// QuestionID is the id an authored item answers to in reviews and attempts.
func QuestionID(setID, itemID int64) string {
	return "set:" + strconv.FormatInt(setID, 10) + ":" + strconv.FormatInt(itemID, 10)
}

// PlainText is an item text as text, for places that need text (answer
// checking, CSV export, screen-reader labels, titles): HTML and rendered
// markdown as a reader reads them, without tags. It is escaped wherever it
// is shown; pages show formatted text from RichText.
func PlainText(s string, f TextFormat) string {
	switch f {
	case HTML:
		return richtext.PlainText(s)
	case Markdown:
		return richtext.PlainText(string(richtext.FromMarkdown(s)))
	}
	return strings.Join(strings.Fields(s), " ")
}

// RichText is an item text written in HTML or markdown as safe HTML, or ""
// when it is plain or its formatting adds nothing to its plain text.
func RichText(s string, f TextFormat) richtext.HTML {
	if f != HTML && f != Markdown {
		return ""
	}
	h := richtext.Render(s, string(f))
	if strings.Join(strings.Fields(string(h)), " ") == string(richtext.Text(PlainText(s, f))) {
		return ""
	}
	return h
}

// Question turns an item into a question the practice, review and mock exam
// flows can ask and check.
func (it Item) Question(setID, itemID int64) questions.Question {
	q := questions.Question{ID: QuestionID(setID, itemID), SetID: setID}
	// text is s as plain text; its formatted HTML, if any, goes in q.Rich.
	text := func(s string) string {
		p := PlainText(s, it.Format)
		if h := RichText(s, it.Format); h != "" && p != "" {
			if q.Rich == nil {
				q.Rich = richtext.Texts{}
			}
			q.Rich[p] = h
		}
		return p
	}
	q.Prompt, q.Explanation = text(it.Prompt), text(it.Explanation)
	if it.EventID != "" {
		q.EventIDs = []string{it.EventID}
	}
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
		// Only fully right answers go in Answer, which Check uses: a
		// partly right one is not correct for scheduling, but Grade gives
		// it its share and feedback from Graded. Typed answers are compared
		// as text, so an HTML item's answers lose their tags and entities.
		for _, a := range it.TypedAnswers() {
			plain := PlainText(a.Text, it.Format)
			if a.Weight >= 100 {
				q.Answer = append(q.Answer, plain)
			}
			q.Graded = append(q.Graded, questions.GradedAnswer{Text: plain, Fraction: a.Weight / 100, Feedback: text(a.Feedback)})
		}
		q.OtherFeedback = text(it.OtherFeedback)
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
			q.Graded = append(q.Graded, questions.GradedAnswer{Span: r, Fraction: max(n.Weight, 0) / 100, Feedback: text(n.Feedback)})
			if n.Weight < 100 {
				continue // only full marks are correct for Check; Grade gives part marks
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
		q.OtherFeedback = text(it.OtherFeedback)
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
