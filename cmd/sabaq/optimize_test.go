package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A small review log: 150 cards, each reviewed 8 times at growing
// intervals, forgotten now and then.
func writeReviewLog(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("card_id,review_rating,review_time,review_duration\n")
	start := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	for c := range 150 {
		at := start.Add(time.Duration(c%40) * 24 * time.Hour)
		days := 1
		for i := range 8 {
			rating := 3
			if (c*7+i*3)%5 == 0 {
				rating = 1
			}
			fmt.Fprintf(&b, "%d,%d,%s,5000\n", c, rating, at.Format(time.RFC3339))
			at = at.Add(time.Duration(days) * 24 * time.Hour)
			days = days*2 + i%2
		}
	}
	path := filepath.Join(t.TempDir(), "log.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOptimize_PrintsTheFitAndItsOutOfSampleFigures(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"optimize", "-steps", "5", writeReviewLog(t)}, func(string) string { return "" }, nil, &out, &errOut); err != nil {
		t.Fatalf("optimize: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"scored on the rest", "in sample", "5-fold time-series split", "defaults  log loss", "fitted    log loss",
		"weights fitted to the whole log", "held-out reviews"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %q:\n%s", want, out.String())
		}
	}
	if got := strings.Count(strings.SplitAfter(out.String(), "whole log:\n")[1], ","); got != 20 {
		t.Errorf("%d commas in the weights line; want 21 weights", got)
	}
}

func TestOptimize_BadInputIsAUsageErrorOrNamesTheLine(t *testing.T) {
	env := func(string) string { return "" }
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"optimize"}, env, nil, &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("no file: %v; want a usage error", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("card_id,review_rating,review_time,review_duration\n1,3,2024-03-01T09:00:00Z,100\n1,9,2024-03-02T09:00:00Z,100\n"), 0o600)
	err := run(context.Background(), []string{"optimize", bad}, env, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("a bad rating on line 3: %v; want an error naming line 3", err)
	}
}
