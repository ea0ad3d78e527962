// Package mentions finds which timeline events a piece of student writing
// mentions, by rules a teacher can read: an event is credited when the
// text names it, or names one of its people or organisations, or a key
// term of it, in the same sentence as its date. Precision comes first: a
// name alone, or a year alone, never credits an event.
package mentions

import (
	"slices"
	"strings"

	"sabaq/questions"
)

// Mention is one event a text mentions, with the exact pieces of the text
// that made the match, in the order they appear.
type Mention struct {
	EventID string
	Title   string
	Phrases []string
}

// Matcher finds mentions of the events of one timeline. It is safe for
// concurrent use.
type Matcher struct {
	events []event
	actors []actor
}

type event struct {
	id, title   string
	date        questions.Date
	names       [][]string // title and aliases, as words
	actors      []string   // people and organisations involved
	dated       []clue     // key terms that need the event's date beside them
	dateless    []clue     // key terms specific enough alone
	afterSoviet bool
}

type clue [][]string // terms, each a phrase of words

type actor struct {
	id    string
	names [][]string
}

// maxApart is how many words may lie between an actor and a date for the
// pair to count: a short stretch of one sentence.
const maxApart = 15

// maxActorEvents is how many events an actor may take part in and still
// identify one by a date: Ayub Khan or Bhutto, in a dozen each, need a key
// term of the event as well.
const maxActorEvents = 4

// New builds a matcher for the timeline's events.
func New(tl *questions.Timeline) *Matcher {
	m := &Matcher{}
	for _, a := range tl.Actors {
		if a.Kind == questions.State {
			continue // "Pakistan" or "India" says nothing about which event
		}
		ac := actor{id: a.ID}
		var ns []string
		for _, n := range append([]string{a.Name}, a.Spellings...) {
			for _, part := range strings.Split(n, " / ") {
				if i := strings.Index(part, "("); i > 0 && strings.HasSuffix(part, ")") {
					ns = append(ns, strings.TrimSpace(part[:i]), part[i+1:len(part)-1])
					continue
				}
				ns = append(ns, part)
			}
		}
		ns = append(ns, studentNames[a.ID]...)
		for _, n := range ns {
			if w := words(n); len(w) > 0 {
				ac.names = append(ac.names, w)
			}
		}
		m.actors = append(m.actors, ac)
	}
	for _, e := range tl.Events {
		ev := event{id: e.ID, title: e.Title, date: e.Date, afterSoviet: e.Date.Year >= 1992}
		for _, n := range append([]string{e.Title}, e.Aliases...) {
			ev.names = append(ev.names, words(n))
		}
		for _, id := range e.Actors {
			if a, ok := tl.Actor(id); ok && a.Kind != questions.State {
				ev.actors = append(ev.actors, id)
			}
		}
		for _, c := range clues[e.ID] {
			dateless := strings.HasPrefix(c, "!")
			var cl clue
			for _, term := range strings.Split(strings.TrimPrefix(c, "!"), " + ") {
				cl = append(cl, strings.Fields(term))
			}
			if dateless {
				ev.dateless = append(ev.dateless, cl)
			} else {
				ev.dated = append(ev.dated, cl)
			}
		}
		m.events = append(m.events, ev)
	}
	return m
}

// span is a stretch of tokens [from, to).
type span struct{ from, to int }

// Find lists the events text mentions, in timeline order, each with the
// phrases of the text that show it. The same text always gives the same
// answer.
func (m *Matcher) Find(text string) []Mention {
	toks := tokenize(text)
	found := make([][]span, len(m.events))
	credit := func(i int, ss ...span) { found[i] = append(found[i], ss...) }

	for _, sent := range sentences(text, toks) {
		from, to := sent[0], sent[1]
		ds := dates(text, toks, from, to)
		// By name: the title or an alias, with the event's date when the
		// sentence gives it ("Tashkent", "January 1966").
		for i, ev := range m.events {
			named := false
			for _, n := range ev.names {
				for _, s := range matchAll(toks, from, to, n, ev.afterSoviet) {
					credit(i, s)
					named = true
				}
			}
			for _, d := range ds {
				if named && fits(d, ev.date) {
					credit(i, span{d.from, d.to})
				}
			}
		}
		// By a key term that is specific enough alone, the words in order
		// and close together.
		for i, ev := range m.events {
			for _, cl := range ev.dateless {
				if ss, ok := matchClose(toks, from, to, cl, ev.afterSoviet); ok {
					credit(i, ss...)
				}
			}
		}
		if len(ds) == 0 {
			continue
		}
		// By a person or organisation and a date near it, when they fit one
		// event only.
		for _, a := range m.actors {
			var at []span
			for _, n := range a.names {
				at = append(at, matchAll(toks, from, to, n, false)...)
			}
			for _, as := range at {
				for _, d := range ds {
					if apart(as, span{d.from, d.to}) > maxApart {
						continue
					}
					if i, ok := m.onlyEventOf(a.id, d); ok {
						credit(i, as, span{d.from, d.to})
					}
				}
			}
		}
		// By a key term with the event's date in the same sentence.
		for i, ev := range m.events {
			for _, d := range ds {
				if !fits(d, ev.date) {
					continue
				}
				for _, cl := range ev.dated {
					if ss, ok := matchClue(toks, from, to, cl, ev.afterSoviet); ok {
						credit(i, append(ss, span{d.from, d.to})...)
					}
				}
			}
		}
	}
	var out []Mention
	for i, ss := range found {
		if len(ss) == 0 {
			continue
		}
		slices.SortFunc(ss, func(a, b span) int {
			if a.from != b.from {
				return a.from - b.from
			}
			return b.to - a.to
		})
		mn := Mention{EventID: m.events[i].id, Title: m.events[i].title}
		end := -1
		for _, s := range ss {
			if s.to <= end {
				continue // inside a longer phrase already given
			}
			end = s.to
			p := text[toks[s.from].start:toks[s.to-1].end]
			if !slices.Contains(mn.Phrases, p) {
				mn.Phrases = append(mn.Phrases, p)
			}
		}
		out = append(out, mn)
	}
	return out
}

// onlyEventOf is the event a person or organisation and a date point to,
// if they point to one beyond doubt: the actor takes part in few events
// (at most maxActorEvents), in one only that fits the date, and in none
// within a year either side of it, so that a slip of a year or a passing
// "in 1974" beside a busy leader's name credits nothing.
func (m *Matcher) onlyEventOf(actorID string, d when) (int, bool) {
	only, n := -1, 0
	for i, ev := range m.events {
		if !slices.Contains(ev.actors, actorID) {
			continue
		}
		n++
		switch {
		case fits(d, ev.date):
			if only >= 0 {
				return 0, false
			}
			only = i
		case ev.date.Year >= d.year-1 && ev.date.Year <= d.year+1:
			return 0, false
		}
	}
	return only, only >= 0 && n <= maxActorEvents
}

// fits reports whether a date in the text can mean the event's date: the
// same year, and the same month when both give one.
func fits(d when, e questions.Date) bool {
	return d.year == e.Year && (d.month == 0 || e.Month == 0 || d.month == e.Month)
}

// apart is how many words lie between two spans.
func apart(a, b span) int {
	if a.to <= b.from {
		return b.from - a.to
	}
	if b.to <= a.from {
		return a.from - b.to
	}
	return 0
}

// matchClue finds every term of the clue in toks[from:to]; it reports the
// first occurrence of each.
func matchClue(toks []token, from, to int, cl clue, afterSoviet bool) ([]span, bool) {
	var out []span
	for _, term := range cl {
		ss := matchAll(toks, from, to, term, afterSoviet)
		if len(ss) == 0 {
			return nil, false
		}
		out = append(out, ss[0])
	}
	return out, true
}

// maxGap is how many words may lie between the terms of a clue that
// needs no date: "Zia was killed in a plane crash".
const maxGap = 3

// matchClose finds the terms of the clue in order in toks[from:to], each
// starting at most maxGap words after the one before ends.
func matchClose(toks []token, from, to int, cl clue, afterSoviet bool) ([]span, bool) {
	for _, first := range matchAll(toks, from, to, cl[0], afterSoviet) {
		out := []span{first}
		for _, term := range cl[1:] {
			last := out[len(out)-1]
			var next []span
			for _, s := range matchAll(toks, last.to, min(to, last.to+maxGap+len(term)+2), term, afterSoviet) {
				if s.from-last.to <= maxGap {
					next = append(next, s)
				}
			}
			if len(next) == 0 {
				break
			}
			out = append(out, next[0])
		}
		if len(out) == len(cl) {
			return out, true
		}
	}
	return nil, false
}

// matchAll finds every place in toks[from:to] where the pattern words
// occur in a row.
func matchAll(toks []token, from, to int, pat []string, afterSoviet bool) []span {
	var out []span
	for i := from; i < to; i++ {
		if n := matchAt(toks, i, to, pat, afterSoviet); n > 0 {
			out = append(out, span{i, i + n})
		}
	}
	return out
}

// matchAt reports how many tokens from toks[i] the pattern covers, or 0.
func matchAt(toks []token, i, to int, pat []string, afterSoviet bool) int {
	j := i
	for _, p := range pat {
		if p == "@moscow" {
			alts := moscowSoviet
			if afterSoviet {
				alts = moscowRussia
			}
			n := 0
			for _, alt := range alts {
				if k := matchAt(toks, j, to, strings.Fields(alt), afterSoviet); k > n {
					n = k
				}
			}
			if n == 0 {
				return 0
			}
			j += n
			continue
		}
		if j >= to || !wordMatches(p, toks[j].w) {
			return 0
		}
		j++
	}
	return j - i
}

// wordMatches reports whether the text's word w is the pattern word p: a
// prefix when p ends in *, else the same word within one edit for words
// of six letters or more.
func wordMatches(p, w string) bool {
	if pre, ok := strings.CutSuffix(p, "*"); ok {
		if strings.HasPrefix(w, pre) {
			return true
		}
		// "colapsed" for collaps*: the start of the word within one edit.
		for n := len(pre) - 1; n <= len(pre)+1 && n <= len(w); n++ {
			if near(pre, w[:n]) {
				return true
			}
		}
		return false
	}
	return near(p, w)
}
