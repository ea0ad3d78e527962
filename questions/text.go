package questions

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

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

// overlaps reports whether two dates could mean the same day, so that their
// order is not certain.
func overlaps(a, b Date) bool {
	return !a.Last().Before(b.First()) && !b.Last().Before(a.First())
}

func quote(title string) string { return "“" + title + "”" }

// when is " (April 1965)" for a date the sources settle and state, else "",
// for prompts and explanations; whenAfterComma is the same as ", April 1965".
func when(e Event) string {
	if d, ok := shownDate(e); ok {
		return " (" + d + ")"
	}
	return ""
}

func whenAfterComma(e Event) string {
	if d, ok := shownDate(e); ok {
		return ", " + d
	}
	return ""
}

// shownDate is the event's date as far as the sources state it, unless it
// is disputed, unstated, or already in the title.
func shownDate(e Event) (string, bool) {
	if e.Disputed(AspectDate) || statedPrecision(e) == PrecisionNone || slices.Contains(yearsIn(e.Title), e.Date.Year) {
		return "", false
	}
	return askedDate(e).Human(), true
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
	if _, _, ok := dateIn(s, e.Date); ok || findYear(s, e.Date.Year) >= 0 {
		return s // it dates itself ("on 28 and 30 May 1998")
	}
	d := askedDate(e)
	if e.Disputed(AspectDate) || statedPrecision(e) == PrecisionNone {
		return s
	}
	return lead(d, d.Human()) + ", " + g.continueSentence(s)
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
	if p == PrecisionDay {
		// "On ____ the treaty was signed" asks a day: the year alone does
		// not fill it.
		return out
	}
	return append(out, y)
}
