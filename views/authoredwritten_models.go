package views

// AuthoredWrittenSection is the "Written questions" section of a set's
// page: the teacher's own written questions in the set.
type AuthoredWrittenSection struct {
	SetID     int64
	Questions []AuthoredWrittenRow
}

// AuthoredWrittenRow is one written question in a set's list.
type AuthoredWrittenRow struct {
	ID       string // "t12"
	Number   int
	KindName string // "Explain why"
	Marks    int
	Prompt   string // shortened
	Levels   int
	Points   int
	Free     int    // points linked to no event, which Sabaq cannot tick
	WriteURL string // the question as a student writes an answer to it
	EditURL  string
	// DeleteURL asks before deleting (the confirmation page posts to it).
	DeleteURL string
}

// AuthoredWrittenForm is the page that adds or edits a teacher's written
// question.
type AuthoredWrittenForm struct {
	Page
	SetID    int64
	SetTitle string
	Action   string
	New      bool
	Fields   AuthoredWrittenFields
	Errors   map[string]string // by field: prompt, kind, marks, levels, points, outline
	Kinds    []Option          // the kinds, with their mark ranges
	Events   []Option          // every event: Value its id, Label its date and title
}

// AuthoredWrittenFields are the form's values as typed, with spare rows.
type AuthoredWrittenFields struct {
	Kind    string
	Prompt  string
	Marks   string
	Levels  []WrittenLevelRow
	Points  []WrittenPointRow
	Outline string // one step a line
}

// WrittenLevelRow is one level of the mark scheme in the form.
type WrittenLevelRow struct {
	Min, Max, Descriptor string
	Exemplar             string // optional: what an answer at this level reads like
}

// WrittenPointRow is one indicative point in the form.
type WrittenPointRow struct {
	Text   string
	Events string   // event ids, separated by commas
	Linked []string // the linked events' dates and titles, as the teacher checks them
	Side   string   // "for", "against" or "" (evaluate questions only)
}

// pronoun is "it" for one thing, "them" for several.
func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
