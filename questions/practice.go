package questions

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"time"
)

// Learner is someone using Sabaq, anonymous until an account claims them.
type Learner struct {
	ID          int64
	CreatedAt   time.Time
	DisplayName string
}

// PracticeFilters is what a learner chose to practise.
type PracticeFilters struct {
	Eras     []string `json:"eras,omitempty"`
	Themes   []string `json:"themes,omitempty"`
	Kinds    []Kind   `json:"kinds,omitempty"`
	EventIDs []string `json:"events,omitempty"`
	Length   int      `json:"length"`
}

// Practice length limits.
const (
	DefaultLength = 10
	MaxLength     = 50
)

// Validate checks the filters name real eras, themes, kinds and events.
func (f PracticeFilters) Validate(t *Timeline) error {
	for _, id := range f.Eras {
		if _, ok := EraByID(id); !ok {
			return Errorf(EINVALID, "There is no era called %q.", id)
		}
	}
	for _, id := range f.Themes {
		if _, ok := ThemeByID(id); !ok {
			return Errorf(EINVALID, "There is no theme called %q.", id)
		}
	}
	for _, k := range f.Kinds {
		if _, ok := KindNames[k]; !ok {
			return Errorf(EINVALID, "There is no question kind called %q.", k)
		}
	}
	for _, id := range f.EventIDs {
		if _, ok := t.Event(id); !ok {
			return Errorf(EINVALID, "There is no event called %q.", id)
		}
	}
	if f.Length < 1 || f.Length > MaxLength {
		return Errorf(EINVALID, "Choose between 1 and %d questions.", MaxLength)
	}
	return nil
}

// PickQuestions chooses up to n questions from pool for a practice session,
// mixing kinds and events so that one session does not ask about the same
// event twice while others are left. seed makes the choice repeatable.
func PickQuestions(pool []Question, n int, seed uint64) []Question {
	rng := rand.New(rand.NewPCG(seed, 0x5ab4c))
	shuffled := slices.Clone(pool)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	var picked, later []Question
	usedEvent := map[string]bool{}
	for _, q := range shuffled {
		if len(picked) == n {
			break
		}
		if slices.ContainsFunc(q.EventIDs, func(id string) bool { return usedEvent[id] }) {
			later = append(later, q)
			continue
		}
		picked = append(picked, q)
		for _, id := range q.EventIDs {
			usedEvent[id] = true
		}
	}
	for _, q := range later {
		if len(picked) == n {
			break
		}
		picked = append(picked, q)
	}
	return picked
}

// Seed derives a repeatable 64-bit seed from strings.
func Seed(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// PracticeSession is one run through a set of questions.
type PracticeSession struct {
	ID         int64
	LearnerID  int64
	Filters    PracticeFilters
	Seed       uint64
	StartedAt  time.Time
	FinishedAt time.Time // zero until every question is answered
	Score      int
	Answered   int
	Total      int
	Items      []SessionItem
}

// SessionItem is one question of a session and its attempt, if answered.
type SessionItem struct {
	Position   int
	QuestionID string
	ShownAt    time.Time
	Attempt    *Attempt
}

// Next returns the position of the first unanswered question, or -1.
func (s PracticeSession) Next() int {
	for _, it := range s.Items {
		if it.Attempt == nil {
			return it.Position
		}
	}
	return -1
}

// Attempt is one answer to one question.
type Attempt struct {
	ID         int64
	LearnerID  int64
	SessionID  int64
	QuestionID string
	Answer     []string
	Correct    bool
	AnsweredAt time.Time
	TimeMS     int64
}
