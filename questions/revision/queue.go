package revision

import (
	"context"
	"slices"
	"strings"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// picture is what the service reads about a learner to make their queue,
// counts or statistics.
type picture struct {
	now      time.Time
	settings questions.ReviewSettings
	loc      *time.Location
	sched    *srs.Scheduler
	cards    []questions.CardRecord // all of them, in or out of the deck
	today    questions.DayCounts
	deck     Deck
	exam     *examMemo // the learner's exam on the day it was worked out, if kept
}

// examMemo is a learner's exam (questions.LearnerExam) as worked out for
// one calendar day in their time zone: it changes only with their settings
// or assignments, which make a new state, and at midnight. Working it out
// loads their time zone, which reads a file: a fifth of a page's CPU.
type examMemo struct {
	from, until time.Time
	exam        questions.Exam
	ok          bool
}

func newExamMemo(rs questions.ReviewSettings, loc *time.Location, assigned []questions.Assignment, now time.Time) *examMemo {
	y, m, d := now.In(loc).Date()
	e, ok := questions.LearnerExam(rs, assigned, now)
	return &examMemo{from: time.Date(y, m, d, 0, 0, 0, 0, loc), until: time.Date(y, m, d+1, 0, 0, 0, 0, loc), exam: e, ok: ok}
}

// learnerExam is questions.LearnerExam for the picture's learner at now.
func (p picture) learnerExam(assigned []questions.Assignment) (questions.Exam, bool) {
	if m := p.exam; m != nil && !p.now.Before(m.from) && p.now.Before(m.until) {
		return m.exam, m.ok
	}
	return questions.LearnerExam(p.settings, assigned, p.now)
}

// readStore reads a learner's settings, cards, today's reviews and deck at
// now from the store.
func (s *Service) readStore(ctx context.Context, who Learner, now time.Time) (picture, error) {
	p := picture{now: now}
	var err error
	if p.settings, err = s.store.ReviewSettings(ctx, who.ID); err != nil {
		return p, err
	}
	if p.sched, err = Scheduler(p.settings); err != nil {
		return p, err
	}
	p.loc = p.settings.Location()
	if p.cards, err = s.store.Cards(ctx, who.ID); err != nil {
		return p, err
	}
	if p.today, err = s.store.DayCounts(ctx, who.ID, questions.DayStart(now, p.loc)); err != nil {
		return p, err
	}
	if p.deck, err = s.Deck(ctx, who, p.settings); err != nil {
		return p, err
	}
	pulls, err := s.store.Pulls(ctx, who.ID)
	if err != nil {
		return p, err
	}
	p.deck = p.deck.withPulls(s.bank, pulls, p.cards)
	return p, nil
}

func (p picture) dayEnd() time.Time { return questions.NextDayStart(p.now, p.loc) }

func (p picture) counts() Counts {
	return Count(CountInput{Now: p.now, DayEnd: p.dayEnd(), Cards: p.cards, Deck: p.deck, Today: p.today})
}

// Queue is a learner's review queue now: the next card and what is left
// today, with their counts.
type Queue struct {
	// Settings are the learner's, with the exam date that applies: their
	// own, or else their classes' earliest upcoming one.
	Settings  questions.ReviewSettings
	Scheduler *srs.Scheduler
	Item      questions.QueueItem // the next card, when Found
	Found     bool
	Summary   questions.QueueSummary
	Counts    Counts
	CanUndo   bool // the learner has a review to undo
	Now       time.Time
	// Until is when the clock alone could change the queue or its counts.
	Until time.Time
	// Exam mode, when an exam date applies: "9 days to your exam on
	// 14 May 2027." and "112 cards, 9 days: about 25 reviews a day."
	ExamCountdown, ExamForecast string
	examSum                     srs.Forecast // ExamForecast's figures
}

// Queue is the learner's review queue now: kept from an earlier call when
// nothing it was made from has changed since (see queueCache), else made
// afresh and kept.
func (s *Service) Queue(ctx context.Context, who Learner) (Queue, error) {
	now := s.Now()
	k := queueKey{learner: who.ID, created: who.CreatedAt.UnixMilli(), account: who.AccountID, role: who.Role}
	// Read the versions before the data, so that a change committed
	// meanwhile can only make the kept queue look older than it is.
	v := queueVersion{store: s.store.Generation(who.ID), bank: s.bank.Version()}
	if q, ok := s.queues.get(k, v, now); ok {
		q.Now = now
		return q, nil
	}
	q, err := s.makeQueue(ctx, who, now)
	if err != nil {
		return q, err
	}
	s.queues.put(k, v, q)
	return q, nil
}

// makeQueue reads what the queue is made from and chooses the next card.
func (s *Service) makeQueue(ctx context.Context, who Learner, now time.Time) (Queue, error) {
	p, hasReview, err := s.read(ctx, who, now)
	if err != nil {
		return Queue{}, err
	}
	s.queuesMade.Add(1)
	rs := p.settings
	// The exam the learner revises towards: their own date with its scope,
	// or else the earliest coming date a teacher set on one of their
	// classes' assignments, which covers that set only.
	assigned := make([]questions.Assignment, len(p.deck.Assignments))
	for i, as := range p.deck.Assignments {
		assigned[i] = as.Assignment
	}
	exam, hasExam := p.learnerExam(assigned)
	rs.ExamDate = ""
	if hasExam {
		rs.ExamDate, rs.ExamScope = exam.Date, exam.Scope
	}
	dayEnd := p.dayEnd()
	due, known := dueAndKnown(p.cards, dayEnd)
	// Cards outside the learner's filters wait until the filters allow them.
	due = slices.DeleteFunc(due, func(cr questions.CardRecord) bool { return !p.deck.Has(cr.QuestionID) })
	in := questions.QueueInput{Now: now, Settings: rs, Due: due, Known: known, Today: p.today,
		Bank: p.deck.Questions(), Scheduler: p.sched}
	q := Queue{Settings: rs, Scheduler: p.sched, Now: now}
	if hasExam {
		s.examMode(who, p.loc, p.cards, &in, &q, p.deck, exam)
	}
	q.Item, q.Summary, q.Found = questions.NextCard(in)
	q.Counts = p.counts()
	// Kept until the clock could change the choice or the counts: a card
	// coming due, the learner's next day (what is due, today's counts, the
	// exam plan) or the next midnight (which assigned exam is still to come).
	q.Until = questions.Earliest(q.Summary.Until, q.Counts.Until)
	y, m, d := now.In(p.loc).Date()
	q.Until = questions.Earliest(q.Until, time.Date(y, m, d+1, 0, 0, 0, 0, p.loc))
	q.CanUndo = hasReview
	return q, nil
}

// dueAndKnown picks from all of a learner's cards those due before until,
// by due time, and says which questions have a card: by a binary search
// of the cards, which come sorted by question id from the store and the
// kept state alike (a map of 300 ids cost a fifteenth of a review page).
func dueAndKnown(all []questions.CardRecord, until time.Time) ([]questions.CardRecord, func(string) bool) {
	byID := func(cr questions.CardRecord, id string) int { return strings.Compare(cr.QuestionID, id) }
	known := func(id string) bool {
		_, ok := slices.BinarySearchFunc(all, id, byID)
		return ok
	}
	if !slices.IsSortedFunc(all, func(a, b questions.CardRecord) int { return strings.Compare(a.QuestionID, b.QuestionID) }) {
		set := make(map[string]bool, len(all))
		for _, cr := range all {
			set[cr.QuestionID] = true
		}
		known = func(id string) bool { return set[id] }
	}
	var due []questions.CardRecord
	until = time.UnixMilli(until.UnixMilli()) // as stored: to the millisecond
	for _, cr := range all {
		if cr.Card.Due.Before(until) {
			due = append(due, cr)
		}
	}
	slices.SortFunc(due, func(x, y questions.CardRecord) int {
		if c := x.Card.Due.Compare(y.Card.Due); c != 0 {
			return c
		}
		return strings.Compare(x.QuestionID, y.QuestionID)
	})
	return due, known
}

// Progress is what the progress page shows of revision: the learner's
// counts and their statistics over the last weeks.
type Progress struct {
	Counts Counts
	Stats  questions.Stats
}

// Progress reads a learner's cards and recent reviews and computes their
// counts and statistics at the service's now.
func (s *Service) Progress(ctx context.Context, who Learner) (Progress, error) {
	p, _, err := s.read(ctx, who, s.Now())
	if err != nil {
		return Progress{}, err
	}
	logs, err := s.store.ReviewLogs(ctx, who.ID, questions.StatsSince(p.now, p.loc))
	if err != nil {
		return Progress{}, err
	}
	st := questions.ComputeStats(questions.StatsInput{Now: p.now, Loc: p.loc, Reviews: logs, Cards: p.cards,
		Deck: p.deck.Questions(), Bank: s.bank, Timeline: s.timeline, Scheduler: p.sched})
	return Progress{Counts: p.counts(), Stats: st}, nil
}
