// Package revision is one learner's picture of what they know: one ledger
// of reviews, fed by the review queue, practice and mock exams; the deck and
// the review queue made from it, exam mode included; and the counts every
// page shows. It is plain Go: storage comes in through Store, which
// *db.Store satisfies, and the web layer calls one method per request.
package revision

import (
	"context"
	"sync/atomic"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// Store is what the revision service needs from storage.
type Store interface {
	// Generation changes whenever a committed write could change what the
	// store returns for the learner: a kept queue is good while it holds.
	Generation(learnerID int64) uint64

	ReviewSettings(ctx context.Context, learnerID int64) (questions.ReviewSettings, error)
	Card(ctx context.Context, learnerID int64, questionID string) (questions.CardRecord, error)
	Cards(ctx context.Context, learnerID int64) ([]questions.CardRecord, error)
	DayCounts(ctx context.Context, learnerID int64, dayStart time.Time) (questions.DayCounts, error)
	ReviewLogs(ctx context.Context, learnerID int64, since time.Time) ([]questions.ReviewRecord, error)

	// The ledger
	SaveReview(ctx context.Context, learnerID int64, version int64, r questions.ReviewRecord) (int64, error)
	SaveMockReview(ctx context.Context, learnerID, examID int64, position int, version int64, r questions.ReviewRecord) (int64, error)
	HasReview(ctx context.Context, learnerID int64) (bool, error)
	LastReview(ctx context.Context, learnerID int64) (questions.ReviewRecord, error)
	Review(ctx context.Context, learnerID, id int64) (questions.ReviewRecord, error)
	UndoReview(ctx context.Context, learnerID, id int64) (questions.ReviewRecord, error)
	RegradeReview(ctx context.Context, learnerID, id int64, regrade func(before questions.ReviewRecord, version int64) (questions.ReviewRecord, error)) (int64, error)

	// Questions pulled into the queue (the events a written answer missed)
	Pulls(ctx context.Context, learnerID int64) (map[string]time.Time, error)
	PullQuestions(ctx context.Context, learnerID int64, questionIDs []string, at time.Time) error

	// A student's assignments, for their deck
	StudentAssignments(ctx context.Context, accountID int64) ([]questions.Assignment, error)
	SetQuestionIDs(ctx context.Context, setID int64) ([]string, error)
}

// Learner is whom the service works for: a learner and, when they are
// logged in, their account, whose role decides whether the sets assigned to
// their classes join their deck.
type Learner struct {
	questions.Learner
	AccountID int64 // 0 for an anonymous learner
	Role      questions.Role
}

func (l Learner) student() bool { return l.AccountID != 0 && l.Role == questions.Student }

// Service is the revision service. Its methods are safe for concurrent use.
type Service struct {
	store     Store
	timeline  *questions.Timeline
	bank      *questions.Bank
	queues    *queueCache
	forecasts *forecastCache
	states    *stateCache
	ids       interner
	// queuesMade counts the queues made afresh (not kept), for tests.
	queuesMade atomic.Int64
	// Now is the clock; tests set it.
	Now func() time.Time
}

// New makes the service over a store, the timeline and its question bank.
func New(store Store, timeline *questions.Timeline, bank *questions.Bank) *Service {
	return &Service{store: store, timeline: timeline, bank: bank, queues: newQueueCache(), forecasts: newForecastCache(),
		states: newStateCache(maxStateBytes), ids: interner{ids: map[string]uint32{}}, Now: time.Now}
}

// Scheduler builds the FSRS scheduler for a learner's settings, with the
// fitted weights that apply to them. Stored weights the scheduler refuses
// give way to the defaults: a bad fit must not cost the learner a page.
func Scheduler(rs questions.ReviewSettings) (*srs.Scheduler, error) {
	s := srs.DefaultSettings()
	s.DesiredRetention = rs.DesiredRetention
	if rs.Model.Fitted() {
		s.Weights = rs.Model.Weights
		if sched, err := srs.New(s); err == nil {
			return sched, nil
		}
		s.Weights = nil
	}
	return srs.New(s)
}
