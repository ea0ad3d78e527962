package formats

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sabaq/questions/sets"
)

// Helpers for the tests of the Aiken, text, Anki text and CSV formats
// (prefixed tx, so as not to clash with the other formats' tests).

// txOpen opens a file under testdata.
func txOpen(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// txNoLines copies items with Line cleared, for comparing round trips.
func txNoLines(items []sets.Item) []sets.Item {
	out := make([]sets.Item, len(items))
	for i, it := range items {
		it.Line = 0
		out[i] = it
	}
	return out
}

// txSame reports, item by item, where got differs from want.
func txSame(t *testing.T, got, want []sets.Item) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d items, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("item %d:\n got %+v\nwant %+v", i+1, got[i], want[i])
		}
	}
}

// txProblemsAt lists problems as "line: message" for failure output.
func txProblemsAt(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\n  %s", p)
	}
	return b.String()
}

// txWantProblems checks the problems' lines and that each message holds a phrase.
func txWantProblems(t *testing.T, what string, got []Problem, want []Problem) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d problems, want %d:%s", what, len(got), len(want), txProblemsAt(got))
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.Line || !strings.Contains(g.Message, w.Message) || (w.Question != "" && g.Question != w.Question) {
			t.Errorf("%s %d: got %s\nwant line %d (%s) containing %q", what, i+1, g, w.Line, w.Question, w.Message)
		}
	}
}

func txMC(prompt string, correct int, options ...string) sets.Item {
	it := sets.Item{Kind: sets.MultipleChoice, Prompt: prompt, Format: sets.Plain}
	for i, o := range options {
		c := sets.Choice{Text: o}
		if i == correct {
			c.Weight = 100
		}
		it.Choices = append(it.Choices, c)
	}
	return it
}

func TestParseAiken_SampleGivesExactItems(t *testing.T) {
	res, err := ParseAiken(txOpen(t, "aiken/pakistan_soviet.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors)+len(res.Unsupported) > 0 {
		t.Fatalf("unexpected problems:%s%s", txProblemsAt(res.Errors), txProblemsAt(res.Unsupported))
	}
	want := []sets.Item{
		txMC("Which Soviet premier hosted the talks that led to the Tashkent Declaration?", 1,
			"Nikita Khrushchev", "Alexei Kosygin", "Leonid Brezhnev", "Mikhail Gorbachev"),
		txMC("In 1960 a U-2 spy plane shot down over the Soviet Union had taken off from\nan airbase near which Pakistani city?", 2,
			"Karachi", "Lahore", "Peshawar", "Quetta"),
		txMC("Which prime minister of Pakistan visited Washington in 1950 after an invitation to Moscow was left unanswered?", 0,
			"Liaquat Ali Khan", "Khawaja Nazimuddin", "Muhammad Ali Bogra"),
		txMC("A. Q. Khan aside, which industrial project in Karachi was built with Soviet help?", 0,
			"Pakistan Steel Mills", "Tarbela Dam", "Mangla Dam"),
	}
	for i, line := range []int{1, 8, 16, 22} {
		want[i].Line = line
	}
	txSame(t, res.Items, want)
	if got := res.Counts()[sets.MultipleChoice]; got != 4 {
		t.Errorf("Counts()[multiple-choice] = %d, want 4", got)
	}
}

func TestParseAiken_ErrorsNameTheLine(t *testing.T) {
	res, err := ParseAiken(txOpen(t, "aiken/errors.txt"))
	if err != nil {
		t.Fatal(err)
	}
	txWantProblems(t, "error", res.Errors, []Problem{
		{Line: 1, Question: "Which treaty did India and the…", Message: "ANSWER line"},
		{Line: 8, Question: "When did the last Soviet troops…", Message: "the answer E is not one of the options (A, B)"},
		{Line: 10, Question: "Who signed the Tashkent Declaration for…", Message: "at least two options"},
	})
	if len(res.Items) != 1 || res.Items[0].Line != 14 || res.Items[0].Choices[0].Weight != 100 {
		t.Errorf("items = %+v; want the Baghdad Pact question of line 14, answer A", res.Items)
	}
}

func TestParseAiken_Problems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Problem
	}{
		{"answer not a letter", "Q?\nA) x\nB) y\nANSWER: Tashkent\n", []Problem{{Line: 4, Message: "one option letter"}}},
		{"text after the options", "Q?\nA) x\nB) y\nNext question?\nA) p\nB) q\nANSWER: A\n", []Problem{{Line: 4, Message: "ANSWER line of this question missing"}}},
		{"repeated letter", "Q?\nA) x\nA) y\nANSWER: A\n", []Problem{{Line: 3, Message: "option A appears twice"}}},
		{"answer with no question", "ANSWER: B\n", []Problem{{Line: 1, Message: "no question"}}},
		{"missing answer at the end of the file", "Q?\nA) x\nB) y", []Problem{{Line: 1, Message: "ANSWER line"}}},
		{"duplicate option texts fail validation", "Q?\nA) Tashkent\nB) Tashkent\nANSWER: A\n", []Problem{{Line: 1, Message: "appears twice"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseAiken(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			txWantProblems(t, "error", res.Errors, tt.want)
			if len(res.Items) != 0 {
				t.Errorf("items = %+v; want none", res.Items)
			}
		})
	}
}

func TestParseAiken_TooManyQuestionsIsAnError(t *testing.T) {
	var b strings.Builder
	for i := range MaxItems + 2 {
		fmt.Fprintf(&b, "Question %d?\nA) yes\nB) no\nANSWER: A\n\n", i)
	}
	res, err := ParseAiken(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != MaxItems || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "more than") {
		t.Fatalf("got %d items and errors %s; want %d items and one limit error", len(res.Items), txProblemsAt(res.Errors), MaxItems)
	}
	if res.Errors[0].Line != MaxItems*5+1 {
		t.Errorf("limit error at line %d, want %d (the first question over)", res.Errors[0].Line, MaxItems*5+1)
	}
}

func TestParseAiken_OverFiveMegabytesIsAnError(t *testing.T) {
	_, err := ParseAiken(bytes.NewReader(make([]byte, MaxBytes+1)))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestAiken_RoundTrip(t *testing.T) {
	items := []sets.Item{
		txMC("Which Soviet premier hosted the Tashkent talks?", 1, "Khrushchev", "Kosygin", "Brezhnev"),
		txMC("The U-2 of 1960 flew from an airbase\nnear which city?", 0, "Peshawar", "Quetta"),
		txMC("Which 1955 pact did Pakistan join? (A) or B))", 1, "Warsaw Pact", "Baghdad Pact", "SEATO", "NATO"),
	}
	var buf bytes.Buffer
	if err := WriteAiken(&buf, items); err != nil {
		t.Fatal(err)
	}
	res, err := ParseAiken(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors reading back:%s\n%s", txProblemsAt(res.Errors), buf.String())
	}
	txSame(t, txNoLines(res.Items), items)
}

func TestWriteAiken_RefusesWhatAikenCannotHold(t *testing.T) {
	tf := sets.Item{Kind: sets.TrueFalse, Prompt: "Pakistan joined SEATO in 1954.", Truth: true}
	blank := txMC("First paragraph.\n\nSecond paragraph?", 0, "a", "b")
	optionLine := txMC("Which is right?\nB) this one", 0, "a", "b")
	twoRight := txMC("Which?", 0, "a", "b")
	twoRight.Choices[1].Weight = 100
	tests := []struct {
		name string
		item sets.Item
		want string
	}{
		{"true/false kind", tf, "(Pakistan joined SEATO in 1954.) is a true/false question"},
		{"blank line in the question", blank, "blank line"},
		{"question line read as an option", optionLine, "read as an option"},
		{"two correct options", twoRight, "more than one correct"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteAiken(&bytes.Buffer{}, []sets.Item{txMC("Fine?", 0, "a", "b"), tt.item})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "question 2") {
				t.Fatalf("err = %v; want it to name question 2 and say %q", err, tt.want)
			}
		})
	}
}

func FuzzParseAiken(f *testing.F) {
	for _, name := range []string{"aiken/pakistan_soviet.txt", "aiken/errors.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := ParseAiken(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range res.Items {
			if errs := it.Validate(); len(errs) > 0 || it.Line < 1 {
				t.Fatalf("item %+v: line %d, invalid: %v", it, it.Line, errs)
			}
		}
		var out bytes.Buffer
		if err := WriteAiken(&out, res.Items); err == nil {
			back, _ := ParseAiken(&out)
			if len(back.Items) != len(res.Items) {
				t.Fatalf("wrote %d items, read back %d:\n%s", len(res.Items), len(back.Items), out.String())
			}
		}
	})
}
