package views

// PaperSetupPage is the form that starts a paper (answer N of M written
// questions under one deadline), with the learner's recent papers.
type PaperSetupPage struct {
	Page
	FormKey    string // makes a resubmitted form find the paper it started
	Eras       []Option
	Kinds      []Option
	Offered    string // as typed, so that a bad value is shown back
	Answer     string
	MinOffered int
	MaxOffered int
	Errors     map[string]string
	Papers     []PaperRow
}

// PaperRow is one of a learner's papers.
type PaperRow struct {
	Started string
	Title   string // "Answer 3 of 5"
	Status  string // "In progress: 23 min left", "Finished: 3 answers count"
	URL     string
	Link    string // "Carry on", "Results"
}

// PaperPage is a running paper: every question offered, each with its own
// box, under one clock.
type PaperPage struct {
	Page
	Answer, Offered int
	Answered        int
	Allowed         string // "61.5 minutes"
	Clock           MockClock
	SaveURL         string
	FinishURL       string
	SavedAt         int64  // the server's now, in ms: a plain Save sends it
	MaxChars        string // "50,000"
	Status          string // "Saved." after a plain save
	Error           string
	Questions       []PaperQuestion
}

// PaperQuestion is one question of a paper with its box.
type PaperQuestion struct {
	Number int // 1-based
	Prompt string
	Kind   string
	Marks  int
	Text   string // the text last saved (after time, once there is any), or as just sent
	Words  int
	// Late says the text in the box was saved after the time was up.
	Late  bool
	Error string // why this box was not saved
}

// PaperFinishPage is the last stop before a paper is finished: what is
// answered, and the choice of which answers count when more were answered
// than the paper asks for.
type PaperFinishPage struct {
	Page
	Answer, Offered int
	Clock           MockClock
	PaperURL        string
	FinishURL       string
	Answered        []PaperChoice // the questions with an answer
	Unanswered      int
	Choose          bool // more were answered than count: the learner chooses
	Error           string
}

// PaperChoice is an answered question on the finish page.
type PaperChoice struct {
	Position int // zero-based, the form's value
	Number   int
	Prompt   string
	Words    int
	Late     bool // written only after time
	Checked  bool
}

// PaperResultsPage is a finished paper: which answers counted, each linked
// to its marking page, and any text written after time.
type PaperResultsPage struct {
	Page
	Answer, Offered int
	Counted         int
	Finished        string // "7 Dec 2026 17:02 PKT"
	Rule            string // how the counted answers were chosen
	Questions       []PaperResult
}

// PaperResult is one question of a finished paper.
type PaperResult struct {
	Number    int
	Prompt    string
	Kind      string
	Marks     int
	Status    string // "Counts", "Counts, written after time", "Not counted", "Not answered"
	Counted   bool
	AnswerURL string // the counted answer's marking page
	Text      string // the text in time, shown when not counted
	LateText  string // text saved after the time was up
	Late      bool   // the counted answer was written after time
}
