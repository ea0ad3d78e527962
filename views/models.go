// Package views renders Sabaq's pages. Components take view models shaped
// like the screen and do no I/O.
package views

// Page is what every page's layout needs.
type Page struct {
	Title string
	CSRF  string // token for forms that change something
	Nav   string // which top-level section is current: home, timeline, practice, progress
	// User is the logged-in username, empty for an anonymous learner.
	User    string
	Teacher bool
	// Notice is a one-off message after a redirect, such as the thanks
	// for a report.
	Notice string
}

// Option is a checkbox or select choice.
type Option struct {
	Value   string
	Label   string
	Checked bool
}

// EventLink is an event shown as a link.
type EventLink struct {
	ID    string
	Date  string // human form: "April 1965"
	Title string
	Tone  string
}

// Source is a citation as shown to a learner.
type Source struct {
	Doc   string // citation name, e.g. "Granville (2004)"
	File  string
	Quote string
}

// Dispute is a disagreement between documents.
type Dispute struct {
	Aspect string
	Note   string
	Docs   []string
}

// Actor is a person, state or organisation with their role.
type Actor struct {
	Name string
	Role string
}

// HomePage is the landing page.
type HomePage struct {
	Page
	Events, Questions int
	Attempts          int // practice answers
	AccuracyPct       int
	LastSession       *SessionRow
	// Activity is everything the learner has answered, wherever.
	Reviews, MockAnswers int
	// The learner's counts, and whether the queue has a card now.
	Counts      Counts
	ReviewReady bool
	// Exam mode: "9 days to your exam on 14 May 2027" and
	// "112 cards, 9 days: about 25 reviews a day".
	ExamCountdown, ExamForecast string
	// Workload is what the coming exam costs a day, within the learner's
	// limits; nil when no exam is coming.
	Workload *Workload
}

// TimelinePage lists events by era with a drawn timeline.
type TimelinePage struct {
	Page
	Themes     []Option
	ThemeName  string
	Eras       []EraGroup
	Chart      Chart
	EventCount int
}

// EraGroup is one era's events.
type EraGroup struct {
	ID, Name, Span string
	Events         []EventLink
}

// Chart is the SVG timeline, laid out by the handler.
type Chart struct {
	Width, Height int
	Bands         []ChartBand
	Ticks         []ChartTick
	Marks         []ChartMark
}

// ChartBand is an era drawn as a band.
type ChartBand struct {
	X, W  int
	Label string
	Alt   bool
}

// ChartTick is a labelled year on the axis.
type ChartTick struct {
	X     int
	Label string
}

// ChartMark is an event drawn on the axis.
type ChartMark struct {
	X, Y  int
	Tone  string
	Href  string
	Label string
}

// EventPage shows one event in full.
type EventPage struct {
	Page
	ID, Title, Date, Era, Summary, Tone string
	Actors                              []Actor
	Themes                              []string
	Sources                             []Source
	Disputes                            []Dispute
	Causes, LedTo                       []EventLink
	Prev, Next                          *EventLink
	QuestionCount                       int
}

// PracticeSetupPage is the form that starts a practice session.
type PracticeSetupPage struct {
	Page
	Eras, Themes, Kinds []Option
	Events              []EventLink // events chosen from an event page
	Length              int
	MaxLength           int
	Error               string
}

// QuestionPage shows one question of a session, or the feedback on it.
type QuestionPage struct {
	Page
	SessionID  int64
	Position   int // zero-based
	Total      int
	Answered   int
	Score      int
	QuestionID string
	Kind       string
	KindName   string
	Format     string // choice, order or typed
	Prompt     string
	Options    []string
	Lefts      []string // matching: the items to pair with Options
	Error      string
	Typed      string
	Feedback   *Feedback
}

// Feedback is what a learner sees after answering.
type Feedback struct {
	Correct     bool
	Given       []string
	Answer      []string
	Explanation string
	Sources     []Source
	Events      []EventLink
	NextURL     string
	NextLabel   string
	ReportURL   string // the form to report a problem with the question
}

// SummaryPage closes a session.
type SummaryPage struct {
	Page
	SessionID int64
	Score     int
	Answered  int
	Total     int
	Finished  bool
	ResumeURL string
	Eras      []ScoreRow
	Missed    []MissedQuestion
}

// ScoreRow is a score for a group of questions.
type ScoreRow struct {
	Name    string
	Correct int
	Total   int
	Pct     int
}

// MissedQuestion is a question answered wrongly, with the right answer.
type MissedQuestion struct {
	Prompt      string
	Given       string
	Answer      string
	Explanation string
	EventID     string
}

// ProgressPage shows a learner's revision charts, accuracy and history.
type ProgressPage struct {
	Page
	Counts      Counts
	Charts      ProgressCharts
	Attempts    int
	AccuracyPct int
	Eras        []ScoreRow
	Themes      []ScoreRow
	Sessions    []SessionRow
}

// SessionRow is one past practice session.
type SessionRow struct {
	ID       int64
	Started  string
	Score    int
	Answered int
	Total    int
	Finished bool
	URL      string
}

// ErrorPage explains what went wrong.
type ErrorPage struct {
	Page
	Status  int
	Heading string
	Message string
}
