package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeLog writes a review log of cards reviewed on days 0, 2, 7 and 20,
// every third forgotten on day 7.
func writeLog(t *testing.T, cards int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("card_id,review_rating,review_time,review_duration\n")
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for c := range cards {
		for _, day := range []int{0, 2, 7, 20} {
			rating := 3
			if day == 7 && c%3 == 0 {
				rating = 1
			}
			at := start.AddDate(0, 0, day+c%5).Add(time.Duration(c) * time.Minute)
			fmt.Fprintf(&b, "%d,%d,%s,%d\n", c, rating, at.Format("2006-01-02T15:04:05.000000+00:00"), 8000)
		}
	}
	name := filepath.Join(t.TempDir(), "log.csv")
	if err := os.WriteFile(name, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestEvalScheduler_PrintsTheHeldOutRows(t *testing.T) {
	var out, errs bytes.Buffer
	if err := evalScheduler([]string{writeLog(t, 200)}, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	for _, want := range []string{"log loss", "held out: the newest 20% of the reviews by time", "FSRS-6 defaults", "FSRS-6 fitted to the older reviews", "as the server would schedule"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := evalScheduler([]string{"-fit=false", writeLog(t, 200)}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "held out") {
		t.Errorf("-fit=false still fits:\n%s", out.String())
	}
	out.Reset()
	if err := evalScheduler([]string{writeLog(t, 10)}, &out, &errs); err != nil {
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
