package questions

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
	// SetID is the teacher's set a question belongs to (0 for generated ones).
	SetID int64 `json:"-"`
}

// Sibling is what a question's siblings share: its first event, or for an
// authored question linked to no event, the question itself.
func (q Question) Sibling() string {
	if len(q.EventIDs) > 0 {
		return q.EventIDs[0]
	}
	return q.ID
}
