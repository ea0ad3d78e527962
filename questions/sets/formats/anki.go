package formats

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sabaq/questions/sets"
)

// Anki's "Notes in Plain Text" (.txt) export, and its text import: header
// lines first, then one note per record, fields split by the separator and
// quoted as in CSV ("" for a quote inside quotes; quoted fields may hold the
// separator and line breaks). The headers ParseAnkiText understands:
//
//	#separator:tab        tab, comma, semicolon, colon, pipe, space, or the character itself
//	#html:true            fields are HTML (guessed from the fields when absent)
//	#tags:pakistan ussr   tags for every note
//	#columns:Front	Back	Tags   column names (by which Front and Back are found)
//	#notetype:Basic       the note type of every note
//	#deck:History::USSR   the deck of every note (the items' category)
//	#notetype column:1    1-based columns holding each note's type, deck,
//	#deck column:2        tags (space-separated) and guid; the guid column is
//	#tags column:5        skipped, the others used as above
//	#guid column:3
//
// Lines starting with "#" after the headers are comments, as in Anki.
var (
	ankiClozeRe = regexp.MustCompile(`(?s)\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}`)
	ankiTagRe   = regexp.MustCompile(`<[a-zA-Z/!][^<>]*>`)
	ankiBreakRe = regexp.MustCompile(`(?i)<br\s*/?>|</(?:div|p|li|h[1-6]|tr)\s*>`)
	ankiHTMLRe  = regexp.MustCompile(`<[a-zA-Z/][^<>]*>|&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);`)
)

// ankiSeparators are the separators Anki names, in the order Anki guesses
// them from a file without a #separator line.
var ankiSeparators = []struct {
	name string
	sep  rune
}{{"tab", '\t'}, {"pipe", '|'}, {"semicolon", ';'}, {"colon", ':'}, {"comma", ','}, {"space", ' '}}

// ankiHeader is what the header lines say.
type ankiHeader struct {
	sep         rune
	html        bool
	htmlSet     bool
	tags        []string
	columns     string // raw #columns value, split once the separator is known
	columnsLine int
	notetype    string
	deck        string
	// 1-based meta columns, 0 when absent.
	notetypeCol, deckCol, tagsCol, guidCol int
}

// ParseAnkiText reads Anki's plain-text notes. Each note becomes a plain-text
// item (HTML, when #html:true or guessed, is turned into text: tags removed,
// <br> and block ends as line breaks, entities decoded):
//
//   - a note whose first field has one cloze deletion ("signed in
//     {{c1::Tashkent}}") is a cloze item: the deletion becomes sets.Blank, its
//     text the accepted answer (a hint, {{c1::Tashkent::city}}, follows the
//     blank as "(city)"), and the second field (Back Extra) the explanation;
//     a note with more deletions is reported in Result.Unsupported;
//   - any other note is a short-answer item: the prompt is the Front and the
//     accepted answer the Back.
//
// Front and Back are the columns so named in #columns (or Text and Back
// Extra), else the first two columns that are not type, deck, tags or guid.
// The deck (header or column) becomes the item's category; the tags of
// #tags and the tags column become its tags. The error is only for reading
// r or a file over MaxBytes.
func ParseAnkiText(r io.Reader) (Result, error) {
	b, err := readAll(r)
	if err != nil {
		return Result{}, err
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	var res Result
	h, body, skipped := ankiReadHeader(b, &res)
	if len(res.Errors) > 0 {
		res.finish()
		return res, nil
	}
	if !h.htmlSet {
		h.html = ankiHTMLRe.Match(body)
	}
	newReader := func(s []byte) *csv.Reader {
		cr := csv.NewReader(bytes.NewReader(s))
		cr.Comma, cr.Comment = h.sep, '#'
		cr.FieldsPerRecord, cr.LazyQuotes = -1, true
		return cr
	}
	front, back := ankiFieldColumns(h, newReader, &res)
	cr := newReader(body)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// LazyQuotes leaves no content errors; a bad separator is caught above.
			res.Errors = append(res.Errors, Problem{Line: skipped + 1, Message: err.Error()})
			break
		}
		line, _ := cr.FieldPos(0)
		line += skipped
		if txStop(&res, line) {
			break
		}
		field := func(col int) string { // 1-based; "" when absent
			if col < 1 || col > len(rec) {
				return ""
			}
			return rec[col-1]
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		notetype := h.notetype
		if h.notetypeCol > 0 {
			notetype = strings.TrimSpace(field(h.notetypeCol))
		}
		deck := h.deck
		if h.deckCol > 0 {
			deck = strings.TrimSpace(field(h.deckCol))
		}
		tags := slices.Clone(h.tags)
		for _, t := range strings.Fields(field(h.tagsCol)) {
			if !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
		if len(tags) == 0 {
			tags = nil
		}
		f, bk := field(front), field(back)
		if h.html {
			f, bk = ankiPlain(f), ankiPlain(bk)
		} else {
			f, bk = strings.TrimSpace(f), strings.TrimSpace(bk)
		}
		it := sets.Item{Kind: sets.ShortAnswer, Category: deck, Prompt: f, Format: sets.Plain, Tags: tags, Line: line}
		if bk != "" {
			it.Accepted = []string{bk}
		}
		if strings.Contains(strings.ToLower(notetype), "occlusion") {
			res.Unsupported = append(res.Unsupported, Problem{Line: line, Question: firstWords(f), Message: "image occlusion notes are not supported"})
			continue
		}
		dels := ankiClozeRe.FindAllStringSubmatchIndex(f, -1)
		switch {
		case len(dels) > 1:
			res.Unsupported = append(res.Unsupported, Problem{Line: line, Question: firstWords(ankiClozeRe.ReplaceAllString(f, "$2")),
				Message: fmt.Sprintf("this cloze note has %d deletions; Sabaq's cloze questions have one blank, so keep one {{c1::…}} per note", len(dels))})
			continue
		case len(dels) == 1:
			d := dels[0]
			blank := sets.Blank
			if d[6] >= 0 {
				blank += " (" + strings.TrimSpace(f[d[6]:d[7]]) + ")"
			}
			it.Kind = sets.Cloze
			it.Prompt = f[:d[0]] + blank + f[d[1]:]
			it.Accepted = []string{strings.TrimSpace(f[d[4]:d[5]])}
			it.Explanation = bk
		case strings.Contains(strings.ToLower(notetype), "cloze"):
			res.Errors = append(res.Errors, Problem{Line: line, Question: firstWords(f), Message: "this cloze note has no {{c1::…}} deletion"})
			continue
		}
		res.add(it)
	}
	res.finish()
	return res, nil
}

// ankiReadHeader reads the header lines at the top of b. It returns them, the
// body after them, and how many lines it skipped; bad header values go to res.
func ankiReadHeader(b []byte, res *Result) (h ankiHeader, body []byte, skipped int) {
	rest := b
	for {
		raw, after, _ := bytes.Cut(rest, []byte("\n"))
		line := strings.TrimSuffix(string(raw), "\r")
		n := skipped + 1
		if n == 1 && strings.HasPrefix(line, "tags:") {
			h.tags = strings.Fields(strings.TrimPrefix(line, "tags:"))
		} else if !strings.HasPrefix(line, "#") || len(rest) == 0 {
			break
		} else if key, value, ok := strings.Cut(line[1:], ":"); ok {
			ankiHeaderLine(&h, strings.ToLower(strings.TrimSpace(key)), value, n, res)
		}
		rest, skipped = after, n
	}
	if h.sep == 0 {
		h.sep = '\t'
		sample := rest[:min(len(rest), 8<<10)]
		for _, s := range ankiSeparators {
			if bytes.ContainsRune(sample, s.sep) {
				h.sep = s.sep
				break
			}
		}
	}
	return h, rest, skipped
}

// ankiHeaderLine applies one "#key:value" line (number n) to h.
func ankiHeaderLine(h *ankiHeader, key, value string, n int, res *Result) {
	bad := func(format string, a ...any) {
		res.Errors = append(res.Errors, Problem{Line: n, Message: fmt.Sprintf(format, a...)})
	}
	column := func() int {
		c, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || c < 1 || c > 1000 {
			bad("#%s needs a column number (1 for the first column), not %q", key, value)
			return 0
		}
		return c
	}
	switch key {
	case "separator":
		h.sep = 0
		v := strings.ToLower(strings.TrimSpace(value))
		for _, s := range ankiSeparators {
			if v == s.name {
				h.sep = s.sep
			}
		}
		if h.sep == 0 && utf8.RuneCountInString(value) == 1 {
			h.sep, _ = utf8.DecodeRuneInString(value)
		} else if h.sep == 0 && utf8.RuneCountInString(v) == 1 {
			h.sep, _ = utf8.DecodeRuneInString(v)
		}
		switch h.sep {
		case 0:
			bad("unknown separator %q: use tab, comma, semicolon, colon, pipe, space or one character", value)
		case '"', '#', '\r', '\n', utf8.RuneError:
			bad("%q cannot separate fields", value)
			h.sep = 0
		}
	case "html":
		v, err := strconv.ParseBool(strings.ToLower(strings.TrimSpace(value)))
		if err != nil {
			bad("#html must be true or false, not %q", value)
		}
		h.html, h.htmlSet = v, err == nil
	case "tags":
		h.tags = strings.Fields(value)
	case "columns":
		h.columns, h.columnsLine = value, n
	case "notetype":
		h.notetype = strings.TrimSpace(value)
	case "deck":
		h.deck = strings.TrimSpace(value)
	case "notetype column":
		h.notetypeCol = column()
	case "deck column":
		h.deckCol = column()
	case "tags column":
		h.tagsCol = column()
	case "guid column":
		h.guidCol = column()
	}
}

// ankiFieldColumns finds the 1-based columns of the Front (or Text) and Back
// (or Back Extra): by the names of #columns, else the first two columns that
// are not meta columns.
func ankiFieldColumns(h ankiHeader, newReader func([]byte) *csv.Reader, res *Result) (front, back int) {
	meta := []int{h.notetypeCol, h.deckCol, h.tagsCol, h.guidCol}
	var names []string
	if h.columns != "" {
		rec, err := newReader([]byte(h.columns)).Read()
		if err != nil && !errors.Is(err, io.EOF) {
			res.Errors = append(res.Errors, Problem{Line: h.columnsLine, Message: "cannot read the column names: " + err.Error()})
		}
		names = rec
	}
	var free []int
	for c := 1; c <= max(len(names), 2+len(meta)); c++ {
		if slices.Contains(meta, c) {
			continue
		}
		free = append(free, c)
		if c <= len(names) {
			switch strings.ToLower(strings.TrimSpace(names[c-1])) {
			case "front", "text":
				front = c
			case "back", "back extra", "extra":
				back = c
			}
		}
	}
	for _, c := range free {
		switch {
		case front == 0 && c != back:
			front = c
		case back == 0 && c != front:
			back = c
		}
	}
	return front, back
}

// ankiPlain turns an Anki field's HTML into plain text: line breaks for
// <br> and block ends, no other tags, entities decoded, lines trimmed.
func ankiPlain(s string) string {
	s = ankiBreakRe.ReplaceAllString(s, "\n")
	s = ankiTagRe.ReplaceAllString(s, "")
	s = strings.ReplaceAll(html.UnescapeString(s), "\u00a0", " ")
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// WriteAnkiText writes short-answer and cloze items as Anki plain-text notes
// that Anki's File > Import reads (note types Basic and Cloze, as in every
// Anki profile) and ParseAnkiText reads back as the same items. Headers:
// #separator:tab, #html:false, the note type (#notetype, or a Notetype column
// when both kinds are present), the deck (#deck when every item has the same
// category, a Deck column when they differ), #columns and #tags column.
// A short-answer item is Front = prompt, Back = its first accepted answer
// (other answers and its explanation are left out); a cloze item is Text =
// prompt with the blank as {{c1::answer}}, Back Extra = explanation. HTML
// prompts are written as their text. Tags with spaces get "_" instead. It
// returns an error naming the first item of another kind or whose text would
// read back as a different note.
func WriteAnkiText(w io.Writer, items []sets.Item) error {
	var nShort, nCloze int
	categories := map[string]bool{}
	for i, it := range items {
		switch it.Kind {
		case sets.ShortAnswer:
			nShort++
		case sets.Cloze:
			nCloze++
		default:
			return fmt.Errorf("formats: question %d (%s) is %s; Anki text notes hold short-answer and cloze questions (export an Anki package for the other kinds)",
				i+1, Name(it), itemKindPhrase(it.Kind))
		}
		categories[strings.TrimSpace(it.Category)] = true
	}
	var b strings.Builder
	b.WriteString("#separator:tab\n#html:false\n")
	columns := []string{"Front", "Back"}
	if nShort == 0 && nCloze > 0 {
		columns = []string{"Text", "Back Extra"}
	}
	notetypeCol, deckCol := false, false
	switch {
	case nShort > 0 && nCloze > 0:
		notetypeCol = true
		columns = append(columns, "Notetype")
		fmt.Fprintf(&b, "#notetype column:%d\n", len(columns))
	case nCloze > 0:
		b.WriteString("#notetype:Cloze\n")
	default:
		b.WriteString("#notetype:Basic\n")
	}
	if len(categories) > 1 {
		deckCol = true
		columns = append(columns, "Deck")
		fmt.Fprintf(&b, "#deck column:%d\n", len(columns))
	} else if len(items) > 0 && strings.TrimSpace(items[0].Category) != "" {
		fmt.Fprintf(&b, "#deck:%s\n", ankiOneLine(items[0].Category))
	}
	columns = append(columns, "Tags")
	fmt.Fprintf(&b, "#columns:%s\n#tags column:%d\n", strings.Join(columns, "\t"), len(columns))

	for i, it := range items {
		fail := func(why string) error {
			return fmt.Errorf("formats: question %d (%s) %s", i+1, Name(it), why)
		}
		prompt := it.Prompt
		if it.Format == sets.HTML {
			prompt = ankiPlain(prompt)
		}
		if len(it.Accepted) == 0 {
			return fail("has no accepted answer")
		}
		answer := strings.TrimSpace(it.Accepted[0])
		var fields []string
		if it.Kind == sets.Cloze {
			before, after, ok := strings.Cut(prompt, sets.Blank)
			if !ok || strings.Contains(after, sets.Blank) {
				return fail("needs exactly one blank (" + sets.Blank + ")")
			}
			if strings.Contains(answer, "}}") || strings.Contains(answer, "::") {
				return fail(`has "}}" or "::" in its answer, which Anki cloze deletions cannot hold`)
			}
			fields = []string{before + "{{c1::" + answer + "}}" + after, it.Explanation}
			if len(ankiClozeRe.FindAllStringIndex(fields[0], -1)) != 1 {
				return fail("already has a {{c…::…}} cloze deletion in its text")
			}
		} else {
			if ankiClozeRe.MatchString(prompt) {
				return fail("has a {{c…::…}} cloze deletion in its text, which Anki would read as a cloze note")
			}
			fields = []string{prompt, answer}
		}
		if notetypeCol {
			fields = append(fields, map[sets.Kind]string{sets.ShortAnswer: "Basic", sets.Cloze: "Cloze"}[it.Kind])
		}
		if deckCol {
			fields = append(fields, ankiOneLine(it.Category))
		}
		tags := make([]string, 0, len(it.Tags))
		for _, t := range it.Tags {
			if t = strings.Join(strings.Fields(t), "_"); t != "" {
				tags = append(tags, t)
			}
		}
		fields = append(fields, strings.Join(tags, " "))
		for j, f := range fields {
			if j > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(ankiQuote(f))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ankiQuote quotes a field when Anki would otherwise split it, end the
// record in it, read it as a comment or trim it.
func ankiQuote(f string) string {
	if f == "" {
		return f
	}
	if strings.ContainsAny(f, "\t\"\r\n") || f[0] == '#' || f[0] == ' ' || f[len(f)-1] == ' ' {
		return `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
	}
	return f
}

// ankiOneLine makes a header value or deck name one line.
func ankiOneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
