package revision

import (
	"context"
	"slices"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// ExamOutlook is a learner's outlook for one exam: the forecast their home
// page shows when the exam is theirs, and their recall of its cards now.
type ExamOutlook struct {
	Forecast srs.Forecast
	// RecallNow is the expected share of the exam's cards recalled now:
	// the mean retrievability of its cards, a card never studied counting 0.
	RecallNow float64
}

// ExamOutlook plans a learner's revision towards exam e as their queue
// would were e their exam (the same plan, from the same cards, settings,
// time zone and scheduler, and the same reviews owed today to cards
// outside it): false when e is today or past in their time zone. It reads
// what their counts read, so after Counts it costs no query.
func (s *Service) ExamOutlook(ctx context.Context, who Learner, e questions.Exam) (ExamOutlook, bool, error) {
	now := s.Now()
	p, _, err := s.read(ctx, who, now)
	if err != nil {
		return ExamOutlook{}, false, err
	}
	rs := p.settings
	rs.ExamDate, rs.ExamScope = e.Date, e.Scope
	due, known := dueAndKnown(p.cards, p.dayEnd())
	due = slices.DeleteFunc(due, func(cr questions.CardRecord) bool { return !p.deck.Has(cr.QuestionID) })
	// Every question of an assigned set is in deck.Assigned: covering it
	// alone, not the whole deck, gives the same plan without copying the
	// deck (the bank order examMode sets is not used here).
	bank := p.deck.Assigned
	if e.Scope.Kind != questions.ScopeAssignment {
		bank = p.deck.Questions()
	}
	in := questions.QueueInput{Now: now, Settings: rs, Due: due, Known: known, Today: p.today, Bank: bank, Scheduler: p.sched}
	q := Queue{Settings: rs, Scheduler: p.sched, Now: now}
	s.examMode(who, p.loc, p.cards, &in, &q, p.deck, e)
	if q.ExamForecast == "" {
		return ExamOutlook{}, false, nil
	}
	out := ExamOutlook{Forecast: q.examSum}
	covered := s.examCoverage(bank, p.deck, e)
	if len(covered) == 0 {
		return out, true, nil
	}
	byID := make(map[string]srs.Card, len(p.cards))
	for _, cr := range p.cards {
		byID[cr.QuestionID] = cr.Card
	}
	sum := 0.0
	for _, qn := range covered {
		if c, ok := byID[qn.ID]; ok && c.State != srs.StateNew {
			sum += p.sched.Retrievability(c, now)
		}
	}
	out.RecallNow = sum / float64(len(covered))
	return out, true, nil
}
