package views

import "sabaq/questions/richtext"

// ReviewPage is one card of the review queue: its front, or its back with
// the grade buttons, or the feedback on a quiz answer.
type ReviewPage struct {
	Page
	Empty     bool
	EmptyNote string
	// Counts are the learner's counts, as every page shows them; NewToday
	// is how many new cards the queue has left for today.
	Counts     Counts
	NewToday   int
	CardURL    string // /review/card/<id>
	QuestionID string
	IsNew      bool
	Mode       string // flashcard or quiz
	Revealed   bool
	KindName   string
	Format     string
	Prompt     string
	Options    []string
	Lefts      []string // matching: the items to pair with Options
	Version    int64
	ShownAt    int64
	Grades     []GradeButton
	CanUndo    bool
	Error      string
	Back       *Feedback
	LogID      int64 // the quiz review whose grade may be changed
	Rating     int   // the grade given
	ExamBanner string
	FilterNote string
	// Rich is the formatted HTML of the prompt and options, for a card a
	// teacher wrote in HTML or markdown.
	Rich richtext.Texts
}

// GradeButton is one of Again, Hard, Good, Easy with the interval it gives.
type GradeButton struct {
	Rating   int
	Label    string
	Interval string
	Current  bool
}
