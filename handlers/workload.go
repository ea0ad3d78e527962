package handlers

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/questions/srs"
	"sabaq/views"
)

// workload is the workload message for the exam the learner revises towards
// now (their own date, else a teacher's on an assignment; see
// questions.LearnerExam), or nil when they have none to come. The home page
// shows it with views.WorkloadMessage.
func (a *App) workload(c *fiber.Ctx, l questions.Learner) (*views.Workload, error) {
	rs, err := a.Store.ReviewSettings(c.UserContext(), l.ID)
	if err != nil {
		return nil, err
	}
	assigned, err := a.studentAssignments(c)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	e, ok := questions.LearnerExam(rs, assigned, now)
	if _, err := time.Parse(time.DateOnly, e.Date); !ok || err != nil {
		return nil, nil // settings are validated on save: an unreadable date is no exam
	}
	w, err := a.examWorkload(c, l, rs, e, now)
	if err != nil {
		return nil, err
	}
	vm := workloadView(w, e, rs)
	vm.SettingsURL = "/settings#exam-scope"
	return &vm, nil
}

// examWorkload estimates what exam e costs a learner with settings rs: the
// part of their deck it covers, their cards in it, and the new cards they
// were shown today, within their limits.
func (a *App) examWorkload(c *fiber.Ctx, l questions.Learner, rs questions.ReviewSettings, e questions.Exam, now time.Time) (srs.Workload, error) {
	in, err := a.workloadInput(c, l, rs, e, now)
	if err != nil {
		return srs.Workload{}, err
	}
	sched, err := scheduler(rs)
	if err != nil {
		return srs.Workload{}, err
	}
	return sched.EstimateWorkload(in), nil
}

// workloadInput gathers what estimating exam e's workload needs: the
// learner's cards in its scope, the scope's cards not yet shown, today's
// new cards, and the learner's limits.
func (a *App) workloadInput(c *fiber.Ctx, l questions.Learner, rs questions.ReviewSettings, e questions.Exam, now time.Time) (srs.WorkloadInput, error) {
	ctx := c.UserContext()
	loc := rs.Location()
	exam, err := time.ParseInLocation(time.DateOnly, e.Date, loc)
	if err != nil {
		return srs.WorkloadInput{}, badRequest("The exam date %q is not a date.", e.Date)
	}
	// The deck already carries each assignment's question ids: no set is
	// read twice.
	deck, err := a.Revision.Deck(ctx, who(c), rs)
	if err != nil {
		return srs.WorkloadInput{}, err
	}
	var ids []string
	for _, as := range deck.Assignments {
		if slices.ContainsFunc(e.Assignments, func(x questions.Assignment) bool { return x.ID == as.ID }) {
			ids = append(ids, as.QuestionIDs...)
		}
	}
	scope := questions.ExamCoverage(deck.Questions(), e.Scope, a.Timeline, ids)
	cards, err := a.Store.Cards(ctx, l.ID)
	if err != nil {
		return srs.WorkloadInput{}, err
	}
	byID := make(map[string]srs.Card, len(cards))
	for _, cr := range cards {
		byID[cr.QuestionID] = cr.Card
	}
	in := srs.WorkloadInput{ReviewsPerDay: rs.ReviewsPerDay, ExamInput: srs.ExamInput{
		NewLimit: rs.NewPerDay, Exam: exam, Now: now, Location: loc}}
	for _, q := range scope {
		if card, ok := byID[q.ID]; ok && card.State != srs.StateNew {
			in.Cards = append(in.Cards, srs.CardInfo{ID: q.ID, Card: card})
		} else {
			in.NewRemaining++
		}
	}
	today, err := a.Store.DayCounts(ctx, l.ID, questions.DayStart(now, loc))
	if err != nil {
		return srs.WorkloadInput{}, err
	}
	in.NewToday = today.New
	return in, nil
}

// choiceRetentions are the desired retentions "Help me choose" compares.
var choiceRetentions = []float64{0.80, 0.85, 0.90, 0.95}

// choiceExamDays is how far off the exam "Help me choose" supposes when
// the learner has none: a month, the plan's whole window.
const choiceExamDays = srs.PlanWindowDays

// retentionChoices is the "Help me choose" panel of /settings: for each
// of choiceRetentions, what the exam plan expects within the learner's
// limits (reviews a day, recall on exam day), for the exam they revise
// towards or, with none, an exam on their whole deck a month from today.
func (a *App) retentionChoices(c *fiber.Ctx, l questions.Learner, rs questions.ReviewSettings, assigned []questions.Assignment, now time.Time) (*views.RetentionChoices, error) {
	e, ok := questions.LearnerExam(rs, assigned, now)
	vm := &views.RetentionChoices{}
	if ok {
		vm.For = "your exam on " + humanDate(e.Date) + ", which covers " + scopeLabel(e)
	} else {
		e = questions.Exam{Date: now.In(rs.Location()).AddDate(0, 0, choiceExamDays).Format(time.DateOnly), Scope: questions.ExamScope{Kind: questions.ScopeAll}}
		vm.For = "an exam a month from today on everything in your deck (you have set no exam date)"
	}
	in, err := a.workloadInput(c, l, rs, e, now)
	if err != nil {
		return nil, err
	}
	for _, r := range choiceRetentions {
		set := rs
		set.DesiredRetention = r
		sched, err := scheduler(set)
		if err != nil {
			return nil, err
		}
		w := sched.EstimateWorkload(in)
		if !w.HasRecall || w.DaysLeft <= 0 {
			return nil, nil // nothing to compare: an empty scope
		}
		vm.Rows = append(vm.Rows, views.RetentionChoice{Retention: strconv.FormatFloat(r, 'f', 2, 64),
			Current: math.Abs(r-rs.DesiredRetention) < 0.005, PerDay: w.AvgReviews, Reviews: w.Reviews,
			RecallPercent: int(math.Floor(100 * w.Recall)), RecallTenths: int(math.Floor(1000 * w.Recall))})
	}
	return vm, nil
}

// studentAssignments are the assignments of a student's classes; none for
// anyone else.
func (a *App) studentAssignments(c *fiber.Ctx) ([]questions.Assignment, error) {
	acc, ok := account(c)
	if !ok || acc.Role != questions.Student {
		return nil, nil
	}
	return a.Store.StudentAssignments(c.UserContext(), acc.ID)
}

// workloadView shapes a workload estimate as the workload message tells it.
// Percentages are rounded down, so that neither is ever overstated.
func workloadView(w srs.Workload, e questions.Exam, rs questions.ReviewSettings) views.Workload {
	vm := views.Workload{
		ExamDate: w.Exam.Format("2 January 2006"), DaysLeft: w.DaysLeft, Scope: scopeLabel(e),
		Cards: w.Scope, Seen: w.Seen, NewLimit: rs.NewPerDay, ReviewLimit: rs.ReviewsPerDay,
		NewPerDay: w.NewPerDay, NewDays: w.NewDays, AvgReviews: w.AvgReviews, PeakReviews: w.PeakReviews,
		Covered: w.Covered(), SeenByExam: w.SeenByExam, CoveragePercent: int(math.Floor(100 * w.Coverage)),
		NeededNewPerDay: w.NeededNewPerDay, OverReviewLimit: w.OverReviewLimit(), PeakCapped: w.PeakCapped,
		RecallPercent: int(math.Floor(100 * w.Recall)), HasRecall: w.HasRecall,
	}
	if e.ByTeacher && len(e.Assignments) > 0 {
		vm.SetBy = "your teacher of " + e.Assignments[0].ClassName
	}
	return vm
}

// scopeLabel completes "It covers …" for an exam.
func scopeLabel(e questions.Exam) string {
	switch e.Scope.Kind {
	case questions.ScopeTopics:
		var names []string
		for _, id := range e.Scope.Eras {
			if era, ok := questions.EraByID(id); ok {
				names = append(names, era.Name+" ("+era.Span+")")
			}
		}
		for _, id := range e.Scope.Themes {
			if t, ok := questions.ThemeByID(id); ok {
				names = append(names, t.Name)
			}
		}
		return "these eras and themes: " + strings.Join(names, "; ")
	case questions.ScopeAssignment:
		if len(e.Assignments) == 0 {
			return "a class assignment that is no longer yours: choose another scope"
		}
		var names []string
		for _, as := range e.Assignments {
			if n := "“" + as.SetTitle + "” (" + as.ClassName + ")"; !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		if len(names) == 1 {
			return "the assigned set " + names[0] + " only"
		}
		return "the assigned sets " + strings.Join(names, ", ") + " only"
	}
	return "everything in your deck"
}
