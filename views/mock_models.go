package views

import "sabaq/questions/richtext"

// MockSetupPage is the form that starts a mock exam, with the learner's
// recent exams.
type MockSetupPage struct {
	Page
	FormKey    string // makes a resubmitted form find the exam it started
	Length     string // as typed, so that a bad value is shown back
	Minutes    string
	MinLength  int
	MaxLength  int
	MinMinutes int
	MaxMinutes int
	Eras       []Option
	Errors     map[string]string
	Exams      []MockExamRow
}

// MockExamRow is one of a learner's mock exams.
type MockExamRow struct {
	Started string
	Total   int
	Status  string // "Scored 17.5 out of 25", "In progress: 12 min left", "Time is up"
	URL     string
	Link    string // "Results", "Carry on"
}

// MockQuestionPage is one question of a running mock exam, with the answer
// saved so far selected.
type MockQuestionPage struct {
	Page
	ExamID     int64
	Position   int // zero-based
	Total      int
	Answered   int
	Clock      MockClock
	Nav        []MockNavItem
	QuestionID string
	KindName   string
	Format     string // choice, order or typed
	Prompt     string
	Options    []string // in the order shown
	Lefts      []string // matching: the items to pair with Options
	Given      []string // the answer saved
	Positions  []int    // order: the place saved for each option, 0 for none
	Error      string
	Flagged    bool   // flagged for later
	FlagURL    string // the form that flags the question or removes its flag
	SummaryURL string // the summary, where the exam is submitted
	// Rich is the formatted HTML of the prompt and options, for a question
	// a teacher wrote in HTML or markdown.
	Rich richtext.Texts
}

// MockClock is a running exam's time left as the server counts it when the
// page is made. Without JavaScript the page shows TimeLeft; the script
// counts down from RemainingMS and warns as the server would.
type MockClock struct {
	TimeLeft    string // "23 min left"
	Ends        string // "09:45 PKT": the deadline in the learner's zone
	RemainingMS int64
	Warning     string        // the warning that holds now, if any
	Warnings    []MockWarning // every warning the script may give, longest first
	TimeUp      string        // what the script says at zero
	EndURL      string        // where the script goes at zero: the results
}

// MockWarning is what a running exam says when Seconds are left.
type MockWarning struct {
	Seconds int
	Text    string
}

// MockNavItem is one question in the exam's list of questions.
type MockNavItem struct {
	Number   int
	URL      string
	Prompt   string
	Answered bool
	Flagged  bool
	Current  bool
}

// MockSummaryPage is the last page before an exam is submitted: what is
// unanswered, what is flagged, the time left, and the submit button.
type MockSummaryPage struct {
	Page
	ExamID     int64
	Total      int
	Answered   int
	Clock      MockClock
	Nav        []MockNavItem
	Unanswered []MockNavItem
	Flagged    []MockNavItem
	BackURL    string // the first question still to see to: unanswered, else flagged, else the first
	SubmitURL  string
}

// MockClosedPage says that a finished exam takes no more answers.
type MockClosedPage struct {
	Page
	ResultsURL string
}

// MockResultsPage is the marked exam.
type MockResultsPage struct {
	Page
	Score    string // the marks, which can be fractional: "17.5"
	Total    int
	Pct      int // the marks as a share of Total
	Answered int
	Minutes  int
	Eras     []MockScoreRow
	Themes   []MockScoreRow
	Late     []MockResult
	Missed   []MockResult // wrong, partly right, late and not fully right, or unanswered
	Right    []MockResult // the others: answered right, in time or late
}

// MockScoreRow is the marks of an exam's questions in one era or theme.
type MockScoreRow struct {
	Name  string
	Marks string // "2.5"
	Total int
	Pct   int
}

// MockResult is one question of a marked exam: a line with the answers,
// and the feedback on it to open.
type MockResult struct {
	Number   int
	Prompt   string
	Given    string // empty if unanswered
	Answer   string
	Correct  bool    // full marks
	Share    float64 // the share of the mark a partly right answer earned; 0 otherwise
	Late     bool
	Feedback Feedback
}

func mockURL(id int64) string { return "/mock/" + i64(id) }

func mockQuestionURL(id int64, position int) string {
	return mockURL(id) + "/q/" + itoa(position+1)
}
