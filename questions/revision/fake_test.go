package revision

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"sabaq/questions"
	"sabaq/questions/srs"
)

// fakeStore keeps a few learners in memory, with the rules of db.Store that
// the service relies on: card versions, one review per source, undo of a
// card's latest review, and a generation that moves with every write.
type fakeStore struct {
	mu          sync.Mutex
	gen         uint64
	settings    map[int64]questions.ReviewSettings
	cards       map[int64]map[string]questions.CardRecord
	reviews     []fakeReview
	assignments map[int64][]questions.Assignment // by account
	sets        map[int64][]string               // question ids by set
	pulls       map[int64]map[string]time.Time   // pulled questions by learner
	reads       int                              // calls of Cards: how often a queue was made
	// beforeSave, when set, runs before each review is saved: a test's
	// chance to land another review first.
	beforeSave func()
}

type fakeReview struct {
	questions.ReviewRecord
	learner int64
	undone  bool
	exam    int64 // the mock exam it fed, if any
}

func newFakeStore() *fakeStore {
	return &fakeStore{settings: map[int64]questions.ReviewSettings{}, cards: map[int64]map[string]questions.CardRecord{},
		assignments: map[int64][]questions.Assignment{}, sets: map[int64][]string{}}
}

func (f *fakeStore) Generation(int64) uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.gen
}

func (f *fakeStore) ReviewSettings(_ context.Context, l int64) (questions.ReviewSettings, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if rs, ok := f.settings[l]; ok {
		return rs, nil
	}
	return questions.DefaultReviewSettings(), nil
}

func (f *fakeStore) setSettings(l int64, edit func(*questions.ReviewSettings)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	rs, ok := f.settings[l]
	if !ok {
		rs = questions.DefaultReviewSettings()
	}
	edit(&rs)
	f.settings[l] = rs
	f.gen++
}

func (f *fakeStore) Card(_ context.Context, l int64, q string) (questions.CardRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.cards[l][q]
	if !ok {
		return c, questions.ErrNotFound
	}
	return c, nil
}

func (f *fakeStore) Cards(_ context.Context, l int64) ([]questions.CardRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	var out []questions.CardRecord
	for _, c := range f.cards[l] {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b questions.CardRecord) int { return compareStrings(a.QuestionID, b.QuestionID) })
	return out, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// putCard stores a card as it would be after some reviews.
func (f *fakeStore) putCard(l int64, q questions.Question, c srs.Card) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cards[l] == nil {
		f.cards[l] = map[string]questions.CardRecord{}
	}
	v := f.cards[l][q.ID].Version + 1
	f.cards[l][q.ID] = questions.CardRecord{QuestionID: q.ID, EventID: q.Sibling(), Card: c, Version: v}
	f.gen++
}

func (f *fakeStore) DayCounts(_ context.Context, l int64, dayStart time.Time) (questions.DayCounts, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := questions.DayCounts{EventsSeen: map[string]bool{}, Questions: map[string]bool{}}
	for _, r := range f.reviews {
		if r.learner != l || r.undone || r.ReviewedAt.Before(dayStart) {
			continue
		}
		d.All++
		switch r.StateBefore {
		case srs.StateNew:
			d.New++
		case srs.Review:
			d.Reviews++
		}
		d.EventsSeen[r.EventID], d.Questions[r.QuestionID] = true, true
	}
	return d, nil
}

func (f *fakeStore) ReviewLogs(_ context.Context, l int64, since time.Time) ([]questions.ReviewRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []questions.ReviewRecord
	for _, r := range f.reviews {
		if r.learner == l && !r.undone && !r.ReviewedAt.Before(since) {
			out = append(out, r.ReviewRecord)
		}
	}
	return out, nil
}

func (f *fakeStore) SaveReview(_ context.Context, l, version int64, r questions.ReviewRecord) (int64, error) {
	return f.save(l, version, r, 0)
}

func (f *fakeStore) SaveMockReview(_ context.Context, l, exam int64, _ int, version int64, r questions.ReviewRecord) (int64, error) {
	return f.save(l, version, r, exam)
}

func (f *fakeStore) save(l, version int64, r questions.ReviewRecord, exam int64) (int64, error) {
	if f.beforeSave != nil {
		hook := f.beforeSave
		f.beforeSave = nil
		hook()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Source != "" {
		for _, old := range f.reviews {
			if old.learner == l && old.Source == r.Source {
				return old.ID, nil
			}
		}
	}
	if f.cards[l][r.QuestionID].Version != version {
		return 0, ErrStale
	}
	if f.cards[l] == nil {
		f.cards[l] = map[string]questions.CardRecord{}
	}
	f.cards[l][r.QuestionID] = questions.CardRecord{QuestionID: r.QuestionID, EventID: r.EventID, Card: r.After, Version: version + 1}
	r.ID, r.LearnerID = int64(len(f.reviews)+1), l
	f.reviews = append(f.reviews, fakeReview{ReviewRecord: r, learner: l, exam: exam})
	f.gen++
	return r.ID, nil
}

func (f *fakeStore) live(l int64) []fakeReview {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeReview
	for _, r := range f.reviews {
		if r.learner == l && !r.undone {
			out = append(out, r)
		}
	}
	return out
}

func (f *fakeStore) HasReview(_ context.Context, l int64) (bool, error) {
	return len(f.live(l)) > 0, nil
}

func (f *fakeStore) LastReview(_ context.Context, l int64) (questions.ReviewRecord, error) {
	live := f.live(l)
	if len(live) == 0 {
		return questions.ReviewRecord{}, questions.ErrNotFound
	}
	return live[len(live)-1].ReviewRecord, nil
}

func (f *fakeStore) Review(_ context.Context, l, id int64) (questions.ReviewRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if id < 1 || int(id) > len(f.reviews) || f.reviews[id-1].learner != l {
		return questions.ReviewRecord{}, questions.ErrNotFound
	}
	return f.reviews[id-1].ReviewRecord, nil
}

func (f *fakeStore) UndoReview(_ context.Context, l, id int64) (questions.ReviewRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.undo(l, id)
}

func (f *fakeStore) undo(l, id int64) (questions.ReviewRecord, error) {
	if id < 1 || int(id) > len(f.reviews) || f.reviews[id-1].learner != l || f.reviews[id-1].undone {
		return questions.ReviewRecord{}, questions.ErrNotFound
	}
	r := &f.reviews[id-1]
	for _, later := range f.reviews[id:] {
		if later.learner == l && later.QuestionID == r.QuestionID && !later.undone {
			return r.ReviewRecord, questions.Errorf(questions.ECONFLICT, "Only the latest review of a card can be undone.")
		}
	}
	r.undone = true
	c := f.cards[l][r.QuestionID]
	if r.Before == nil {
		delete(f.cards[l], r.QuestionID)
	} else {
		c.Card, c.Version = *r.Before, c.Version+1
		f.cards[l][r.QuestionID] = c
	}
	f.gen++
	return r.ReviewRecord, nil
}

func (f *fakeStore) RegradeReview(_ context.Context, l, id int64, regrade func(questions.ReviewRecord, int64) (questions.ReviewRecord, error)) (int64, error) {
	f.mu.Lock()
	old, err := f.undo(l, id)
	if err != nil {
		f.mu.Unlock()
		return 0, err
	}
	version := f.cards[l][old.QuestionID].Version
	f.reviews[id-1].Source = ""
	f.mu.Unlock()
	r, err := regrade(old, version)
	if err != nil {
		return 0, err
	}
	r.Source = old.Source
	return f.save(l, version, r, 0)
}

func (f *fakeStore) Pulls(_ context.Context, l int64) (map[string]time.Time, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.pulls[l]), nil
}

func (f *fakeStore) PullQuestions(_ context.Context, l int64, ids []string, at time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pulls == nil {
		f.pulls = map[int64]map[string]time.Time{}
	}
	if f.pulls[l] == nil {
		f.pulls[l] = map[string]time.Time{}
	}
	for _, id := range ids {
		f.pulls[l][id] = at
	}
	f.gen++
	return nil
}

func (f *fakeStore) StudentAssignments(_ context.Context, account int64) ([]questions.Assignment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.assignments[account]), nil
}

func (f *fakeStore) SetQuestionIDs(_ context.Context, set int64) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.sets[set]), nil
}

// assign gives a set of questions to a class of the account's.
func (f *fakeStore) assign(account int64, as questions.Assignment, qs ...questions.Question) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.assignments[account] = append(f.assignments[account], as)
	if _, ok := f.sets[as.SetID]; !ok {
		for _, q := range qs {
			f.sets[as.SetID] = append(f.sets[as.SetID], q.ID)
		}
	}
	f.gen++
}

var (
	bankOnce sync.Once
	testTL   *questions.Timeline
	testBank *questions.Bank
)

// fixture is a service over a fake store and the real question bank, with
// a clock the test moves.
type fixture struct {
	store *fakeStore
	svc   *Service
	bank  *questions.Bank
	now   time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	bankOnce.Do(func() {
		var err error
		if testTL, err = questions.Load(); err != nil {
			panic(err)
		}
		testBank = questions.NewBank(testTL)
	})
	// Midday in Karachi: the learner's day (from 04:00) has hours left.
	f := &fixture{store: newFakeStore(), bank: testBank, now: time.Date(2026, 3, 10, 12, 0, 0, 0, srs.DefaultLocation())}
	f.svc = New(f.store, testTL, testBank)
	f.svc.Now = func() time.Time { return f.now }
	return f
}

// setQuestion is a teacher's true/false question of set setID.
func setQuestion(setID, item int64, prompt string) questions.Question {
	return questions.Question{ID: "set:" + itoa(setID) + ":" + itoa(item), SetID: setID, Kind: questions.KindTrueFalse,
		Prompt: prompt, Options: []string{questions.OptionTrue, questions.OptionFalse}, Answer: []string{questions.OptionTrue}}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// reviewCard is a card in review state, due at due, last reviewed interval ago.
func reviewCard(now, due time.Time, days float64) srs.Card {
	c := srs.NewCard(now)
	c.State, c.Due, c.Stability, c.Difficulty, c.Reps = srs.Review, due, days, 5, 3
	c.LastReview = due.Add(-time.Duration(days * 24 * float64(time.Hour)))
	c.ScheduledDays = uint64(days)
	return c
}

// learningCard is a card in its learning (or relearning) steps, due at due.
func learningCard(now, due time.Time, state srs.State) srs.Card {
	c := srs.NewCard(now)
	c.State, c.Due, c.Stability, c.Difficulty, c.Reps = state, due, 1, 5, 1
	c.LastReview = now.Add(-time.Minute)
	return c
}
