package questions

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteReview prints questions for a person to read against the sources:
// each question with its options (the keyed ones marked), its feedback, and
// the events it draws on with their roles, quotes, record notes and
// disputes. `sabaq questions --review` uses it; reading the bank this way
// finds the classes of defect that tests over the whole bank then pin.
func WriteReview(w io.Writer, t *Timeline, qs []Question) error {
	var b strings.Builder
	for i, q := range qs {
		fmt.Fprintf(&b, "── %d/%d  %s\n", i+1, len(qs), q.ID)
		fmt.Fprintf(&b, "Q: %s\n", q.Prompt)
		for _, o := range q.Options {
			mark := "   "
			if slices.Contains(q.Answer, o) {
				mark = " ✓ "
			}
			fmt.Fprintf(&b, "  %s%s\n", mark, o)
		}
		if q.Kind.Format() == FormatTyped || q.Kind.Format() == FormatOrder {
			fmt.Fprintf(&b, "  answer: %s\n", strings.Join(q.Answer, " | "))
		}
		fmt.Fprintf(&b, "  feedback: %s\n", q.Explanation)
		for _, s := range q.Sources {
			fmt.Fprintf(&b, "  shown quote (%s): “%s”\n", Documents[s.Doc], s.Quote)
		}
		for _, id := range q.EventIDs {
			e, ok := t.Event(id)
			if !ok {
				continue
			}
			fmt.Fprintf(&b, "  event %s [%s, %s, tone %s]: %s\n    %s\n", e.ID, e.Date, e.Era, e.Tone, e.Title, e.Summary)
			for _, a := range e.Actors {
				name := a
				if x, ok := t.Actor(a); ok {
					name = x.Name
				}
				fmt.Fprintf(&b, "    role: %s — %s\n", name, e.Roles[a])
			}
			for k, v := range sortedMap(e.Record) {
				fmt.Fprintf(&b, "    record[%s]: %s\n", k, v)
			}
			for _, d := range e.Disputes {
				fmt.Fprintf(&b, "    dispute (%s): %s\n", d.Aspect, d.Note)
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sortedMap yields a map's entries in key order.
func sortedMap(m map[string]string) func(func(string, string) bool) {
	return func(yield func(string, string) bool) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}
