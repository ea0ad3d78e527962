package views

// WriteListPage lists the written questions, narrowed by era and kind.
type WriteListPage struct {
	Page
	Eras, Kinds []Option // the filter's choices, the chosen one Checked
	Questions   []WriteRow
	RandomURL   string // a random question within the filter
}

// WriteRow is one written question in the list.
type WriteRow struct {
	URL, Prompt, Kind string
	Marks             int
}

// WriteQuestionPage is a written question with the box to answer it in.
type WriteQuestionPage struct {
	Page
	Prompt, Kind string
	Marks        int
	Minutes      string // the suggested time, at 1.5 minutes a mark
	Seconds      int    // the same, for the optional countdown
	Text         string // the draft, or the text just sent
	Words        int
	SavedAt      int64  // the server's now, in ms: a plain "Save draft" sends it
	MaxChars     string // "50,000"
	DraftURL     string
	SubmitURL    string
	Status       string // "Saved." after a plain save
	Error        string
	Assignment   *WrittenAssignmentNote // the class assignment it is handed in for, or nil
}

// WrittenAnswerPage is a submitted answer with what Sabaq found in it and
// the mark scheme to mark it by.
type WrittenAnswerPage struct {
	Page
	Prompt, Kind string
	Marks        int
	Answer       []Segment
	Found, Total int // indicative points whose events were found, of all
	Groups       []PointGroup
	Levels       []LevelRow
	SelfLevel    int          // 0 until the student chooses
	Late         bool         // a paper's answer written after its time was up
	Teacher      *TeacherMark // the assignment it was handed in for and the teacher's mark, or nil
	// Pulled is how many cards on the events of the points not found were
	// pulled into the review queue when the answer was submitted.
	Pulled      int
	PulledNote  string // what Pulled means, in words
	Outline     []string
	QuestionURL string
	LevelURL    string
	Error       string
}

// Segment is a piece of an answer, marked when the matcher recognised it.
type Segment struct {
	Text string
	Mark bool
}

// PointGroup is indicative points on one side of an evaluate question
// (Name "For" or "Against"), or all of another kind's (Name empty).
type PointGroup struct {
	Name   string
	Points []PointRow
}

// PointRow is one indicative point, ticked when its events were found.
type PointRow struct {
	Text  string
	Found bool
}

// LevelRow is one level of the mark scheme.
type LevelRow struct {
	Level      int
	Marks      string // "3–4"
	Descriptor string
	Exemplar   string // what an answer at the level reads like; may be empty
}
