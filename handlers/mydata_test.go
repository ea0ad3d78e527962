package handlers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sabaq/questions"
)

func TestMyData_ExportHoldsEverythingAndDeleteRemovesIt(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	card, _ := currentCard(t, c)
	c.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"3"}, "version": {"0"}})
	path := startSession(t, c, url.Values{"length": {"1"}, "kind": {"tone"}})
	page := c.get(path)
	q := question(t, h, page)
	c.post(path, path, answerForm(page, q, q.Answer))
	signup(t, c, "hina", "a long password")

	res := c.get("/data/export")
	if res.status != 200 || res.header.Get("Content-Disposition") == "" {
		t.Fatalf("export: %d %q", res.status, res.header.Get("Content-Disposition"))
	}
	var d struct {
		Account  map[string]any   `json:"account"`
		Attempts []map[string]any `json:"attempts"`
		Cards    []map[string]any `json:"cards"`
		Reviews  []map[string]any `json:"reviews"`
	}
	if err := json.Unmarshal([]byte(res.body), &d); err != nil {
		t.Fatal(err)
	}
	// The practice answer counts toward revision: a review too, and a card
	// unless it was the card already reviewed.
	cards := 2
	if question2(t, h, card).ID == q.ID {
		cards = 1
	}
	if d.Account["username"] != "hina" || len(d.Attempts) != 1 || len(d.Cards) != cards || len(d.Reviews) != 2 {
		t.Fatalf("export = account %v, %d attempts, %d cards, %d reviews; want hina, 1, %d, 2", d.Account, len(d.Attempts), len(d.Cards), len(d.Reviews), cards)
	}
	if _, leaks := d.Account["password_hash"]; leaks {
		t.Error("the export includes the password hash")
	}

	// A wrong password deletes nothing.
	if res := c.post("/data", "/data/delete", url.Values{"confirm": {"yes"}, "password": {"wrong"}}); res.status != http.StatusBadRequest {
		t.Fatalf("delete with a wrong password: %d; want 400", res.status)
	}
	if res := c.post("/data", "/data/delete", url.Values{"confirm": {"yes"}, "password": {"a long password"}}); res.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.status)
	}
	ctx := context.Background()
	if _, _, err := h.store.AccountByUsername(ctx, "hina"); questions.ErrorCode(err) != questions.ENOTFOUND {
		t.Errorf("the account survived deletion: %v", err)
	}
	if atts, _ := h.store.LearnerAttempts(ctx, 1); len(atts) != 0 {
		t.Errorf("%d attempts survived deletion", len(atts))
	}
	if logs := h.reviewLogs(t, 1); len(logs) != 0 {
		t.Errorf("%d reviews survived deletion", len(logs))
	}
	if res := login(t, h.client(), "hina", "a long password"); res.status != http.StatusUnauthorized {
		t.Errorf("log-in after deletion: %d; want 401", res.status)
	}
}

func TestFullDisk_GivesAClearPageAndWritesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	card, _ := currentCard(t, c)
	ctx := context.Background()
	pages, err := h.store.PageCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.LimitPages(ctx, pages); err != nil {
		t.Fatal(err)
	}
	// Fill the last free pages, then try to grade.
	var res response
	for range 50 {
		res = c.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"3"}, "version": {"0"}})
		if res.status != http.StatusSeeOther {
			break
		}
		card, _ = currentCard(t, c)
	}
	if res.status != http.StatusServiceUnavailable {
		t.Fatalf("grading on a full disk: %d; want 503", res.status)
	}
	if msg := res.doc.Find(`[data-testid="error-message"]`).Text(); msg == "" || !containsAll(msg, "disk", "Nothing") {
		t.Errorf("message %q; want one that says the disk is full and nothing was saved", msg)
	}
	if ok, err := h.store.IntegrityCheck(ctx); err != nil || ok != "ok" {
		t.Errorf("integrity after a full disk: %q %v", ok, err)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}
