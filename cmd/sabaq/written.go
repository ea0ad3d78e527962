package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"sabaq/questions"
	"sabaq/questions/written"
)

// writtenCmd prints the bank of written questions (describe, explain why,
// evaluate and essays) with their mark schemes, as JSON or for reading.
func writtenCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("written", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, `print {"questions": [...]} as JSON`)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: written takes no arguments, got %q", errUsage, fs.Args())
	}
	tl, err := questions.Load()
	if err != nil {
		return err
	}
	bank, err := written.Load(tl)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(bank)
	}
	return writeWritten(stdout, tl, bank)
}

// writeWritten lists the bank for a person to read: counts by kind and era,
// then each question with its levels (and their exemplars), points (and the
// events they cite) and outline.
func writeWritten(w io.Writer, tl *questions.Timeline, bank *written.Bank) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d written questions (an essay counts in each era it spans)\n", len(bank.Questions))
	fmt.Fprintf(&b, "  %-12s", "")
	for _, k := range written.Kinds {
		fmt.Fprintf(&b, " %9s", k)
	}
	b.WriteString("\n")
	for _, era := range questions.Eras {
		fmt.Fprintf(&b, "  %-12s", era.ID)
		for _, k := range written.Kinds {
			n := 0
			for _, q := range bank.ByEra(era.ID) {
				if q.Kind == k {
					n++
				}
			}
			fmt.Fprintf(&b, " %9d", n)
		}
		fmt.Fprintf(&b, "   %s (%s)\n", era.Name, era.Span)
	}
	fmt.Fprintf(&b, "  %-12s", "all")
	for _, k := range written.Kinds {
		fmt.Fprintf(&b, " %9d", len(bank.ByKind(k)))
	}
	b.WriteString("\n")
	for _, q := range bank.Questions {
		fmt.Fprintf(&b, "\n== %s  [%s, %d marks; %s]\n%s\n", q.ID, q.Kind, q.Marks, strings.Join(q.Eras, ", "), q.Prompt)
		for _, l := range q.Levels {
			fmt.Fprintf(&b, "  Level %d (%d–%d): %s\n      exemplar: %s\n", l.Level, l.Min, l.Max, l.Descriptor, l.Exemplar)
		}
		b.WriteString("  Indicative points:\n")
		for _, p := range q.Points {
			side := ""
			if p.Side != "" {
				side = "[" + string(p.Side) + "] "
			}
			var evs []string
			for _, id := range p.Events {
				e, _ := tl.Event(id)
				evs = append(evs, fmt.Sprintf("%s (%s)", id, e.Date))
			}
			fmt.Fprintf(&b, "  - %s%s\n      events: %s\n", side, p.Text, strings.Join(evs, "; "))
		}
		b.WriteString("  Outline:\n")
		for i, s := range q.Outline {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, s)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
