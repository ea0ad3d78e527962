package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sabaq/db"
	"sabaq/questions"
)

// A class past the raw count whose students have only first reviews (none
// on a later day) is tried once, refused with the reason logged, and not
// tried again until its reviews change; its students stay on the defaults.
func TestRefit_RefusesAClassWithoutSpacedReviewsOnce(t *testing.T) {
	ctx := context.Background()
	store, err := db.Open(ctx, filepath.Join(t.TempDir(), "fit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var qs []db.SeedQuestion
	for i := range 300 {
		qs = append(qs, db.SeedQuestion{ID: fmt.Sprintf("q%03d", i), EventID: fmt.Sprintf("e%03d", i/3)})
	}
	sc, err := store.SeedClass(ctx, db.ClassSeedOptions{Students: 11, CardsEach: 300, Questions: qs, Now: time.Now(),
		Rand: rand.New(rand.NewPCG(1, 2))})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	if applied, refused := refit(ctx, store, logger); applied != 0 || refused != 1 {
		t.Fatalf("first pass: %d applied, %d refused; want the class refused (log: %s)", applied, refused, logs.String())
	}
	if !strings.Contains(logs.String(), "fitted weights refused") || !strings.Contains(logs.String(), "fewer than the 3000 needed") {
		t.Errorf("log does not say why: %s", logs.String())
	}
	if applied, refused := refit(ctx, store, logger); applied+refused != 0 {
		t.Errorf("second pass with the same reviews: %d applied, %d refused; want nothing tried", applied, refused)
	}
	rs, err := store.ReviewSettings(ctx, sc.Students[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if rs.Model.Fitted() || rs.Model.Scope != questions.FitScope("") {
		t.Errorf("a student of the refused class is scheduled with %+v; want the defaults", rs.Model)
	}
}
