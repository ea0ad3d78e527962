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
	// "____" in the prompt of a cloze item).
	Accepted []string `json:"accepted,omitempty"`
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
	for _, s := range append([]string{it.Title, it.Explanation, it.Category}, it.Accepted...) {
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
		if it.Kind == Cloze && strings.Count(it.Prompt, Blank) != 1 {
			bad("prompt", "a cloze text needs exactly one blank, written %s", Blank)
		}
	case Numerical:
		if len(it.Numbers) == 0 {
			bad("numbers", "give at least one accepted number")
		}
		for _, n := range it.Numbers {
			if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) || n.Tolerance < 0 || (n.IsRange && n.Min > n.Max) {
				bad("numbers", "an accepted number or its tolerance is not valid")
			}
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
