package views

// ClassWritten is the written-assignments section of a class's page: what
// is assigned, and the form to assign a written question.
type ClassWritten struct {
	AssignURL   string
	Choices     []ChoiceGroup // the questions to assign, by era
	Assignments []WrittenAssignmentRow
	Form        WrittenAssignForm
	Errors      map[string]string
}

// ChoiceGroup is a labelled group of a select's options (an optgroup).
type ChoiceGroup struct {
	Label   string
	Options []Option
}

// WrittenAssignForm is the form to assign a written question as sent,
// shown again with its errors.
type WrittenAssignForm struct {
	Question, Due string
}

// WrittenAssignmentRow is a written question assigned to a class.
type WrittenAssignmentRow struct {
	Prompt                     string
	Marks                      int
	Due                        string // "14 December 2026"
	Submitted, Members, Marked int
	URL                        string // the submissions and marking
	RemoveURL                  string // the page that asks before removing it
}

// WrittenAssignmentPage is a written assignment's submissions, one card per
// student, each with the form to mark it.
type WrittenAssignmentPage struct {
	Page
	Crumbs                     []Link
	Prompt, Kind               string
	Marks                      int
	Due                        string // "14 December 2026"
	Submitted, Members, Marked int
	Levels                     []LevelRow
	Students                   []WrittenStudent
	TimeZone                   string // of the times shown
	Notice                     string
	DashboardURL               string
}

// WrittenStudent is one student's latest answer to a written assignment,
// or none yet.
type WrittenStudent struct {
	Username     string
	Anchor       string // the card's id, for the marking form's return
	Submitted    bool
	At           string // "7 Dec 2026 09:15 PKT"
	Late         bool   // handed in after the due date
	Answer       []Segment
	Words        int
	Found        int // indicative points credited
	Total        int
	Missed       []string // the points not credited
	SelfLevel    int      // 0 when the student has not assessed it
	MarkURL      string
	SubmissionID int64 // the answer the marking form marks
	Marked       bool
	Level        int    // the teacher's level; 0 until marked
	Mark         string // the teacher's mark as typed or stored
	Comment      string
	MarkedAt     string
	Error        string // what is wrong with the marking form as sent
	MarkedLevel  string // "Level 2, 4 of 6 marks", once marked
}

// WrittenDashboardPage is a class's written answers, question by question.
type WrittenDashboardPage struct {
	Page
	Crumbs            []Link
	ClassName         string
	CSV, MarksCSV     string
	Questions         []WrittenStatRow
	TimeZone          string
	AssignmentsAnchor string // the class page's written assignments
}

// WrittenStatRow is one assigned written question's figures.
type WrittenStatRow struct {
	Prompt                     string
	URL                        string // its submissions and marking
	Due                        string
	OutOf                      int
	Members, Submitted, Marked int
	Mean                       string // "4.5", or "–" with no marks
	Range                      string // "2–6", or "–"
	SD                         string // "1.3", or "–"
	Gap                        string // "+0.5 (teacher higher)", or "–"
	Missed                     []MissedPoint
}

// MissedPoint is an indicative point, with how many answers missed it.
type MissedPoint struct {
	Text   string
	Count  int
	Of     int
	Detail string // "missed by 3 of 4 answers"
}

// StudentWritten is a written assignment on a student's home or class page.
type StudentWritten struct {
	Prompt    string
	Marks     int
	ClassName string
	ClassURL  string
	Due       string
	Overdue   bool
	URL       string // the question, to answer for the assignment
	State     string // "Not handed in yet", "Handed in 7 Dec 2026 09:15 PKT", "Marked"
	AnswerURL string // the latest answer handed in, "" for none
}

// WrittenAssignmentNote says, on a written question's page, which
// assignment an answer is handed in for.
type WrittenAssignmentNote struct {
	ID        int64
	ClassName string
	Due       string // "14 December 2026"
}

// TeacherMark is, on a student's answer, the assignment it was handed in
// for and the teacher's mark once given.
type TeacherMark struct {
	ClassName string
	Due       string
	Marked    bool
	Level     int
	Mark      int
	OutOf     int
	Comment   string
	MarkedAt  string
}
