package revision

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// examMode plans the revision towards the learner's exam: in the last
// srs.PlanWindowDays before it, the plan of srs.PlanExamOptimal chooses
// which of the exam's cards (its scope) are reviewed each day, for the
// most recalled at the exam's start within the daily review limit; the
// scope's new cards come first, within the learner's daily new-card limit,
// which exam mode never raises (the workload message says when the limit
// cannot cover the scope). The rest of the deck is revised as usual. The
// plan is made once a learner day, from the cards as they are (see
// newForecastCache).
func (s *Service) examMode(who Learner, loc *time.Location, cards []questions.CardRecord, in *questions.QueueInput, q *Queue, deck Deck, e questions.Exam) {
	exam, err := time.ParseInLocation(time.DateOnly, e.Date, loc)
	if err != nil {
		return // validated on save; an unreadable date just means no exam mode
	}
	covered := s.examCoverage(in.Bank, deck, e)
	inScope := make(map[string]bool, len(covered))
	for _, qn := range covered {
		inScope[qn.ID] = true
	}
	infos := make([]srs.CardInfo, 0, len(cards))
	for _, cr := range cards {
		if inScope[cr.QuestionID] {
			infos = append(infos, srs.CardInfo{ID: cr.QuestionID, Card: cr.Card})
		}
	}
	newRemaining := 0
	for _, qn := range covered {
		if !in.Known(qn.ID) {
			newRemaining++
		}
	}
	if len(covered) < len(in.Bank) {
		// The scope's new cards take the day's intake first.
		bank := make([]questions.Question, 0, len(in.Bank))
		bank = append(bank, covered...)
		for _, qn := range in.Bank {
			if !inScope[qn.ID] {
				bank = append(bank, qn)
			}
		}
		in.Bank = bank
	}
	ein := srs.ExamInput{Cards: infos, NewRemaining: newRemaining, NewToday: in.Today.New,
		NewLimit: q.Settings.NewPerDay, Exam: exam, Now: q.Now, Location: loc}
	base, ok := srs.PlanExam(ein)
	if !ok {
		return
	}
	in.NewLimit = base.NewPerDay
	q.ExamCountdown = examCountdown(base.DaysLeft, exam)
	key := forecastKey{learner: who.ID, created: who.CreatedAt.UnixMilli(), day: base.Today.Unix(),
		exam: e.Date, scope: scopeKey(e), timeZone: q.Settings.TimeZone, retention: q.Settings.DesiredRetention,
		weights: q.Settings.Model.Key(), newPerDay: q.Settings.NewPerDay, reviewsPerDay: q.Settings.ReviewsPerDay,
		deck: deck.Timeline, assigned: deckFingerprint(deck.Assigned)}
	plan, ok := s.forecasts.get(key, q.Now)
	if !ok {
		// Reviews the limit must give today to cards outside the exam, and
		// those already done, come before the plan's.
		busy := in.Today.Reviews
		for _, cr := range in.Due {
			if cr.Card.State == srs.Review && !inScope[cr.QuestionID] {
				busy++
			}
		}
		op, _ := q.Scheduler.PlanExamOptimal(srs.OptimalInput{ExamInput: ein, ReviewsPerDay: q.Settings.ReviewsPerDay, Busy: []int{busy}})
		plan = keptPlan{forecast: op.Forecast().String() + ".", sum: op.Forecast(), inWindow: op.WindowDay == 0, today: op.TodayIDs()}
		s.forecasts.put(key, plan, q.Now)
	}
	q.ExamForecast, q.examSum = plan.forecast, plan.sum
	if !plan.inWindow {
		return // before the plan's window: the due dates rule
	}
	// In the window the plan chooses the exam's reviews: the scope's cards
	// in review come up on the days it gives them, not on their due dates.
	// A card planned today and already reviewed today is done; one that
	// lapsed is relearnt through its steps, which stay in Due.
	planned := make(map[string]bool, len(plan.today))
	for _, id := range plan.today {
		planned[id] = true
	}
	in.Due = slices.DeleteFunc(in.Due, func(cr questions.CardRecord) bool {
		return cr.Card.State == srs.Review && inScope[cr.QuestionID]
	})
	for _, cr := range cards {
		// inScope is made afresh: a question hidden since the plan was made
		// has left the scope, and the plan with it.
		if planned[cr.QuestionID] && inScope[cr.QuestionID] && cr.Card.State == srs.Review && cr.Card.LastReview.Before(base.Today) {
			in.TopUps = append(in.TopUps, cr)
		}
	}
}

// examCoverage is the part of bank, a learner's deck, that exam e covers.
func (s *Service) examCoverage(bank []questions.Question, deck Deck, e questions.Exam) []questions.Question {
	var assignment []string
	for _, as := range deck.Assignments {
		if slices.ContainsFunc(e.Assignments, func(a questions.Assignment) bool { return a.ID == as.ID }) {
			assignment = append(assignment, as.QuestionIDs...)
		}
	}
	return questions.ExamCoverage(bank, e.Scope, s.timeline, assignment)
}

// scopeKey names what an exam covers, for the forecast cache.
func scopeKey(e questions.Exam) string {
	sc := e.Scope.Normalized()
	return fmt.Sprintf("%s|%v|%v|%d|%d", sc.Kind, sc.Eras, sc.Themes, sc.AssignmentID, len(e.Assignments))
}

func examCountdown(days int, exam time.Time) string {
	when := exam.Format("2 January 2006")
	if days == 1 {
		return "1 day to your exam on " + when + "."
	}
	return strconv.Itoa(days) + " days to your exam on " + when + "."
}

// deckFingerprint hashes the ids of the assigned questions, in order.
func deckFingerprint(qs []questions.Question) uint64 {
	h := fnv.New64a()
	for _, q := range qs {
		h.Write([]byte(q.ID))
		h.Write([]byte{0})
	}
	return h.Sum64()
}
