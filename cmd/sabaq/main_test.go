package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"
)

func TestQuestionsJSON_HasTheDocumentedShape(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"questions", "--json"}, func(string) string { return "" }, &out, &errOut); err != nil {
		t.Fatalf("run: %v (%s)", err, errOut.String())
	}
	var doc struct {
		Events []struct {
			ID, Date, Era, Title, Summary, Tone string
			Year                                int
			Actors, Themes                      []string
			Sources                             []struct{ Doc, Quote string }
			Disputes                            []struct {
				Note    string
				Sources []string
			}
		}
		Questions []struct {
			ID, Kind, Prompt, Explanation string
			Options, Answer               []string
			EventIDs                      []string `json:"event_ids"`
		}
	}
	dec := json.NewDecoder(&out)
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Events) < 50 || len(doc.Questions) < 350 {
		t.Fatalf("%d events and %d questions; want at least 50 and 350", len(doc.Events), len(doc.Questions))
	}
	kinds := map[string]bool{}
	disputes := 0
	for _, q := range doc.Questions {
		kinds[q.Kind] = true
		if q.ID == "" || q.Prompt == "" || len(q.Answer) == 0 || len(q.EventIDs) == 0 || q.Explanation == "" {
			t.Fatalf("question missing a field: %+v", q)
		}
	}
	for _, e := range doc.Events {
		if e.ID == "" || e.Year < 1947 || e.Date[:4] == "" || e.Era == "" || len(e.Actors) == 0 || len(e.Sources) == 0 || e.Sources[0].Quote == "" {
			t.Fatalf("event missing a field: %+v", e)
		}
		disputes += len(e.Disputes)
	}
	if len(kinds) < 8 {
		t.Errorf("%d kinds; want at least 8", len(kinds))
	}
	if disputes == 0 {
		t.Error("no disputes in the output")
	}
}

func TestRun_UnknownCommandIsAUsageError(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, &out, &errOut)
	if !errors.Is(err, errUsage) || !bytes.Contains(errOut.Bytes(), []byte("Usage:")) {
		t.Fatalf("err = %v, stderr %q; want a usage error with the usage text", err, errOut.String())
	}
}
