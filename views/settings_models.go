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
	// Choices, when set, compares desired retentions for the exam.
	Choices *RetentionChoices
}

// RetentionChoices is "Help me choose": what each desired retention would
// cost and bring for an exam, as a table and a chart.
type RetentionChoices struct {
	For  string // the exam compared for, completing "For …"
	Rows []RetentionChoice
}

// RetentionChoice is one desired retention's plan.
type RetentionChoice struct {
	Retention     string
	Current       bool // the learner's own
	PerDay        int  // reviews a day, on average
	Reviews       int  // reviews until the exam
	RecallPercent int  // expected recall on exam day, rounded down
	RecallTenths  int  // the same in tenths of a percent
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

// Choice chart geometry: a bar per retention for its reviews a day, the
// figure above it, the retention and the recall below; 300 units wide, so
// 12-unit labels are 12.8 px in a 320 px column.
const (
	chFont  = 12
	chWidth = 300
	chTop   = 18
	chPlot  = 90
)

// ChoiceBar is one retention's bar, laid out.
type ChoiceBar struct {
	RetentionChoice
	X, Y, W, H, Mid, LabelY, AxisY, NoteY int
}

// ViewBox is the chart's viewBox.
func (r RetentionChoices) ViewBox() string { return viewBox(chWidth, chTop+chPlot+2*chFont+12) }

// Font is the labels' size in user units.
func (r RetentionChoices) Font() int { return chFont }

// BaseY is where the bars stand.
func (r RetentionChoices) BaseY() int { return chTop + chPlot }

// Bars lays the rows out, each bar's height its reviews a day against the
// most of any row.
func (r RetentionChoices) Bars() []ChoiceBar {
	most := 1
	for _, row := range r.Rows {
		most = max(most, row.PerDay)
	}
	n := max(len(r.Rows), 1)
	pitch := chWidth / n
	out := make([]ChoiceBar, 0, len(r.Rows))
	for i, row := range r.Rows {
		h := max(row.PerDay*chPlot/most, 1)
		b := ChoiceBar{RetentionChoice: row, X: i*pitch + pitch/4, W: pitch / 2, H: h, Y: chTop + chPlot - h, Mid: i*pitch + pitch/2}
		b.LabelY = b.Y - 4
		b.AxisY = chTop + chPlot + chFont + 2
		b.NoteY = b.AxisY + chFont + 2
		out = append(out, b)
	}
	return out
}
