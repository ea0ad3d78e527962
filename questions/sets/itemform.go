package sets

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ItemForm is an item as the teacher's item form holds it: every field as
// typed, so that a form with errors can be shown again unchanged. Item reads
// it into an Item; FormOf fills it from one.
type ItemForm struct {
	Kind, Title, Prompt, Format string
	Explanation, EventID        string
	Category                    string
	Tags                        string // comma-separated
	Options                     []FormOption
	Truth                       string // "true" or "false"
	FeedbackTrue, FeedbackFalse string
	Accepted                    string // one accepted answer a line
	Numbers                     []FormNumber
	Pairs                       []Pair
	Sequence                    string // one entry a line, in order
}

// FormOption is one option row of a choice question.
type FormOption struct {
	Text     string
	Correct  bool
	Feedback string
	Weight   string // the weight it had (e.g. -50 from an import), kept while it fits
}

// FormNumber is one accepted-number row: "1966" with an optional
// tolerance, or a range "1960..1970".
type FormNumber struct {
	Answer, Tolerance, Feedback string
	Weight                      string // 100, or a part mark kept from an import
}

// FormOf fills the form from it; a range is written back as "1960..1970".
func FormOf(it Item) ItemForm {
	f := ItemForm{Kind: string(it.Kind), Title: it.Title, Prompt: it.Prompt, Format: string(it.Format),
		Explanation: it.Explanation, EventID: it.EventID, Category: it.Category, Tags: strings.Join(it.Tags, ", "),
		Truth: strconv.FormatBool(it.Truth), FeedbackTrue: it.FeedbackTrue, FeedbackFalse: it.FeedbackFalse,
		Accepted: strings.Join(it.Accepted, "\n"), Sequence: strings.Join(it.Sequence, "\n")}
	if f.Format == "" {
		f.Format = string(Plain)
	}
	for _, ch := range it.Choices {
		f.Options = append(f.Options, FormOption{Text: ch.Text, Correct: ch.Correct(), Feedback: ch.Feedback, Weight: formatNumber(ch.Weight)})
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
// that is not one) and those of Validate. old is the item being edited
// (nil for a new one), whose option weights are kept while the same options
// stay correct. Empty rows are skipped.
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
	switch it.Kind {
	case MultipleChoice, MultipleAnswer:
		it.Choices = choicesFromRows(it.Kind, f.Options, old)
	case TrueFalse:
		switch f.Truth {
		case "true", "false":
			it.Truth = f.Truth == "true"
		default:
			bad("truth", "Say whether the statement is true or false.")
		}
		it.FeedbackTrue, it.FeedbackFalse = strings.TrimSpace(f.FeedbackTrue), strings.TrimSpace(f.FeedbackFalse)
	case ShortAnswer, Cloze:
		it.Accepted = formLines(f.Accepted)
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
	it.KeepAnswerNotes(old) // weights and feedback the form does not show
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

// choicesFromRows turns option rows into choices, skipping empty rows.
// A multiple-choice item's correct option gets 100; a multiple-answer
// item's correct options share 100, unless the same options as before are
// correct, when their imported weights are kept (a teacher who only fixed a
// typo keeps Moodle's 30/70 split). A wrong option keeps a penalty
// (negative weight) it had.
func choicesFromRows(kind Kind, rows []FormOption, old *Item) []Choice {
	var out []Choice
	var weights []float64
	same := old != nil && old.Kind == kind
	ncorrect := 0
	for _, r := range rows {
		text, fb := strings.TrimSpace(r.Text), strings.TrimSpace(r.Feedback)
		if text == "" && fb == "" && !r.Correct {
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
	return out
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
