package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"sabaq/db"
	"sabaq/questions"
)

func TestQuestionsJSON_HasTheDocumentedShape(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"questions", "--json"}, func(string) string { return "" }, nil, &out, &errOut); err != nil {
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
	err := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, nil, &out, &errOut)
	if !errors.Is(err, errUsage) || !bytes.Contains(errOut.Bytes(), []byte("Usage:")) {
		t.Fatalf("err = %v, stderr %q; want a usage error with the usage text", err, errOut.String())
	}
}

func TestUserAdd_MakesATeacherFromStdin(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "s.db")
	env := func(k string) string {
		if k == "SABAQ_DB" {
			return dbPath
		}
		return ""
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"user", "add", "--role", "teacher", "--password-stdin", "ms.khan"}, env,
		strings.NewReader("correct horse battery\n"), &out, &errOut)
	if err != nil || !strings.Contains(out.String(), "made teacher ms.khan") {
		t.Fatalf("err %v, out %q, stderr %q", err, out.String(), errOut.String())
	}
	// The same name again is refused, and a short password too.
	if err := run(context.Background(), []string{"user", "add", "--password-stdin", "MS.KHAN"}, env,
		strings.NewReader("another password\n"), &out, &errOut); err == nil || !strings.Contains(err.Error(), "taken") {
		t.Errorf("duplicate username: err %v; want 'taken'", err)
	}
	if err := run(context.Background(), []string{"user", "add", "--password-stdin", "ali"}, env,
		strings.NewReader("short\n"), &out, &errOut); err == nil || !strings.Contains(err.Error(), "8 characters") {
		t.Errorf("short password: err %v; want a length message", err)
	}
	store, err := db.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	acc, hash, err := store.AccountByUsername(context.Background(), "ms.khan")
	if err != nil || acc.Role != questions.Teacher || !questions.CheckPassword(hash, "correct horse battery") {
		t.Fatalf("stored account %+v, err %v; want a teacher with that password", acc, err)
	}
	// A teacher made from the shell is an admin, who may hide the timeline's questions.
	if admin, err := store.AccountAdmin(context.Background(), acc.ID); err != nil || !admin {
		t.Errorf("ms.khan admin = %v, %v; a teacher made from the shell is an admin", admin, err)
	}
}
