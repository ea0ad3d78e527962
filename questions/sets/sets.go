// Package sets holds teacher-authored question sets: the item kinds
// teachers write or import, their validation and answer checking. Plain Go:
// the formats that read and write sets live in sets/formats.
package sets

import (
	"fmt"
	"math"
	"strings"
)

// Kind is a kind of authored question.
type Kind string

// The kinds a teacher can author or import.
const (
	MultipleChoice Kind = "multiple-choice" // one correct option
	MultipleAnswer Kind = "multiple-answer" // several correct options, all to be chosen
	TrueFalse      Kind = "true-false"
	ShortAnswer    Kind = "short-answer" // typed; several accepted answers, lenient matching
	Numerical      Kind = "numerical"    // a number, with tolerance or ranges (e.g. years)
	Matching       Kind = "matching"     // pair each left item with a right item
	Ordering       Kind = "ordering"     // put items in order
	Cloze          Kind = "cloze"        // a text with one blank, typed answer
)

// Kinds lists every kind, in the order a teacher sees them.
var Kinds = []Kind{MultipleChoice, MultipleAnswer, TrueFalse, ShortAnswer, Numerical, Matching, Ordering, Cloze}

// KindNames are the labels teachers see.
var KindNames = map[Kind]string{
	MultipleChoice: "Multiple choice",
	MultipleAnswer: "Multiple answer",
	TrueFalse:      "True/false",
	ShortAnswer:    "Short answer",
	Numerical:      "Numerical",
	Matching:       "Matching pairs",
	Ordering:       "Ordering",
	Cloze:          "Cloze (fill the blank)",
}

// TextFormat is how an item's text is written.
type TextFormat string

// The text formats (GIFT's [plain], [html] and [markdown]). Sabaq shows all
// of them as plain text, escaped; html is stripped of tags when shown.
const (
	Plain    TextFormat = "plain"
	HTML     TextFormat = "html"
	Markdown TextFormat = "markdown"
)

// Choice is an option of a multiple-choice or multiple-answer item.
type Choice struct {
	Text string `json:"text"`
	// Weight is the share of the mark, in percent, as in Moodle: 100 for
	// the correct option of a multiple-choice item, a share of 100 for each
	// correct option of a multiple-answer item, 0 or negative for wrong ones.
	Weight   float64 `json:"weight"`
	Feedback string  `json:"feedback,omitempty"`
}

// Correct reports whether choosing the option earns marks.
func (c Choice) Correct() bool { return c.Weight > 0 }

// NumericAnswer is an accepted number: Value ± Tolerance, or the range
// [Min, Max] when IsRange.
type NumericAnswer struct {
	Value     float64 `json:"value"`
	Tolerance float64 `json:"tolerance,omitempty"`
	IsRange   bool    `json:"is_range,omitempty"`
	Min       float64 `json:"min,omitempty"`
	Max       float64 `json:"max,omitempty"`
	Weight    float64 `json:"weight"` // percent, as for choices
	Feedback  string  `json:"feedback,omitempty"`
}

// Accepts reports whether x is within the answer.
func (n NumericAnswer) Accepts(x float64) bool {
	if n.IsRange {
		return x >= n.Min && x <= n.Max
	}
	return math.Abs(x-n.Value) <= n.Tolerance+1e-9
}

// TypedAnswer is one accepted answer of a short-answer or cloze item.
type TypedAnswer struct {
	Text     string
	Weight   float64 // percent of the mark, in (0, 100]
	Feedback string
}

// TypedAnswers are the item's accepted answers with their weights and
// feedback; an answer with no weight recorded is worth 100%.
func (it Item) TypedAnswers() []TypedAnswer {
	out := make([]TypedAnswer, 0, len(it.Accepted))
	for i, a := range it.Accepted {
		t := TypedAnswer{Text: a, Weight: 100}
		if i < len(it.AcceptedWeights) {
			t.Weight = it.AcceptedWeights[i]
		}
		if i < len(it.AcceptedFeedback) {
			t.Feedback = it.AcceptedFeedback[i]
		}
		out = append(out, t)
	}
	return out
}

// SetTypedAnswers sets the item's accepted answers, leaving the weights and
// feedback empty when all are 100% without feedback (see Accepted).
func (it *Item) SetTypedAnswers(as []TypedAnswer) {
	it.Accepted, it.AcceptedWeights, it.AcceptedFeedback = nil, nil, nil
	weighted, noted := false, false
	for _, a := range as {
		it.Accepted = append(it.Accepted, a.Text)
		weighted = weighted || a.Weight != 100
		noted = noted || a.Feedback != ""
	}
	for _, a := range as {
		if weighted {
			it.AcceptedWeights = append(it.AcceptedWeights, a.Weight)
		}
		if noted {
			it.AcceptedFeedback = append(it.AcceptedFeedback, a.Feedback)
		}
	}
}

// Pair is one left–right pair of a matching item.
type Pair struct {
	Left  string `json:"left"`
	Right string `json:"right"`
}

// Item is one authored question.
type Item struct {
	Kind     Kind       `json:"kind"`
	Title    string     `json:"title,omitempty"`
	Category string     `json:"category,omitempty"`
	Prompt   string     `json:"prompt"`
	Format   TextFormat `json:"format,omitempty"`
	// Choices: multiple choice and multiple answer.
	Choices []Choice `json:"choices,omitempty"`
	// Truth and its feedback: true/false.
	Truth         bool   `json:"truth,omitempty"`
	FeedbackTrue  string `json:"feedback_true,omitempty"`
	FeedbackFalse string `json:"feedback_false,omitempty"`
	// Accepted typed answers: short answer and cloze (the blank is marked
	// "____" in the prompt of a cloze item). AcceptedWeights and
	// AcceptedFeedback run beside Accepted, by index, and are empty when
	// every answer is worth 100% with no feedback: formats that know only
	// texts keep working, and stored items need no migration. Use
	// TypedAnswers and SetTypedAnswers rather than the three slices.
	Accepted         []string  `json:"accepted,omitempty"`
	AcceptedWeights  []float64 `json:"accepted_weights,omitempty"`
	AcceptedFeedback []string  `json:"accepted_feedback,omitempty"`
	// OtherFeedback is shown for any other typed answer: GIFT's "*"
	// short answer and a numerical "~#feedback" (Moodle's "*" answer).
	OtherFeedback string `json:"other_feedback,omitempty"`
	// Numbers: numerical.
	Numbers []NumericAnswer `json:"numbers,omitempty"`
	// Pairs: matching.
	Pairs []Pair `json:"pairs,omitempty"`
	// Sequence in the correct order: ordering.
	Sequence []string `json:"sequence,omitempty"`
	// Explanation is shown after answering (GIFT's general feedback).
	Explanation string `json:"explanation,omitempty"`
	// EventID links the item to a timeline event, if any.
	EventID string   `json:"event_id,omitempty"`
	Tags    []string `json:"tags,omitempty"`
	// Guid identifies the item in the file it was imported from (an Anki
	// note's guid, with the card's number after a space for a note's second
	// and later cards), so that importing the file again can update it.
	Guid string `json:"guid,omitempty"`
	// Line is where the item starts in an imported file, for messages.
	Line int `json:"-"`
}

// Blank marks the gap in a cloze prompt.
const Blank = "____"

// Limits on authored content, so that one set cannot swamp the server.
const (
	MaxPromptLen = 5000
	MaxTextLen   = 1000
	MaxOptions   = 26
	MaxItems     = 5000
)

// FieldError names the field of an item that is wrong and why.
type FieldError struct {
	Field   string
	Message string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// Validate checks an item has what its kind needs. It returns every problem,
// by field, so a form can show each beside its field.
func (it Item) Validate() []FieldError {
	var errs []FieldError
	bad := func(field, format string, a ...any) {
		errs = append(errs, FieldError{Field: field, Message: fmt.Sprintf(format, a...)})
	}
	if _, ok := KindNames[it.Kind]; !ok {
		bad("kind", "%q is not a question kind Sabaq supports", it.Kind)
		return errs
	}
	if strings.TrimSpace(it.Prompt) == "" {
		bad("prompt", "the question text is empty")
	} else if len(it.Prompt) > MaxPromptLen {
		bad("prompt", "the question text is longer than %d characters", MaxPromptLen)
	}
	switch it.Format {
	case "", Plain, HTML, Markdown:
	default:
		bad("format", "%q is not plain, html or markdown", it.Format)
	}
	texts := append([]string{it.Title, it.Explanation, it.Category, it.OtherFeedback}, it.Accepted...)
	for _, s := range append(texts, it.AcceptedFeedback...) {
		if len(s) > MaxTextLen {
			bad("text", "a text is longer than %d characters", MaxTextLen)
			break
		}
	}
	switch it.Kind {
	case MultipleChoice, MultipleAnswer:
		if len(it.Choices) < 2 || len(it.Choices) > MaxOptions {
			bad("choices", "give between 2 and %d options", MaxOptions)
		}
		correct := 0
		seen := map[string]bool{}
		for _, c := range it.Choices {
			t := strings.TrimSpace(c.Text)
			if t == "" {
				bad("choices", "an option is empty")
			}
			if seen[t] {
				bad("choices", "the option %q appears twice", t)
			}
			seen[t] = true
			if c.Correct() {
				correct++
			}
			if c.Weight < -100 || c.Weight > 100 {
				bad("choices", "an option's weight must be between -100 and 100")
			}
		}
		if it.Kind == MultipleChoice && correct != 1 {
			bad("choices", "mark exactly one option correct (this has %d)", correct)
		}
		if it.Kind == MultipleAnswer && correct < 1 {
			bad("choices", "mark at least one option correct")
		}
	case ShortAnswer, Cloze:
		if len(it.Accepted) == 0 {
			bad("accepted", "give at least one accepted answer")
		}
		for _, a := range it.Accepted {
			if strings.TrimSpace(a) == "" {
				bad("accepted", "an accepted answer is empty")
			}
		}
		if len(it.AcceptedWeights) != 0 && len(it.AcceptedWeights) != len(it.Accepted) ||
			len(it.AcceptedFeedback) != 0 && len(it.AcceptedFeedback) != len(it.Accepted) {
			bad("accepted", "each accepted answer needs one weight and one feedback")
		}
		// As Moodle: some answer must earn full marks, and an answer worth
		// nothing is not accepted (its feedback belongs in OtherFeedback).
		full := false
		for _, a := range it.TypedAnswers() {
			full = full || a.Weight == 100
			if a.Weight <= 0 || a.Weight > 100 {
				bad("accepted", "an accepted answer's weight must be above 0%% and at most 100%%")
			}
		}
		if len(it.Accepted) > 0 && !full {
			bad("accepted", "give at least one answer worth 100%%")
		}
		if it.Kind == Cloze && strings.Count(it.Prompt, Blank) != 1 {
			bad("prompt", "a cloze text needs exactly one blank, written %s", Blank)
		}
	case Numerical:
		if len(it.Numbers) == 0 {
			bad("numbers", "give at least one accepted number")
		}
		full := false
		for _, n := range it.Numbers {
			full = full || n.Weight == 100
			if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) || n.Tolerance < 0 || (n.IsRange && n.Min > n.Max) {
				bad("numbers", "an accepted number or its tolerance is not valid")
			}
			if !(n.Weight >= -100 && n.Weight <= 100) {
				bad("numbers", "an accepted number's weight must be between -100%% and 100%%")
			}
		}
		if len(it.Numbers) > 0 && !full {
			bad("numbers", "give at least one number worth 100%%")
		}
	case Matching:
		if len(it.Pairs) < 2 || len(it.Pairs) > MaxOptions {
			bad("pairs", "give between 2 and %d pairs", MaxOptions)
		}
		for _, p := range it.Pairs {
			if strings.TrimSpace(p.Left) == "" || strings.TrimSpace(p.Right) == "" {
				bad("pairs", "each pair needs both sides")
			}
		}
	case Ordering:
		if len(it.Sequence) < 2 || len(it.Sequence) > MaxOptions {
			bad("sequence", "give between 2 and %d items to order", MaxOptions)
		}
		seen := map[string]bool{}
		for _, s := range it.Sequence {
			if strings.TrimSpace(s) == "" || seen[s] {
				bad("sequence", "items to order must be distinct and not empty")
			}
			seen[s] = true
		}
	}
	return errs
}

// KeepAnswerNotes carries what the item form does not show from old, the
// item being edited: each accepted answer that is still there keeps its
// weight and feedback, and the feedback for any other answer stays, so that
// editing an imported item does not turn its half marks into full ones.
func (it *Item) KeepAnswerNotes(old *Item) {
	if old == nil {
		return
	}
	typed := func(k Kind) bool { return k == ShortAnswer || k == Cloze }
	switch {
	case typed(it.Kind) && typed(old.Kind):
		notes := map[string]TypedAnswer{}
		for _, a := range old.TypedAnswers() {
			notes[a.Text] = a
		}
		var as []TypedAnswer
		for _, a := range it.TypedAnswers() {
			if n, ok := notes[a.Text]; ok {
				a.Weight, a.Feedback = n.Weight, n.Feedback
			}
			as = append(as, a)
		}
		it.SetTypedAnswers(as)
	case it.Kind == Numerical && old.Kind == Numerical:
	default:
		return
	}
	if it.OtherFeedback == "" {
		it.OtherFeedback = old.OtherFeedback
	}
}

// RichTexts are the item's texts shown in its own format (HTML or
// markdown): what an import must say it cannot keep all of.
func (it Item) RichTexts() []string {
	out := []string{it.Prompt, it.Explanation, it.FeedbackTrue, it.FeedbackFalse, it.OtherFeedback}
	for _, c := range it.Choices {
		out = append(out, c.Text, c.Feedback)
	}
	for _, n := range it.Numbers {
		out = append(out, n.Feedback)
	}
	for _, p := range it.Pairs {
		out = append(out, p.Left)
	}
	return append(out, it.AcceptedFeedback...)
}

// MapRichTexts replaces each of the texts RichTexts lists with f of it: how
// an import points the pictures a file carried at Sabaq's media store.
func (it *Item) MapRichTexts(f func(string) string) {
	for _, p := range []*string{&it.Prompt, &it.Explanation, &it.FeedbackTrue, &it.FeedbackFalse, &it.OtherFeedback} {
		*p = f(*p)
	}
	for i := range it.Choices {
		it.Choices[i].Text = f(it.Choices[i].Text)
		it.Choices[i].Feedback = f(it.Choices[i].Feedback)
	}
	for i := range it.Numbers {
		it.Numbers[i].Feedback = f(it.Numbers[i].Feedback)
	}
	for i := range it.Pairs {
		it.Pairs[i].Left = f(it.Pairs[i].Left)
	}
	for i := range it.AcceptedFeedback {
		it.AcceptedFeedback[i] = f(it.AcceptedFeedback[i])
	}
}
