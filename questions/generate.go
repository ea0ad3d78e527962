package questions

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
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
			g.toneQuestions,
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
}

func newGenerator(t *Timeline) *generator {
	g := &generator{
		t:       t,
		events:  slices.Clone(t.Events),
		capital: map[string]bool{},
		active:  map[string][2]int{},
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
	return h.Sum64()
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

// yearDistractors picks wrong years within yearSpread of the event's year:
// never the year itself, never a year a dispute on the event or its own text
// mentions, and never before Pakistan existed or after the timeline ends.
func (g *generator) yearDistractors(qid string, e Event, n int) []int {
	banned := map[int]bool{e.Date.Year: true}
	texts := []string{e.Title, e.Summary}
	for _, d := range e.Disputes {
		texts = append(texts, d.Note)
	}
	for _, s := range texts {
		for _, y := range yearsIn(s) {
			banned[y] = true
		}
	}
	var below, above []int
	for d := 1; d <= yearSpread; d++ {
		if y := e.Date.Year - d; y >= firstYear && !banned[y] {
			below = append(below, y)
		}
		if y := e.Date.Year + d; y <= g.maxYear && !banned[y] {
			above = append(above, y)
		}
	}
	// Every year in the spread is equally plausible, so the hash picks
	// them, and how many fall below the true year, so that the answer is
	// not always the earliest or latest option.
	byHash := func(a, b int) int {
		return cmp.Compare(stableHash(qid, strconv.Itoa(a)), stableHash(qid, strconv.Itoa(b)))
	}
	slices.SortFunc(below, byHash)
	slices.SortFunc(above, byHash)
	k := min(int(stableHash(qid, "below")%uint64(n+1)), len(below))
	if n-k > len(above) {
		k = min(n-len(above), len(below))
	}
	out := append(slices.Clone(below[:k]), above[:min(n-k, len(above))]...)
	slices.Sort(out)
	return out
}

// yearsBetween is the distance in years between the middles of two events'
// dates.
func yearsBetween(a, b Event) float64 {
	mid := func(d Date) float64 {
		return float64(d.First().Unix()+d.Last().Unix()) / 2
	}
	diff := mid(a.Date) - mid(b.Date)
	if diff < 0 {
		diff = -diff
	}
	return diff / (365.25 * 24 * 3600)
}

func sharesTheme(a, b Event) bool {
	return slices.ContainsFunc(a.Themes, func(t string) bool { return slices.Contains(b.Themes, t) })
}

// themePenalty makes an unrelated event less plausible than a related one a
// few years further away.
func themePenalty(a, b Event) float64 {
	if sharesTheme(a, b) {
		return 0
	}
	return 4
}

// eventDistractors picks n events that keep allows, scored by closeness in
// time to near, a shared theme with near and extra (a caller's preference).
// Events whose title equals one in taken, or another candidate's, are left
// out so that every option reads differently.
func (g *generator) eventDistractors(qid string, near Event, n int, taken []string, keep func(Event) bool, extra func(Event) float64) []Event {
	var cs []candidate[Event]
	for _, c := range g.events {
		if c.ID == near.ID || !keep(c) {
			continue
		}
		score := yearsBetween(near, c) + themePenalty(near, c)
		if extra != nil {
			score += extra(c)
		}
		cs = append(cs, candidate[Event]{value: c, key: c.ID, score: score})
	}
	slices.SortStableFunc(cs, func(a, b candidate[Event]) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.key, b.key))
	})
	seen := map[string]bool{}
	for _, t := range taken {
		seen[t] = true
	}
	unique := cs[:0]
	for _, c := range cs {
		if !seen[c.value.Title] {
			seen[c.value.Title] = true
			unique = append(unique, c)
		}
	}
	return choose(qid, unique, n)
}

// principal states are the two sides of every event; asking for them would
// be no question.
var principalStates = []string{"pakistan", "soviet-union", "russia"}

// actorDistractors picks n actors of the answer's sort (for a person, of the
// same country) who are not actors of the event and are not named in avoid,
// preferring those active near the event's year.
func (g *generator) actorDistractors(qid string, e Event, answer Actor, avoid string, n int) []Actor {
	var cs []candidate[Actor]
	seen := map[string]bool{answer.Name: true}
	for _, a := range g.t.Actors {
		switch {
		case a.Kind != answer.Kind, slices.Contains(e.Actors, a.ID), seen[a.Name]:
			continue
		case a.Kind == Person && (a.Country == "" || a.Country != answer.Country):
			continue
		case a.Kind == State && slices.Contains(principalStates, a.ID):
			continue
		case g.namedIn(avoid, a):
			continue
		}
		seen[a.Name] = true
		cs = append(cs, candidate[Actor]{value: a, key: a.ID, score: g.activityGap(a.ID, e.Date.Year)})
	}
	return choose(qid, cs, n)
}

// ---- dates and wording ----

var yearToken = regexp.MustCompile(`\b(?:18|19|20)\d\d\b`)

func yearsIn(s string) []int {
	var out []int
	for _, m := range yearToken.FindAllString(s, -1) {
		y, _ := strconv.Atoi(m)
		out = append(out, y)
	}
	return out
}

// datable reports whether an event may be asked about by date: its date is
// settled and its title does not give a year away.
func datable(e Event) bool {
	return !e.Disputed(AspectDate) && len(yearsIn(e.Title)) == 0
}

// overlaps reports whether two dates could mean the same day, so that their
// order is not certain.
func overlaps(a, b Date) bool {
	return !a.Last().Before(b.First()) && !b.Last().Before(a.First())
}

func quote(title string) string { return "“" + title + "”" }

// when is " (April 1965)" for a settled date and "" for a disputed one, for
// explanations.
func when(e Event) string {
	if e.Disputed(AspectDate) {
		return ""
	}
	return " (" + e.Date.Human() + ")"
}

// lead is how a date opens a sentence: "In 1965" or "On 3 April 1965".
func lead(d Date, text string) string {
	if d.Precision() == PrecisionDay {
		return "On " + text
	}
	return "In " + text
}

var abbreviations = []string{"U.S.", "U.N.", "U.S.S.R.", "Dr.", "Mr.", "Mrs.", "St.", "Gen.", "Lt.", "Col.", "No.", "e.g.", "i.e.", "c.", "Jr."}

var initials = regexp.MustCompile(`^(?:\p{Lu}\.)+$`)

// splitSentences splits a summary into sentences, not breaking after common
// abbreviations or initials.
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		if i+1 < len(s) && s[i+1] != ' ' {
			continue
		}
		if c == '.' {
			w := s[strings.LastIndexByte(s[:i+1], ' ')+1 : i+1]
			w = strings.TrimLeft(w, "(\"'“‘")
			if slices.Contains(abbreviations, w) || initials.MatchString(w) {
				if i+1 < len(s) {
					continue
				}
			}
		}
		if sent := strings.TrimSpace(s[start : i+1]); sent != "" {
			out = append(out, sent)
		}
		start = i + 1
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func firstSentence(s string) string {
	if ss := splitSentences(s); len(ss) > 0 {
		return ss[0]
	}
	return ""
}

// functionWords never start a proper noun, so they are lowered when a date
// is put in front of the sentence they open.
var functionWords = []string{"The", "A", "An", "This", "That", "These", "Those", "After", "Before", "During", "When", "While", "With", "In", "On", "At", "By", "For", "From", "Under", "As", "Both", "Its", "Their", "His", "Her", "Some", "Many", "Although", "Despite", "Following", "Amid", "Over", "Once", "Two", "Three", "Relations", "Talks", "Trade", "Tensions"}

// continueSentence makes a sentence fit after an opening phrase such as
// "In 1965, ": it lowers the first letter unless the first word is a proper
// noun.
func (g *generator) continueSentence(s string) string {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return s
	}
	first := leadingWord(fields[0])
	switch {
	case first == "":
		return s
	case !slices.Contains(functionWords, first) &&
		(g.capital[first] || isAcronym(first) || slices.Contains(titleWords, first)):
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

// titleWords are capitalised wherever they stand.
var titleWords = []string{"President", "Prime", "Premier", "General", "Field", "Foreign", "Chairman", "Sir", "King", "Queen",
	"Soviet", "Russian", "Indian", "Pakistani", "American", "Chinese", "Afghan", "British", "Islamic", "Western", "Moscow", "Washington"}

// leadingWord is the run of letters a token starts with: "Bhutto" for
// "Bhutto's", "Soviet" for "(Soviet".
func leadingWord(tok string) string {
	tok = strings.TrimLeftFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) })
	if i := strings.IndexFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return tok[:i]
	}
	return tok
}

func isAcronym(w string) bool {
	return utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) == w
}

// datedSentence is the event's first summary sentence, opened with the
// event's date unless the sentence already gives the year.
func (g *generator) datedSentence(e Event) string {
	s := firstSentence(e.Summary)
	if _, _, ok := dateIn(s, e.Date); ok {
		return s
	}
	return lead(e.Date, e.Date.Human()) + ", " + g.continueSentence(s)
}

var monthName = regexp.MustCompile(`(?:January|February|March|April|May|June|July|August|September|October|November|December),? $`)

// dateIn finds where a sentence gives the date d: the longest way of
// writing it that occurs. ok is false when the sentence does not give the
// date, or gives its year only as part of another date ("March 2008" for
// September 2008, "7 October 1958" for October 1958, "November–December").
func dateIn(s string, d Date) (at int, phrase datePhrase, ok bool) {
	for _, p := range datePhrases(d) {
		i := findWord(s, p.text)
		if p.prec == PrecisionYear {
			i = findYear(s, d.Year)
		}
		if i < 0 {
			continue
		}
		before := s[:i]
		if strings.HasSuffix(before, "–") || strings.HasSuffix(before, "-") || trailingNumber.MatchString(before) ||
			(p.prec == PrecisionYear && monthName.MatchString(before)) {
			return 0, datePhrase{}, false
		}
		return i, p, true
	}
	return 0, datePhrase{}, false
}

var trailingNumber = regexp.MustCompile(`\d,? $`)

// findWord finds w in s where it stands as a whole word (not inside a longer
// word or number), or returns -1.
func findWord(s, w string) int {
	if w == "" {
		return -1
	}
	for from := 0; from <= len(s)-len(w); {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if !isWordRune(before) && !isWordRune(after) {
			return i
		}
		from = i + 1
	}
	return -1
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// findYear finds the year as a whole number in s, but not as the start of a
// range such as "1965–66".
func findYear(s string, year int) int {
	y := strconv.Itoa(year)
	for from := 0; ; {
		i := findWord(s[from:], y)
		if i < 0 {
			return -1
		}
		i += from
		rest := s[i+len(y):]
		if !(strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "-")) {
			return i
		}
		from = i + len(y)
	}
}

// replaceWord replaces every whole-word occurrence of old in s.
func replaceWord(s, old, new string) string {
	var b strings.Builder
	for {
		i := findWord(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(new)
		s = s[i+len(old):]
	}
}

// datePhrase is one way a date can be written, and the precision it gives.
type datePhrase struct {
	text string
	prec Precision
}

// datePhrases lists how a sentence may write the date, longest first.
func datePhrases(d Date) []datePhrase {
	y := strconv.Itoa(d.Year)
	var out []datePhrase
	if d.Precision() >= PrecisionMonth {
		m := time.Month(d.Month).String()
		if d.Precision() == PrecisionDay {
			day := strconv.Itoa(d.Day)
			out = append(out,
				datePhrase{day + " " + m + " " + y, PrecisionDay},
				datePhrase{m + " " + day + ", " + y, PrecisionDay},
				datePhrase{m + " " + day + " " + y, PrecisionDay})
		}
		out = append(out, datePhrase{m + " " + y, PrecisionMonth}, datePhrase{m + ", " + y, PrecisionMonth})
	}
	return append(out, datePhrase{y, PrecisionYear})
}

// dateAnswers are the typed answers accepted for a date blanked at precision
// p: the date as written first, then other spellings, then coarser forms
// down to the year alone.
func dateAnswers(d Date, p Precision) []string {
	y := strconv.Itoa(d.Year)
	var out []string
	if p >= PrecisionMonth {
		m := time.Month(d.Month).String()
		months := []string{m}
		if len(m) > 3 {
			months = append(months, m[:3])
		}
		if d.Month == 9 {
			months = append(months, "Sept")
		}
		if p == PrecisionDay {
			day := strconv.Itoa(d.Day)
			for _, mm := range months {
				out = append(out, day+" "+mm+" "+y, mm+" "+day+" "+y)
			}
			out = append(out, d.String())
		}
		for _, mm := range months {
			out = append(out, mm+" "+y)
		}
		out = append(out, fmt.Sprintf("%04d-%02d", d.Year, d.Month))
	}
	return append(out, y)
}

// ---- names ----

var (
	honorifics  = []string{"Sir", "General", "Gen.", "Dr.", "President", "Field", "Air", "Marshal", "Admiral", "Major-General", "Lieutenant-General", "Brigadier", "Colonel"}
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
// first distinctive given name is ("Ayub").
func (g *generator) aliases(a Actor, year int) []string {
	out := []string{a.Name}
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if a.Kind != Person {
		// "South East Asia Treaty Organisation (SEATO)", "Baghdad Pact / CENTO"
		for _, part := range strings.Split(a.Name, " / ") {
			if i := strings.LastIndex(part, " ("); i > 0 && strings.HasSuffix(part, ")") {
				add(part[:i])
				add(part[i+2 : len(part)-1])
			} else {
				add(part)
			}
		}
		return out
	}
	ts := nameTokens(a.Name)
	add(strings.Join(ts, " "))
	if len(ts) < 2 {
		return out
	}
	last := ts[len(ts)-1]
	if !slices.Contains(commonNames, last) && !g.surnameClash(a, last, year) {
		add(last)
		if i := strings.IndexByte(last, '-'); i > 0 {
			add(last[:i]) // "Zia-ul-Haq" → "Zia"
		}
		return out
	}
	for _, tok := range ts[:len(ts)-1] {
		if !slices.Contains(commonNames, tok) && !g.tokenShared(a, tok) {
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

var adjectives = map[string]string{
	"pakistan": "Pakistani", "soviet-union": "Soviet", "russia": "Russian", "india": "Indian",
	"united-states": "American", "china": "Chinese", "afghanistan": "Afghan", "bangladesh": "Bangladeshi",
	"united-kingdom": "British", "iran": "Iranian", "turkey": "Turkish",
}

// figure is how a prompt names a person of a country: "Pakistani figure".
func (g *generator) figure(country string) string {
	if adj, ok := adjectives[country]; ok {
		return adj + " figure"
	}
	if s, ok := g.t.Actor(country); ok {
		return "figure from " + stateName(s)
	}
	return "figure"
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

// moscow is the state on the Moscow side at the time of an event.
func (g *generator) moscow(e Event) string {
	if e.Era == "russia" {
		return "russia"
	}
	return "soviet-union"
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

// yearQuestions: "In which year did this happen?"
func (g *generator) yearQuestions(e Event) []Question {
	if !datable(e) {
		return nil
	}
	id := questionID(KindYear, e.ID)
	years := g.yearDistractors(id, e, distractorCount)
	if len(years) < distractorCount {
		return nil
	}
	years = append(years, e.Date.Year)
	slices.Sort(years)
	opts := make([]string, len(years))
	for i, y := range years {
		opts[i] = strconv.Itoa(y)
	}
	return []Question{g.question(KindYear, id, []Event{e},
		fmt.Sprintf("In which year did this happen: %s?", quote(e.Title)),
		opts, []string{strconv.Itoa(e.Date.Year)}, g.datedSentence(e))}
}

// whichEventQuestions: "Which of these happened in 1965?" The period is the
// month when another event shares the year and the date gives the month.
func (g *generator) whichEventQuestions(e Event) []Question {
	if !datable(e) {
		return nil
	}
	period := Date{Year: e.Date.Year}
	if e.Date.Precision() >= PrecisionMonth && slices.ContainsFunc(g.events, func(o Event) bool {
		return o.ID != e.ID && o.Date.Year == e.Date.Year
	}) {
		period.Month = e.Date.Month
	}
	id := questionID(KindWhichEvent, e.ID)
	ds := g.eventDistractors(id, e, distractorCount, []string{e.Title}, func(c Event) bool {
		return datable(c) && !overlaps(c.Date, period)
	}, nil)
	if len(ds) < distractorCount {
		return nil
	}
	return []Question{g.question(KindWhichEvent, id, []Event{e},
		fmt.Sprintf("Which of these happened in %s?", period.Human()),
		placeAnswer(id, e.Title, titles(ds)), []string{e.Title}, g.datedSentence(e))}
}

// whoQuestions ask for each person of an event with a known country, and
// for each state or organisation other than Pakistan and Moscow.
func (g *generator) whoQuestions(e Event) []Question {
	if e.Disputed(AspectActors) {
		return nil
	}
	var out []Question
	for _, aid := range e.Actors {
		a, ok := g.t.Actor(aid)
		if !ok || (a.Kind == Person && a.Country == "") || (a.Kind == State && slices.Contains(principalStates, a.ID)) {
			continue
		}
		shown, blanked := g.blankNames(e.Title, a, e.Date.Year)
		if strings.Count(shown, Blank) > 1 {
			continue // "____ renamed ____" asks nothing clear
		}
		var prompt string
		switch {
		case a.Kind == Person && blanked:
			prompt = fmt.Sprintf("Which %s fills the blank: %s?", g.figure(a.Country), quote(shown))
		case a.Kind == Person:
			prompt = fmt.Sprintf("Which %s was involved in this: %s?", g.figure(a.Country), quote(shown))
		case a.Kind == State && blanked:
			prompt = fmt.Sprintf("Which state fills the blank: %s?", quote(shown))
		case a.Kind == State:
			prompt = fmt.Sprintf("Apart from Pakistan and Moscow, which state was involved in this: %s?", quote(shown))
		case blanked:
			prompt = fmt.Sprintf("Which organisation fills the blank: %s?", quote(shown))
		default:
			prompt = fmt.Sprintf("Which organisation was involved in this: %s?", quote(shown))
		}
		id := questionID(KindWho, e.ID, a.ID)
		ds := g.actorDistractors(id, e, a, e.Title+" "+e.Summary, distractorCount)
		if len(ds) < distractorCount {
			continue
		}
		names := make([]string, len(ds))
		for i, d := range ds {
			names[i] = d.Name
		}
		out = append(out, g.question(KindWho, id, []Event{e}, prompt, placeAnswer(id, a.Name, names), []string{a.Name}, g.involved(a, e)))
	}
	return out
}

// involved is the explanation that an actor took part in an event.
func (g *generator) involved(a Actor, e Event) string {
	if a.Kind == Person {
		return fmt.Sprintf("%s, %s, was involved in %s%s.", a.Name, a.Role, quote(e.Title), when(e))
	}
	return fmt.Sprintf("%s was involved in %s%s.", capitalise(actorName(a)), quote(e.Title), when(e))
}

// orderable reports whether an event may appear in an ordering question.
func orderable(e Event) bool { return datable(e) }

// orderQuestions anchor one ordering question on the event: it and three
// related events whose dates cannot be confused with each other.
func (g *generator) orderQuestions(anchor Event) []Question {
	if !orderable(anchor) {
		return nil
	}
	var cs []candidate[Event]
	for _, c := range g.events {
		if c.ID == anchor.ID || !orderable(c) {
			continue
		}
		score := yearsBetween(anchor, c) + themePenalty(anchor, c)
		if c.Era != anchor.Era {
			score += 2
		}
		cs = append(cs, candidate[Event]{value: c, key: c.ID, score: score})
	}
	slices.SortStableFunc(cs, func(a, b candidate[Event]) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(a.key, b.key))
	})
	chosen := []Event{anchor}
	for _, c := range cs {
		if len(chosen) == orderLength {
			break
		}
		if !slices.ContainsFunc(chosen, func(o Event) bool { return overlaps(o.Date, c.value.Date) || o.Title == c.value.Title }) {
			chosen = append(chosen, c.value)
		}
	}
	if len(chosen) < orderLength {
		return nil
	}
	slices.SortStableFunc(chosen, func(a, b Event) int { return a.Date.Compare(b.Date) })
	ids := make([]string, len(chosen))
	parts := make([]string, len(chosen))
	for i, e := range chosen {
		ids[i] = e.ID
		parts[i] = quote(e.Title) + " (" + e.Date.Human() + ")"
	}
	id := questionID(KindOrder, ids...)
	answer := titles(chosen)
	return []Question{g.question(KindOrder, id, chosen,
		"Put these in chronological order, earliest first.",
		scramble(id, answer), answer, "In order: "+strings.Join(parts, ", ")+".")}
}

// scramble orders the items by a hash of the question id, never leaving
// them all in their original order.
func scramble(id string, items []string) []string {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b string) int {
		return cmp.Compare(stableHash(id, a), stableHash(id, b))
	})
	if len(out) > 1 && slices.Equal(out, items) {
		out = append(out[1:], out[0])
	}
	return out
}

// statement is one true-or-false item about an event.
type statement struct {
	aspect      string // year, era, actor, country or tone
	truth       bool
	text        string
	explanation string
}

// trueFalseQuestions make one statement per aspect the event allows; a hash
// of the event and aspect decides whether it is the true or the false one.
func (g *generator) trueFalseQuestions(e Event) []Question {
	var out []Question
	for _, s := range g.statements(e) {
		suffix, answer := s.aspect+"-false", OptionFalse
		if s.truth {
			suffix, answer = s.aspect+"-true", OptionTrue
		}
		id := questionID(KindTrueFalse, e.ID, suffix)
		out = append(out, g.question(KindTrueFalse, id, []Event{e}, "True or false? "+s.text,
			[]string{OptionTrue, OptionFalse}, []string{answer}, s.explanation))
	}
	return out
}

func truthFor(e Event, aspect string) bool { return stableHash(e.ID, aspect)%2 == 0 }

// anaphora open sentences that lean on the one before.
var anaphora = []string{"he", "she", "him", "his", "her", "they", "them", "their", "it", "its", "this", "these", "those", "there"}

// standalone reports whether a summary sentence reads on its own: the
// first always does; later ones only without pronouns that point back.
func standalone(sentence string, first bool) bool {
	if first {
		return true
	}
	for _, w := range strings.Fields(sentence) {
		if slices.Contains(anaphora, strings.ToLower(strings.Trim(w, ".,;:'’\"“”()"))) {
			return false
		}
	}
	return true
}

// sentenceNaming is the first summary sentence that names the actor and
// reads on its own, or "".
func (g *generator) sentenceNaming(e Event, a Actor) string {
	for i, s := range splitSentences(e.Summary) {
		if standalone(s, i == 0) && g.namedIn(s, a) {
			return s
		}
	}
	return ""
}

func (g *generator) statements(e Event) []statement {
	var out []statement
	add := func(s statement, ok bool) {
		if ok {
			out = append(out, s)
		}
	}
	year, hasYear := g.yearStatement(e)
	add(year, hasYear)
	if !datable(e) {
		add(g.eraStatement(e))
	}
	if !e.Disputed(AspectActors) {
		var people []Actor
		for _, id := range e.Actors {
			if a, ok := g.t.Actor(id); ok && a.Kind == Person && a.Country != "" {
				people = append(people, a)
			}
		}
		if len(people) > 0 {
			add(g.actorStatement(e, people[0], year.text))
			// The side a person acted for is best asked of someone the
			// title does not already name.
			p := people[len(people)-1]
			for _, q := range slices.Backward(people) {
				if !g.namedIn(e.Title, q) {
					p = q
					break
				}
			}
			add(g.countryStatement(e, p))
		}
	}
	add(g.toneStatement(e))
	return out
}

// plainStatements reports whether statements about the event may use its
// summary, the established account. On a disputed event they stick to the
// title, so that they assert nothing but the aspect asked.
func plainStatements(e Event) bool { return len(e.Disputes) == 0 }

// yearStatement dates the event's first sentence, or in the false version
// gives it a wrong year. Truth is the hash's alone, so that the id never
// flips as the timeline grows.
func (g *generator) yearStatement(e Event) (statement, bool) {
	if !datable(e) {
		return statement{}, false
	}
	truth := truthFor(e, "year")
	year := e.Date.Year
	if !truth {
		wrong := g.yearDistractors(questionID(KindTrueFalse, e.ID, "year-false"), e, 1)
		if len(wrong) == 0 {
			return statement{}, false
		}
		year = wrong[0]
	}
	sentence := firstSentence(e.Summary)
	at, phrase, clean := dateIn(sentence, e.Date)
	if clean && findYear(sentence[at+len(phrase.text):], e.Date.Year) >= 0 {
		clean = false // the year again, in some other role
	}
	var text string
	switch {
	case !plainStatements(e) || (!clean && findYear(sentence, e.Date.Year) >= 0):
		// A disputed event, or a sentence with the year in another date:
		// changing it would change the wrong thing.
		text = fmt.Sprintf("%s happened in %d.", quote(e.Title), year)
	case clean:
		said := strings.Replace(phrase.text, strconv.Itoa(e.Date.Year), strconv.Itoa(year), 1)
		text = sentence[:at] + said + sentence[at+len(phrase.text):]
	default:
		text = fmt.Sprintf("In %d, %s", year, g.continueSentence(sentence))
	}
	return statement{"year", truth, text, g.datedSentence(e)}, true
}

// toneStatement says how the event moved relations, or in the false
// version that it moved them the other way.
func (g *generator) toneStatement(e Event) (statement, bool) {
	verb := map[Tone]string{Warming: "warmed", Cooling: "cooled", Neutral: "brought little change to"}
	if _, ok := verb[e.Tone]; !ok {
		return statement{}, false
	}
	truth := truthFor(e, "tone")
	said := e.Tone
	if !truth {
		said = map[Tone]Tone{Warming: Cooling, Cooling: Warming, Neutral: Warming}[e.Tone]
	}
	text := fmt.Sprintf("%s %s relations between Pakistan and Moscow.", quote(e.Title), verb[said])
	expl := fmt.Sprintf("%s%s %s relations between Pakistan and Moscow.", quote(e.Title), when(e), verb[e.Tone])
	return statement{"tone", truth, text, expl}, true
}

// eraStatement places an event whose date is disputed in its era, or in
// the false version a neighbouring one. It is made only when every year
// the disputes claim falls wholly within the event's era, so that the era
// is settled even though the date is not.
func (g *generator) eraStatement(e Event) (statement, bool) {
	at := slices.IndexFunc(Eras, func(x Era) bool { return x.ID == e.Era })
	if at < 0 {
		return statement{}, false
	}
	claimed := []int{e.Date.Year}
	for _, d := range e.Disputes {
		claimed = append(claimed, yearsIn(d.Note)...)
	}
	if len(claimed) == 1 {
		return statement{}, false // the disputes name no year: the claim is unknown
	}
	for _, y := range claimed {
		for i, x := range Eras {
			if i != at && x.Contains(Date{Year: y}) {
				return statement{}, false
			}
		}
		if !Eras[at].Contains(Date{Year: y}) {
			return statement{}, false
		}
	}
	truth := truthFor(e, "era")
	said := Eras[at]
	if !truth {
		var near []Era
		if at > 0 {
			near = append(near, Eras[at-1])
		}
		if at+1 < len(Eras) {
			near = append(near, Eras[at+1])
		}
		said = near[stableHash(e.ID, "era-false")%uint64(len(near))]
	}
	text := fmt.Sprintf("%s belongs to the era “%s” (%s).", quote(e.Title), said.Name, said.Span)
	expl := fmt.Sprintf("%s belongs to the era “%s” (%s), though the sources disagree on its exact date.", quote(e.Title), Eras[at].Name, Eras[at].Span)
	return statement{"era", truth, text, expl}, true
}

// actorStatement names the person, or in the false version another person
// of the same country, as taking part. Where the summary names the person
// in a sentence of its own, the false version swaps the name in it.
func (g *generator) actorStatement(e Event, p Actor, yearText string) (statement, bool) {
	truth := truthFor(e, "actor")
	said := p
	if !truth {
		wrong := g.actorDistractors(questionID(KindTrueFalse, e.ID, "actor-false"), e, p, e.Title+" "+e.Summary, 1)
		if len(wrong) == 0 {
			return statement{}, false
		}
		said = wrong[0]
	}
	text := fmt.Sprintf("%s was involved in %s.", said.Name, quote(e.Title))
	if s := g.sentenceNaming(e, p); plainStatements(e) && findWord(s, p.Name) >= 0 {
		swapped := replaceWord(s, p.Name, said.Name)
		if _, left := g.blankNames(swapped, p, e.Date.Year); (said.ID == p.ID || !left) && swapped != yearText {
			text = swapped
		}
	}
	expl := g.involved(p, e)
	if !truth {
		expl = fmt.Sprintf("It was %s, not %s, who was involved in %s%s.", p.Name, said.Name, quote(e.Title), when(e))
	}
	return statement{"actor", truth, text, expl}, true
}

// countryStatement says which side the person acted for, or in the false
// version the other side.
func (g *generator) countryStatement(e Event, p Actor) (statement, bool) {
	home, ok := g.t.Actor(p.Country)
	if !ok || home.Kind != State {
		return statement{}, false
	}
	otherID := "pakistan"
	if p.Country == "pakistan" {
		otherID = g.moscow(e)
	}
	other, ok := g.t.Actor(otherID)
	if !ok || other.Kind != State || other.ID == home.ID {
		return statement{}, false
	}
	truth := truthFor(e, "country")
	said := home
	if !truth {
		said = other
	}
	text := fmt.Sprintf("%s took part in %s on behalf of %s.", p.Name, quote(e.Title), stateName(said))
	expl := fmt.Sprintf("%s, %s, took part in %s on behalf of %s.", p.Name, p.Role, quote(e.Title), stateName(home))
	if !truth {
		expl = fmt.Sprintf("%s took part in %s on behalf of %s, not %s.", p.Name, quote(e.Title), stateName(home), stateName(other))
	}
	return statement{"country", truth, text, expl}, true
}

// clozeQuestions blank the date of the event's first sentence, and the name
// of each person the summary names.
func (g *generator) clozeQuestions(e Event) []Question {
	var out []Question
	if datable(e) {
		if q, ok := g.dateCloze(e); ok {
			out = append(out, q)
		}
	}
	if e.Disputed(AspectActors) {
		return out
	}
	for _, aid := range e.Actors {
		if a, ok := g.t.Actor(aid); ok && a.Kind == Person {
			if q, ok := g.nameCloze(e, a); ok {
				out = append(out, q)
			}
		}
	}
	return out
}

// dateCloze blanks the date where the first sentence gives it, or opens the
// sentence with a blank for it ("In ____, ...").
func (g *generator) dateCloze(e Event) (Question, bool) {
	s := firstSentence(e.Summary)
	text := lead(e.Date, Blank) + ", " + g.continueSentence(s)
	prec := e.Date.Precision()
	if at, p, ok := dateIn(s, e.Date); ok {
		text, prec = s[:at]+Blank+s[at+len(p.text):], p.prec
	} else if findYear(s, e.Date.Year) >= 0 {
		return Question{}, false // the year is there, but as part of another date
	}
	if findYear(text, e.Date.Year) >= 0 {
		return Question{}, false // a second mention would give it away
	}
	id := questionID(KindCloze, e.ID, "date")
	return g.question(KindCloze, id, []Event{e}, "Fill in the blank: "+text, nil, dateAnswers(e.Date, prec), g.datedSentence(e)), true
}

// nameCloze blanks the person's name in the first summary sentence that
// names them once and reads on its own.
func (g *generator) nameCloze(e Event, a Actor) (Question, bool) {
	for i, s := range splitSentences(e.Summary) {
		if !standalone(s, i == 0) {
			continue
		}
		text, ok := g.blankNames(s, a, e.Date.Year)
		if !ok || strings.Count(text, Blank) != 1 || g.namedIn(text, a) || strings.Trim(text, " .") == Blank {
			continue
		}
		full := s
		if _, _, dated := dateIn(s, e.Date); !e.Disputed(AspectDate) && !dated {
			opening := lead(e.Date, e.Date.Human()) + ", "
			text, full = opening+g.continueSentence(text), opening+g.continueSentence(s)
		}
		id := questionID(KindCloze, e.ID, "name", a.ID)
		return g.question(KindCloze, id, []Event{e}, "Fill in the blank: "+text, nil, g.aliases(a, e.Date.Year), full), true
	}
	return Question{}, false
}

// related walks led_to links from id, forwards or backwards, and returns
// every event reached.
func (g *generator) related(id string, forwards bool) map[string]bool {
	seen := map[string]bool{}
	queue := []string{id}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		var next []string
		if forwards {
			if e, ok := g.t.Event(cur); ok {
				next = e.LedTo
			}
		} else {
			for _, e := range g.events {
				if slices.Contains(e.LedTo, cur) {
					next = append(next, e.ID)
				}
			}
		}
		for _, n := range next {
			if !seen[n] && n != id {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	return seen
}

// causeQuestions: "Which development led to X?", one per direct cause.
// Distractors lead to X neither directly nor through other events, and
// are preferably dated before X.
func (g *generator) causeQuestions(x Event) []Question {
	ancestors := g.related(x.ID, false)
	var out []Question
	for _, c := range g.events {
		if !slices.Contains(c.LedTo, x.ID) {
			continue
		}
		id := questionID(KindCause, x.ID, c.ID)
		ds := g.eventDistractors(id, c, distractorCount, []string{c.Title, x.Title}, func(o Event) bool {
			return o.ID != x.ID && !ancestors[o.ID]
		}, func(o Event) float64 {
			if o.Date.Compare(x.Date) > 0 {
				return 10
			}
			return 0
		})
		if len(ds) < distractorCount {
			continue
		}
		out = append(out, g.question(KindCause, id, []Event{x, c},
			fmt.Sprintf("Which development led to this: %s?", quote(x.Title)),
			placeAnswer(id, c.Title, titles(ds)), []string{c.Title},
			fmt.Sprintf("%s%s led to %s%s.", quote(c.Title), when(c), quote(x.Title), when(x))))
	}
	return out
}

// consequenceQuestions: "What did X lead to?", one per led_to target.
// Distractors follow from X neither directly nor through other events, and
// are preferably dated after X.
func (g *generator) consequenceQuestions(x Event) []Question {
	descendants := g.related(x.ID, true)
	var out []Question
	for _, tid := range x.LedTo {
		t, ok := g.t.Event(tid)
		if !ok {
			continue
		}
		id := questionID(KindConsequence, x.ID, t.ID)
		ds := g.eventDistractors(id, t, distractorCount, []string{t.Title, x.Title}, func(o Event) bool {
			return o.ID != x.ID && !descendants[o.ID]
		}, func(o Event) float64 {
			if o.Date.Compare(x.Date) < 0 {
				return 10
			}
			return 0
		})
		if len(ds) < distractorCount {
			continue
		}
		out = append(out, g.question(KindConsequence, id, []Event{x, t},
			fmt.Sprintf("What did this lead to: %s?", quote(x.Title)),
			placeAnswer(id, t.Title, titles(ds)), []string{t.Title},
			fmt.Sprintf("%s%s led to %s%s.", quote(x.Title), when(x), quote(t.Title), when(t))))
	}
	return out
}

// ToneOption is the tone question's option for a tone.
func ToneOption(t Tone) string {
	switch t {
	case Warming:
		return OptionWarmed
	case Cooling:
		return OptionCooled
	default:
		return OptionLittleChange
	}
}

// toneQuestions: "Did X warm or cool relations?"
func (g *generator) toneQuestions(e Event) []Question {
	if e.Tone != Warming && e.Tone != Cooling && e.Tone != Neutral {
		return nil
	}
	verb := map[Tone]string{Warming: "warmed relations between Pakistan and Moscow", Cooling: "cooled relations between Pakistan and Moscow", Neutral: "brought little change to relations between Pakistan and Moscow"}[e.Tone]
	return []Question{g.question(KindTone, questionID(KindTone, e.ID), []Event{e},
		fmt.Sprintf("Did this warm or cool relations between Pakistan and Moscow: %s?", quote(e.Title)),
		[]string{OptionWarmed, OptionCooled, OptionLittleChange}, []string{ToneOption(e.Tone)},
		fmt.Sprintf("%s%s %s.", quote(e.Title), when(e), verb))}
}
