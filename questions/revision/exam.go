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

// examMode plans the revision towards the learner's exam: the part of the
// deck the exam covers (its scope) gets top-ups for cards that would
// otherwise next come up after it, and its new cards come first, within the
// learner's daily new-card limit, which exam mode never raises (see
// srs.PlanExam; the workload message says when the limit cannot cover the
// scope). The rest of the deck is revised as usual.
func (s *Service) examMode(who Learner, loc *time.Location, cards []questions.CardRecord, in *questions.QueueInput, q *Queue, deck Deck, e questions.Exam) {
	exam, err := time.ParseInLocation(time.DateOnly, e.Date, loc)
	if err != nil {
		return // validated on save; an unreadable date just means no exam mode
	}
	var assignment []string
	for _, as := range deck.Assignments {
		if slices.ContainsFunc(e.Assignments, func(a questions.Assignment) bool { return a.ID == as.ID }) {
			assignment = append(assignment, as.QuestionIDs...)
		}
	}
	covered := questions.ExamCoverage(in.Bank, e.Scope, s.timeline, assignment)
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
	plan, ok := planExam(ein)
	if !ok {
		return
	}
	in.NewLimit = plan.NewPerDay
	if ids := plan.DueTopUps(q.Now); len(ids) > 0 {
		byID := make(map[string]questions.CardRecord, len(cards))
		for _, cr := range cards {
			byID[cr.QuestionID] = cr
		}
		for _, id := range ids {
			if cr, ok := byID[id]; ok {
				in.TopUps = append(in.TopUps, cr)
			}
		}
	}
	q.ExamCountdown = examCountdown(plan.DaysLeft, exam)
	key := forecastKey{learner: who.ID, created: who.CreatedAt.UnixMilli(), day: plan.Today.Unix(),
		exam: e.Date, scope: scopeKey(e), timeZone: q.Settings.TimeZone, retention: q.Settings.DesiredRetention,
		weights: q.Settings.Model.Key(), newPerDay: q.Settings.NewPerDay, deck: deck.Timeline, assigned: deckFingerprint(deck.Assigned)}
	if f, ok := s.forecasts.get(key, q.Now); ok {
		q.ExamForecast = f
		return
	}
	q.ExamForecast = forecastExam(q.Scheduler, ein, plan)
	s.forecasts.put(key, q.ExamForecast, q.Now)
}

// scopeKey names what an exam covers, for the forecast cache.
func scopeKey(e questions.Exam) string {
	sc := e.Scope.Normalized()
	return fmt.Sprintf("%s|%v|%v|%d|%d", sc.Kind, sc.Eras, sc.Themes, sc.AssignmentID, len(e.Assignments))
}

// planExam and forecastExam are the queue's only calls into the exam
// planner: what srs plans, the queue follows.
func planExam(in srs.ExamInput) (srs.ExamPlan, bool) { return srs.PlanExam(in) }

func forecastExam(sched *srs.Scheduler, in srs.ExamInput, plan srs.ExamPlan) string {
	return sched.ForecastExam(in, plan).String() + "."
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
