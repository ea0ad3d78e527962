package revision

import (
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// learnerState is what a learner's queue and counts are made from (their
// settings, every card, today's reviews, their deck, whether they have a
// review to undo), kept in memory between requests. Reading it from SQLite
// is most of what a review page costs (about a millisecond of CPU for 300
// cards); after a grade the service writes the review through to the state
// it read (see Service.Review), so that the page after it reads no rows.
//
// The store stays the source of truth: a state is used only while the
// store's Generation for the learner and the bank's version are the ones it
// was made at, and while the clock is in the day its counts are of. Any
// other write (undo, regrade, practice, a mock exam, settings, classes)
// moves the generation on, and the next page reads the learner afresh. A
// state is never changed once kept: a grade makes a new one.
type learnerState struct {
	version queueVersion
	day     time.Time // the start of the day today's counts are of
	dayEnd  time.Time

	settings  questions.ReviewSettings
	sched     *srs.Scheduler
	loc       *time.Location
	cards     []keptCard // by question id, as SQLite orders them
	today     questions.DayCounts
	deck      Deck
	hasReview bool
	exam      *examMemo
	bytes     int // an estimate of the memory it holds, for the cap
}

// keptCard is a card as a learnerState keeps it: about 64 bytes where a
// questions.CardRecord takes 144 and two strings of its own, which is what
// lets thousands of learners' cards stay in memory. Times are Unix
// milliseconds, as SQLite stores them, so a card made from a grade is the
// card SQLite would give back.
type keptCard struct {
	due, last             int64 // last is noLastReview for a card never reviewed
	stability, difficulty float64
	version               int64
	reps, lapses, days    uint32
	question, event       uint32 // interned ids
	remaining             int16
	state                 uint8
}

const noLastReview = math.MinInt64

// keep converts a card for keeping; false when one of its figures does not
// fit, and then the learner's state is not kept at all.
func (in *interner) keep(cr questions.CardRecord) (keptCard, bool) {
	c := cr.Card
	k := keptCard{due: c.Due.UnixMilli(), last: noLastReview, stability: c.Stability, difficulty: c.Difficulty,
		version: cr.Version, reps: uint32(c.Reps), lapses: uint32(c.Lapses), days: uint32(c.ScheduledDays),
		question: in.id(cr.QuestionID), event: in.id(cr.EventID), remaining: int16(c.RemainingSteps), state: uint8(c.State)}
	if !c.LastReview.IsZero() {
		k.last = c.LastReview.UnixMilli()
	}
	ok := uint64(k.reps) == c.Reps && uint64(k.lapses) == c.Lapses && uint64(k.days) == c.ScheduledDays &&
		int(k.remaining) == c.RemainingSteps && srs.State(k.state) == c.State
	return k, ok
}

// record is the card as the store gives it back.
func (in *interner) record(k keptCard) questions.CardRecord {
	cr := questions.CardRecord{QuestionID: in.name(k.question), EventID: in.name(k.event), Version: k.version,
		Card: srs.Card{Due: time.UnixMilli(k.due), Stability: k.stability, Difficulty: k.difficulty,
			ScheduledDays: uint64(k.days), Reps: uint64(k.reps), Lapses: uint64(k.lapses), State: srs.State(k.state),
			RemainingSteps: int(k.remaining)}}
	if k.last != noLastReview {
		cr.Card.LastReview = time.UnixMilli(k.last)
	}
	return cr
}

// interner numbers the question and event ids the kept cards name, so that
// each is held once, not once per learner. It only grows, with the ids of
// questions that ever had a card: the bank's, and teachers'.
type interner struct {
	mu    sync.RWMutex
	ids   map[string]uint32
	names []string
}

func (in *interner) id(name string) uint32 {
	in.mu.RLock()
	n, ok := in.ids[name]
	in.mu.RUnlock()
	if ok {
		return n
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if n, ok := in.ids[name]; ok {
		return n
	}
	name = strings.Clone(name) // not a view of a request's or a row's buffer
	n = uint32(len(in.names))
	in.names = append(in.names, name)
	in.ids[name] = n
	return n
}

// lookup is the id of a name already interned.
func (in *interner) lookup(name string) (uint32, bool) {
	in.mu.RLock()
	defer in.mu.RUnlock()
	n, ok := in.ids[name]
	return n, ok
}

// snapshot is every name interned so far, by id: the slice only ever
// grows, so a snapshot stays good for the ids it holds.
func (in *interner) snapshot() []string {
	in.mu.RLock()
	defer in.mu.RUnlock()
	return in.names
}

func (in *interner) name(n uint32) string {
	in.mu.RLock()
	defer in.mu.RUnlock()
	return in.names[n]
}

// picture is the state as the queue and the counts read it, at now.
func (st *learnerState) picture(in *interner, now time.Time) picture {
	cards := make([]questions.CardRecord, len(st.cards))
	names := in.snapshot()
	for i, k := range st.cards {
		cards[i] = questions.CardRecord{QuestionID: names[k.question], EventID: names[k.event], Version: k.version,
			Card: srs.Card{Due: time.UnixMilli(k.due), Stability: k.stability, Difficulty: k.difficulty,
				ScheduledDays: uint64(k.days), Reps: uint64(k.reps), Lapses: uint64(k.lapses), State: srs.State(k.state),
				RemainingSteps: int(k.remaining)}}
		if k.last != noLastReview {
			cards[i].Card.LastReview = time.UnixMilli(k.last)
		}
	}
	return picture{now: now, settings: st.settings, loc: st.loc, sched: st.sched, cards: cards, today: st.today, deck: st.deck, exam: st.exam}
}

// card finds the learner's card for a question.
func (st *learnerState) card(in *interner, questionID string) (*questions.CardRecord, bool) {
	id, ok := in.lookup(questionID)
	if !ok {
		return nil, false
	}
	for _, k := range st.cards {
		if k.question == id {
			cr := in.record(k)
			return &cr, true
		}
	}
	return nil, false
}

// newState keeps what was read from the store; nil when a card does not fit.
func newState(in *interner, p picture, v queueVersion, hasReview bool) *learnerState {
	st := &learnerState{version: v, day: questions.DayStart(p.now, p.loc), dayEnd: p.dayEnd(), settings: p.settings,
		sched: p.sched, loc: p.loc, today: p.today, deck: p.deck, hasReview: hasReview, cards: make([]keptCard, len(p.cards))}
	for i, cr := range p.cards {
		k, ok := in.keep(cr)
		if !ok {
			return nil
		}
		st.cards[i] = k
	}
	names := in.snapshot()
	slices.SortFunc(st.cards, func(a, b keptCard) int { return strings.Compare(names[a.question], names[b.question]) })
	assigned := make([]questions.Assignment, len(p.deck.Assignments))
	for i, as := range p.deck.Assignments {
		assigned[i] = as.Assignment
	}
	st.exam = newExamMemo(p.settings, p.loc, assigned, p.now)
	st.bytes = st.size()
	return st
}

// size estimates the bytes a state holds: its cards, today's maps (a
// map entry of a string key and a bool takes about 40 bytes with its
// share of the buckets) and the rest.
func (st *learnerState) size() int {
	return int(unsafe.Sizeof(*st)) + cap(st.cards)*int(unsafe.Sizeof(keptCard{})) +
		40*(len(st.today.EventsSeen)+len(st.today.Questions)) + 64
}

// current reports whether the state may stand for the store at v and now.
func (st *learnerState) current(v queueVersion, now time.Time) bool {
	return st.version == v && !now.Before(st.day) && now.Before(st.dayEnd)
}

// withReview is the state after review r, committed, moved the card from
// version to version+1, and the store's generation to gen.
func (st *learnerState) withReview(in *interner, r questions.ReviewRecord, version int64, gen uint64) (*learnerState, bool) {
	next := *st
	next.version.store = gen
	next.hasReview = true
	k, ok := in.keep(questions.CardRecord{QuestionID: r.QuestionID, EventID: r.EventID, Card: r.After, Version: version + 1})
	names := in.snapshot()
	i, found := slices.BinarySearchFunc(st.cards, r.QuestionID, func(k keptCard, id string) int {
		return strings.Compare(names[k.question], id)
	})
	if !ok || found != (version != 0) {
		return nil, false
	}
	if found {
		if st.cards[i].version != version {
			return nil, false
		}
		// The update keeps the card's event, as the store's does.
		k.event = st.cards[i].event
		next.cards = slices.Clone(st.cards)
		next.cards[i] = k
	} else {
		next.cards = slices.Insert(slices.Clip(st.cards), i, k)
	}
	if !r.ReviewedAt.Before(st.day) {
		t := questions.DayCounts{All: st.today.All + 1, New: st.today.New, Reviews: st.today.Reviews,
			EventsSeen: cloneSet(st.today.EventsSeen, len(st.today.EventsSeen)+1), Questions: cloneSet(st.today.Questions, len(st.today.Questions)+1)}
		switch r.StateBefore {
		case srs.StateNew:
			t.New++
		case srs.Review:
			t.Reviews++
		}
		t.EventsSeen[r.EventID], t.Questions[r.QuestionID] = true, true
		next.today = t
	}
	next.bytes = next.size()
	return &next, true
}

func cloneSet(m map[string]bool, n int) map[string]bool {
	out := make(map[string]bool, n)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// stateCache holds the kept states, up to max bytes in all. Past the cap it
// drops states in the map's own order, which is random enough, until a
// tenth of the room is free: a dropped learner's next page reads them from
// SQLite again, as after a restart.
type stateCache struct {
	mu    sync.Mutex
	max   int
	bytes int
	m     map[queueKey]*learnerState
}

// maxStateBytes bounds the memory of the kept states: with 300 cards a
// state takes about 20 KB, so about 3,000 learners' fit, ten classes
// answering at once, and the server stays near its 150 MB target even when
// 20,000 learners come by (make bench measures it).
const maxStateBytes = 64 << 20

func newStateCache(max int) *stateCache {
	return &stateCache{max: max, m: map[queueKey]*learnerState{}}
}

func (c *stateCache) get(k queueKey) *learnerState {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

// put keeps st for k in place of old (nil for none): unless what is kept
// for k is no longer old, when another request got there first.
func (c *stateCache) put(k queueKey, old, st *learnerState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cur := c.m[k]
	if cur != old && old != nil {
		return
	}
	if cur != nil {
		c.bytes -= cur.bytes
		delete(c.m, k)
	}
	if st == nil || st.bytes > c.max {
		return
	}
	if c.bytes+st.bytes > c.max {
		for old, e := range c.m {
			delete(c.m, old)
			c.bytes -= e.bytes
			if c.bytes+st.bytes <= c.max*9/10 {
				break
			}
		}
	}
	c.m[k] = st
	c.bytes += st.bytes
}

// drop forgets what is kept for k.
func (c *stateCache) drop(k queueKey) { c.put(k, nil, nil) }

// usage is how many states are kept and their bytes.
func (c *stateCache) usage() (n, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m), c.bytes
}

// key is whose state: as queueKey.
func key(who Learner) queueKey {
	return queueKey{learner: who.ID, created: who.CreatedAt.UnixMilli(), account: who.AccountID, role: who.Role}
}

// kept is the learner's kept state if it stands for the store now.
func (s *Service) kept(who Learner, now time.Time) (*learnerState, queueVersion, bool) {
	v := queueVersion{store: s.store.Generation(who.ID), bank: s.bank.Version()}
	st := s.states.get(key(who))
	if st == nil || !st.current(v, now) {
		return nil, v, false
	}
	return st, v, true
}

// read gives a learner's settings, cards, today's reviews and deck at now:
// from their kept state while it is current, else from the store, kept for
// the next time.
func (s *Service) read(ctx context.Context, who Learner, now time.Time) (picture, bool, error) {
	st, v, ok := s.kept(who, now)
	if ok {
		return st.picture(&s.ids, now), st.hasReview, nil
	}
	// v was read before the data, so that a change committed meanwhile
	// can only make the state look older than it is.
	p, err := s.readStore(ctx, who, now)
	if err != nil {
		return p, false, err
	}
	has, err := s.store.HasReview(ctx, who.ID)
	if err != nil {
		return p, false, err
	}
	if st := newState(&s.ids, p, v, has); st != nil {
		s.states.put(key(who), nil, st)
		return st.picture(&s.ids, now), has, nil
	}
	return p, has, nil
}
