package questions

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ---- names ----

var (
	honorifics  = []string{"Sir", "Agha", "General", "Gen.", "Dr.", "President", "Field", "Air", "Marshal", "Admiral", "Major-General", "Lieutenant-General", "Brigadier", "Colonel"}
	commonNames = []string{"Muhammad", "Mohammad", "Mohammed", "Syed", "Sayyid", "Ali", "Malik", "Sheikh", "Shaikh", "Khan", "Raja", "Mian"}
)

// nameTokens are the words of a person's name without honorifics.
func nameTokens(name string) []string {
	ts := strings.Fields(name)
	for len(ts) > 1 && slices.Contains(honorifics, ts[0]) {
		ts = ts[1:]
	}
	return ts
}

// aliases are the names a learner may use for an actor at a given year:
// the full name, then short forms. The surname alone is accepted unless it
// is a common one or another person with that surname was active within a
// few years (so "Khan" is never enough, but "Bhutto" is in 1972); then the
// first distinctive given name is ("Ayub"). Other spellings the sources use
// ("Liaqat Ali Khan", "Zulfiqar Ali Bhutto") follow, with their short forms.
func (g *generator) aliases(a Actor, year int) []string {
	k := aliasKey{a.ID, year}
	if out, ok := g.aliasMemo[k]; ok {
		return out
	}
	out := g.makeAliases(a, year)
	g.aliasMemo[k] = out
	return out
}

type aliasKey struct {
	actor string
	year  int
}

// makeAliases is aliases, worked out.
func (g *generator) makeAliases(a Actor, year int) []string {
	out := g.nameForms(a, a.Name, year)
	for _, sp := range a.Spellings {
		for _, f := range g.nameForms(a, sp, year) {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// nameForms are the forms of one spelling of an actor's name.
func (g *generator) nameForms(a Actor, name string, year int) []string {
	out := []string{name}
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if a.Kind != Person {
		// "South East Asia Treaty Organisation (SEATO)", "Baghdad Pact / CENTO"
		for _, part := range strings.Split(name, " / ") {
			if i := strings.LastIndex(part, " ("); i > 0 && strings.HasSuffix(part, ")") {
				add(part[:i])
				add(part[i+2 : len(part)-1])
			} else {
				add(part)
			}
		}
		return out
	}
	ts := nameTokens(name)
	add(strings.Join(ts, " "))
	if len(ts) < 2 {
		return out
	}
	last := ts[len(ts)-1]
	if !slices.Contains(commonNames, last) && !strings.HasSuffix(last, ".") && !g.surnameClash(a, last, year) {
		add(last)
		if i := strings.IndexByte(last, '-'); i > 0 {
			add(last[:i]) // "Zia-ul-Haq" → "Zia"
		}
		return out
	}
	for _, tok := range ts[:len(ts)-1] {
		if !slices.Contains(commonNames, tok) && !strings.HasSuffix(tok, ".") && !g.tokenShared(a, tok) {
			add(tok) // "Ayub" for Ayub Khan
			add(tok + " " + last)
			break
		}
	}
	return out
}

// surnameClash reports whether another person with the surname was active
// within five years of year.
func (g *generator) surnameClash(a Actor, surname string, year int) bool {
	for _, o := range g.t.Actors {
		if o.ID == a.ID || o.Kind != Person {
			continue
		}
		ts := nameTokens(o.Name)
		if len(ts) > 0 && ts[len(ts)-1] == surname && g.activityGap(o.ID, year) <= 5 {
			return true
		}
	}
	return false
}

// tokenShared reports whether another person's name has the word.
func (g *generator) tokenShared(a Actor, tok string) bool {
	for _, o := range g.t.Actors {
		if o.ID != a.ID && o.Kind == Person && slices.Contains(nameTokens(o.Name), tok) {
			return true
		}
	}
	return false
}

// namedIn reports whether text names the actor by any of its names.
func (g *generator) namedIn(text string, a Actor) bool {
	for _, n := range g.aliases(a, 0) {
		if findWord(text, n) >= 0 {
			return true
		}
	}
	ts := nameTokens(a.Name)
	return a.Kind == Person && len(ts) > 1 && !slices.Contains(commonNames, ts[len(ts)-1]) && findWord(text, ts[len(ts)-1]) >= 0
}

// blankNames replaces every name of the actor in s with the blank. It
// reports false when nothing was blanked.
func (g *generator) blankNames(s string, a Actor, year int) (string, bool) {
	names := g.aliases(a, year)
	slices.SortStableFunc(names, func(x, y string) int { return cmp.Compare(len(y), len(x)) })
	out := s
	for _, n := range names {
		out = replaceWord(out, n, Blank)
	}
	return out, out != s
}

// stateName is a state's name as it reads mid-sentence: "the Soviet Union".
func stateName(a Actor) string {
	n := a.Name
	if strings.HasPrefix(n, "United ") || strings.Contains(n, " of ") ||
		slices.ContainsFunc([]string{" Union", " Federation", " Kingdom", " Republic", " Emirates"}, func(s string) bool { return strings.HasSuffix(n, s) }) {
		return "the " + n
	}
	return n
}

// actorName is how an actor is named mid-sentence: people and states as
// themselves, organisations with "the" ("the United Nations").
func actorName(a Actor) string {
	switch {
	case a.Kind == State:
		return stateName(a)
	case a.Kind == Organisation && !strings.HasPrefix(a.Name, "the ") && !strings.HasPrefix(a.Name, "The "):
		return "the " + a.Name
	}
	return a.Name
}

// capitalise makes a phrase fit to open a sentence.
func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
