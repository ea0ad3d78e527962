package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func runEventsIn(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"events-in"}, args...), func(string) string { return "" },
		strings.NewReader(stdin), &out, &errOut)
	return out.String(), err
}

func TestEventsIn_JSONHasTheDocumentedShape(t *testing.T) {
	file := filepath.Join(t.TempDir(), "answer.txt")
	text := "After the war in 65 the Russians called Ayub and Shastri to Tashkent in January 1966."
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runEventsIn(t, "", "--json", file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string][]map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	var tashkent map[string]any
	for _, e := range doc["events"] {
		if len(e) != 3 {
			t.Errorf("event has keys %v, want id, title, phrases", e)
		}
		if e["id"] == "tashkent-declaration" {
			tashkent = e
		}
	}
	if tashkent == nil {
		t.Fatalf("Tashkent not found in %s", out)
	}
	if got, want := tashkent["phrases"], []any{"Tashkent", "January 1966"}; !reflect.DeepEqual(got, want) {
		t.Errorf("phrases %v, want %v", got, want)
	}
	if tashkent["title"] != "Tashkent Declaration" {
		t.Errorf("title %v", tashkent["title"])
	}
}

func TestEventsIn_ReadsStdinAndPrintsAList(t *testing.T) {
	out, err := runEventsIn(t, "the u2 affair of 1960 embarrassed pakistan", "-")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "U-2 spy plane shot down (u2-incident)") || !strings.Contains(out, `"u2 affair", "1960"`) {
		t.Errorf("list does not show the U-2 incident and its phrase:\n%s", out)
	}
	out, err = runEventsIn(t, "Ayub Khan was a great leader.", "--json", "-")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(out) != "{\n  \"events\": []\n}" {
		t.Errorf("no mention should print an empty list, got %s", out)
	}
}

func TestEventsIn_RejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	long := filepath.Join(dir, "long.txt")
	if err := os.WriteFile(empty, []byte(" \n\t"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(long, []byte(strings.Repeat("ab ", 17000)), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")
	tests := []struct {
		name    string
		args    []string
		stdin   string
		usage   bool
		mention string
	}{
		{"no file", nil, "", true, "FILE"},
		{"two files", []string{empty, long}, "", true, "FILE"},
		{"missing file", []string{missing}, "", false, "missing.txt"},
		{"empty file", []string{empty}, "", true, "empty.txt is empty"},
		{"empty stdin", []string{"-"}, "", true, "standard input is empty"},
		{"too long", []string{long}, "", true, "too long"},
		{"not text", []string{"-"}, "\xff\xfe", true, "not UTF-8"},
		{"unknown flag", []string{"--xml", empty}, "", true, "xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runEventsIn(t, tt.stdin, tt.args...)
			if err == nil {
				t.Fatal("accepted")
			}
			if errors.Is(err, errUsage) != tt.usage {
				t.Errorf("errors.Is(err, errUsage) = %v, want %v (%v)", !tt.usage, tt.usage, err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
		})
	}
}
