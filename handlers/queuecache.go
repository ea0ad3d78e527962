package handlers

import (
	"sync"
	"time"

	"sabaq/questions"
)

// queueCache keeps each learner's review queue between requests. Making it
// reads the learner's settings, every card, today's reviews and their
// assignments, and plans their exam: about a millisecond of CPU, while the
// answer changes only when the learner's data does (a review, an undo,
// their settings, their classes), when teachers' questions change, or when
// the clock moves past the queue's own horizon (a learning card coming due,
// the next day). The first two show in queueVersion; the last is
// queueState.until. Without it the review page could serve about a
// thousand learners a second on two cores; see README, Performance.
type queueCache struct {
	mu  sync.Mutex
	max int
	m   map[queueKey]queueEntry
}

// queueKey is whose queue: the learner (ids of deleted learners can be
// reused; creation times tell them apart) and the account they are reached
// through, whose role decides whether assignments join the deck.
type queueKey struct {
	learner, created int64
	account          int64
	role             questions.Role
}

// queueVersion is what a queue was made from: the store's count of changes
// for the learner and the bank's version.
type queueVersion struct{ store, bank uint64 }

type queueEntry struct {
	version queueVersion
	state   queueState
}

// maxQueues bounds the memory (about a kilobyte a queue): 20,000 learners
// each reviewing a card every ten seconds would already take more than two
// cores; beyond it, queues are made afresh more often.
const maxQueues = 20_000

func newQueueCache() *queueCache {
	return &queueCache{max: maxQueues, m: map[queueKey]queueEntry{}}
}

func (q *queueCache) get(k queueKey, v queueVersion, now time.Time) (queueState, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e, ok := q.m[k]
	if !ok {
		return queueState{}, false
	}
	if e.version != v || !now.Before(e.state.until) || now.Before(e.state.now) {
		delete(q.m, k)
		return queueState{}, false
	}
	return e.state, true
}

func (q *queueCache) put(k queueKey, v queueVersion, st queueState) {
	q.mu.Lock()
	defer q.mu.Unlock()
	makeRoom(q.m, q.max)
	q.m[k] = queueEntry{version: v, state: st}
}

// makeRoom drops a tenth of a map that holds max entries or more,
// whichever the map yields first: the bounded caches here keep what is
// cheap to make again, so recency is not worth tracking.
func makeRoom[K comparable, V any](m map[K]V, max int) {
	if len(m) < max {
		return
	}
	n := max / 10
	for old := range m {
		delete(m, old)
		if n--; n <= 0 {
			return
		}
	}
}
