package questions

// Hidden questions: a question of the generated bank found wrong can be
// withheld from every draw until the bank is fixed. The set lives beside
// the bank so that every draw leaves them out in one place: Select, and
// Deck through it (practice, the review queue's new and due cards, mock
// exams, sets built from the timeline). Looking a question up by id still
// finds it, so sessions and logs that name it keep working.

type hiddenSet map[string]struct{}

func (h *hiddenSet) has(id string) bool {
	if h == nil {
		return false
	}
	_, ok := (*h)[id]
	return ok
}

// SetHidden replaces the set of questions withheld from every draw. Decks
// selected before are dropped and Version changes, so that what was made
// from the bank before (a learner's review queue) can tell it is out of date.
func (b *Bank) SetHidden(ids []string) {
	h := make(hiddenSet, len(ids))
	for _, id := range ids {
		h[id] = struct{}{}
	}
	b.decksMu.Lock()
	b.hidden.Store(&h)
	b.decks = nil
	b.decksMu.Unlock()
	// After the swap: a reader that saw the old version may have used the
	// old set, and will find its copy out of date.
	b.version.Add(1)
}

// Hidden reports whether question id is withheld from draws.
func (b *Bank) Hidden(id string) bool { return b.hidden.Load().has(id) }
