package views

import "fmt"

// Workload is what an exam date costs the learner, as WorkloadMessage tells
// it: on the home page, and on the settings page before an exam date or
// scope is saved. The figures assume the learner keeps to their limits and
// answers every review; they are estimates, so the words say "about".
type Workload struct {
	ExamDate string // "14 May 2027"
	// DaysLeft counts the learner days before the exam, today included: 0
	// on the exam day, negative once it has passed.
	DaysLeft int
	// Scope says what the exam covers, completing "It covers …": "everything
	// in your deck", "Zia ul-Haq (1977–88); Afghanistan".
	Scope string
	// SetBy names who set the date when it is not the learner's own:
	// "your teacher of Year 9 History".
	SetBy string

	Cards int // cards in scope
	Seen  int // of them, already seen

	NewLimit    int // the learner's daily new-card limit
	ReviewLimit int // the learner's daily review limit
	// NewPerDay is the most new cards shown on a day (the learner's limit,
	// or fewer for a small scope), on NewDays of the DaysLeft days.
	NewPerDay, NewDays int
	// AvgReviews is the reviews a day on average, PeakReviews the busiest
	// day's.
	AvgReviews, PeakReviews int

	Covered bool // every card of the scope is seen by the exam
	// SeenByExam counts the cards seen at least once by exam day, and
	// CoveragePercent is their share of the scope, rounded down.
	SeenByExam, CoveragePercent int
	// NeededNewPerDay is the new-card limit that would cover the scope.
	NeededNewPerDay int
	// OverReviewLimit is set when the busiest day needs more reviews than
	// the learner's review limit: the rest wait for the next day.
	OverReviewLimit bool
	PeakCapped      int // reviews the limit counts on the busiest day

	// RecallPercent is the share of the scope FSRS expects recalled on exam
	// day if every planned review goes well; shown only with HasRecall.
	RecallPercent int
	HasRecall     bool

	// SettingsURL links to where the exam and limits are changed; empty
	// leaves the link out (the settings page itself).
	SettingsURL string
}

// WithinLimits reports whether the scope is covered without any day going
// over the learner's limits.
func (w Workload) WithinLimits() bool { return w.Covered && !w.OverReviewLimit }

// Status is the message's verdict in a few words.
func (w Workload) Status() string {
	switch {
	case w.DaysLeft < 0:
		return "Your exam date has passed"
	case w.DaysLeft == 0:
		return "Your exam is today"
	case w.Cards == 0:
		return "Nothing to revise in this scope"
	case !w.Covered:
		return "This cannot be covered within your limits"
	case w.OverReviewLimit:
		return "Some days go over your review limit"
	}
	return "Within your limits"
}

// Exam says when the exam is and who set it: "Exam on 14 May 2027 (12
// days), set by your teacher of Year 9 History."
func (w Workload) Exam() string {
	s := "Exam on " + w.ExamDate
	switch {
	case w.DaysLeft == 1:
		s += " (tomorrow)"
	case w.DaysLeft > 1:
		s += " (" + plural(w.DaysLeft, "day", "days") + " from today)"
	}
	if w.SetBy != "" {
		s += ", set by " + w.SetBy
	}
	return s + ". It covers " + w.Scope + "."
}

// Summary is the cost in one sentence: "856 cards in scope, 12 days: about
// 69 reviews and 20 new cards a day, within your limits."
func (w Workload) Summary() string {
	cards := plural(w.Cards, "card", "cards") + " in scope"
	switch {
	case w.DaysLeft < 0:
		return "Set your next exam date in settings, or clear this one."
	case w.DaysLeft == 0:
		return fmt.Sprintf("%s, %d of them seen.", cards, w.Seen)
	case w.Cards == 0:
		return "The exam's scope holds no cards of your deck: choose what it covers in settings."
	}
	head := cards + ", " + plural(w.DaysLeft, "day", "days") + ": "
	if !w.Covered {
		return head + fmt.Sprintf("at your limit of %s a day, %d of the %d cards (%s) are seen by the exam and %d are never seen.",
			plural(w.NewLimit, "new card", "new cards"), w.SeenByExam, w.Cards, w.coverage(), w.Cards-w.SeenByExam)
	}
	var s string
	if w.NewPerDay == 0 {
		if w.Seen == w.Cards {
			head = cards + ", all seen, " + plural(w.DaysLeft, "day", "days") + ": "
		}
		s = head + "about " + plural(w.AvgReviews, "review", "reviews") + " a day"
	} else {
		s = head + "about " + plural(w.AvgReviews, "review", "reviews")
		switch {
		case w.NewDays >= w.DaysLeft:
			s += " and " + plural(w.NewPerDay, "new card", "new cards") + " a day"
		case w.NewDays == 1:
			s += " a day, and " + plural(w.NewPerDay, "new card", "new cards") + " on the first day"
		default:
			s += " a day, and " + plural(w.NewPerDay, "new card", "new cards") + " a day for the first " + itoa(w.NewDays) + " days"
		}
	}
	if w.OverReviewLimit {
		return s + "."
	}
	return s + ", within your limits."
}

// Details are the sentences after the summary: what covering the scope
// would take, the busiest day against the review limit, the recall to
// expect.
func (w Workload) Details() []string {
	if w.DaysLeft < 0 || w.Cards == 0 {
		return nil
	}
	var out []string
	if w.DaysLeft > 0 && !w.Covered {
		out = append(out, fmt.Sprintf("Seeing every card by the exam takes %s a day. As it stands: about %s a day, %d on the busiest day.",
			plural(w.NeededNewPerDay, "new card", "new cards"), plural(w.AvgReviews, "review", "reviews"), w.PeakReviews))
	}
	if w.DaysLeft > 0 && w.OverReviewLimit {
		out = append(out, fmt.Sprintf("The busiest day needs about %d reviews, more than your limit of %d: the ones over it wait for the next day.",
			w.PeakCapped, w.ReviewLimit))
	}
	if w.HasRecall {
		out = append(out, fmt.Sprintf("If your reviews go as planned, expect to recall about %d%% of these cards on exam day.", w.RecallPercent))
	}
	return out
}

// coverage is the share seen by the exam in words: "about 28%", "under 1%".
func (w Workload) coverage() string {
	if w.CoveragePercent == 0 && w.SeenByExam > 0 {
		return "under 1%"
	}
	return fmt.Sprintf("about %d%%", w.CoveragePercent)
}

// AcceptLabel is the choice to save an exam that cannot be covered as it
// is: "Save anyway: about 28% covered".
func (w Workload) AcceptLabel() string {
	if !w.Covered {
		return "Save anyway: " + w.coverage() + " covered"
	}
	return "Save anyway: some reviews wait a day"
}

// boolAttr writes a bool for a data attribute.
func boolAttr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
