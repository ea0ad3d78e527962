package questions

import (
	"cmp"
	"hash/fnv"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The fixed options of true-or-false and tone questions.
const (
	OptionTrue         = "True"
	OptionFalse        = "False"
	OptionWarmed       = "Warmed relations"
	OptionCooled       = "Cooled relations"
	OptionLittleChange = "Little change"
)

// Blank is what a cloze sentence shows in place of the missing words.
const Blank = "____"

const (
	distractorCount = 3 // wrong options on a multiple-choice question
	orderLength     = 4 // events in an ordering question
	yearSpread      = 6 // how far a wrong year may stray from the true one
	firstYear       = 1947
)

// Generate builds every question the timeline supports, in bank order: events
// in date order and, for each event, its questions kind by kind. The result
// depends only on the timeline, so the same timeline always gives the same
// ids, answers and option order.
func Generate(t *Timeline) []Question {
	if t == nil {
		return nil
	}
	g := newGenerator(t)
	var out []Question
	seen := map[string]bool{}
	for _, e := range g.events {
		for _, build := range []func(Event) []Question{
			g.yearQuestions, g.whichEventQuestions, g.whoQuestions, g.orderQuestions,
			g.trueFalseQuestions, g.clozeQuestions, g.causeQuestions, g.consequenceQuestions,
			g.toneQuestions, g.sourceQuestions,
		} {
			for _, q := range build(e) {
				if !seen[q.ID] {
					seen[q.ID] = true
					out = append(out, q)
				}
			}
		}
	}
	return out
}

// generator holds what every kind needs to know about the timeline.
type generator struct {
	t       *Timeline
	events  []Event // in date order
	maxYear int
	// capital holds words the timeline writes capitalised mid-sentence,
	// so that "In 1965, " can be put before a sentence without lowering a
	// proper noun.
	capital map[string]bool
	// active is the span of years each actor is known to be active.
	active map[string][2]int
	// askedSays holds the "which source" wordings already asked, so that a
	// claim recorded on two events is asked once.
	askedSays map[string]bool
	// What distractor choices ask of every event again and again, worked
	// out once: whether it may be asked by date or put in order, the years
	// its texts mention, and the events its links reach.
	datableOf, orderableOf map[string]bool
	mentioned              map[string]map[int]bool
	reach                  map[reachKey]map[string]bool
	aliasMemo              map[aliasKey][]string
}

type reachKey struct {
	id       string
	forwards bool
}

func newGenerator(t *Timeline) *generator {
	g := &generator{
		t:       t,
		events:  slices.Clone(t.Events),
		capital: map[string]bool{},
		active:  map[string][2]int{},

		askedSays: map[string]bool{},

		datableOf:   map[string]bool{},
		orderableOf: map[string]bool{},
		mentioned:   map[string]map[int]bool{},
		reach:       map[reachKey]map[string]bool{},
		aliasMemo:   map[aliasKey][]string{},
	}
	for _, e := range t.Events {
		g.datableOf[e.ID] = datable(e)
		g.orderableOf[e.ID] = orderable(e)
		g.mentioned[e.ID] = yearsMentioned(e)
	}
	slices.SortStableFunc(g.events, func(a, b Event) int { return a.Date.Compare(b.Date) })
	g.maxYear = firstYear
	for _, e := range g.events {
		g.maxYear = max(g.maxYear, e.Date.Year)
		for _, s := range splitSentences(e.Summary) {
			for i, w := range strings.Fields(s) {
				w = leadingWord(w)
				if r, _ := utf8.DecodeRuneInString(w); i > 0 && unicode.IsUpper(r) {
					g.capital[w] = true
				}
			}
		}
		for _, a := range e.Actors {
			g.widen(a, e.Date.Year, e.Date.Year)
		}
	}
	for _, a := range t.Actors {
		for _, w := range strings.Fields(a.Name) {
			g.capital[leadingWord(w)] = true
		}
		for _, m := range roleSpan.FindAllStringSubmatch(a.Role, -1) {
			from, _ := strconv.Atoi(m[1])
			to, _ := strconv.Atoi(m[2])
			if len(m[2]) == 2 {
				to += from / 100 * 100
				if to < from {
					to += 100
				}
			}
			g.widen(a.ID, from, to)
		}
	}
	return g
}

var roleSpan = regexp.MustCompile(`((?:18|19|20)\d\d)\s*[–-]\s*(\d{4}|\d{2})\b`)

func (g *generator) widen(actor string, from, to int) {
	s, ok := g.active[actor]
	if !ok {
		g.active[actor] = [2]int{from, to}
		return
	}
	g.active[actor] = [2]int{min(s[0], from), max(s[1], to)}
}

// activityGap is how many years separate year from the actor's known
// activity: 0 when the actor was active then.
func (g *generator) activityGap(actor string, year int) float64 {
	s, ok := g.active[actor]
	switch {
	case !ok:
		return 100
	case year < s[0]:
		return float64(s[0] - year)
	case year > s[1]:
		return float64(year - s[1])
	}
	return 0
}

// ---- ids, hashing and choosing ----

func questionID(k Kind, parts ...string) string {
	return string(k) + ":" + strings.Join(parts, ":")
}

// stableHash is FNV-1a over the parts; it decides every "random" choice so
// that the bank never depends on map order, time or a global generator.
func stableHash(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	// FNV's low bits hardly depend on the early bytes: taken modulo a small
	// number they gave questions that differ only in their id the same
	// choice (five 1971 year questions, the same options, the answer
	// earliest). A final mix spreads every input bit over every output bit.
	z := h.Sum64()
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// candidate is a possible distractor: lower scores are more plausible.
type candidate[T any] struct {
	value T
	key   string
	score float64
}

// choose picks n candidates among the most plausible ones: it takes the n+2
// best scored and lets a hash of the question id decide among them, so
// questions vary while staying close to the answer.
func choose[T any](qid string, cs []candidate[T], n int) []T {
	cs = slices.Clone(cs)
	slices.SortStableFunc(cs, func(a, b candidate[T]) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.key, b.key))
	})
	cs = cs[:min(len(cs), n+2)]
	slices.SortStableFunc(cs, func(a, b candidate[T]) int {
		return cmp.Or(cmp.Compare(stableHash(qid, a.key), stableHash(qid, b.key)), cmp.Compare(a.key, b.key))
	})
	out := make([]T, 0, n)
	for _, c := range cs[:min(len(cs), n)] {
		out = append(out, c.value)
	}
	return out
}

// placeAnswer returns the distractors with the answer inserted at a position
// the question id decides.
func placeAnswer(qid, answer string, distractors []string) []string {
	at := int(stableHash(qid, "answer-position") % uint64(len(distractors)+1))
	return slices.Insert(slices.Clone(distractors), at, answer)
}

// ---- building questions ----

func (g *generator) question(k Kind, id string, events []Event, prompt string, options, answer []string, explanation string) Question {
	q := Question{
		ID:          id,
		Kind:        k,
		Prompt:      prompt,
		Options:     options,
		Answer:      answer,
		Explanation: explanation,
	}
	if q.Options == nil {
		q.Options = []string{}
	}
	for _, e := range events {
		q.EventIDs = append(q.EventIDs, e.ID)
		for _, s := range e.Sources {
			if !slices.Contains(q.Sources, s) {
				q.Sources = append(q.Sources, s)
			}
		}
	}
	return q
}

func titles(es []Event) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Title
	}
	return out
}
