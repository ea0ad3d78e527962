package questions

import "slices"

// Bank is every question generated from a timeline, in bank order, with an
// index by id.
type Bank struct {
	Questions []Question

	byID   map[string]int
	eras   [][]string // per question, the eras of its events
	themes [][]string // per question, the themes of its events
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

// Question finds a question by id.
func (b *Bank) Question(id string) (Question, bool) {
	i, ok := b.byID[id]
	if !ok {
		return Question{}, false
	}
	return b.Questions[i], true
}

// Filter narrows a bank. An empty field places no restriction; a question
// matches an era, theme or event if any of its events does.
type Filter struct {
	Eras     []string
	Themes   []string
	Kinds    []Kind
	EventIDs []string
}

// Select returns the questions that match every field of f, in bank order.
func (b *Bank) Select(f Filter) []Question {
	matches := func(want, have []string) bool {
		return len(want) == 0 || slices.ContainsFunc(have, func(h string) bool { return slices.Contains(want, h) })
	}
	var out []Question
	for i, q := range b.Questions {
		if (len(f.Kinds) == 0 || slices.Contains(f.Kinds, q.Kind)) &&
			matches(f.EventIDs, q.EventIDs) && matches(f.Eras, b.eras[i]) && matches(f.Themes, b.themes[i]) {
			out = append(out, q)
		}
	}
	return out
}
