package revision

import (
	"sync"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// queueCache keeps each learner's review queue between requests. Making it
// reads the learner's settings, every card, today's reviews and their
// assignments, and plans their exam: about a millisecond of CPU, while the
// answer changes only when the learner's data does (a review, an undo,
// their settings, their classes), when teachers' questions change, or when
// the clock moves past the queue's own horizon (a card coming due, the next
// day). The first two show in queueVersion; the last is Queue.Until.
// Without it the review page could serve about a thousand learners a second
// on two cores; see README, Performance.
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
	queue   Queue
}

// maxQueues bounds the memory (about a kilobyte a queue): 20,000 learners
// each reviewing a card every ten seconds would already take more than two
// cores; beyond it, queues are made afresh more often.
const maxQueues = 20_000

func newQueueCache() *queueCache {
	return &queueCache{max: maxQueues, m: map[queueKey]queueEntry{}}
}

func (c *queueCache) get(k queueKey, v queueVersion, now time.Time) (Queue, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok {
		return Queue{}, false
	}
	if e.version != v || !now.Before(e.queue.Until) || now.Before(e.queue.Now) {
		delete(c.m, k)
		return Queue{}, false
	}
	return e.queue, true
}

func (c *queueCache) put(k queueKey, v queueVersion, q Queue) {
	c.mu.Lock()
	defer c.mu.Unlock()
	makeRoom(c.m, c.max)
	c.m[k] = queueEntry{version: v, queue: q}
}

// newForecastCache keeps each learner's exam plan (the cards it gives
// today, and its forecast "856 cards, 10 days: about 95 reviews a day to
// reach about 97% on exam day") for the learner's day: its key holds the
// day, so the next day's first queue makes a new plan from the cards as
// they are then, as `sabaq simulate` plans once a day. Making it weighs
// reviews of every card on days of the window: with 561 cards a month from
// the exam, about 17 ms of CPU, too much for every review page. A card the
// plan gave today and already reviewed today is done; one forgotten today
// is relearnt through its steps and planned afresh tomorrow.
func newForecastCache() *forecastCache {
	return &forecastCache{max: 20_000, m: map[forecastKey]forecastEntry{}}
}

// forecastTTL bounds how long a plan is kept: a learner day and a margin
// for a day made longer by a clock change.
const forecastTTL = 26 * time.Hour

// forecastKey is what a forecast is made for, but for the cards and the
// time of day: the learner (and their creation time, as in queueKey), their
// day and exam, the settings it depends on (the fitted weights among them),
// and their deck (the shared
// timeline deck of their filters and a fingerprint of the questions
// assigned to them).
type forecastKey struct {
	learner, created int64
	day              int64
	exam, timeZone   string
	scope            string
	retention        float64
	weights          uint64 // questions.ModelFit.Key
	newPerDay        int
	reviewsPerDay    int
	deck             *questions.Deck
	assigned         uint64
}

// keptPlan is what the queue, the home page and the class dashboard take
// from an exam plan.
type keptPlan struct {
	forecast string       // the home page's sentence
	sum      srs.Forecast // its figures
	inWindow bool         // today is in the plan's window
	today    []string     // the scope's cards planned for today
}

type forecastEntry struct {
	made time.Time
	plan keptPlan
}

type forecastCache struct {
	mu  sync.Mutex
	max int
	m   map[forecastKey]forecastEntry
}

func (f *forecastCache) get(k forecastKey, now time.Time) (keptPlan, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, ok := f.m[k]
	if ok && (now.Sub(e.made) > forecastTTL || now.Before(e.made)) {
		delete(f.m, k)
		return keptPlan{}, false
	}
	return e.plan, ok
}

func (f *forecastCache) put(k forecastKey, p keptPlan, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	makeRoom(f.m, f.max)
	f.m[k] = forecastEntry{made: now, plan: p}
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
