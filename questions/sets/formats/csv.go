package formats

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"sabaq/questions/sets"
)

// CSVColumns is the header row of Sabaq's CSV format, one question a row:
//
//	kind,prompt,options,correct,explanation,event_id,tags
//	multiple-choice,Who mediated the Tashkent talks?,Kosygin|Brezhnev|Khrushchev,Kosygin,,tashkent-1966,1965-war|diplomacy
//	true-false,Pakistan joined SEATO in 1954.,,true,,,
//	numerical,In which year was the Tashkent Declaration signed?,,1966,,,
//	matching,Match the leader to the country.,Ayub Khan=>Pakistan|Shastri=>India,,,,
//	ordering,Put these in order.,Baghdad Pact|U-2 incident|Tashkent Declaration,,,,
//	cloze,The Declaration was signed in ____.,,Tashkent|Taškent,,,
//
// kind is a sets.Kind ("multiple-choice", "true-false", …) or its label
// ("Multiple choice"). options and correct hold several values separated by
// "|" (write \| for a "|" inside a value and \\ for a backslash):
//
//   - multiple-choice, multiple-answer: options are the option texts;
//     correct the text (or A, B, … letter) of the correct one(s);
//   - true-false: correct is true or false (options ignored);
//   - short-answer, cloze: correct holds the accepted answers (no options);
//     a cloze prompt marks its blank with sets.Blank (____);
//   - numerical: correct holds numbers: 1966, 1966:1 (± 1) or 1960..1970;
//   - matching: options are pairs, left=>right (correct empty);
//   - ordering: options are the items in their correct order (correct empty).
//
// A value of options (multiple choice, multiple answer) or of correct
// (short answer, cloze, numerical) may start with a weight in percent, as in
// GIFT: %50%Kosygin earns half the mark, %-50%Brezhnev takes half away. After
// a weight, "#" starts the feedback for that answer (%100%Kosygin#Yes, the
// Soviet premier); write \# for a "#" and \\ for a backslash in such a
// value. A value without a weight is read as before: all of it is the text.
// An option's weight wins over correct, which names the options worth the
// whole mark (shared among them for multiple answer); an option not named
// there and with no weight is worth nothing. Accepted answers and numbers
// without a weight are worth 100%.
//
// tags are separated by "|". Optional columns title, category, format
// (plain, html, markdown), feedback_true and feedback_false (true/false) and
// other_feedback (for any other typed answer or number) may follow. Columns may come in any order; the
// separator may be a comma, or a semicolon or tab when the header row has no
// comma (as spreadsheets write in some locales).
var CSVColumns = []string{"kind", "prompt", "options", "correct", "explanation", "event_id", "tags"}

// csvOptional are the columns ParseCSV also reads.
var csvOptional = []string{"title", "category", "format", "feedback_true", "feedback_false", "other_feedback"}

// csvKinds maps the names teachers write for kinds, normalised by csvKey.
var csvKinds = func() map[string]sets.Kind {
	m := map[string]sets.Kind{
		"mc": sets.MultipleChoice, "mcq": sets.MultipleChoice, "ma": sets.MultipleAnswer,
		"tf": sets.TrueFalse, "true/false": sets.TrueFalse, "truefalse": sets.TrueFalse,
		"short": sets.ShortAnswer, "numeric": sets.Numerical, "number": sets.Numerical,
		"match": sets.Matching, "order": sets.Ordering, "fill-in-the-blank": sets.Cloze, "fill-the-blank": sets.Cloze,
	}
	for _, k := range sets.Kinds {
		m[csvKey(string(k))] = k
		m[csvKey(sets.KindNames[k])] = k
	}
	return m
}()

// csvKey normalises a kind name: lower case, spaces and underscores as "-".
func csvKey(s string) string {
	return strings.NewReplacer(" ", "-", "_", "-").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// ParseCSV reads questions in Sabaq's CSV format (see CSVColumns), or a
// two-column file whose header is exactly question,answer (each row a
// plain-text short-answer item). Items are plain text unless a format column
// says otherwise; options get weight 100 when correct (shared equally among
// the correct options of a multiple-answer item) and 0 otherwise; accepted
// numbers weight 100, and a range's Value is its middle. A row of an unknown
// kind goes to Result.Unsupported, every other problem to Result.Errors, by
// line. A cell that starts with an apostrophe before what a spreadsheet
// would run as a formula ('=x, '+92 300) is read without the apostrophe, as
// WriteCSV writes such cells; any other apostrophe stays. The error is only
// for reading r or a file over MaxBytes.
func ParseCSV(r io.Reader) (Result, error) {
	b, err := readAll(r)
	if err != nil {
		return Result{}, err
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	var res Result
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	first, _, _ := bytes.Cut(b, []byte("\n"))
	if !bytes.ContainsRune(first, ',') {
		if bytes.ContainsRune(first, ';') {
			cr.Comma = ';'
		} else if bytes.ContainsRune(first, '\t') {
			cr.Comma = '\t'
		}
	}
	var cols map[string]int // column name → index
	simple, headerLen := false, 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) && txStop(&res, perr.Line) {
			break
		} else if perr != nil {
			res.Errors = append(res.Errors, Problem{Line: perr.Line, Message: csvQuoteMessage(perr)})
			if cols == nil {
				break // without its header row, no row can be read
			}
			continue
		} else if err != nil {
			return Result{}, fmt.Errorf("formats: reading the CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if txStop(&res, line) {
			break
		}
		if cols == nil {
			cols, simple = csvHeader(rec, line, &res)
			headerLen = len(rec)
			if cols == nil {
				break
			}
			continue
		}
		get := func(name string) string {
			if i, ok := cols[name]; ok && i < len(rec) {
				return strings.TrimSpace(csvRestore(strings.TrimSpace(rec[i])))
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		// A row longer than the header row usually has a comma outside quotes,
		// which shifts its fields: say so rather than what the shift broke.
		overlong := fmt.Sprintf("this row has %d fields but the header row has %d; put a field holding a comma in double quotes", len(rec), headerLen)
		extra := strings.TrimSpace(strings.Join(rec[min(len(rec), len(cols)):], "")) != ""
		var it sets.Item
		problem, unsupported := "", false
		if simple {
			it = sets.Item{Kind: sets.ShortAnswer, Prompt: get("question"), Format: sets.Plain}
			if a := get("answer"); a != "" {
				it.Accepted = []string{a}
			}
		} else {
			it, problem, unsupported = csvItem(get)
		}
		it.Line = line
		switch {
		case extra || len(rec) > headerLen && (problem != "" || len(it.Validate()) > 0):
			res.Errors = append(res.Errors, Problem{Line: line, Question: Name(it), Message: overlong})
		case unsupported:
			res.Unsupported = append(res.Unsupported, Problem{Line: line, Question: firstWords(it.Prompt), Message: problem})
		case problem != "":
			res.Errors = append(res.Errors, Problem{Line: line, Question: Name(it), Message: problem})
		default:
			res.add(it)
		}
	}
	res.finish()
	return res, nil
}

// csvHeader reads the header row (at line): the index of each column, and
// whether it is the simple question,answer form. A bad header goes to res
// and gives nil.
func csvHeader(rec []string, line int, res *Result) (map[string]int, bool) {
	names := make([]string, len(rec))
	for i, f := range rec {
		names[i] = strings.ToLower(strings.TrimSpace(f))
	}
	for len(names) > 0 && names[len(names)-1] == "" {
		names = names[:len(names)-1] // spreadsheets add empty columns
	}
	if slices.Equal(names, []string{"question", "answer"}) {
		return map[string]int{"question": 0, "answer": 1}, true
	}
	bad := func(msg string) (map[string]int, bool) {
		res.Errors = append(res.Errors, Problem{Line: line, Message: msg})
		return nil, false
	}
	want := "the first row must name the columns " + strings.Join(CSVColumns, ",") + " (or be question,answer)"
	cols := map[string]int{}
	for i, n := range names {
		if !slices.Contains(CSVColumns, n) && !slices.Contains(csvOptional, n) {
			return bad(fmt.Sprintf("unknown column %q: %s", n, want))
		}
		if _, dup := cols[n]; dup {
			return bad(fmt.Sprintf("the column %q appears twice", n))
		}
		cols[n] = i
	}
	for _, n := range []string{"kind", "prompt"} {
		if _, ok := cols[n]; !ok {
			return bad(fmt.Sprintf("no %q column: %s", n, want))
		}
	}
	return cols, false
}

// csvQuoteMessage says what a CSV syntax error means for a teacher.
func csvQuoteMessage(e *csv.ParseError) string {
	switch {
	case errors.Is(e.Err, csv.ErrBareQuote):
		return `a " inside a field that does not start with one: put the whole field in double quotes and double the " inside it ("")`
	case errors.Is(e.Err, csv.ErrQuote):
		return `a field in double quotes is not closed, or has a single " inside it (write "" for a quote)`
	}
	return e.Err.Error()
}

// csvItem builds the item of one row. problem says what is wrong with it,
// and unsupported whether that is an unknown kind.
func csvItem(get func(string) string) (it sets.Item, problem string, unsupported bool) {
	it = sets.Item{
		Prompt:        get("prompt"),
		Explanation:   get("explanation"),
		EventID:       get("event_id"),
		Tags:          csvSplit(get("tags")),
		Title:         get("title"),
		Category:      get("category"),
		Format:        sets.TextFormat(strings.ToLower(get("format"))),
		OtherFeedback: get("other_feedback"),
	}
	if it.Format == "" {
		it.Format = sets.Plain
	}
	raw := get("kind")
	if raw == "" {
		return it, "the kind is empty; write one of " + csvKindList(), false
	}
	kind, ok := csvKinds[csvKey(raw)]
	if !ok {
		return it, fmt.Sprintf("Sabaq has no %q questions (its kinds are %s)", raw, csvKindList()), true
	}
	it.Kind = kind
	options, correct := csvSplit(get("options")), csvSplit(get("correct"))
	switch kind {
	case sets.ShortAnswer, sets.Cloze, sets.Numerical:
		if len(options) > 0 {
			return it, fmt.Sprintf("%s questions take no options: write the accepted answers in correct", sets.KindNames[kind]), false
		}
	case sets.Matching, sets.Ordering:
		if len(correct) > 0 {
			return it, fmt.Sprintf("leave correct empty for %s questions: their options hold the answer", strings.ToLower(sets.KindNames[kind])), false
		}
	}
	switch kind {
	case sets.MultipleChoice, sets.MultipleAnswer:
		if len(options) == 0 {
			return it, "list the options in the options column, separated by |", false
		}
		if kind == sets.MultipleChoice && len(correct) > 1 {
			return it, "write the one correct option in correct (for several, use the kind multiple-answer)", false
		}
		opts := make([]csvValue, len(options))
		weighted := false
		for i, o := range options {
			opts[i] = csvWeighted(o, 0)
			weighted = weighted || opts[i].weighted && opts[i].weight > 0
		}
		texts := make([]string, len(opts))
		for i, o := range opts {
			texts[i] = o.text
		}
		right := make([]bool, len(options))
		n := 0
		for _, c := range correct {
			i := csvOptionIndex(texts, c)
			if i < 0 {
				return it, fmt.Sprintf("the correct answer %q is not one of the options", c), false
			}
			if !right[i] {
				right[i] = true
				n++
			}
		}
		if n == 0 && !weighted {
			return it, "write the correct options in correct, separated by |", false
		}
		for i, o := range opts {
			c := sets.Choice{Text: o.text, Weight: o.weight, Feedback: o.feedback}
			if !o.weighted && right[i] {
				c.Weight = 100 / float64(n)
			}
			it.Choices = append(it.Choices, c)
		}
	case sets.TrueFalse:
		it.FeedbackTrue, it.FeedbackFalse = get("feedback_true"), get("feedback_false")
		switch strings.ToLower(strings.Join(correct, "|")) {
		case "true", "t", "yes":
			it.Truth = true
		case "false", "f", "no":
		default:
			return it, "write true or false in correct", false
		}
	case sets.ShortAnswer, sets.Cloze:
		var as []sets.TypedAnswer
		for _, c := range correct {
			v := csvWeighted(c, 100)
			as = append(as, sets.TypedAnswer{Text: v.text, Weight: v.weight, Feedback: v.feedback})
		}
		it.SetTypedAnswers(as)
	case sets.Numerical:
		for _, c := range correct {
			v := csvWeighted(c, 100)
			n, ok := csvNumber(v.text)
			if !ok {
				return it, fmt.Sprintf("%q is not a number like 1966, 1966:1 (1966 ± 1) or 1960..1970", c), false
			}
			n.Weight, n.Feedback = v.weight, v.feedback
			it.Numbers = append(it.Numbers, n)
		}
	case sets.Matching:
		for _, o := range options {
			l, r, ok := strings.Cut(o, "=>")
			if !ok {
				return it, fmt.Sprintf("%q is not a pair written left=>right", o), false
			}
			it.Pairs = append(it.Pairs, sets.Pair{Left: strings.TrimSpace(l), Right: strings.TrimSpace(r)})
		}
	case sets.Ordering:
		it.Sequence = options
	}
	return it, "", false
}

// csvValue is one value of options or correct, with its weight and
// feedback if it starts with one (see CSVColumns).
type csvValue struct {
	text, feedback string
	weight         float64
	weighted       bool // written with a %weight% prefix
}

// csvWeighted reads "%50%Kosygin#feedback"; a value without a weight is
// all text, worth def.
func csvWeighted(s string, def float64) csvValue {
	m := giftWeightRe.FindStringSubmatch(s)
	if m == nil {
		return csvValue{text: s, weight: def}
	}
	w, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return csvValue{text: s, weight: def}
	}
	v := csvValue{weight: w, weighted: true}
	var cur strings.Builder
	rest, into := s[len(m[0]):], &v.text
	for i := 0; i < len(rest); i++ {
		switch {
		case rest[i] == '\\' && i+1 < len(rest) && (rest[i+1] == '#' || rest[i+1] == '\\'):
			i++
			cur.WriteByte(rest[i])
		case rest[i] == '#' && into == &v.text:
			v.text = strings.TrimSpace(cur.String())
			cur.Reset()
			into = &v.feedback
		default:
			cur.WriteByte(rest[i])
		}
	}
	*into = strings.TrimSpace(cur.String())
	return v
}

// csvWeightedText writes a value as csvWeighted reads it: with a weight
// when it is not def, or there is feedback, or the text starts with "%".
func csvWeightedText(text string, weight, def float64, feedback string) string {
	if weight == def && feedback == "" && !strings.HasPrefix(strings.TrimSpace(text), "%") {
		return text
	}
	esc := strings.NewReplacer(`\`, `\\`, "#", `\#`)
	s := "%" + giftFormatWeight(weight) + "%" + esc.Replace(text)
	if feedback != "" {
		s += "#" + esc.Replace(feedback)
	}
	return s
}

// csvOptionIndex finds the option a correct value names: its exact text,
// else its text in any case, else its letter (A for the first option).
func csvOptionIndex(options []string, c string) int {
	if i := slices.Index(options, c); i >= 0 {
		return i
	}
	for i, o := range options {
		if strings.EqualFold(o, c) {
			return i
		}
	}
	if len(c) == 1 && c[0] >= 'A' && int(c[0]-'A') < len(options) {
		return int(c[0] - 'A')
	}
	return -1
}

// csvNumber reads 1966, 1966:1 or 1960..1970.
func csvNumber(s string) (sets.NumericAnswer, bool) {
	num := func(s string) (float64, bool) {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
	}
	if a, b, ok := strings.Cut(s, ".."); ok {
		lo, ok1 := num(a)
		hi, ok2 := num(b)
		return sets.NumericAnswer{Value: (lo + hi) / 2, IsRange: true, Min: lo, Max: hi, Weight: 100}, ok1 && ok2
	}
	v, tol, hasTol := strings.Cut(s, ":")
	n := sets.NumericAnswer{Weight: 100}
	var ok bool
	if n.Value, ok = num(v); ok && hasTol {
		n.Tolerance, ok = num(tol)
	}
	return n, ok
}

// csvKindList lists the kinds for a message.
func csvKindList() string {
	names := make([]string, len(sets.Kinds))
	for i, k := range sets.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// csvSplit splits a "|"-separated field, reading \| as "|" and \\ as "\",
// trimming each value and dropping empty ones; nil when there are none.
func csvSplit(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if v := strings.TrimSpace(cur.String()); v != "" {
			out = append(out, v)
		}
		cur.Reset()
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && (s[i+1] == '|' || s[i+1] == '\\'):
			i++
			cur.WriteByte(s[i])
		case s[i] == '|':
			flush()
		default:
			cur.WriteByte(s[i])
		}
	}
	flush()
	return out
}

// csvJoin joins values with "|", escaping as csvSplit reads them.
func csvJoin(vals []string) string {
	esc := strings.NewReplacer(`\`, `\\`, `|`, `\|`)
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = esc.Replace(v)
	}
	return strings.Join(out, "|")
}

// csvFormula reports whether a spreadsheet would run a cell as a formula:
// one that starts with = + - or @ (or a tab or carriage return, which some
// strip first). A negative number is not one: no spreadsheet runs it. The
// dashboards' CSV files follow the same rule (handlers.csvCell).
func csvFormula(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '-':
		_, err := strconv.ParseFloat(s, 64)
		return err != nil
	case '=', '+', '@', '\t', '\r':
		return true
	}
	return false
}

// csvQuoted reports whether csvDefuse puts an apostrophe before s: a
// formula, or an apostrophe before what would be quoted (so that a text
// that starts with one, such as "'=x", comes back as it was).
func csvQuoted(s string) bool {
	return csvFormula(s) || strings.HasPrefix(s, "'") && csvQuoted(s[1:])
}

// csvDefuse guards a cell of an export against formula injection: a cell
// a spreadsheet would run gets a leading apostrophe, which makes it text.
// csvRestore takes it away on import.
func csvDefuse(s string) string {
	if csvQuoted(s) {
		return "'" + s
	}
	return s
}

// csvRestore undoes csvDefuse: it takes the apostrophe from before a cell
// csvDefuse would have quoted, and leaves every other cell as it is (an
// apostrophe a teacher typed before a word, or before -5, stays).
func csvRestore(s string) string {
	if strings.HasPrefix(s, "'") && csvQuoted(s[1:]) {
		return s[1:]
	}
	return s
}

// WriteCSV writes items in Sabaq's CSV format (see CSVColumns), adding the
// optional columns when an item uses them. Every kind is expressible, with
// its answers' weights and feedback: correct names the options worth the
// whole mark, and an option, accepted answer or number worth another share,
// or with feedback, is written with its %weight% (and #feedback). It
// returns an error naming an item of an unknown kind, or a matching pair
// whose left side holds "=>". A cell a spreadsheet would run as a formula
// starts with an apostrophe (see csvDefuse), which ParseCSV takes away.
func WriteCSV(w io.Writer, items []sets.Item) error {
	header := slices.Clone(CSVColumns)
	for _, it := range items {
		if it.Title != "" && !slices.Contains(header, "title") {
			header = append(header, "title")
		}
		if it.Category != "" && !slices.Contains(header, "category") {
			header = append(header, "category")
		}
		if it.Format != "" && it.Format != sets.Plain && !slices.Contains(header, "format") {
			header = append(header, "format")
		}
		for col, v := range map[string]string{"feedback_true": it.FeedbackTrue, "feedback_false": it.FeedbackFalse, "other_feedback": it.OtherFeedback} {
			if v != "" && !slices.Contains(header, col) {
				header = append(header, col)
			}
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("formats: writing CSV: %w", err)
	}
	for i, it := range items {
		var options, correct []string
		switch it.Kind {
		case sets.MultipleChoice, sets.MultipleAnswer:
			// correct names the options worth the most when they share the
			// whole mark equally, as ParseCSV reads them; every other option
			// carries its own weight.
			top, n := 0.0, 0
			for _, c := range it.Choices {
				top = max(top, c.Weight)
			}
			for _, c := range it.Choices {
				if c.Weight == top {
					n++
				}
			}
			listed := top > 0 && top == 100/float64(n)
			for _, c := range it.Choices {
				def := 0.0
				if listed && c.Weight == top {
					def = top
					correct = append(correct, c.Text)
				}
				options = append(options, csvWeightedText(c.Text, c.Weight, def, c.Feedback))
			}
		case sets.TrueFalse:
			correct = []string{strconv.FormatBool(it.Truth)}
		case sets.ShortAnswer, sets.Cloze:
			for _, a := range it.TypedAnswers() {
				correct = append(correct, csvWeightedText(a.Text, a.Weight, 100, a.Feedback))
			}
		case sets.Numerical:
			for _, n := range it.Numbers {
				correct = append(correct, csvWeightedText(csvFormatNumber(n), n.Weight, 100, n.Feedback))
			}
		case sets.Matching:
			for _, p := range it.Pairs {
				if strings.Contains(p.Left, "=>") {
					return unsupported(i, it, "CSV", `has a pair whose left side holds "=>", which the CSV format uses between the sides`)
				}
				options = append(options, p.Left+"=>"+p.Right)
			}
		case sets.Ordering:
			options = it.Sequence
		default:
			return unsupported(i, it, "CSV", "is "+itemKindPhrase(it.Kind))
		}
		row := make([]string, len(header))
		for j, col := range header {
			switch col {
			case "kind":
				row[j] = string(it.Kind)
			case "prompt":
				row[j] = it.Prompt
			case "options":
				row[j] = csvJoin(options)
			case "correct":
				row[j] = csvJoin(correct)
			case "explanation":
				row[j] = it.Explanation
			case "event_id":
				row[j] = it.EventID
			case "tags":
				row[j] = csvJoin(it.Tags)
			case "title":
				row[j] = it.Title
			case "category":
				row[j] = it.Category
			case "format":
				row[j] = string(it.Format)
			case "feedback_true":
				row[j] = it.FeedbackTrue
			case "feedback_false":
				row[j] = it.FeedbackFalse
			case "other_feedback":
				row[j] = it.OtherFeedback
			}
		}
		for j := range row {
			row[j] = csvDefuse(row[j])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("formats: writing CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("formats: writing CSV: %w", err)
	}
	return nil
}

// csvFormatNumber writes an accepted number as csvNumber reads it.
func csvFormatNumber(n sets.NumericAnswer) string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	switch {
	case n.IsRange:
		return f(n.Min) + ".." + f(n.Max)
	case n.Tolerance != 0:
		return f(n.Value) + ":" + f(n.Tolerance)
	}
	return f(n.Value)
}
