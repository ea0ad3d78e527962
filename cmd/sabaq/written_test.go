package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestWrittenJSON_HasTheDocumentedShape(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"written", "--json"}, func(string) string { return "" }, nil, &out, &errOut); err != nil {
		t.Fatalf("run: %v (%s)", err, errOut.String())
	}
	var doc struct {
		Questions []struct {
			ID, Kind, Prompt string
			Eras             []string
			Marks            int
			Levels           []struct {
				Level, Min, Max      int
				Descriptor, Exemplar string
			}
			Points []struct {
				ID, Text, Side string
				Events         []string
			}
			Outline []string
		}
	}
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Questions); n < 40 {
		t.Fatalf("%d questions, want at least 40", n)
	}
	kinds := map[string]int{}
	for _, q := range doc.Questions {
		kinds[q.Kind]++
		if q.ID == "" || q.Prompt == "" || q.Marks == 0 || len(q.Eras) == 0 || len(q.Levels) == 0 || len(q.Points) == 0 || len(q.Outline) == 0 {
			t.Errorf("question %q is missing a field: %+v", q.ID, q)
		}
		for _, l := range q.Levels {
			if l.Exemplar == "" {
				t.Errorf("%s level %d: no exemplar in the JSON", q.ID, l.Level)
			}
		}
		if top := q.Levels[len(q.Levels)-1].Max; top != q.Marks {
			t.Errorf("%s: top level ends at %d, marks %d", q.ID, top, q.Marks)
		}
		for _, p := range q.Points {
			if len(p.Events) == 0 {
				t.Errorf("%s point %s: no events", q.ID, p.ID)
			}
		}
	}
	for _, k := range []string{"describe", "explain", "evaluate", "essay"} {
		if kinds[k] == 0 {
			t.Errorf("no %s questions in the JSON", k)
		}
	}
	if kinds["essay"] < 5 {
		t.Errorf("%d essays, want at least 5", kinds["essay"])
	}
}

func TestWritten_ListsEveryQuestionForReading(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"written"}, func(string) string { return "" }, nil, &out, &errOut); err != nil {
		t.Fatalf("run: %v (%s)", err, errOut.String())
	}
	s := out.String()
	for _, want := range []string{"written questions", "essay-shifts-1947-1991", "Critically analyse", "Level 1 (1–", "[for]", "[against]", "events: "} {
		if !strings.Contains(s, want) {
			t.Errorf("listing lacks %q", want)
		}
	}
}
