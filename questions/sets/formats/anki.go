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

	"sabaq/questions/media"
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
//	#columns:Front	Back	Tags   column names (by which Front, Back and Add Reverse are found)
//	#notetype:Basic       the note type of every note
//	#deck:History::USSR   the deck of every note (the items' category)
//	#notetype column:1    1-based columns holding each note's type, deck,
//	#deck column:2        tags (space-separated) and guid, used as above
//	#tags column:5
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

// ParseAnkiText reads Anki's plain-text notes and makes of each note the
// questions Anki makes cards of it. Text is plain (HTML, when #html:true or
// guessed, is turned into text: tags removed, <br> and block ends as line
// breaks, entities decoded).
//
//   - A note with cloze deletions in its first field makes one question per
//     deletion number (c1, c2, …, in number order): the deletions of that
//     number become sets.Blank, the others show their text, and the second
//     field (Back Extra) is the explanation. A hint ({{c1::Kosygin::Soviet
//     premier}}) follows its blank as "(Soviet premier)". One blank makes a
//     cloze item; deletions sharing a number make a short-answer item with
//     several blanks, whose answers are accepted joined by ", ".
//   - Any other note makes a short-answer item, Front as prompt and Back as
//     the accepted answer: Sabaq has no self-graded card, so Basic is asked
//     as "Basic (type in the answer)" is. "Basic (and reversed card)" makes
//     a second item from Back to Front, and so does "Basic (optional
//     reversed card)" when its Add Reverse field is not empty.
//   - A cloze note type without a deletion is an error; image occlusion
//     notes are reported in Result.Unsupported.
//
// The note type comes from #notetype or its column. Front, Back and Add
// Reverse are the columns so named in #columns (or Text and Back Extra),
// else the first three columns that are not type, deck, tags or guid. The
// deck (header or column) becomes the item's category; the tags of #tags and
// the tags column become its tags; the guid column, with the card's number
// for a note's later cards, becomes its Guid (see ankiCardGuid). The error is
// only for reading r or a file over MaxBytes.
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
	front, back, reverse := ankiFieldColumns(h, newReader, &res)
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
		res.addAnkiNote(AnkiNote{
			Line: line, Notetype: notetype, Deck: deck, Tags: tags, Guid: strings.TrimSpace(field(h.guidCol)),
			Names:  []string{"Front", "Back", "Add Reverse"},
			Fields: []string{field(front), field(back), field(reverse)},
			HTML:   h.html,
		})
	}
	res.finish()
	return res, nil
}

// AnkiNote is one note of an Anki export, as the text export (ParseAnkiText)
// and the package reader (db.ParseAPKG) find it; ParseAnkiNotes makes of it
// the questions Anki makes cards of.
type AnkiNote struct {
	// Line is where the note starts: its line in a text export, its
	// position (1-based) in a package, which has no lines.
	Line     int
	Notetype string // the note type's name, e.g. "Basic (and reversed card)"
	// Cloze is set for a note type of Anki's cloze kind; a text export
	// knows only the name, which says "Cloze" for Anki's own.
	Cloze bool
	// Names are the note type's field names, in order, by which the Front
	// (or Text), the Back (or Back Extra) and the Add Reverse field are
	// found; the first fields otherwise, in that order.
	Names  []string
	Fields []string // the values, in the note type's field order
	// HTML is set when the values are HTML. A text export's questions take
	// them as text (ParseAnkiText's rules); a package's (KeepHTML) keep
	// their formatting and pictures: a note with any markup or entity
	// makes HTML items, whose typed answers are its text.
	HTML     bool
	KeepHTML bool
	Tags     []string
	Guid     string
	Deck     string // the item's category
	// Cards are the ordinals of the cards Anki made of a note that is not
	// a cloze (0 the front, 1 the reverse of a reversed note type); nil to
	// go by the note type's name, as a text export must. A package knows,
	// so an optional reversed note makes its reverse only when Anki did.
	Cards []int
}

// ParseAnkiNotes makes the questions of an Anki package's notes, in order,
// as ParseAnkiText does of a text export's; files are the package's media,
// by the names the notes' HTML uses (see Result.Files).
func ParseAnkiNotes(notes []AnkiNote, files map[string][]byte) Result {
	res := Result{Files: files}
	for _, n := range notes {
		if txStop(&res, n.Line) {
			break
		}
		res.addAnkiNote(n)
	}
	res.finish()
	return res
}

// ankiFields finds the Front (or Text), Back (or Back Extra) and Add
// Reverse values among a note's fields: by name, else the first fields
// not so named, in that order.
func ankiFields(names, values []string) (front, back, reverse string) {
	idx := [3]int{-1, -1, -1}
	for i, name := range names {
		k := -1
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "front", "text":
			k = 0
		case "back", "back extra", "extra":
			k = 1
		case "add reverse":
			k = 2
		}
		if k >= 0 && idx[k] < 0 && i < len(values) {
			idx[k] = i
		}
	}
	for i := range values {
		if slices.Contains(idx[:], i) {
			continue
		}
		for k := range idx {
			if idx[k] < 0 {
				idx[k] = i
				break
			}
		}
	}
	get := func(k int) string {
		if idx[k] < 0 {
			return ""
		}
		return values[idx[k]]
	}
	return get(0), get(1), get(2)
}

// addAnkiNote adds the questions of one note (see ParseAnkiText), and its
// problems, to res.
func (res *Result) addAnkiNote(n AnkiNote) {
	f, bk, third := ankiFields(n.Names, n.Fields)
	format := sets.Plain
	keep := n.HTML && n.KeepHTML && slices.ContainsFunc(n.Fields, ankiHTMLRe.MatchString)
	switch {
	case keep:
		format = sets.HTML
		f, bk, third = strings.TrimSpace(f), strings.TrimSpace(bk), strings.TrimSpace(third)
	case n.HTML:
		f, bk, third = ankiPlain(f), ankiPlain(bk), ankiPlain(third)
	default:
		f, bk, third = strings.TrimSpace(f), strings.TrimSpace(bk), strings.TrimSpace(third)
	}
	// text is a value as text, answer as a typed answer: an HTML item's
	// answers are compared as text, so they are its text, escaped.
	text, answer := strings.TrimSpace, strings.TrimSpace
	if keep {
		text = ankiPlain
		answer = func(s string) string { return html.EscapeString(ankiPlain(s)) }
	}
	name := firstWords(text(f))
	nt := strings.ToLower(n.Notetype)
	if strings.Contains(nt, "occlusion") {
		res.Unsupported = append(res.Unsupported, Problem{Line: n.Line, Question: name, Message: "image occlusion notes are not supported"})
		return
	}
	// A picture cannot be typed: a card whose answer is only a picture is
	// a question Sabaq cannot ask.
	pictureAnswer := func(s string) bool {
		if keep && text(s) == "" && media.HasImages(s) {
			res.Unsupported = append(res.Unsupported, Problem{Line: n.Line, Question: name,
				Message: "a card of this note has a picture as its answer, which cannot be typed"})
			return true
		}
		return false
	}
	base := sets.Item{Kind: sets.ShortAnswer, Category: n.Deck, Format: format, Tags: n.Tags, Line: n.Line}
	guid := strings.TrimSpace(n.Guid)
	card := func(it sets.Item, c int) sets.Item {
		it.Guid = ankiCardGuid(guid, c)
		it.Tags = slices.Clone(it.Tags) // a note's cards do not share a slice
		return it
	}
	if ankiClozeRe.MatchString(f) {
		if len(f) > sets.MaxPromptLen {
			// Each card copies the text: refuse it once, not once per card.
			res.Errors = append(res.Errors, Problem{Line: n.Line, Question: name,
				Message: fmt.Sprintf("the question text is longer than %d characters", sets.MaxPromptLen)})
			return
		}
		for _, c := range ankiClozeCards(f, answer) {
			if keep && c.accepted[0] == "" && slices.ContainsFunc(c.deleted, pictureAnswer) {
				continue
			}
			it := base
			it.Prompt, it.Accepted, it.Explanation = c.prompt, c.accepted, bk
			if c.blanks == 1 {
				it.Kind = sets.Cloze
			}
			res.add(card(it, c.n))
		}
		return
	}
	if n.Cloze || strings.Contains(nt, "cloze") {
		res.Errors = append(res.Errors, Problem{Line: n.Line, Question: name, Message: "this cloze note has no {{c1::…}} deletion"})
		return
	}
	made := func(ord int) bool { return n.Cards == nil || slices.Contains(n.Cards, ord) }
	// Sabaq has no self-graded flip card, so every Basic note is asked as
	// a typed question, as "Basic (type in the answer)" is in Anki.
	if made(0) && !pictureAnswer(bk) {
		it := base
		it.Prompt = f
		if a := answer(bk); a != "" {
			it.Accepted = []string{a}
		}
		res.add(card(it, 1))
	}
	// Anki makes no card whose question side is empty; an empty Back is
	// already reported on the forward card.
	reversed := strings.Contains(nt, "and reversed") || (strings.Contains(nt, "optional reversed") && third != "")
	if n.Cards != nil {
		reversed = slices.Contains(n.Cards, 1)
	}
	if reversed && bk != "" && !pictureAnswer(f) {
		rev := base
		rev.Prompt = bk
		if a := answer(f); a != "" {
			rev.Accepted = []string{a}
		}
		res.add(card(rev, 2))
	}
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
		// A cloze's "::" is not a colon separator.
		sample := ankiClozeRe.ReplaceAll(rest[:min(len(rest), 8<<10)], nil)
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

// ankiFieldColumns finds the 1-based columns of the Front (or Text), the
// Back (or Back Extra) and the Add Reverse field of an optional reversed
// card: by the names of #columns, else the first three columns that are not
// meta columns, in order (Anki writes each note's fields in its note type's
// order, after the meta columns it puts first).
func ankiFieldColumns(h ankiHeader, newReader func([]byte) *csv.Reader, res *Result) (front, back, reverse int) {
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
	for c := 1; c <= max(len(names), 3+len(meta)); c++ {
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
			case "add reverse":
				reverse = c
			}
		}
	}
	for _, c := range free {
		switch {
		case c == front || c == back || c == reverse:
		case front == 0:
			front = c
		case back == 0:
			back = c
		case reverse == 0:
			reverse = c
		}
	}
	return front, back, reverse
}

// ankiCloze is one card of a cloze note: the text with the deletions of
// number n blanked and the others shown as their text.
type ankiCloze struct {
	n        int
	prompt   string
	accepted []string
	blanks   int
	deleted  []string // the deleted texts of number n, as written
}

// ankiClozeCards makes the cards Anki makes of a cloze text: one per
// deletion number, in number order. A hint ({{c1::Kosygin::Soviet premier}})
// follows its blank as "(Soviet premier)". Deletions that share a number are
// blanked together, and their answers are accepted joined by ", " in text
// order, which is what Anki's typed cloze compares against; answer makes
// each deleted text an answer.
func ankiClozeCards(text string, answer func(string) string) []ankiCloze {
	dels := ankiClozeRe.FindAllStringSubmatchIndex(text, -1)
	var nums []int
	for _, d := range dels {
		n, _ := strconv.Atoi(text[d[2]:d[3]])
		if !slices.Contains(nums, n) {
			nums = append(nums, n)
		}
	}
	slices.Sort(nums)
	cards := make([]ankiCloze, 0, len(nums))
	for _, n := range nums {
		var b strings.Builder
		var answers, deleted []string
		last := 0
		for _, d := range dels {
			b.WriteString(text[last:d[0]])
			last = d[1]
			if m, _ := strconv.Atoi(text[d[2]:d[3]]); m != n {
				b.WriteString(text[d[4]:d[5]])
				continue
			}
			b.WriteString(sets.Blank)
			if d[6] >= 0 && strings.TrimSpace(text[d[6]:d[7]]) != "" {
				b.WriteString(" (" + strings.TrimSpace(text[d[6]:d[7]]) + ")")
			}
			answers = append(answers, answer(text[d[4]:d[5]]))
			deleted = append(deleted, text[d[4]:d[5]])
		}
		b.WriteString(text[last:])
		c := ankiCloze{n: n, prompt: b.String(), blanks: len(answers), accepted: []string{strings.Join(answers, ", ")}, deleted: deleted}
		cards = append(cards, c)
	}
	return cards
}

// ankiCardGuid is the guid Sabaq keeps for card n of the note with the
// given guid: the note's guid for its first card (c1, or the front of a
// Basic note), and the guid, a space and n for the others (c2…, the
// reverse card as 2). Anki's guids have no spaces, so no note's guid can be
// mistaken for another's card.
func ankiCardGuid(guid string, n int) string {
	if guid == "" || n <= 1 {
		return guid
	}
	return guid + " " + strconv.Itoa(n)
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
// prompts are written as their text. Tags with spaces get "_" instead. A
// Guid column keeps the guid of each item that was the only card of its
// Anki note (ankiWrittenGuids says why the others are left out). It
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
			return unsupported(i, it, "Anki text", "is "+itemKindPhrase(it.Kind)+"; Anki text notes hold short-answer and cloze questions (export an Anki package for the other kinds)")
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
	guids := ankiWrittenGuids(items)
	if guids != nil {
		columns = append(columns, "Guid")
		fmt.Fprintf(&b, "#guid column:%d\n", len(columns))
	}
	columns = append(columns, "Tags")
	fmt.Fprintf(&b, "#columns:%s\n#tags column:%d\n", strings.Join(columns, "\t"), len(columns))

	for i, it := range items {
		fail := func(why string) error {
			return unsupported(i, it, "Anki text", why)
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
		if guids != nil {
			fields = append(fields, guids[i])
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

// ankiWrittenGuids are the guids to write for items, "" for an item whose
// guid is left out; nil when none is written. Only an item that was the
// only card of its note keeps its guid: a note's other cards are written as
// notes of their own, and under the note's guid Anki would overwrite the
// teacher's note (a cloze with two deletions, say) with one of them.
func ankiWrittenGuids(items []sets.Item) []string {
	notes := map[string]int{}
	for _, it := range items {
		note, _, _ := strings.Cut(it.Guid, " ")
		notes[note]++
	}
	var out []string
	for i, it := range items {
		if g := strings.TrimSpace(it.Guid); g != "" && !strings.ContainsAny(g, " \t\r\n") && notes[g] == 1 {
			if out == nil {
				out = make([]string, len(items))
			}
			out[i] = g
		}
	}
	return out
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
