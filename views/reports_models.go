package views

// ReportPage shows a question and the form to report a problem with it.
type ReportPage struct {
	Page
	Action   string // where the form posts: /report/<question id>
	Prompt   string
	KindName string
	Next     string // the page to go back to
	Reasons  []Option
	Comment  string
	Max      int  // the longest comment, in characters
	Again    bool // the learner reported the question before: sending replaces it
	Errors   map[string]string
}

// ReportsPage is the teachers' queue of reported questions.
type ReportsPage struct {
	Page
	Admin    bool   // may hide the timeline's questions
	Done     string // what the last action did, if anything
	TimeZone string
	Rows     []ReportRow
}

// ReportRow is one reported (or hidden) question in the queue.
type ReportRow struct {
	QuestionID string
	Action     string // /reports/<question id>, to which /hide, /unhide and /resolve are added
	Prompt     string
	KindName   string
	Where      string // the timeline bank, or which of the teacher's sets
	EditURL    string // the set editor's page for a set's question
	Gone       bool   // a timeline question no longer generated
	Reporters  int
	Open       int
	Reasons    []ReasonCount
	Comments   []ReportCommentRow
	First      string
	Last       string
	Hidden     bool
	HiddenBy   string
	HiddenAt   string
	HiddenNote string
	CanHide    bool
	CanUnhide  bool
	CanResolve bool
}

// ReasonCount is how many learners gave one reason.
type ReasonCount struct {
	Label string
	Count int
}

// ReportCommentRow is one learner's comment.
type ReportCommentRow struct {
	Reason   string
	Text     string
	When     string
	Resolved bool
}

// describedBy lists the ids that describe a field: its hint, and its error
// when it has one.
func describedBy(name string, errs map[string]string) string {
	if _, ok := errs[name]; ok {
		return name + "-hint " + name + "-error"
	}
	return name + "-hint"
}
