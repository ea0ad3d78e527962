// Package formats reads and writes teacher question sets in outside formats
// (Moodle GIFT and XML, Aiken, plain text, Anki, CSV). Every parser returns
// a Result: the items it understood, the problems that stop the import, and
// the questions of kinds Sabaq does not support, each by line.
package formats

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"sabaq/questions/media"
	"sabaq/questions/richtext"
	"sabaq/questions/sets"
)

// Limits of one import (from the issue): 5 MB and 5,000 questions.
const (
	MaxBytes = 5 << 20
	MaxItems = 5000
)

// ErrTooLarge is returned by every parser when the file is over MaxBytes.
var ErrTooLarge = errors.New("file is larger than 5 MB")

// UnsupportedError is a writer's refusal of an item its format cannot hold:
// the export page shows Reason as why the item is left out.
type UnsupportedError struct {
	Index  int       // 0-based, in the items given to the writer
	Name   string    // the item's Name, for the teacher to find it
	Kind   sets.Kind // the item's kind
	Format string    // the format's name, e.g. "GIFT"
	Reason string    // the rest of the sentence after the question, e.g. "is a matching question"
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("formats: question %d (%s) %s", e.Index+1, e.Name, e.Reason)
}

// unsupported is the UnsupportedError for items[i] in the format named.
func unsupported(i int, it sets.Item, format, reason string) error {
	return &UnsupportedError{Index: i, Name: Name(it), Kind: it.Kind, Format: format, Reason: reason}
}

// Problem is something wrong with one question of an import, by line.
type Problem struct {
	Line     int    // 1-based line where the question starts (or the bad line)
	Question string // the question's title or first words, for the teacher to find it
	Message  string // what is wrong, in words a teacher can act on
}

// String formats the problem as "line 12 (Cold War pacts): ...".
func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d", p.Line)
	}
	if p.Question != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "(%s)", p.Question)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Result is a parsed import: the questions, the errors that stop it, and the
// questions of kinds Sabaq does not support, skipped only if the teacher confirms.
type Result struct {
	Items []sets.Item
	// Written are the written questions read (Moodle XML essays: essay.go),
	// beside the items.
	Written     []WrittenQuestion
	Errors      []Problem
	Unsupported []Problem
	// NotKept names, per question, the parts of its HTML or markdown that
	// Sabaq will not show (a script, a picture from elsewhere): imported
	// anyway, but the teacher is told before confirming.
	NotKept []Problem
	// ToCheck names, per question, what the import filled in for the
	// teacher to check after it: a picture's alt text made from its file
	// name.
	ToCheck []Problem
	// Files are the pictures the file carried (Moodle XML's embedded
	// files, an .apkg's media), by the name its questions' HTML gives them;
	// a parser sets them before finish.
	Files map[string][]byte
	// Media are the pictures kept, once each, for the store: finish points
	// the items' pictures at them.
	Media []media.File
}

// Counts reports how many items of each kind, for the preview.
func (r Result) Counts() map[sets.Kind]int {
	n := make(map[sets.Kind]int)
	for _, it := range r.Items {
		n[it.Kind]++
	}
	return n
}

// readAll reads at most MaxBytes (+1 to detect overflow) and returns
// ErrTooLarge ("file is larger than 5 MB") when over; used by every parser.
func readAll(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("formats: reading the file: %w", err)
	}
	if len(b) > MaxBytes {
		return nil, ErrTooLarge
	}
	return b, nil
}

// validate appends a Problem for each distinct field error of it (at most
// maxItemProblems), named by its title or first words and its line; it
// reports whether it is valid.
func (r *Result) validate(it sets.Item) bool {
	if n := max(len(it.Choices), len(it.Pairs), len(it.Sequence)); n > sets.MaxOptions {
		// Checked first so a runaway list costs one problem, not one per entry.
		r.Errors = append(r.Errors, Problem{Line: it.Line, Question: Name(it),
			Message: fmt.Sprintf("give at most %d options (this has %d)", sets.MaxOptions, n)})
		return false
	}
	errs := it.Validate()
	seen := make(map[string]bool)
	for _, e := range errs {
		if seen[e.Message] || len(seen) == maxItemProblems {
			continue
		}
		seen[e.Message] = true
		r.Errors = append(r.Errors, Problem{Line: it.Line, Question: Name(it), Message: e.Message})
	}
	return len(errs) == 0
}

// maxItemProblems is how many problems one question can add.
const maxItemProblems = 5

// add validates it and keeps it if valid.
func (r *Result) add(it sets.Item) {
	if r.validate(it) {
		r.Items = append(r.Items, it)
	}
}

// finish enforces MaxItems (one error problem at the first question over
// the limit) and sorts the problems by line. Every parser calls it last.
func (r *Result) finish() {
	if len(r.Items) > MaxItems {
		over := r.Items[MaxItems]
		r.Errors = append(r.Errors, Problem{Line: over.Line, Question: Name(over),
			Message: fmt.Sprintf("the file has more than %d questions; split it into smaller files", MaxItems)})
		r.Items = r.Items[:MaxItems]
	}
	lostMedia := r.attachMedia()
	for i, it := range r.Items {
		if lost := append(lostMedia[i], notKept(it)...); len(lost) > 0 {
			r.NotKept = append(r.NotKept, Problem{Line: it.Line, Question: Name(it), Message: "not kept: " + strings.Join(lost, "; ")})
		}
	}
	sort.SliceStable(r.Errors, func(i, j int) bool { return r.Errors[i].Line < r.Errors[j].Line })
	sort.SliceStable(r.Unsupported, func(i, j int) bool { return r.Unsupported[i].Line < r.Unsupported[j].Line })
	r.NotKept = mergeByQuestion(r.NotKept)
}

// mergeByQuestion sorts ps by line and makes the problems of one question
// one ("not kept: a; b"), so that a parser's own notes and finish's read as
// one line per question.
func mergeByQuestion(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	var out []Problem
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].Line == p.Line && out[n-1].Question == p.Question {
			out[n-1].Message += "; " + strings.TrimPrefix(p.Message, "not kept: ")
			continue
		}
		out = append(out, p)
	}
	return out
}

// Name is how a problem names an item: its title, else its first words.
func Name(it sets.Item) string {
	if t := strings.TrimSpace(it.Title); t != "" {
		return t
	}
	return firstWords(it.Prompt)
}

// firstWords shortens s to its first few words, for naming a question.
func firstWords(s string) string {
	f := strings.Fields(s)
	const n = 6
	if len(f) > n {
		return strings.Join(f[:n], " ") + "…"
	}
	return strings.Join(f, " ")
}

// notKept lists, once each, what the rich-text policy drops from an item.
func notKept(it sets.Item) []string {
	if it.Format != sets.HTML && it.Format != sets.Markdown {
		return nil
	}
	var out []string
	for _, t := range it.RichTexts() {
		for _, d := range richtext.DroppedFrom(t, string(it.Format)) {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out
}
