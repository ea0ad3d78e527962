package sets

import (
	"fmt"
	"html"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sabaq/questions/media"
)

// ItemForm is an item as the teacher's item form holds it: every field as
// typed, so that a form with errors can be shown again unchanged. Item reads
// it into an Item; FormOf fills it from one.
type ItemForm struct {
	Kind, Title, Prompt, Format string
	PromptPicture               FormPicture // the picture under the prompt
	Explanation, EventID        string
	Category                    string
	Tags                        string // comma-separated
	Options                     []FormOption
	Truth                       string // "true" or "false"
	FeedbackTrue, FeedbackFalse string
	// Typed answers (short answer, cloze): rows with their marks and
	// feedback, then Accepted, one answer a line at full marks (the form
	// before rows; still read, for scripts and old pages).
	Answers       []FormAnswer
	Accepted      string
	OtherFeedback string // feedback for any other typed answer
	Numbers       []FormNumber
	Pairs         []Pair
	Sequence      string // one entry a line, in order
}

// FormOption is one option row of a choice question.
type FormOption struct {
	Text     string
	Correct  bool
	Feedback string
	Weight   string // the weight it had (e.g. -50 from an import), kept while it fits
	Picture  FormPicture
}

// FormPicture is the picture a text ends with, as the item form shows it
// under the text: its address and its alt text. The handler stores a new
// file first and puts its address here.
type FormPicture struct {
	Src    string // "/media/<name>", or "" for none; any other address is ignored
	Alt    string
	Remove bool // the teacher ticked "Remove the picture"
}

// Kept reports whether the text keeps (or gains) the picture.
func (p FormPicture) Kept() bool { return media.NameOf(p.Src) != "" && !p.Remove }

// FormAnswer is one accepted typed answer's row: its text, its marks in
// percent ("" for 100) and its feedback.
type FormAnswer struct {
	Text, Weight, Feedback string
}

// Grades are the marks Moodle offers for an answer, in percent, highest first.
var Grades = []string{"100", "90", "83.333", "80", "75", "70", "66.667", "60", "50", "40", "33.333", "30",
	"25", "20", "16.667", "14.2857", "12.5", "11.111", "10", "5"}

// FormNumber is one accepted-number row: "1966" with an optional
// tolerance, or a range "1960..1970".
type FormNumber struct {
	Answer, Tolerance, Feedback string
	Weight                      string // 100, or a part mark kept from an import
}

// FormOf fills the form from it; a range is written back as "1960..1970",
// and a picture that ends the prompt or an option is taken off the text
// into its picture field (see SplitPicture).
func FormOf(it Item) ItemForm {
	f := ItemForm{Kind: string(it.Kind), Title: it.Title, Prompt: it.Prompt, Format: string(it.Format),
		Explanation: it.Explanation, EventID: it.EventID, Category: it.Category, Tags: strings.Join(it.Tags, ", "),
		Truth: strconv.FormatBool(it.Truth), FeedbackTrue: it.FeedbackTrue, FeedbackFalse: it.FeedbackFalse,
		OtherFeedback: it.OtherFeedback, Sequence: strings.Join(it.Sequence, "\n")}
	if f.Format == "" {
		f.Format = string(Plain)
	}
	f.Prompt, f.PromptPicture = SplitPicture(it.Format, it.Prompt)
	for _, ch := range it.Choices {
		text, pic := SplitPicture(it.Format, ch.Text)
		f.Options = append(f.Options, FormOption{Text: text, Correct: ch.Correct(), Feedback: ch.Feedback, Weight: formatNumber(ch.Weight), Picture: pic})
	}
	for _, a := range it.TypedAnswers() {
		f.Answers = append(f.Answers, FormAnswer{Text: a.Text, Weight: formatNumber(a.Weight), Feedback: a.Feedback})
	}
	for _, n := range it.Numbers {
		row := FormNumber{Answer: formatNumber(n.Value), Feedback: n.Feedback, Weight: formatNumber(n.Weight)}
		if n.IsRange {
			row.Answer = formatNumber(n.Min) + ".." + formatNumber(n.Max)
		} else if n.Tolerance > 0 {
			row.Tolerance = formatNumber(n.Tolerance)
		}
		f.Numbers = append(f.Numbers, row)
	}
	f.Pairs = slices.Clone(it.Pairs)
	return f
}

// Item reads the form into an item and validates it. The errors are by
// field, the first for each, worded for the form: the form's own (a number
// that is not one, a picture without its alt text: prompt_alt and
// option_alt_<row>) and those of Validate. old is the item being edited
// (nil for a new one), whose option weights are kept while the same options
// stay correct. Empty rows are skipped.
//
// A picture is part of the text it is under (see JoinPicture): a plain item
// that has one becomes an HTML item, its texts escaped.
func (f ItemForm) Item(old *Item) (Item, map[string]string) {
	errs := map[string]string{}
	bad := func(field, msg string) {
		if _, ok := errs[field]; !ok {
			errs[field] = msg
		}
	}
	it := Item{Kind: Kind(f.Kind), Title: strings.TrimSpace(f.Title), Prompt: strings.TrimSpace(strings.ReplaceAll(f.Prompt, "\r\n", "\n")),
		Format: TextFormat(f.Format), Explanation: strings.TrimSpace(strings.ReplaceAll(f.Explanation, "\r\n", "\n")),
		EventID: strings.TrimSpace(f.EventID), Category: strings.TrimSpace(f.Category)}
	if it.Format == "" {
		it.Format = Plain
	}
	for _, t := range strings.Split(f.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(it.Tags, t) {
			it.Tags = append(it.Tags, t)
		}
	}
	var pictures []FormPicture // beside it.Choices
	switch it.Kind {
	case MultipleChoice, MultipleAnswer:
		it.Choices, pictures = choicesFromRows(it.Kind, f.Options, old)
		for i, row := range f.Options {
			if row.Picture.Kept() && strings.TrimSpace(row.Picture.Alt) == "" {
				bad("option_alt_"+strconv.Itoa(i), fmt.Sprintf("Option %d: %s", i+1, altMissing))
			}
		}
	case TrueFalse:
		switch f.Truth {
		case "true", "false":
			it.Truth = f.Truth == "true"
		default:
			bad("truth", "Say whether the statement is true or false.")
		}
		it.FeedbackTrue, it.FeedbackFalse = strings.TrimSpace(f.FeedbackTrue), strings.TrimSpace(f.FeedbackFalse)
	case ShortAnswer, Cloze:
		as, msg := typedAnswersFromRows(f.Answers)
		if msg != "" {
			bad("accepted", msg)
		}
		for _, l := range formLines(f.Accepted) {
			if !slices.ContainsFunc(as, func(a TypedAnswer) bool { return a.Text == l }) {
				as = append(as, TypedAnswer{Text: l, Weight: 100})
			}
		}
		it.SetTypedAnswers(as)
		it.OtherFeedback = strings.TrimSpace(strings.ReplaceAll(f.OtherFeedback, "\r\n", "\n"))
	case Numerical:
		for i, row := range f.Numbers {
			if strings.TrimSpace(row.Answer) == "" && strings.TrimSpace(row.Tolerance) == "" && strings.TrimSpace(row.Feedback) == "" {
				continue
			}
			n, msg := ParseNumberRow(row)
			if msg != "" {
				bad("numbers", fmt.Sprintf("Row %d: %s", i+1, msg))
				continue
			}
			it.Numbers = append(it.Numbers, n)
		}
	case Matching:
		for _, row := range f.Pairs {
			l, r := strings.TrimSpace(row.Left), strings.TrimSpace(row.Right)
			if l != "" || r != "" {
				it.Pairs = append(it.Pairs, Pair{Left: l, Right: r})
			}
		}
	case Ordering:
		it.Sequence = formLines(f.Sequence)
	}
	if !rowsUsed(f) {
		it.KeepAnswerNotes(old) // weights and feedback the form did not show
	}
	if f.PromptPicture.Kept() && strings.TrimSpace(f.PromptPicture.Alt) == "" {
		bad("prompt_alt", capitalise(altMissing))
	}
	withPictures(&it, f.PromptPicture, pictures)
	if old != nil {
		it.Guid = old.Guid // an edited note is still the one a re-import updates
	}
	for _, e := range it.Validate() {
		bad(e.Field, capitalise(e.Message)+".")
	}
	return it, errs
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// formLines splits a textarea into its non-empty lines, trimmed.
func formLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

const altMissing = "describe the picture for students who cannot see it (its alt text)."

// rowsUsed reports whether the form gave typed answers in rows, with their
// marks and feedback, rather than only one a line.
func rowsUsed(f ItemForm) bool {
	return slices.ContainsFunc(f.Answers, func(a FormAnswer) bool {
		return strings.TrimSpace(a.Text) != "" || strings.TrimSpace(a.Feedback) != ""
	})
}

// typedAnswersFromRows reads typed answer rows, skipping empty ones (a
// row's marks alone do not count: the form always sends them). Marks are a
// percentage above 0 and at most 100, 100 when left empty. The message,
// when not empty, names the first bad row.
func typedAnswersFromRows(rows []FormAnswer) ([]TypedAnswer, string) {
	var out []TypedAnswer
	msg := ""
	for i, r := range rows {
		text, fb := strings.TrimSpace(r.Text), strings.TrimSpace(strings.ReplaceAll(r.Feedback, "\r\n", "\n"))
		if text == "" && fb == "" {
			continue
		}
		a := TypedAnswer{Text: text, Weight: 100, Feedback: fb}
		if w := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(r.Weight), "%")); w != "" {
			x, err := strconv.ParseFloat(w, 64)
			if err != nil || !(x > 0 && x <= 100) {
				if msg == "" {
					msg = fmt.Sprintf("Row %d: the marks must be a percentage above 0 and at most 100.", i+1)
				}
				continue
			}
			a.Weight = x
		}
		if text == "" && msg == "" {
			msg = fmt.Sprintf("Row %d: write the answer, or clear its feedback.", i+1)
		}
		out = append(out, a)
	}
	return out, msg
}

// withPictures puts the form's pictures into the item's texts: the
// prompt's, and each choice's (pictures runs beside it.Choices). A plain
// item that gets a picture becomes HTML, every text escaped first.
func withPictures(it *Item, prompt FormPicture, pictures []FormPicture) {
	has := prompt.Kept() || slices.ContainsFunc(pictures, FormPicture.Kept)
	if !has {
		return
	}
	if it.Format == Plain {
		it.Format = HTML
		it.MapRichTexts(PlainToHTML)
	}
	if prompt.Kept() {
		it.Prompt = JoinPicture(it.Format, it.Prompt, prompt)
	}
	for i, p := range pictures {
		if p.Kept() {
			it.Choices[i].Text = JoinPicture(it.Format, it.Choices[i].Text, p)
		}
	}
}

// PlainToHTML is plain text written as HTML: escaped, each line break a <br>.
func PlainToHTML(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
}

// JoinPicture ends text, written in format f (HTML or markdown), with the
// picture p: an HTML paragraph holding the img, or a markdown image in a
// paragraph of its own. Alt text is one line. A plain text cannot hold a
// picture and is returned as it is (see withPictures).
func JoinPicture(f TextFormat, text string, p FormPicture) string {
	alt := strings.Join(strings.Fields(p.Alt), " ")
	var pic string
	switch f {
	case HTML:
		pic = `<p><img src="` + html.EscapeString(p.Src) + `" alt="` + html.EscapeString(alt) + `"></p>`
	case Markdown:
		pic = "![" + markdownEscape(alt) + "](" + p.Src + ")"
	default:
		return text
	}
	if text = strings.TrimRight(text, " \t\r\n"); text == "" {
		return pic
	}
	if f == Markdown {
		return text + "\n\n" + pic
	}
	return text + "\n" + pic
}

// The trailing picture JoinPicture writes, as SplitPicture finds it again:
// a stored picture's address only, the picture in a paragraph of its own.
var (
	htmlPicture     = regexp.MustCompile(`(?is)<p>\s*<img\s+src="(/media/[0-9a-f]{64}\.(?:png|jpg|gif|webp))"\s+alt="([^"]*)"\s*/?>\s*</p>\s*$`)
	markdownPicture = regexp.MustCompile(`(?s)(?:^|\n[ \t]*\n)[ \t]*!\[((?:[^\]\\\n]|\\.)*)\]\((/media/[0-9a-f]{64}\.(?:png|jpg|gif|webp))\)\s*$`)
)

// SplitPicture takes the picture that ends text (as JoinPicture writes it)
// off it, for the form's picture field: the text without it and the
// picture, or text and no picture. Pictures elsewhere in the text stay in
// it.
func SplitPicture(f TextFormat, text string) (string, FormPicture) {
	var m []int
	switch f {
	case HTML:
		if m = htmlPicture.FindStringSubmatchIndex(text); m == nil {
			return text, FormPicture{}
		}
		return strings.TrimRight(text[:m[0]], " \t\r\n"), FormPicture{Src: text[m[2]:m[3]], Alt: html.UnescapeString(text[m[4]:m[5]])}
	case Markdown:
		if m = markdownPicture.FindStringSubmatchIndex(text); m == nil {
			return text, FormPicture{}
		}
		return strings.TrimRight(text[:m[0]], " \t\r\n"), FormPicture{Src: text[m[4]:m[5]], Alt: markdownUnescape(text[m[2]:m[3]])}
	}
	return text, FormPicture{}
}

// markdownEscape puts a backslash before each ASCII punctuation mark, so
// that an alt text reads as typed (CommonMark allows any of them escaped).
func markdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func markdownUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && s[i+1] < 128 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// choicesFromRows turns option rows into choices, skipping empty rows.
// A multiple-choice item's correct option gets 100; a multiple-answer
// item's correct options share 100, unless the same options as before are
// correct, when their imported weights are kept (a teacher who only fixed a
// typo keeps Moodle's 30/70 split). A wrong option keeps a penalty
// (negative weight) it had.
// The pictures returned run beside the choices.
func choicesFromRows(kind Kind, rows []FormOption, old *Item) ([]Choice, []FormPicture) {
	var out []Choice
	var pictures []FormPicture
	var weights []float64
	same := old != nil && old.Kind == kind
	ncorrect := 0
	for _, r := range rows {
		text, fb := strings.TrimSpace(r.Text), strings.TrimSpace(r.Feedback)
		if text == "" && fb == "" && !r.Correct && !r.Picture.Kept() {
			continue
		}
		w, err := strconv.ParseFloat(strings.TrimSpace(r.Weight), 64)
		if err != nil || math.IsNaN(w) || math.IsInf(w, 0) || w < -100 || w > 100 {
			w = 0
		}
		if r.Correct != (w > 0) {
			same = false
		}
		if r.Correct {
			ncorrect++
		}
		out = append(out, Choice{Text: text, Feedback: fb, Weight: boolWeight(r.Correct)})
		pictures = append(pictures, r.Picture)
		weights = append(weights, w)
	}
	for i := range out {
		switch {
		case out[i].Weight > 0 && kind == MultipleAnswer && same:
			out[i].Weight = weights[i]
		case out[i].Weight > 0 && kind == MultipleAnswer:
			out[i].Weight = 100 / float64(ncorrect)
		case out[i].Weight == 0:
			out[i].Weight = min(weights[i], 0)
		}
	}
	return out, pictures
}

func boolWeight(correct bool) float64 {
	if correct {
		return 100
	}
	return 0
}

// ParseNumberRow reads an accepted number: "1966" with an optional
// tolerance, or a range "1960..1970" (which takes none). A row's weight is
// kept (100 when new or unreadable). The message, when not empty, says
// what is wrong in words for the form.
func ParseNumberRow(row FormNumber) (NumericAnswer, string) {
	n := NumericAnswer{Weight: 100, Feedback: strings.TrimSpace(row.Feedback)}
	if w, err := strconv.ParseFloat(strings.TrimSpace(row.Weight), 64); err == nil && w >= -100 && w <= 100 {
		n.Weight = w
	}
	num := func(s string) (float64, bool) {
		x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		return x, err == nil && !math.IsNaN(x) && !math.IsInf(x, 0)
	}
	answer := strings.TrimSpace(row.Answer)
	if lo, hi, ok := strings.Cut(answer, ".."); ok {
		var okLo, okHi bool
		n.Min, okLo = num(lo)
		n.Max, okHi = num(hi)
		if !okLo || !okHi {
			return n, fmt.Sprintf("%q is not a range; write it like 1960..1970.", answer)
		}
		if n.Min > n.Max {
			return n, "a range must start with the smaller number."
		}
		if strings.TrimSpace(row.Tolerance) != "" {
			return n, "a range takes no tolerance."
		}
		n.IsRange, n.Value = true, n.Min+(n.Max-n.Min)/2
		return n, ""
	}
	var ok bool
	if n.Value, ok = num(answer); !ok {
		return n, fmt.Sprintf("%q is not a number; write numbers like 1966 or 2.5.", answer)
	}
	if t := strings.TrimSpace(row.Tolerance); t != "" {
		if n.Tolerance, ok = num(t); !ok || n.Tolerance < 0 {
			return n, fmt.Sprintf("the tolerance %q is not a number of zero or more.", t)
		}
	}
	return n, ""
}
