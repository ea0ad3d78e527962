// Package views renders Sabaq's pages. Components take view models shaped
// like the screen and do no I/O.
package views

import "sabaq/questions/richtext"

// Page is what every page's layout needs.
type Page struct {
	Title string
	// Description is the page's summary for search engines and link
	// previews; empty means the app's own (defaultDescription).
	Description string
	CSRF        string // token for forms that change something
	// Nav is the current top-level section: home, review, timeline,
	// practice, mock, progress, teach, account, login or signup.
	Nav string
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
	// Rich is the formatted HTML of the prompt and options, for a question
	// a teacher wrote in HTML or markdown.
	Rich richtext.Texts
}

// Feedback is what a learner sees after answering, or on a card's back.
type Feedback struct {
	Correct bool
	// Answered is false on a flashcard's back: nothing was given.
	Answered bool
	Format   string   // choice, multi, order, match, typed or number
	Given    []string // typed and number: what was typed
	Answer   []string // typed and number: the accepted answers
	// Options (choice and multi) are redrawn in the order shown, marked;
	// Places (order and match) line up the answer with the learner's.
	Options []MarkedOption
	Places  []Placed
	// Note is the teacher's feedback on a typed answer or number.
	Note string
	// Share is the part of the mark a partly right typed answer or number
	// earned (0.5 for half marks); 0 when it is right or wrong.
	Share       float64
	Explanation string
	Sources     []Source
	Events      []EventLink
	NextURL     string
	NextLabel   string
	ReportURL   string // the form to report a problem with the question
	// Rich is the formatted HTML of the explanation, options and notes,
	// for a question a teacher wrote in HTML or markdown.
	Rich richtext.Texts
}

// MarkedOption is an option redrawn after answering.
type MarkedOption struct {
	Text   string
	Right  bool
	Chosen bool
	Note   string // the teacher's feedback on this option
}

// Placed is one place of an order or matching answer beside the learner's.
type Placed struct {
	Item    string // order: the item in this place; matching: the left item
	Right   string // matching: the right item that belongs with Item
	Place   int    // order: where the learner put Item, from 1 (0 for nowhere)
	Picked  string // matching: the right item the learner picked
	Correct bool
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

// MissedQuestion is a question answered wrongly: a line with the answers,
// and the feedback on it to open.
type MissedQuestion struct {
	Number   int
	Prompt   string
	Given    string
	Answer   string
	Feedback Feedback
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
	Written     WrittenProgress
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
