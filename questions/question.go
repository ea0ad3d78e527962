package questions

import (
	"slices"
	"strings"
	"unicode"

	"sabaq/questions/richtext"
)

// Kind is a sort of generated question.
type Kind string

// The kinds of question the generator makes.
const (
	KindYear        Kind = "year"        // in which year did X happen? (multiple choice)
	KindWhichEvent  Kind = "which-event" // which event happened in <year or month>? (multiple choice)
	KindWho         Kind = "who"         // who was involved in X? (multiple choice)
	KindOrder       Kind = "order"       // put four events in order (ordering)
	KindTrueFalse   Kind = "true-false"  // a statement, true or with one element changed
	KindCloze       Kind = "cloze"       // a sentence with a year or name blanked (typed)
	KindCause       Kind = "cause"       // which event led to X? (multiple choice)
	KindConsequence Kind = "consequence" // what did X lead to? (multiple choice)
	KindTone        Kind = "tone"        // did X improve or worsen relations? (multiple choice)
	KindSource      Kind = "source"      // which source says what, and what the record shows (multiple choice)

	// Kinds of teacher-authored questions (see package sets).
	KindMultipleChoice Kind = "multiple-choice" // one correct option
	KindMultipleAnswer Kind = "multiple-answer" // choose every correct option
	KindShortAnswer    Kind = "short-answer"    // typed, several accepted answers
	KindNumerical      Kind = "numerical"       // a number within a tolerance or range
	KindMatching       Kind = "matching"        // pair each left item with a right one
	KindOrdering       Kind = "ordering"        // put items in order
)

// Kinds lists every kind, in the order they are offered to learners.
var Kinds = []Kind{KindYear, KindWhichEvent, KindWho, KindOrder, KindTrueFalse, KindCloze, KindCause, KindConsequence, KindTone, KindSource}

// KindNames are the labels learners see.
var KindNames = map[Kind]string{
	KindYear:        "Year of an event",
	KindWhichEvent:  "Which event happened then",
	KindWho:         "Who was involved",
	KindOrder:       "Chronological order",
	KindTrueFalse:   "True or false",
	KindCloze:       "Fill in the blank",
	KindCause:       "Causes",
	KindConsequence: "Consequences",
	KindTone:        "Warming or cooling",
	KindSource:      "Sources and disputes",

	KindMultipleChoice: "Multiple choice",
	KindMultipleAnswer: "Multiple answer",
	KindShortAnswer:    "Short answer",
	KindNumerical:      "Numerical",
	KindMatching:       "Matching pairs",
	KindOrdering:       "Ordering",
}

// Format says how a question is answered.
type Format string

// The answer formats.
const (
	FormatChoice Format = "choice" // pick one option
	FormatOrder  Format = "order"  // arrange all options
	FormatTyped  Format = "typed"  // type a short answer
	FormatMulti  Format = "multi"  // pick every correct option
	FormatNumber Format = "number" // type a number
	FormatMatch  Format = "match"  // pick a right item for each left item
)

// Format reports how questions of kind k are answered.
func (k Kind) Format() Format {
	switch k {
	case KindOrder, KindOrdering:
		return FormatOrder
	case KindCloze, KindShortAnswer:
		return FormatTyped
	case KindMultipleAnswer:
		return FormatMulti
	case KindNumerical:
		return FormatNumber
	case KindMatching:
		return FormatMatch
	default:
		return FormatChoice
	}
}

// NumericRange is an accepted span of numbers, [Min, Max].
type NumericRange struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// Question is one generated question. Options are in bank order; shuffle
// them when showing, never in the bank, so ids and answers stay stable.
type Question struct {
	// ID is stable across restarts and timeline additions: it is derived
	// from the kind and the event ids (plus, where an event yields several
	// questions of one kind, what distinguishes them).
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	Prompt  string   `json:"prompt"`
	Options []string `json:"options"`
	// Answer is the correct option (choice), the options in correct order
	// (order), or the accepted typed answers (typed).
	Answer      []string `json:"answer"`
	Explanation string   `json:"explanation"`
	EventIDs    []string `json:"event_ids"`
	Sources     []Source `json:"sources"`
	// Lefts are the left items of a matching question; Options are the right
	// items and Answer the right item for each left, in order.
	Lefts []string `json:"lefts,omitempty"`
	// Numeric lists the accepted spans of a numerical question.
	Numeric []NumericRange `json:"numeric,omitempty"`
	// OptionFeedback is a teacher's feedback on each option, by its index
	// in Options ("" for none): shown under the option after answering.
	OptionFeedback []string `json:"option_feedback,omitempty"`
	// NumberFeedback is a teacher's feedback on numbers in a span, right or
	// wrong, for a numerical question: the first span a typed number falls
	// in gives its feedback.
	NumberFeedback []NumberNote `json:"number_feedback,omitempty"`
	// Graded lists every answer of an authored short-answer or numerical
	// question that earns marks, with its share and feedback (see Grade);
	// Answer and Numeric keep only the fully right ones, which Check uses.
	Graded []GradedAnswer `json:"graded,omitempty"`
	// OtherFeedback is the teacher's feedback on a typed answer or number
	// that matches none of Graded (GIFT's "*" answer).
	OtherFeedback string `json:"other_feedback,omitempty"`
	// SetID is the teacher's set a question belongs to (0 for generated ones).
	SetID int64 `json:"-"`
	// Rich is the safe HTML of each text of a question a teacher wrote in
	// HTML or markdown, keyed by its plain text (nil for plain ones).
	Rich richtext.Texts `json:"-"`
}

// NumberNote is a teacher's feedback on a typed number within a span.
type NumberNote struct {
	NumericRange
	Feedback string `json:"feedback"`
}

// Sibling is what a question's siblings share: its first event, or for an
// authored question linked to no event, the question itself.
func (q Question) Sibling() string {
	if len(q.EventIDs) > 0 {
		return q.EventIDs[0]
	}
	return q.ID
}

// FeedbackOn is the teacher's feedback on an answer: on an option, or for a
// numerical question on the span the typed number falls in; "" for none.
func (q Question) FeedbackOn(given string) string {
	if q.Kind.Format() == FormatNumber {
		for _, n := range q.NumberFeedback {
			if (Question{Kind: q.Kind, Numeric: []NumericRange{n.NumericRange}}).Check([]string{given}) {
				return n.Feedback
			}
		}
		return ""
	}
	for i, o := range q.Options {
		if o == given && i < len(q.OptionFeedback) {
			return q.OptionFeedback[i]
		}
	}
	return ""
}

// MarkedOption is an option as feedback redraws it after answering.
type MarkedOption struct {
	Option   string
	Right    bool   // part of the answer
	Chosen   bool   // picked by the learner
	Feedback string // the teacher's feedback on it, if any
}

// Marked redraws a choice question's options in the order shown, each
// marked right or not and chosen or not (nothing is chosen on a flashcard's
// back, where given is nil), with the teacher's feedback on it.
func (q Question) Marked(shown, given []string) []MarkedOption {
	out := make([]MarkedOption, 0, len(shown))
	for _, o := range shown {
		out = append(out, MarkedOption{Option: o, Right: slices.Contains(q.Answer, o),
			Chosen: slices.Contains(given, o), Feedback: q.FeedbackOn(o)})
	}
	return out
}

// Placed is one place of an order or matching question's answer, beside
// the learner's: the item that belongs there and what the learner gave.
type Placed struct {
	Item  string // order: the item in this place; matching: the left item
	Right string // matching: the right item that belongs with Item
	// The learner's: for an order, the place (from 1) they gave Item, 0 for
	// none; for matching, the right item they picked.
	Place   int
	Picked  string
	Correct bool
}

// Places lines up an order or matching answer with the learner's, place
// by place (given nil on a flashcard's back: nothing is marked correct).
func (q Question) Places(given []string) []Placed {
	out := make([]Placed, 0, len(q.Answer))
	for i, a := range q.Answer {
		p := Placed{Item: a}
		if q.Kind.Format() == FormatMatch {
			p.Right = a
			if i < len(q.Lefts) {
				p.Item = q.Lefts[i]
			}
			if i < len(given) {
				p.Picked = given[i]
			}
			p.Correct = p.Picked == a
		} else {
			p.Place = slices.Index(given, a) + 1
			p.Correct = p.Place == i+1
		}
		out = append(out, p)
	}
	return out
}

// KeyFirst is the question's sources with the first that states the answer
// leading: feedback shows one quote before "More sources", and it should be
// the evidence for the key, not whichever quote the event lists first. A
// quote states the answer if it has it whole, or else its surname when no
// other option shares it ("Kosygin" for "Alexei Kosygin", never "Khan" for
// "Ayub Khan" beside "Liaquat Ali Khan").
func (q Question) KeyFirst() []Source {
	i := slices.IndexFunc(q.Sources, func(s Source) bool { return statesAny(s.Quote, q.Answer) })
	if i < 0 {
		i = slices.IndexFunc(q.Sources, func(s Source) bool { return statesAny(s.Quote, q.surnames()) })
	}
	if i <= 0 {
		return q.Sources
	}
	out := append([]Source{q.Sources[i]}, q.Sources[:i]...)
	return append(out, q.Sources[i+1:]...)
}

func statesAny(quote string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return findWord(quote, w) >= 0 })
}

// surnames are the last words of the answer's names that no other option
// ends with.
func (q Question) surnames() []string {
	last := func(s string) string {
		f := strings.Fields(s)
		if len(f) < 2 || len(f[len(f)-1]) < 4 || !unicode.IsUpper([]rune(f[len(f)-1])[0]) {
			return ""
		}
		return f[len(f)-1]
	}
	var out []string
	for _, a := range q.Answer {
		name := last(a)
		shared := slices.ContainsFunc(q.Options, func(o string) bool { return !slices.Contains(q.Answer, o) && last(o) == name })
		if name != "" && !shared {
			out = append(out, name)
		}
	}
	return out
}
