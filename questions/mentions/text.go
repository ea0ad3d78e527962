package mentions

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one run of letters or digits in the text, lower-cased, with
// its byte span in the original.
type token struct {
	w          string
	start, end int
}

// tokenize splits s into runs of letters and digits; everything else
// (spaces, hyphens, dots, apostrophes) separates them.
func tokenize(s string) []token {
	var out []token
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, token{strings.ToLower(s[start:i]), start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{strings.ToLower(s[start:]), start, len(s)})
	}
	return out
}

// words is tokenize for a pattern: just the lower-cased words.
func words(s string) []string {
	var out []string
	for _, t := range tokenize(s) {
		out = append(out, t.w)
	}
	return out
}

// abbreviations end in a dot without ending a sentence.
var abbreviations = map[string]bool{"gen": true, "dr": true, "mr": true, "st": true, "vs": true, "lt": true, "col": true, "no": true,
	"jan": true, "feb": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true}

// sentences splits the tokens into sentences, returned as [from, to)
// token ranges. A sentence ends at ., ! or ? followed by a space or the
// end, unless the word before is a single letter ("Z. A. Bhutto",
// "U.S.S.R.") or a title ("Gen."); a line break or a semicolon ends one too.
func sentences(s string, toks []token) [][2]int {
	var out [][2]int
	from := 0
	for i := 0; i < len(toks); i++ {
		gapEnd := len(s)
		if i+1 < len(toks) {
			gapEnd = toks[i+1].start
		}
		gap := s[toks[i].end:gapEnd]
		if endsSentence(gap, toks[i].w) {
			out = append(out, [2]int{from, i + 1})
			from = i + 1
		}
	}
	if from < len(toks) {
		out = append(out, [2]int{from, len(toks)})
	}
	return out
}

func endsSentence(gap, before string) bool {
	if strings.ContainsAny(gap, "\n;!?") {
		return true
	}
	i := strings.IndexByte(gap, '.')
	if i < 0 {
		return false
	}
	if i+1 < len(gap) && !unicode.IsSpace(rune(gap[i+1])) && gap[i+1] != '"' && gap[i+1] != ')' {
		return false
	}
	if utf8.RuneCountInString(before) == 1 && !isDigits(before) || abbreviations[before] {
		return false
	}
	return true
}

func isDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// when is a date the text gives: a year, or a month and year. Span is the
// tokens it was read from.
type when struct {
	year, month int
	from, to    int // token range
}

var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// shortYearAfter are the words after which a two-digit number is a year:
// "in 65", "since 71", "by 89".
var shortYearAfter = map[string]bool{"in": true, "of": true, "since": true, "by": true, "until": true, "till": true, "from": true, "early": true, "late": true, "mid": true}

// fullYear reads a four-digit year in the timeline's range.
func fullYear(w string) (int, bool) {
	if len(w) != 4 || !isDigits(w) {
		return 0, false
	}
	y, _ := strconv.Atoi(w)
	return y, y >= 1940 && y <= 2015
}

// shortYear reads a two-digit year: 47 to 99 are the 1900s, 00 to 15 the 2000s.
func shortYear(w string) (int, bool) {
	if len(w) != 2 || !isDigits(w) {
		return 0, false
	}
	n, _ := strconv.Atoi(w)
	switch {
	case n >= 47:
		return 1900 + n, true
	case n <= 15:
		return 2000 + n, true
	}
	return 0, false
}

// dates finds the dates in toks[from:to]: "1965", "April 1965",
// "3 April 1965", "in 65", "'65", and both years of "1965-66".
func dates(s string, toks []token, from, to int) []when {
	var out []when
	for i := from; i < to; i++ {
		y, ok := fullYear(toks[i].w)
		short := false
		if !ok {
			y, ok = shortYear(toks[i].w)
			if !ok {
				continue
			}
			apostrophe := strings.HasSuffix(s[:toks[i].start], "'") || strings.HasSuffix(s[:toks[i].start], "’")
			_, afterMonth := months[prev(toks, from, i)]
			if !apostrophe && !afterMonth && !shortYearAfter[prev(toks, from, i)] {
				continue
			}
			short = true
		}
		w := when{year: y, from: i, to: i + 1}
		if i > from {
			if m, ok := months[toks[i-1].w]; ok && adjacent(s, toks[i-1], toks[i]) {
				w.month, w.from = m, i-1
				if i-2 >= from && isDigits(toks[i-2].w) && len(toks[i-2].w) <= 2 {
					w.from = i - 2
				}
			}
		}
		out = append(out, w)
		// "1965-66" or "1965/66": the second year, written short.
		if !short && i+1 < to && strings.TrimSpace(s[toks[i].end:toks[i+1].start]) != "" &&
			strings.Trim(s[toks[i].end:toks[i+1].start], " -–/") == "" {
			if n, ok := shortYear(toks[i+1].w); ok && n > y && n-y < 10 {
				out[len(out)-1].to = i + 2
				out = append(out, when{year: n, from: i, to: i + 2})
				i++
			}
		}
	}
	return out
}

// prev is the word before toks[i] in the sentence, or "".
func prev(toks []token, from, i int) string {
	if i == from {
		return ""
	}
	return toks[i-1].w
}

// adjacent reports whether only spaces, commas and a dot ("Dec. 1973")
// separate a and b.
func adjacent(s string, a, b token) bool {
	return strings.Trim(s[a.end:b.start], " ,.") == ""
}

// near reports whether w (from the text) is the pattern word p, allowing
// one edit (insertion, deletion, substitution or swap of neighbours) when
// p has six letters or more.
func near(p, w string) bool {
	if p == w {
		return true
	}
	if utf8.RuneCountInString(p) < 6 || utf8.RuneCountInString(w) < 5 || isDigits(p) || isDigits(w) {
		return false
	}
	return oneEdit([]rune(p), []rune(w))
}

// oneEdit reports whether a and b differ by exactly one edit.
func oneEdit(a, b []rune) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	switch len(a) - len(b) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if i == len(a) {
			return false
		}
		if string(a[i+1:]) == string(b[i+1:]) {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == string(b[i+2:])
	case 1:
		i := 0
		for i < len(b) && a[i] == b[i] {
			i++
		}
		return string(a[i+1:]) == string(b[i:])
	}
	return false
}
