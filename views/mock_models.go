package views

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
	Status  string // "18 / 25", "In progress: 12 min left", "Time is up"
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
	TimeLeft   string // "23 min left"
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
}

// MockNavItem is one question in the exam's list of questions.
type MockNavItem struct {
	Number   int
	URL      string
	Prompt   string
	Answered bool
	Current  bool
}

// MockOverviewPage lists an exam's questions, answered or not, before the
// learner finishes it.
type MockOverviewPage struct {
	Page
	ExamID   int64
	Total    int
	Answered int
	TimeLeft string
	Nav      []MockNavItem
}

// MockClosedPage says that a finished exam takes no more answers.
type MockClosedPage struct {
	Page
	ResultsURL string
}

// MockResultsPage is the marked exam.
type MockResultsPage struct {
	Page
	Score    int
	Total    int
	Answered int
	Minutes  int
	Eras     []ScoreRow
	Themes   []ScoreRow
	Late     []MockResult
	Missed   []MockResult // wrong, late and wrong, or unanswered
	Right    []MockResult // the others: answered right, in time or late
}

// MockResult is one question of a marked exam.
type MockResult struct {
	Number      int
	Prompt      string
	Given       string // empty if unanswered
	Answer      string
	Correct     bool
	Late        bool
	Explanation string
	Sources     []Source
	Events      []EventLink
	ReportURL   string // the form to report a problem with the question
}

func mockURL(id int64) string { return "/mock/" + i64(id) }

func mockQuestionURL(id int64, position int) string {
	return mockURL(id) + "/q/" + itoa(position+1)
}
