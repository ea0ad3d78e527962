package views

// TeachPage is a teacher's landing page.
type TeachPage struct {
	Page
	Classes, Sets int
}

// ClassesPage lists a teacher's classes, with the form to make one.
type ClassesPage struct {
	Page
	Classes []ClassRow
	Name    string // the name typed, shown again with its error
	Errors  map[string]string
}

// ClassRow is a class in the teacher's list.
type ClassRow struct {
	URL, Name, JoinCode string
	Members             int
}

// ClassPage is one class: its join code and link, its students and what it
// has been assigned, with the form to assign a set.
type ClassPage struct {
	Page
	URL, DashboardURL       string
	Name, JoinCode, JoinURL string
	ResetCodeURL            string
	Notice                  string // after removing a student or resetting the code
	Members                 []MemberRow
	Assignments             []AssignmentRow
	Sets                    []Option // the teacher's sets, to assign
	Form                    AssignForm
	Errors                  map[string]string
	Today                   string       // YYYY-MM-DD: the earliest date the form takes
	Written                 ClassWritten // written assignments: teachwritten_models.go
}

// MemberRow is a student of a class.
type MemberRow struct {
	Username  string
	Joined    string // "7 Dec 2026 09:15 PKT", in the viewer's zone
	RemoveURL string // the page that asks before removing them
}

// AssignmentRow is a set assigned to a class.
type AssignmentRow struct {
	SetTitle    string
	Items       int
	Due, Exam   string // "14 May 2026", or "" for none
	UnassignURL string
	AnswersURL  string // each student's answers, question by question
}

// AnswersPage is each student's answers to an assigned set, question by
// question: rows are students, columns questions.
type AnswersPage struct {
	Page
	ClassName, ClassURL string
	SetTitle            string
	Questions           []AnswerQuestion
	Students            []StudentAnswers
	TimeZone            string // of the times shown
}

// AnswerQuestion is one question of the set, a column of the table.
type AnswerQuestion struct {
	Number int // in the set, from 1
	Prompt string
	Kind   string
}

// StudentAnswers is one student's row.
type StudentAnswers struct {
	Username        string
	Right, Answered int
	Cells           []AnswerCell // one per question, in order
}

// AnswerCell is a student's first answer to a question.
type AnswerCell struct {
	Number int
	State  string // "right", "wrong" or "none" (not answered yet)
	Given  string // the answer given, shortened; "" for none, or a flashcard graded without one
	Detail string // the whole answer, where and when it was given
}

// AssignForm is the assign form as sent, shown again with its errors.
type AssignForm struct {
	SetID, Due, Exam string
}

// JoinPage is where a student joins a class by its code.
type JoinPage struct {
	Page
	Code      string
	ClassName string
	// State says what the page offers: "confirm" (a student may join),
	// "member" (already in it), "login" (anonymous: log in or sign up first),
	// "teacher" (teachers cannot join) or "ask" (type a code).
	State               string
	LoginURL, SignupURL string // both come back to the join link
	Errors              map[string]string
}

// DashboardPage is a class's roster and item statistics.
type DashboardPage struct {
	Page
	ClassName, ClassURL string
	RosterCSV, ItemsCSV string
	AssignedItems       int
	Roster              []RosterRow
	Analyses            []SetAnalysis
	Exams               []ClassExam // assignments with an exam date to come, or today
	TimeZone            string      // of the times shown
	RetentionDays       int
}

// RosterRow is one student's figures.
type RosterRow struct {
	Username   string
	Cards      int    // the student's Counts.Studied
	Assigned   string // "3 / 10"
	Retention  string // "85%", or "–" without reviews
	Reviews    int    // the reviews retention is computed from
	DueNow     int
	DueToday   int
	Reviewed   int    // reviews today
	LastActive string // or "Never"
	Mocks      int
	LatestMock string // "18 / 25", or "–"
	BestMock   string // "80%", or "–"
}

// SetAnalysis is the item analysis of one assigned set.
type SetAnalysis struct {
	SetTitle string
	Items    []ItemStatRow // most missed first
}

// ItemStatRow is one question's statistics.
type ItemStatRow struct {
	Number         int // in the set, from 1
	Prompt         string
	Kind           string
	Attempts       int
	Facility       string // "75%", or "–" without attempts
	Discrimination string // "42", or "–" when undefined
	Missed         bool   // facility under half: worth a look
	Answered       int    // attempts with a recorded answer, over which Choices count
	Choices        []ChoiceStatRow
	Other          int // answers naming no current option
}

// ChoiceStatRow is how often an option was chosen.
type ChoiceStatRow struct {
	Option  string
	Correct bool
	Count   int
}

// StudentClasses is the classes section of a student's home page.
type StudentClasses struct {
	Teacher     bool // a teacher sees a link to their classes instead
	LoggedIn    bool
	Classes     []ClassLink
	Assignments []StudentAssignment
	Written     []StudentWritten // written questions to hand in
}

// ClassLink names one of a student's classes and links to its page.
type ClassLink struct {
	Name, URL string
}

// StudentClassPage is a class as its student sees it: their counts and the
// class's assignments with how much of each they have studied.
type StudentClassPage struct {
	Page
	Name        string
	Counts      Counts
	Assignments []StudentAssignment
	Written     []StudentWritten // written questions to hand in
}

// StudentAssignment is a set assigned to one of the student's classes.
type StudentAssignment struct {
	SetID               int64
	SetTitle            string
	ClassName           string
	ClassURL            string // the student's page of the class
	Due, Exam           string // "14 May 2026", or ""
	Overdue             bool
	Items, Studied, Pct int
	Length              int // questions in a practice of the set
}

// ClassExam is the class's forecast for the exam date of one assignment.
type ClassExam struct {
	SetTitle string
	// Summary is "Exam on 14 May 2027 (12 days): for the 28 students, …",
	// or "Exam day has come (7 December 2026)."
	Summary  string
	Students []ExamStudentRow // lowest recall on exam day first; none when the day has come
	Bar      string           // "80%": under it on exam day, a student is behind
}

// ExamStudentRow is one student's plan for the exam, as their home page
// forecasts it.
type ExamStudentRow struct {
	Username   string
	PerDay     int    // reviews a day until the exam
	ExamRecall string // "93%", expected on exam day
	NowRecall  string // "61%", expected now
	Behind     bool   // under the class's bar on exam day
}
