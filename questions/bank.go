package questions

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Bank is every question generated from a timeline, in bank order, with an
// index by id.
type Bank struct {
	Questions []Question

	byID   map[string]int
	eras   [][]string // per question, the eras of its events
	themes [][]string // per question, the themes of its events

	// Teachers' questions, kept beside the generated ones so that every
	// question resolves by id in one place; loaded at start and kept up to
	// date as sets change.
	mu       sync.RWMutex
	authored map[string]Question
	version  atomic.Uint64 // counts changes to authored

	// Decks already selected, by filter: every review page needs one.
	decksMu sync.RWMutex
	decks   map[string]*Deck

	// Questions withheld from every draw (see SetHidden); swapped whole.
	hidden atomic.Pointer[hiddenSet]
}

// NewBank generates the questions of a timeline and indexes them.
func NewBank(t *Timeline) *Bank {
	b := &Bank{Questions: Generate(t), byID: map[string]int{}}
	for i, q := range b.Questions {
		b.byID[q.ID] = i
		var eras, themes []string
		for _, id := range q.EventIDs {
			if e, ok := t.Event(id); ok {
				eras = append(eras, e.Era)
				themes = append(themes, e.Themes...)
			}
		}
		b.eras = append(b.eras, eras)
		b.themes = append(b.themes, themes)
	}
	return b
}

// Question finds a question by id, generated or authored.
func (b *Bank) Question(id string) (Question, bool) {
	if i, ok := b.byID[id]; ok {
		return b.Questions[i], true
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	q, ok := b.authored[id]
	return q, ok
}

// PutAuthored adds or replaces teachers' questions.
func (b *Bank) PutAuthored(qs ...Question) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.authored == nil {
		b.authored = map[string]Question{}
	}
	for _, q := range qs {
		b.authored[q.ID] = q
	}
	b.version.Add(1)
}

// RemoveAuthored forgets teachers' questions.
func (b *Bank) RemoveAuthored(ids ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, id := range ids {
		delete(b.authored, id)
	}
	b.version.Add(1)
}

// Version changes whenever teachers' questions or the hidden questions do,
// so that what was made from the bank before can tell it is out of date.
func (b *Bank) Version() uint64 { return b.version.Load() }

// Filter narrows a bank. An empty field places no restriction; a question
// matches an era, theme or event if any of its events does.
type Filter struct {
	Eras     []string
	Themes   []string
	Kinds    []Kind
	EventIDs []string
}

// Select returns the questions that match every field of f, in bank order,
// but for hidden ones.
func (b *Bank) Select(f Filter) []Question { return b.selectFrom(f, b.hidden.Load()) }

func (b *Bank) selectFrom(f Filter, hidden *hiddenSet) []Question {
	matches := func(want, have []string) bool {
		return len(want) == 0 || slices.ContainsFunc(have, func(h string) bool { return slices.Contains(want, h) })
	}
	var out []Question
	for i, q := range b.Questions {
		if !hidden.has(q.ID) && (len(f.Kinds) == 0 || slices.Contains(f.Kinds, q.Kind)) &&
			matches(f.EventIDs, q.EventIDs) && matches(f.Eras, b.eras[i]) && matches(f.Themes, b.themes[i]) {
			out = append(out, q)
		}
	}
	return out
}

// Deck is the bank's generated questions in some eras and themes, in bank
// order, with a set of their ids. Decks are shared between callers, who must
// not modify them.
type Deck struct {
	Questions []Question
	ids       map[string]struct{}
}

// Has reports whether question id is in the deck.
func (d *Deck) Has(id string) bool {
	_, ok := d.ids[id]
	return ok
}

// maxDecks bounds the decks a bank keeps; beyond it, Deck selects afresh.
const maxDecks = 256

// Deck returns the questions Select(Filter{Eras: eras, Themes: themes})
// returns, selected once per distinct filter and then shared: the generated
// questions never change (SetHidden drops the decks when the hidden ones
// do), and the review queue needs its learner's deck on every request.
func (b *Bank) Deck(eras, themes []string) *Deck {
	key := strings.Join(eras, ",") + "|" + strings.Join(themes, ",")
	b.decksMu.RLock()
	d := b.decks[key]
	b.decksMu.RUnlock()
	if d != nil {
		return d
	}
	hidden := b.hidden.Load()
	qs := b.selectFrom(Filter{Eras: eras, Themes: themes}, hidden)
	d = &Deck{Questions: slices.Clip(qs), ids: make(map[string]struct{}, len(qs))}
	for _, q := range qs {
		d.ids[q.ID] = struct{}{}
	}
	b.decksMu.Lock()
	defer b.decksMu.Unlock()
	if b.decks == nil {
		b.decks = map[string]*Deck{}
	}
	// Kept only if no question was hidden or shown again meanwhile.
	if len(b.decks) < maxDecks && b.hidden.Load() == hidden {
		b.decks[key] = d
	}
	return d
}
