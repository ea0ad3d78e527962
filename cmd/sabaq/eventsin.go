package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"sabaq/questions"
	"sabaq/questions/mentions"
)

// maxEventsInChars is the longest text events-in reads: a long essay, not
// a book.
const maxEventsInChars = 50000

// eventsIn prints the timeline events a piece of writing mentions, with
// the phrases that show each.
func eventsIn(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("events-in", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, `print {"events": [{"id": ..., "title": ..., "phrases": [...]}]} as JSON`)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: sabaq events-in [--json] FILE (FILE - reads standard input)", errUsage)
	}
	name := fs.Arg(0)
	var r io.Reader = stdin
	if name == "-" {
		name = "standard input"
		if stdin == nil {
			return fmt.Errorf("%w: events-in: no standard input", errUsage)
		}
	} else {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("events-in: %w", err)
		}
		defer f.Close()
		r = f
	}
	// Read one byte past the limit in bytes; the limit itself is in
	// characters, checked below.
	b, err := io.ReadAll(io.LimitReader(r, 4*maxEventsInChars+1))
	if err != nil {
		return fmt.Errorf("events-in: reading %s: %w", name, err)
	}
	if !utf8.Valid(b) {
		return fmt.Errorf("%w: events-in: %s is not UTF-8 text", errUsage, name)
	}
	text := string(b)
	if n := utf8.RuneCountInString(text); n > maxEventsInChars {
		return fmt.Errorf("%w: events-in: %s is too long (over %d characters)", errUsage, name, maxEventsInChars)
	}
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("%w: events-in: %s is empty", errUsage, name)
	}
	tl, err := questions.Load()
	if err != nil {
		return err
	}
	found := mentions.New(tl).Find(text)
	if *asJSON {
		type jsonMention struct {
			ID      string   `json:"id"`
			Title   string   `json:"title"`
			Phrases []string `json:"phrases"`
		}
		out := struct {
			Events []jsonMention `json:"events"`
		}{Events: []jsonMention{}}
		for _, m := range found {
			out.Events = append(out.Events, jsonMention{ID: m.EventID, Title: m.Title, Phrases: m.Phrases})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(found) == 0 {
		fmt.Fprintln(stdout, "No timeline events mentioned.")
		return nil
	}
	for _, m := range found {
		e, _ := tl.Event(m.EventID)
		fmt.Fprintf(stdout, "%s  %s (%s)\n    from: %s\n", e.Date.Human(), m.Title, m.EventID, quoteAll(m.Phrases))
	}
	return nil
}

// quoteAll writes phrases as "a", "b".
func quoteAll(ps []string) string {
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = fmt.Sprintf("%q", p)
	}
	return strings.Join(q, ", ")
}
