package revision

import (
	"context"
	"slices"
	"strings"
	"time"

	"sabaq/questions"
)

// Snapshot is what a learner's pages are made from, for tests to compare
// the kept state with the store.
type Snapshot struct {
	Settings  questions.ReviewSettings
	Cards     []questions.CardRecord // by question id
	Today     questions.DayCounts
	HasReview bool
}

// KeptSnapshot is the learner's kept state, when it is current at now.
func (s *Service) KeptSnapshot(who Learner, now time.Time) (Snapshot, bool) {
	st, _, ok := s.kept(who, now)
	if !ok {
		return Snapshot{}, false
	}
	p := st.picture(&s.ids, now)
	return Snapshot{Settings: p.settings, Cards: p.cards, Today: p.today, HasReview: st.hasReview}, true
}

// StoreSnapshot is the same read from the store.
func (s *Service) StoreSnapshot(ctx context.Context, who Learner, now time.Time) (Snapshot, error) {
	p, err := s.readStore(ctx, who, now)
	if err != nil {
		return Snapshot{}, err
	}
	has, err := s.store.HasReview(ctx, who.ID)
	slices.SortFunc(p.cards, func(a, b questions.CardRecord) int { return strings.Compare(a.QuestionID, b.QuestionID) })
	return Snapshot{Settings: p.settings, Cards: p.cards, Today: p.today, HasReview: has}, err
}

// SetStateCap sets the bytes the kept states may take.
func (s *Service) SetStateCap(bytes int) { s.states = newStateCache(bytes) }

// StateUsage is how many states are kept and their bytes.
func (s *Service) StateUsage() (n, bytes int) { return s.states.usage() }
