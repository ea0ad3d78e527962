package questions

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// maxTyped is longer than any accepted typed answer; longer input is wrong
// without being read.
const maxTyped = 1000

// Check reports whether given answers the question: for a choice, the one
// option picked is the answer; for an order, the options are in exactly
// the answer's sequence; for a typed answer, it matches an accepted answer
// once both are normalised. Any input is safe.
func (q Question) Check(given []string) bool {
	switch q.Kind.Format() {
	case FormatOrder, FormatMatch:
		return len(q.Answer) > 0 && slices.Equal(given, q.Answer)
	case FormatMulti:
		if len(given) != len(q.Answer) || len(given) == 0 {
			return false
		}
		a, g := slices.Clone(q.Answer), slices.Clone(given)
		slices.Sort(a)
		slices.Sort(g)
		return slices.Equal(a, g)
	case FormatNumber:
		x, ok := givenNumber(given)
		return ok && slices.ContainsFunc(q.Numeric, func(r NumericRange) bool { return r.holds(x) })
	case FormatTyped:
		g, ok := givenTyped(given)
		return ok && slices.ContainsFunc(q.Answer, func(a string) bool { return typedKey(a) == g })
	default:
		return len(given) == 1 && len(q.Answer) == 1 && given[0] == q.Answer[0]
	}
}

// givenNumber is the one number typed, if it is one ("1,822" is 1822).
func givenNumber(given []string) (float64, bool) {
	if len(given) != 1 || len(given[0]) > 64 {
		return 0, false
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(given[0], ",", "")), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	return x, true
}

// givenTyped is the key of the one answer typed, if there is one.
func givenTyped(given []string) (string, bool) {
	if len(given) != 1 || len(given[0]) > maxTyped {
		return "", false
	}
	g := typedKey(given[0])
	return g, g != ""
}

// holds reports whether x is in the span, allowing for float rounding.
func (r NumericRange) holds(x float64) bool { return x >= r.Min-1e-9 && x <= r.Max+1e-9 }

// GradedAnswer is an answer of a typed or numerical question that earns
// marks: a text (typed) or a span (numerical), its share of the mark and
// the teacher's feedback on it.
type GradedAnswer struct {
	Text     string       `json:"text,omitempty"`
	Span     NumericRange `json:"span"`
	Fraction float64      `json:"fraction"` // 1 for fully right, 0.5 for half marks
	Feedback string       `json:"feedback,omitempty"`
}

// Mark is what an answer earns: the share of the mark (1 right, between 0
// and 1 partly right, 0 wrong) and the teacher's feedback on the answer
// matched, or on any other answer.
type Mark struct {
	Fraction float64
	Feedback string
}

// Partial reports whether the answer earned some of the mark but not all.
func (m Mark) Partial() bool { return m.Fraction > 0 && m.Fraction < 1 }

// Grade marks given as Moodle does for a typed or numerical question with
// graded answers: the matching answer's share and feedback, or nothing and
// the feedback for any other answer. Where a typed answer matches several,
// the best share counts (Moodle takes the first listed; Sabaq gives the
// learner the better mark), so Grade is 1 exactly when Check is true. For
// other questions it is 1 or 0 as Check says, with the option's feedback.
func (q Question) Grade(given []string) Mark {
	f := q.Kind.Format()
	if len(q.Graded) > 0 && (f == FormatTyped || f == FormatNumber) {
		x, isNum := givenNumber(given)
		key, isText := givenTyped(given)
		best := -1
		for i, g := range q.Graded {
			hit := f == FormatNumber && isNum && g.Span.holds(x) ||
				f == FormatTyped && isText && typedKey(g.Text) == key
			if hit && (best < 0 || g.Fraction > q.Graded[best].Fraction) {
				best = i
			}
		}
		if best >= 0 {
			g := q.Graded[best]
			return Mark{Fraction: min(max(g.Fraction, 0), 1), Feedback: g.Feedback}
		}
		return Mark{Feedback: q.OtherFeedback}
	}
	var m Mark
	if q.Check(given) {
		m.Fraction = 1
	}
	if len(given) == 1 {
		m.Feedback = q.FeedbackOn(given[0])
	}
	if m.Fraction == 0 && m.Feedback == "" {
		m.Feedback = q.OtherFeedback
	}
	return m
}

// Shuffled returns the options in the order to show them for a seed: the
// same seed always gives the same order, different questions shuffle
// differently, and an ordering question is never shown already solved.
func (q Question) Shuffled(seed uint64) []string {
	out := slices.Clone(q.Options)
	state := seed ^ stableHash(q.ID)
	for i := len(out) - 1; i > 0; i-- {
		j := int(splitMix64(&state) % uint64(i+1))
		out[i], out[j] = out[j], out[i]
	}
	if q.Kind.Format() == FormatOrder && len(out) > 1 && slices.Equal(out, q.Answer) {
		out = append(out[1:], out[0])
	}
	return out
}

// splitMix64 is a small, fixed pseudo-random step, written out so that
// display orders never change with the Go version.
func splitMix64(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	z := *state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// typedKey is what a typed answer is compared by: its normal form with
// ordinals read as numbers ("14th of August" as "14 August") and spaces
// dropped, so that "Ziaul Haq" matches "Zia-ul-Haq" and "ZA Bhutto"
// matches "Z. A. Bhutto".
func typedKey(s string) string {
	n := ordinal.ReplaceAllString(Normalize(s), "$1")
	n = dayOf.ReplaceAllString(n, "$1 ")
	return strings.ReplaceAll(n, " ", "")
}

var (
	ordinal = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)\b`)
	dayOf   = regexp.MustCompile(`\b(\d{1,2}) of `)
)

// Normalize is the lenient form typed answers are compared in: lower case,
// common Latin diacritics removed, apostrophes dropped, other punctuation
// and runs of space turned into single spaces, and a leading "the"
// removed. Normalize(Normalize(s)) == Normalize(s).
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	write := func(t string) {
		if gap && b.Len() > 0 {
			b.WriteByte(' ')
		}
		gap = false
		b.WriteString(t)
	}
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := latinFolds[r]; ok {
			write(f)
			continue
		}
		switch {
		case unicode.Is(unicode.Mn, r), apostrophes[r]:
			// "Khan’s" → "khans"; a combining accent just goes.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			write(string(r))
		default:
			gap = true
		}
	}
	out := b.String()
	for strings.HasPrefix(out, "the ") {
		out = out[len("the "):]
	}
	return out
}

var apostrophes = map[rune]bool{'\'': true, '’': true, '‘': true, 'ʼ': true, '`': true, '´': true}

// latinFolds maps accented Latin letters (already lower case) to plain ones.
var latinFolds = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}
	for plain, accented := range map[string]string{
		"a": "àáâãäåāăą",
		"c": "çćĉċč",
		"d": "ď",
		"e": "èéêëēĕėęě",
		"g": "ĝğġģ",
		"h": "ĥħ",
		"i": "ìíîïĩīĭįǐ",
		"j": "ĵ",
		"k": "ķ",
		"l": "ĺļľŀ",
		"n": "ñńņňŉ",
		"o": "òóôõöōŏő",
		"r": "ŕŗř",
		"s": "śŝşš",
		"t": "ţťŧ",
		"u": "ùúûüũūŭůűų",
		"w": "ŵ",
		"y": "ýÿŷ",
		"z": "źżž",
	} {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()
