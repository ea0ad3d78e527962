package formats

import (
	"fmt"
	"html"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"sabaq/questions/richtext"
	"sabaq/questions/sets"
)

// giftMaxErrors is where a parser stops listing problems: a teacher fixes
// the first ones and imports again, and a garbage file stays cheap.
const giftMaxErrors = 100

// ParseGIFT reads questions in Moodle's GIFT format
// (https://docs.moodle.org/en/GIFT_format). The error is only for reading
// and the 5 MB limit; problems with the questions are in the Result.
//
// GIFT maps to Sabaq kinds as follows: {=a ~b} with one "=" is multiple
// choice, {~%50%a ~%50%b ~c} (no "=") multiple answer, {T} true/false,
// {=a =b} short answer, or cloze when the question text has one blank
// (the missing-word form "Pakistan joined {=SEATO} in 1954" gives the blank
// "____"), {#...} numerical and {=a -> b ...} matching. Essays ({}) and
// descriptions (no answers) are listed as Unsupported. Format markers
// ([html], [plain], [markdown], [moodle]) are read wherever GIFT allows
// them (see giftPartText); short-answer and numerical answers keep their
// weights and feedback, and "=%0%*#…" or "~#…" the feedback for anything
// else.
func ParseGIFT(r io.Reader) (Result, error) {
	b, err := readAll(r)
	if err != nil {
		return Result{}, err
	}
	var res Result
	if p, bad := giftNotUTF8(b); bad {
		res.Errors = append(res.Errors, p)
		return res, nil
	}
	text := strings.TrimPrefix(string(b), "\uFEFF")

	var (
		category string
		block    []giftLine
	)
	flush := func() {
		if len(block) == 0 {
			return
		}
		q := giftQuestion{lines: block, category: &category}
		block = nil
		q.parse(&res)
	}
	line := 0
	for len(text) > 0 && len(res.Items) <= MaxItems && len(res.Errors) < giftMaxErrors {
		line++
		l := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			l, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		l = strings.TrimSuffix(l, "\r")
		switch t := strings.TrimSpace(l); {
		case t == "":
			flush()
		case strings.HasPrefix(t, "//"):
			// A comment line; it does not end the question.
		default:
			block = append(block, giftLine{n: line, text: l})
		}
	}
	if len(res.Items) <= MaxItems && len(res.Errors) < giftMaxErrors {
		flush()
	} else if len(res.Errors) >= giftMaxErrors && (text != "" || len(block) > 0) {
		res.Errors = append(res.Errors, Problem{Line: line, Message: fmt.Sprintf(
			"stopped reading after %d problems; fix these and import again", giftMaxErrors)})
	}
	res.finish()
	return res, nil
}

// giftNotUTF8 reports the first line that is not UTF-8, as a Problem.
func giftNotUTF8(b []byte) (Problem, bool) {
	if utf8.Valid(b) {
		return Problem{}, false
	}
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return Problem{Line: line, Message: "the file is not UTF-8 text; save it as UTF-8 (Unicode) and import it again"}, true
}

// giftLine is one line of a question, with its number in the file.
type giftLine struct {
	n    int
	text string
}

// giftQuestion is one blank-line-separated block of a GIFT file.
type giftQuestion struct {
	lines    []giftLine
	category *string // the current $CATEGORY, updated by category blocks
	starts   []int   // offset in text of each line
	text     string  // the lines joined by "\n"
}

// lineAt is the file line of offset off in q.text.
func (q *giftQuestion) lineAt(off int) int {
	i := 0
	for i+1 < len(q.starts) && q.starts[i+1] <= off {
		i++
	}
	return q.lines[i].n
}

// parse reads the block into res: an item, a problem or a category change.
func (q *giftQuestion) parse(res *Result) {
	if first := strings.TrimSpace(q.lines[0].text); strings.HasPrefix(first, "$CATEGORY:") {
		// Moodle wants the category alone in its block; accept a question
		// straight after it too.
		*q.category = strings.TrimSpace(strings.TrimPrefix(first, "$CATEGORY:"))
		q.lines = q.lines[1:]
		if len(q.lines) == 0 {
			return
		}
	}
	var sb strings.Builder
	for i, l := range q.lines {
		if i > 0 {
			sb.WriteByte('\n')
		}
		q.starts = append(q.starts, sb.Len())
		sb.WriteString(l.text)
	}
	q.text = sb.String()

	it := sets.Item{Line: q.lines[0].n, Category: *q.category}
	problem := func(line int, format string, a ...any) {
		res.Errors = append(res.Errors, Problem{Line: line, Question: Name(it), Message: fmt.Sprintf(format, a...)})
	}

	// Offsets below index q.text, so lines of braces can be named.
	start := 0
	for start < len(q.text) && giftSpace(q.text[start]) {
		start++
	}
	if strings.HasPrefix(q.text[start:], "::") {
		if n := giftIndex(q.text[start+2:], "::"); n >= 0 {
			it.Title = giftText(q.text[start+2 : start+2+n])
			start += 2 + n + 2
		} else {
			start += 2 // as Moodle: an unclosed title is part of the text
		}
	}
	open := giftIndexFrom(q.text, "{", start)
	closing := giftIndexFrom(q.text, "}", start)
	if open < 0 && closing < 0 {
		it.Prompt = giftText(q.text[start:])
		res.Unsupported = append(res.Unsupported, Problem{Line: it.Line, Question: Name(it),
			Message: "this is a description (text with no answers in { }), not a question; it will be skipped"})
		return
	}
	if closing < 0 {
		it.Prompt = giftText(q.text[start:open])
		problem(q.lineAt(open), "the answers opened with { are not closed with } (a blank line ends a question)")
		return
	}
	if open < 0 || closing < open {
		it.Prompt = giftText(q.text[start:closing])
		problem(q.lineAt(closing), "there is a } with no { before it; write \\} for a literal brace")
		return
	}
	after := q.text[closing+1:]
	if extra := giftIndex(after, "{"); extra >= 0 {
		problem(q.lineAt(closing+1+extra), "a question can have only one set of answers in { }; write \\{ for a literal brace")
		return
	}
	if extra := giftIndex(after, "}"); extra >= 0 {
		problem(q.lineAt(closing+1+extra), "there is a } with no { before it; write \\} for a literal brace")
		return
	}
	before := q.text[start:open]
	prompt := before
	if strings.TrimSpace(after) != "" {
		prompt = before + sets.Blank + after // missing-word format
	}
	prompt = strings.TrimSpace(prompt)
	if f, rest, ok := giftFormat(prompt); ok {
		it.Format, prompt = f, rest
	}
	it.Prompt = giftText(prompt)

	answers := strings.TrimSpace(q.text[open+1 : closing])
	if gf := giftLastIndex(answers, "####"); gf >= 0 {
		it.Explanation = giftPartText(answers[gf+4:], it.Format)
		answers = strings.TrimSpace(answers[:gf])
	}

	var err error
	switch {
	case answers == "":
		res.Unsupported = append(res.Unsupported, Problem{Line: it.Line, Question: Name(it),
			Message: "Sabaq does not support essay questions ({}); this one will be skipped"})
		return
	case answers[0] == '#':
		err = giftNumerical(&it, answers[1:])
	case giftIndex(answers, "~") >= 0:
		err = giftChoices(&it, answers)
	case giftIndex(answers, "=") >= 0 && strings.Contains(answers, "->"):
		err = giftMatching(&it, answers)
	case giftIsTrueFalse(answers):
		giftTrueFalse(&it, answers)
	default:
		err = giftShortAnswer(&it, answers)
	}
	if err != nil {
		problem(it.Line, "%s", err.Error())
		return
	}
	res.add(it)
}

func giftSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// giftFormat splits a leading [html], [plain], [markdown] or [moodle] off s.
func giftFormat(s string) (sets.TextFormat, string, bool) {
	for _, f := range []struct {
		tag    string
		format sets.TextFormat
	}{{"[html]", sets.HTML}, {"[plain]", sets.Plain}, {"[markdown]", sets.Markdown}, {"[moodle]", ""}} {
		if strings.HasPrefix(s, f.tag) {
			return f.format, s[len(f.tag):], true
		}
	}
	return "", s, false
}

// giftPartText reads an answer, a feedback or a matching left side: raw
// GIFT text that may start with its own format marker, as Moodle writes
// wherever a part's format differs from the question's. Sabaq keeps one
// format per item, so the part is brought into the item's format f: plain
// or moodle text in an HTML item is escaped, so it shows exactly as written,
// and markdown becomes its HTML (one paragraph loses its <p>); HTML in an
// item that is not HTML keeps its text without the tags (its bold or italics
// are lost, but the rest of the item, written in its own format, stays as
// the teacher wrote it). No marker is ever left as text.
func giftPartText(raw string, f sets.TextFormat) string {
	s := giftText(raw)
	pf, rest, ok := giftFormat(s)
	if !ok {
		return s
	}
	rest = strings.TrimSpace(rest)
	switch {
	case pf == f:
		return rest
	case f == sets.HTML && pf == sets.Markdown:
		h := strings.TrimSpace(string(richtext.FromMarkdown(rest)))
		if inner, ok := strings.CutPrefix(h, "<p>"); ok && strings.Count(h, "<p>") == 1 && strings.HasSuffix(inner, "</p>") {
			h = strings.TrimSuffix(inner, "</p>")
		}
		return h
	case f == sets.HTML:
		return html.EscapeString(rest)
	case pf == sets.HTML:
		return sets.PlainText(rest, sets.HTML)
	}
	return rest
}

// giftEscapable are the characters a backslash escapes in GIFT ("n" is a newline).
const giftEscapable = `\:#={}~n`

// giftIndexFrom is the offset of the first unescaped sub in s at or after from, or -1.
func giftIndexFrom(s, sub string, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(giftEscapable, s[i+1]) >= 0 {
			i++
			continue
		}
		if strings.HasPrefix(s[i:], sub) {
			return i
		}
	}
	return -1
}

func giftIndex(s, sub string) int { return giftIndexFrom(s, sub, 0) }

// giftLastIndex is the offset of the last unescaped sub in s, or -1.
func giftLastIndex(s, sub string) int {
	last := -1
	for i := giftIndex(s, sub); i >= 0; i = giftIndexFrom(s, sub, i+1) {
		last = i
	}
	return last
}

// giftCut splits s at the first unescaped sep.
func giftCut(s, sep string) (before, after string, found bool) {
	if i := giftIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// giftPiece is one answer of an answer block: its marker ('=' or '~', or
// 0 for text before the first marker) and raw text.
type giftPiece struct {
	mark byte
	text string
}

// giftMaxAnswers bounds the answers of one question, far above what
// Sabaq's kinds allow, so a runaway block is refused before it is read.
const giftMaxAnswers = 100

// giftSplit splits an answer block before each unescaped marker in marks.
func giftSplit(s, marks string) ([]giftPiece, error) {
	var out []giftPiece
	cur := giftPiece{}
	from := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(giftEscapable, s[i+1]) >= 0 {
			i++
			continue
		}
		if strings.IndexByte(marks, s[i]) >= 0 {
			if len(out) > giftMaxAnswers {
				return nil, fmt.Errorf("this question has more than %d answers", giftMaxAnswers)
			}
			cur.text = s[from:i]
			out = append(out, cur)
			cur, from = giftPiece{mark: s[i]}, i+1
		}
	}
	cur.text = s[from:]
	out = append(out, cur)
	// Text before the first marker counts only if there is some (as Moodle).
	if strings.TrimSpace(out[0].text) == "" {
		out = out[1:]
	}
	return out, nil
}

// giftText unescapes raw GIFT text and trims it.
func giftText(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			switch n := s[i+1]; n {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case '\\', ':', '#', '=', '{', '}', '~':
				b.WriteByte(n)
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return strings.TrimSpace(b.String())
}

var giftWeightRe = regexp.MustCompile(`^%(-?[0-9]+(?:\.[0-9]*)?)%`)

// giftWeight splits a leading %n% weight off s; def when there is none.
func giftWeight(s string, def float64) (float64, string) {
	s = strings.TrimSpace(s)
	m := giftWeightRe.FindStringSubmatch(s)
	if m == nil {
		return def, s
	}
	w, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return def, s
	}
	return w, s[len(m[0]):]
}

// giftChoices reads a multiple-choice block: one "=" makes it multiple
// choice, none (only weighted "~%n%") multiple answer, as in Moodle.
func giftChoices(it *sets.Item, answers string) error {
	it.Kind = sets.MultipleAnswer
	if giftIndex(answers, "=") >= 0 {
		it.Kind = sets.MultipleChoice
	}
	pieces, err := giftSplit(answers, "=~")
	if err != nil {
		return err
	}
	for _, p := range pieces {
		var c sets.Choice
		text := p.text
		if p.mark == '=' {
			c.Weight = 100 // Moodle reads no weight after "=" in a choice
		} else {
			c.Weight, text = giftWeight(text, 0)
		}
		text, fb, _ := giftCut(text, "#")
		c.Text, c.Feedback = giftPartText(text, it.Format), giftPartText(fb, it.Format)
		it.Choices = append(it.Choices, c)
	}
	return nil
}

// giftIsTrueFalse reports whether the block is T, TRUE, F or FALSE (and feedback).
func giftIsTrueFalse(answers string) bool {
	v, _, _ := giftCut(answers, "#")
	switch strings.TrimSpace(v) {
	case "T", "TRUE", "F", "FALSE":
		return true
	}
	return false
}

// giftTrueFalse reads {T#feedback if wrong#feedback if right}.
func giftTrueFalse(it *sets.Item, answers string) {
	it.Kind = sets.TrueFalse
	v, rest, _ := giftCut(answers, "#")
	wrong, right, _ := giftCut(rest, "#")
	v = strings.TrimSpace(v)
	it.Truth = v == "T" || v == "TRUE"
	right, wrong = giftPartText(right, it.Format), giftPartText(wrong, it.Format)
	if it.Truth {
		it.FeedbackTrue, it.FeedbackFalse = right, wrong
	} else {
		it.FeedbackTrue, it.FeedbackFalse = wrong, right
	}
}

// giftShortAnswer reads {=a =%50%b#feedback =%0%*#feedback}: answers that
// earn marks are accepted with their weight and feedback; the "*" answer
// (Moodle's wildcard, for anything else) gives the item's OtherFeedback.
// Other answers worth nothing are dropped: Sabaq gives feedback only on
// answers it accepts and on the catch-all. With one blank in the text it is
// a cloze item.
func giftShortAnswer(it *sets.Item, answers string) error {
	it.Kind = sets.ShortAnswer
	if strings.Count(it.Prompt, sets.Blank) == 1 {
		it.Kind = sets.Cloze
	}
	pieces, err := giftSplit(answers, "=")
	if err != nil {
		return err
	}
	var accepted []sets.TypedAnswer
	for _, p := range pieces {
		w, text := giftWeight(p.text, 100)
		text, fb, _ := giftCut(text, "#")
		a := sets.TypedAnswer{Text: giftPartText(text, it.Format), Weight: w, Feedback: giftPartText(fb, it.Format)}
		switch {
		case a.Text == "*":
			it.OtherFeedback = a.Feedback
		case w > 0:
			accepted = append(accepted, a)
		}
	}
	it.SetTypedAnswers(accepted)
	return nil
}

// giftMatching reads {=left -> right ...}. Pairs with no left side (Moodle's
// extra wrong answers) are dropped: Sabaq pairs need both sides.
func giftMatching(it *sets.Item, answers string) error {
	it.Kind = sets.Matching
	pieces, err := giftSplit(answers, "=")
	if err != nil {
		return err
	}
	for _, p := range pieces {
		l, r, ok := strings.Cut(p.text, "->")
		if !ok {
			return fmt.Errorf("the pair %q needs -> between its two sides", firstWords(giftText(p.text)))
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		// Moodle writes a marker on the left side only: the right is plain.
		it.Pairs = append(it.Pairs, sets.Pair{Left: giftPartText(l, it.Format), Right: giftText(r)})
	}
	return nil
}

// giftNumerical reads {#1965:2}, {#1960..1970} and {#=1965:0 =%50%1964:1}.
// As in Moodle, "~" starts the feedback for any other answer ("~#Wrong"),
// kept as the item's OtherFeedback.
func giftNumerical(it *sets.Item, answers string) error {
	it.Kind = sets.Numerical
	answers, other, _ := giftCut(answers, "~")
	if _, fb, ok := giftCut(other, "#"); ok {
		it.OtherFeedback = giftPartText(fb, it.Format)
	}
	pieces, err := giftSplit(answers, "=")
	if err != nil {
		return err
	}
	for _, p := range pieces {
		var n sets.NumericAnswer
		text := p.text
		n.Weight, text = giftWeight(text, 100)
		text, fb, _ := giftCut(text, "#")
		n.Feedback = giftPartText(fb, it.Format)
		spec := giftText(text)
		if lo, hi, ok := strings.Cut(spec, ".."); ok && lo != "" {
			a, err1 := giftNumber(lo)
			b, err2 := giftNumber(hi)
			if err := giftFirstErr(err1, err2); err != nil {
				return err
			}
			n.IsRange, n.Min, n.Max, n.Value = true, a, b, a+(b-a)/2
		} else if v, tol, ok := strings.Cut(spec, ":"); ok && v != "" {
			a, err1 := giftNumber(v)
			b, err2 := giftNumber(tol)
			if err := giftFirstErr(err1, err2); err != nil {
				return err
			}
			n.Value, n.Tolerance = a, b
		} else {
			a, err := giftNumber(spec)
			if err != nil {
				return err
			}
			n.Value = a
		}
		it.Numbers = append(it.Numbers, n)
	}
	if len(it.Numbers) == 0 {
		return fmt.Errorf("the numerical answer is missing: write it after # as {#1965} or {#1965:2}")
	}
	return nil
}

var giftNumberRe = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// giftNumber parses a decimal number as a teacher writes it (no hex, no NaN).
func giftNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if giftNumberRe.MatchString(s) {
		if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(v, 0) {
			return v, nil
		}
	}
	return 0, fmt.Errorf("%q is not a number; write numbers like 1965, 2.5 or 1960..1970", firstWords(s))
}

func giftFirstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// WriteGIFT writes items in Moodle's GIFT format, which ParseGIFT reads
// back to the same items. A cloze item is written in the missing-word form
// ("Pakistan joined {=SEATO} in 1954."), or with its "____" kept and the
// answers after it when the blank ends the text. Ordering items, and a few
// texts GIFT cannot hold, are an error naming the item.
func WriteGIFT(w io.Writer, items []sets.Item) error {
	var b strings.Builder
	b.WriteString("// Questions exported from Sabaq in Moodle GIFT format.\n\n")
	category := ""
	for i, it := range items {
		if strings.ContainsAny(it.Category, "\r\n") {
			return giftWriteErr(i, it, "its category has a line break")
		}
		if it.Category != category {
			fmt.Fprintf(&b, "$CATEGORY: %s\n\n", it.Category)
			category = it.Category
		}
		q, err := giftQuestionText(it)
		if err != nil {
			return giftWriteErr(i, it, err.Error())
		}
		b.WriteString(q)
		b.WriteString("\n\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func giftWriteErr(i int, it sets.Item, why string) error {
	return unsupported(i, it, "GIFT", "cannot be written as GIFT: "+why)
}

// giftEscape escapes GIFT's special characters and line breaks.
var giftEscape = strings.NewReplacer(`\`, `\\`, ":", `\:`, "#", `\#`, "=", `\=`, "{", `\{`, "}", `\}`, "~", `\~`, "\n", `\n`).Replace

// giftFormatNumber writes a number so that ParseGIFT reads the same float.
func giftFormatNumber(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func giftFormatWeight(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// giftQuestionText is one question in GIFT, without the blank line after it.
func giftQuestionText(it sets.Item) (string, error) {
	var head strings.Builder
	if it.Title != "" {
		head.WriteString("::" + giftEscape(it.Title) + "::")
	} else if strings.HasPrefix(it.Prompt, "//") {
		head.WriteString("::::") // an empty title, so the line is not a comment
	}
	switch it.Format {
	case "":
		if _, _, ok := giftFormat(it.Prompt); ok {
			head.WriteString("[moodle]") // the default, so a leading "[html]" stays text
		}
	case sets.HTML, sets.Plain, sets.Markdown:
		head.WriteString("[" + string(it.Format) + "]")
	default:
		return "", fmt.Errorf("its text format %q is not plain, html or markdown", it.Format)
	}

	var ans []string // answers, each already escaped
	multiline := true
	switch it.Kind {
	case sets.MultipleChoice:
		for _, c := range it.Choices {
			switch {
			case c.Weight == 100:
				ans = append(ans, "="+giftEscapePart(c.Text, it.Format)+giftFeedback(c.Feedback, it.Format))
			case c.Weight > 0:
				return "", fmt.Errorf("its correct option has weight %v%%; GIFT marks the one correct option 100%%", c.Weight)
			default:
				ans = append(ans, "~"+giftWeightPrefix(c.Weight, c.Text)+giftEscapePart(c.Text, it.Format)+giftFeedback(c.Feedback, it.Format))
			}
		}
	case sets.MultipleAnswer:
		for _, c := range it.Choices {
			ans = append(ans, "~"+giftWeightPrefix(c.Weight, c.Text)+giftEscapePart(c.Text, it.Format)+giftFeedback(c.Feedback, it.Format))
		}
	case sets.TrueFalse:
		multiline = false
		right, wrong := it.FeedbackFalse, it.FeedbackTrue
		v := "FALSE"
		if it.Truth {
			v, right, wrong = "TRUE", it.FeedbackTrue, it.FeedbackFalse
		}
		switch {
		case right != "":
			v += "#" + giftEscapePart(wrong, it.Format) + "#" + giftEscapePart(right, it.Format)
		case wrong != "":
			v += "#" + giftEscapePart(wrong, it.Format)
		}
		ans = append(ans, v)
	case sets.ShortAnswer, sets.Cloze:
		multiline = false
		blanks := strings.Count(it.Prompt, sets.Blank)
		if it.Kind == sets.ShortAnswer && blanks == 1 {
			return "", fmt.Errorf("its text has one blank %s, which GIFT reads back as a cloze item; make it a cloze item", sets.Blank)
		}
		for _, a := range it.TypedAnswers() {
			if strings.Contains(a.Text, "->") || strings.Contains(a.Feedback, "->") {
				return "", fmt.Errorf("the answer %q contains ->, which GIFT reads as a matching pair", a.Text)
			}
			if strings.TrimSpace(a.Text) == "*" {
				return "", fmt.Errorf("the answer * is GIFT's wildcard for any other answer")
			}
			p := ""
			if a.Weight != 100 || strings.HasPrefix(strings.TrimSpace(a.Text), "%") {
				p = "%" + giftFormatWeight(a.Weight) + "%"
			}
			ans = append(ans, "="+p+giftEscapePart(a.Text, it.Format)+giftFeedback(a.Feedback, it.Format))
		}
		if it.OtherFeedback != "" {
			if strings.Contains(it.OtherFeedback, "->") {
				return "", fmt.Errorf("the feedback for other answers contains ->, which GIFT reads as a matching pair")
			}
			ans = append(ans, "=%0%*"+giftFeedback(it.OtherFeedback, it.Format))
		}
	case sets.Numerical:
		for _, n := range it.Numbers {
			spec := giftFormatNumber(n.Value)
			if n.IsRange {
				spec = giftFormatNumber(n.Min) + ".." + giftFormatNumber(n.Max)
			} else if n.Tolerance != 0 {
				spec += ":" + giftFormatNumber(n.Tolerance)
			}
			w := ""
			if n.Weight != 100 {
				w = "%" + giftFormatWeight(n.Weight) + "%"
			}
			ans = append(ans, "="+w+spec+giftFeedback(n.Feedback, it.Format))
		}
		if len(ans) == 1 {
			multiline = false
			ans[0] = strings.TrimPrefix(ans[0], "=")
		}
		if it.OtherFeedback != "" {
			ans = append(ans, "~"+giftFeedback(it.OtherFeedback, it.Format))
		}
		ans[0] = "#" + ans[0]
	case sets.Matching:
		for _, p := range it.Pairs {
			if strings.Contains(p.Left, "->") {
				return "", fmt.Errorf("the left side %q contains ->, which GIFT uses between the sides", p.Left)
			}
			ans = append(ans, "="+giftEscapePart(p.Left, it.Format)+" -> "+giftEscape(p.Right))
		}
	case sets.Ordering:
		return "", fmt.Errorf("GIFT has no ordering questions; export this set as Moodle XML")
	default:
		return "", fmt.Errorf("%q is not a question kind", it.Kind)
	}
	if it.Explanation != "" {
		ans = append(ans, "####"+giftEscapePart(it.Explanation, it.Format))
	}

	// Missing-word form when the one blank has text after it.
	before, after, inline := it.Prompt, "", false
	if i := strings.Index(it.Prompt, sets.Blank); i >= 0 && strings.Count(it.Prompt, sets.Blank) == 1 {
		if rest := it.Prompt[i+len(sets.Blank):]; strings.TrimSpace(rest) != "" {
			before, after, inline = it.Prompt[:i], rest, true
		}
	}
	var b strings.Builder
	b.WriteString(head.String())
	b.WriteString(giftEscape(before))
	switch {
	case inline:
		b.WriteString("{" + strings.Join(ans, " ") + "}")
		b.WriteString(giftEscape(after))
	case multiline:
		b.WriteString(" {\n")
		for _, a := range ans {
			b.WriteString("\t" + a + "\n")
		}
		b.WriteString("}")
	default:
		b.WriteString(" {" + strings.Join(ans, " ") + "}")
	}
	return b.String(), nil
}

// giftFeedback is "#feedback", or nothing.
func giftFeedback(fb string, f sets.TextFormat) string {
	if fb == "" {
		return ""
	}
	return "#" + giftEscapePart(fb, f)
}

// giftEscapePart escapes an answer, a feedback or a left side, in the
// item's format f. Parts are written in the item's format, so they need no
// marker, except when the text itself starts like one ("[html]…"): then
// the item's own marker goes first, so the rest reads back as text.
func giftEscapePart(s string, f sets.TextFormat) string {
	if _, _, ok := giftFormat(strings.TrimSpace(s)); !ok {
		return giftEscape(s)
	}
	marker := "[moodle]"
	if f != "" {
		marker = "[" + string(f) + "]"
	}
	return marker + giftEscape(s)
}

// giftWeightPrefix is "%w%" for a "~" option: always when w is not 0, and
// also when the text itself starts with "%", so it is not read as a weight.
func giftWeightPrefix(w float64, text string) string {
	if w == 0 && !strings.HasPrefix(strings.TrimSpace(text), "%") {
		return ""
	}
	return "%" + giftFormatWeight(w) + "%"
}
