package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyLog is a review log too small to fit weights to.
func tinyLog(t *testing.T) string {
	t.Helper()
	log := "card_id,review_rating,review_time,review_duration\n" +
		"1,3,2024-03-01T09:00:00Z,5000\n1,3,2024-03-03T09:00:00Z,5000\n2,1,2024-03-01T09:05:00Z,5000\n2,3,2024-03-02T09:05:00Z,5000\n"
	name := filepath.Join(t.TempDir(), "tiny.csv")
	if err := os.WriteFile(name, []byte(log), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestEvalScheduler_PrintsTheHeldOutRows(t *testing.T) {
	var out, errs bytes.Buffer
	if err := evalScheduler([]string{writeReviewLog(t)}, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	for _, want := range []string{"log loss", "held out: the newest 20% of the reviews by time", "FSRS-6 defaults", "FSRS-6 fitted to the older reviews", "as the server would schedule"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := evalScheduler([]string{"-fit=false", writeReviewLog(t)}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "held out") {
		t.Errorf("-fit=false still fits:\n%s", out.String())
	}
	out.Reset()
	if err := evalScheduler([]string{tinyLog(t)}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "fitted weights: none") {
		t.Errorf("a log too small to fit:\n%s", out.String())
	}
}

func TestSimulate_PrintsEveryModeForBothLearners(t *testing.T) {
	var out, errs bytes.Buffer
	err := simulate([]string{"-learners", "2", "-cards", "30", "-exam-day", "8", "-new-per-day", "5", "-retentions", "0.85,0.9"}, &out, &errs)
	if err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	s := out.String()
	for _, want := range []string{"remember by FSRS-6", "remember by a power law", "recall per review"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	for _, mode := range []string{"plain", "exam", "exam-optimal"} {
		n := 0
		for _, line := range strings.Split(s, "\n") {
			if f := strings.Fields(line); len(f) > 1 && f[1] == mode {
				n++
			}
		}
		if n != 4 {
			t.Errorf("%q in %d rows; want 4 (2 retentions, 2 kinds of learner):\n%s", mode, n, s)
		}
	}
	if err := simulate([]string{"-memory", "nonsense"}, &out, &errs); err == nil {
		t.Errorf("-memory nonsense accepted")
	}
}
