package questions

import (
	"math"
	"slices"
	"time"
	_ "time/tzdata" // learners' time zones must load on machines without a zoneinfo database

	"sabaq/questions/srs"
)

// ReviewMode is how a card is reviewed.
type ReviewMode string

// The review modes. Practice and mock exam answers feed the scheduler as
// reviews too: one ledger of what the learner has studied.
const (
	ModeFlashcard ReviewMode = "flashcard" // front, reveal, grade yourself
	ModeQuiz      ReviewMode = "quiz"      // answer the question; right is Good, wrong is Again
	ModeMock      ReviewMode = "mock"      // an answer in a mock exam
	ModePractice  ReviewMode = "practice"  // a practice answer; right is Good, wrong is Again
)

// ReviewSettings are a learner's revision settings.
type ReviewSettings struct {
	DesiredRetention float64
	NewPerDay        int
	ReviewsPerDay    int
	TimeZone         string
	ExamDate         string // YYYY-MM-DD in TimeZone, or empty
	Mode             ReviewMode
	Eras, Themes     []string
	// PracticeCounts makes a practice answer count as a review of its
	// question's card (right as Good, wrong as Again), as a quiz review
	// does. On unless the learner turns it off.
	PracticeCounts bool
	// ExamScope is what the exam date is for.
	ExamScope ExamScope
	// Model is the memory model the scheduler uses: weights the server
	// fitted to the learner's or their class's reviews, or the defaults.
	// The learner does not set it; saving the settings leaves it alone.
	Model ModelFit
}

// ExamScope is the part of the bank an exam date covers.
type ExamScope struct {
	Kind ExamScopeKind
	// Eras and Themes narrow a "topics" scope (either may be empty).
	Eras, Themes []string
	// AssignmentID is the class assignment of an "assignment" scope.
	AssignmentID int64
}

// ExamScopeKind says what an exam date covers.
type ExamScopeKind string

// The scopes of an exam date.
const (
	ScopeAll        ExamScopeKind = "all"        // the learner's whole deck
	ScopeTopics     ExamScopeKind = "topics"     // chosen eras and themes
	ScopeAssignment ExamScopeKind = "assignment" // the questions of one class assignment
)

// Defaults and limits for review settings.
const (
	DefaultNewPerDay     = 20
	DefaultReviewsPerDay = 200
	DefaultTimeZone      = "Asia/Karachi"
	MaxPerDay            = 9999
	// DayStartHour is when a learner's day begins, as in Anki: reviews done
	// after midnight still count towards the evening before.
	DayStartHour = srs.DayStartHour
)

// DefaultReviewSettings are the settings of a learner who has set none.
func DefaultReviewSettings() ReviewSettings {
	return ReviewSettings{
		DesiredRetention: srs.DefaultRetention,
		NewPerDay:        DefaultNewPerDay,
		ReviewsPerDay:    DefaultReviewsPerDay,
		TimeZone:         DefaultTimeZone,
		Mode:             ModeFlashcard,
		PracticeCounts:   true,
		ExamScope:        ExamScope{Kind: ScopeAll},
	}
}

// FieldErrors maps a form field to what is wrong with it.
type FieldErrors map[string]string

// Validate checks every field against now (an exam date must not be past),
// returning the problems by field.
func (s ReviewSettings) Validate(now time.Time) FieldErrors {
	errs := FieldErrors{}
	if math.IsNaN(s.DesiredRetention) || s.DesiredRetention < srs.MinRetention || s.DesiredRetention > srs.MaxRetention {
		errs["retention"] = "Choose a desired retention between 0.70 and 0.97."
	}
	if s.NewPerDay < 0 || s.NewPerDay > MaxPerDay {
		errs["new_per_day"] = "New cards a day must be between 0 and 9999."
	}
	if s.ReviewsPerDay < 1 || s.ReviewsPerDay > MaxPerDay {
		errs["reviews_per_day"] = "Reviews a day must be between 1 and 9999."
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil || s.TimeZone == "" || s.TimeZone == "Local" {
		errs["timezone"] = "Choose a time zone from the list, such as Asia/Karachi."
		loc = time.UTC
	}
	if s.ExamDate != "" {
		d, err := time.ParseInLocation(time.DateOnly, s.ExamDate, loc)
		switch {
		case err != nil:
			errs["exam_date"] = "Give the exam date as a date, such as 2027-05-14."
		case d.Format(time.DateOnly) <= now.In(loc).Format(time.DateOnly):
			errs["exam_date"] = "The exam date must be after today."
		case d.After(now.AddDate(5, 0, 0)):
			errs["exam_date"] = "The exam date must be within five years."
		}
	}
	if s.Mode != ModeFlashcard && s.Mode != ModeQuiz {
		errs["mode"] = "Choose flashcards or quiz."
	}
	for _, id := range s.Eras {
		if _, ok := EraByID(id); !ok {
			errs["eras"] = "Choose eras from the list."
		}
	}
	for _, id := range s.Themes {
		if _, ok := ThemeByID(id); !ok {
			errs["themes"] = "Choose themes from the list."
		}
	}
	switch s.ExamScope.Kind {
	case ScopeAll, "":
	case ScopeTopics:
		for _, id := range s.ExamScope.Eras {
			if _, ok := EraByID(id); !ok {
				errs["exam_scope"] = "Choose the exam's eras from the list."
			}
		}
		for _, id := range s.ExamScope.Themes {
			if _, ok := ThemeByID(id); !ok {
				errs["exam_scope"] = "Choose the exam's themes from the list."
			}
		}
		if len(s.ExamScope.Eras)+len(s.ExamScope.Themes) == 0 {
			errs["exam_scope"] = "Choose at least one era or theme for the exam, or the whole bank."
		}
	case ScopeAssignment:
		if s.ExamScope.AssignmentID <= 0 {
			errs["exam_scope"] = "Choose one of your class's assignments."
		}
	default:
		errs["exam_scope"] = "Choose what the exam covers: everything, some eras and themes, or an assignment."
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Location is the learner's time zone (Sabaq's default if it cannot be loaded).
func (s ReviewSettings) Location() *time.Location {
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return srs.DefaultLocation()
	}
	return loc
}

// DayStart is the start of the learner's day that contains t: 04:00 local.
func DayStart(t time.Time, loc *time.Location) time.Time { return srs.DayStart(t, loc) }

// NextDayStart is the start of the learner's next day after t.
func NextDayStart(t time.Time, loc *time.Location) time.Time {
	s := DayStart(t, loc)
	return time.Date(s.Year(), s.Month(), s.Day()+1, DayStartHour, 0, 0, 0, loc)
}

// CardRecord is a learner's stored card for one question.
type CardRecord struct {
	QuestionID string
	EventID    string
	Card       srs.Card
	Version    int64
}

// ReviewRecord is one logged review.
type ReviewRecord struct {
	ID          int64
	LearnerID   int64
	QuestionID  string
	EventID     string
	Rating      srs.Rating
	StateBefore srs.State
	Before      *srs.Card // nil when the card was new
	After       srs.Card
	ElapsedDays float64
	ReviewedAt  time.Time
	DurationMS  int64
	Mode        ReviewMode
	Answer      []string // the answer given, in quiz, mock and practice modes
	// Source names the answer a review outside the queue was made from
	// ("attempt:12", "mock:3:4"; see revision.Source); empty for a review in
	// the queue. A learner has at most one review of each source.
	Source string
}

// DayCounts is what a learner has done today.
type DayCounts struct {
	All        int             // every review, whatever the card's state
	Reviews    int             // reviews of cards that were in review state
	New        int             // new cards introduced
	EventsSeen map[string]bool // events with a review today: their other questions are buried
	Questions  map[string]bool // questions reviewed today
}

// QueueInput is everything the queue needs to choose the next card.
type QueueInput struct {
	Now      time.Time
	Settings ReviewSettings
	Due      []CardRecord                 // cards due before the end of today, any state
	Known    func(questionID string) bool // whether a question has a card
	Today    DayCounts
	Bank     []Question // the learner's deck, filtered, in bank order
	// NewLimit overrides Settings.NewPerDay; 0 = use settings. Exam mode
	// sets it to the plan's intake, which never exceeds the learner's limit.
	NewLimit int
	// TopUps are exam-mode top-up cards due today, whatever their FSRS due.
	TopUps []CardRecord
	// Scheduler gives retrievability to order a backlog.
	Scheduler *srs.Scheduler
}

// QueueItem is the card to show next.
type QueueItem struct {
	QuestionID string
	New        bool
	Card       *CardRecord // nil for a new card
}

// QueueSummary counts what is left today.
type QueueSummary struct {
	Learning, Review, New int
	// NextLearning is when the next learning card comes due, if none is due now.
	NextLearning time.Time
	// Until is when the passing of time alone could first change the choice
	// or these counts: a learning card coming due (or within learnAhead of
	// it), or a backlog's order being redrawn. Zero when nothing in the
	// input waits on the clock. Callers keeping the result must also start
	// afresh at the next day's start, which moves what is due and today's
	// counts.
	Until time.Time
}

// backlogRedraw is how long a backlog's order by retrievability is kept:
// it moves with the clock, but slowly.
const backlogRedraw = time.Minute

// learnAhead lets a learning card due within this long be shown early when
// nothing else is left, as Anki does.
const learnAhead = 20 * time.Minute

// NextCard chooses the next card: learning and relearning cards due now
// first, then due reviews by due time (a backlog beyond the day's cap by
// ascending retrievability), then new cards up to the daily limit. Other
// questions on an event reviewed today are buried until tomorrow.
func NextCard(in QueueInput) (QueueItem, QueueSummary, bool) {
	var sum QueueSummary
	buried := func(c CardRecord) bool { return in.Today.EventsSeen[c.EventID] && !in.Today.Questions[c.QuestionID] }

	var learning, later, reviews []CardRecord
	for _, c := range in.Due {
		switch {
		case c.Card.State == srs.Learning || c.Card.State == srs.Relearning:
			if c.Card.Due.After(in.Now) {
				later = append(later, c)
			} else {
				learning = append(learning, c)
			}
		case c.Card.State == srs.Review && !buried(c):
			reviews = append(reviews, c)
		}
	}
	for _, c := range in.TopUps {
		if !slices.ContainsFunc(reviews, func(r CardRecord) bool { return r.QuestionID == c.QuestionID }) && !buried(c) {
			reviews = append(reviews, c)
		}
	}
	byDue := func(a, b CardRecord) int { return a.Card.Due.Compare(b.Card.Due) }
	slices.SortFunc(learning, byDue)
	slices.SortFunc(later, byDue)
	room := max(0, in.Settings.ReviewsPerDay-in.Today.Reviews)
	if len(reviews) > room && in.Scheduler != nil {
		sum.Until = in.Now.Add(backlogRedraw)
		// A backlog: do first the cards most likely forgotten.
		r := make(map[string]float64, len(reviews))
		for _, c := range reviews {
			r[c.QuestionID] = in.Scheduler.Retrievability(c.Card, in.Now)
		}
		slices.SortStableFunc(reviews, func(a, b CardRecord) int {
			if x, y := r[a.QuestionID], r[b.QuestionID]; x != y {
				if x < y {
					return -1
				}
				return 1
			}
			return a.Card.Due.Compare(b.Card.Due)
		})
	} else {
		slices.SortStableFunc(reviews, byDue)
	}
	reviews = reviews[:min(len(reviews), room)]

	limit := in.Settings.NewPerDay
	if in.NewLimit > 0 {
		limit = in.NewLimit
	}
	newLeft := max(0, limit-in.Today.New)
	fresh := newCards(in.Bank, in.Known, in.Today.EventsSeen, newLeft)
	sum.Learning, sum.Review, sum.New = len(learning), len(reviews), len(fresh)
	for _, c := range later {
		if sum.NextLearning.IsZero() || c.Card.Due.Before(sum.NextLearning) {
			sum.NextLearning = c.Card.Due
		}
		sum.Until = Earliest(sum.Until, c.Card.Due)
		if early := c.Card.Due.Add(-learnAhead); early.After(in.Now) {
			sum.Until = Earliest(sum.Until, early)
		}
	}
	switch {
	case len(learning) > 0:
		c := learning[0]
		return QueueItem{QuestionID: c.QuestionID, Card: &c}, sum, true
	case len(reviews) > 0:
		c := reviews[0]
		return QueueItem{QuestionID: c.QuestionID, Card: &c}, sum, true
	case len(fresh) > 0:
		return QueueItem{QuestionID: fresh[0], New: true}, sum, true
	}
	// Nothing else left: a learning card due soon may be done early.
	for _, c := range later {
		if c.Card.Due.Sub(in.Now) <= learnAhead {
			return QueueItem{QuestionID: c.QuestionID, Card: &c}, sum, true
		}
	}
	return QueueItem{}, sum, false
}

// Earliest is the earlier of two times, a zero time counting as never.
func Earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

// Grade reviews question q with a rating at now: it returns the log record
// (with the card after) and the version the stored card must still have
// for the review to apply (0 for a new card).
func Grade(sched *srs.Scheduler, q Question, cur *CardRecord, rating srs.Rating, now time.Time, durationMS int64, mode ReviewMode) (ReviewRecord, int64, error) {
	if rating < srs.Again || rating > srs.Easy {
		return ReviewRecord{}, 0, Errorf(EINVALID, "A grade must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).")
	}
	card, version := srs.NewCard(now), int64(0)
	var before *srs.Card
	if cur != nil {
		card, version = cur.Card, cur.Version
		b := cur.Card
		before = &b
	}
	after, err := sched.Review(card, now, rating)
	if err != nil {
		return ReviewRecord{}, 0, err
	}
	elapsed := 0.0
	if !card.LastReview.IsZero() {
		elapsed = max(0, now.Sub(card.LastReview).Hours()/24)
	}
	return ReviewRecord{
		QuestionID:  q.ID,
		EventID:     q.Sibling(),
		Rating:      rating,
		StateBefore: card.State,
		Before:      before,
		After:       after,
		ElapsedDays: elapsed,
		ReviewedAt:  now,
		DurationMS:  min(max(durationMS, 0), 60*60*1000),
		Mode:        mode,
	}, version, nil
}

// QuizRating is the grade a quiz answer gives: right is Good, wrong Again.
func QuizRating(correct bool) srs.Rating {
	if correct {
		return srs.Good
	}
	return srs.Again
}

// newCards picks up to n new questions in timeline order, one per event (the
// others are its siblings, buried for the day), rotating through the kinds
// from one event to the next so that a day's new cards are not all alike.
func newCards(deck []Question, known func(string) bool, buried map[string]bool, n int) []string {
	// The first n events, in deck order, with a question neither known nor
	// buried; the deck is read twice rather than grouping every event's
	// questions for the few events a day takes.
	index := make(map[string]int, n)
	var order []string
	for _, q := range deck {
		if len(order) >= n {
			break
		}
		ev := q.Sibling()
		if _, ok := index[ev]; ok || known(q.ID) || buried[ev] {
			continue
		}
		index[ev] = len(order)
		order = append(order, ev)
	}
	if len(order) == 0 {
		return nil
	}
	candidates := make([][]string, len(order))
	for _, q := range deck {
		if i, ok := index[q.Sibling()]; ok && !known(q.ID) {
			candidates[i] = append(candidates[i], q.ID)
		}
	}
	var out []string
	for _, c := range candidates {
		out = append(out, c[len(out)%len(c)])
	}
	return out
}
