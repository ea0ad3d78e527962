package views

// SettingsForm is the revision settings page: the form with the values
// given, each problem beside its field, and, when the exam date or its scope
// was changed, what the exam would cost before anything is saved.
type SettingsForm struct {
	Page
	Retention     string
	NewPerDay     string
	ReviewsPerDay string
	TimeZone      string
	TimeZones     []string
	ExamDate      string
	Mode          string
	Eras, Themes  []Option // the review filters
	// PracticeCounts makes practice answers count as reviews.
	PracticeCounts bool
	// ScopeKind is what the exam covers: all, topics or assignment.
	ScopeKind string
	// ScopeEras and ScopeThemes are the topics a "topics" exam covers.
	ScopeEras, ScopeThemes []Option
	// Assignments are the learner's class assignments for an "assignment"
	// exam (Value is the assignment's id); empty for a learner in no class.
	Assignments []Option
	// ScopeGone is set when the saved exam covers an assignment that is no
	// longer one of the learner's.
	ScopeGone bool
	Errors    map[string]string
	Saved     bool
	// Preview, when set, is the cost of the exam date and scope given,
	// not yet saved, with the learner's choices.
	Preview *ExamPreview
	// Current, when set and there is no preview, is the workload of the
	// exam the learner revises towards now: their own or a teacher's.
	Current *Workload
	// Model is which memory model schedules the learner's reviews.
	Model ModelFit
}

// ExamPreview is an exam date's workload shown before it is saved, with the
// choices the learner has: save it; or, when it cannot be covered within
// their limits, narrow the scope, raise a limit, or save it as it is.
type ExamPreview struct {
	Workload Workload
	// Previewed identifies the settings previewed: a choice made for other
	// settings shows their preview instead of saving.
	Previewed string
	// RaiseNewTo, when not 0, offers to save with this new-card limit,
	// which covers the scope: about RaisedReviews reviews a day then, and
	// RaisedPeak on the busiest day.
	RaiseNewTo, RaisedReviews, RaisedPeak int
	// RaiseReviewsTo, when not 0, offers to save with this review limit,
	// which the busiest day needs.
	RaiseReviewsTo int
}
