package srs

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
)

const logHeader = "card_id,review_rating,review_time,review_duration\n"

func TestParseReviewLog_ReadsRows(t *testing.T) {
	in := "\ufeff" + logHeader +
		"1711684180217,1,2024-03-29T20:32:32.250000+00:00,25060\r\n" +
		"\n" + // blank lines are skipped
		" 42 , 4 , 2024-03-30T01:02:03+05:00 , 0\n"
	got, err := ParseReviewLog(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []LoggedReview{
		{CardID: "1711684180217", Rating: Again, Time: time.Date(2024, 3, 29, 20, 32, 32, 250e6, time.UTC), Duration: 25060 * time.Millisecond, Line: 2},
		{CardID: "42", Rating: Easy, Time: time.Date(2024, 3, 29, 20, 2, 3, 0, time.UTC), Duration: 0, Line: 4},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d reviews, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.CardID != w.CardID || g.Rating != w.Rating || !g.Time.Equal(w.Time) || g.Duration != w.Duration || g.Line != w.Line {
			t.Errorf("review %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestParseReviewLog_ErrorsNameTheLine(t *testing.T) {
	ok := "1,3,2024-03-29T20:32:32+00:00,100\n"
	tests := []struct {
		name     string
		in       string
		wantLine int
		wantMsg  string
	}{
		{"empty file", "", 1, "empty file"},
		{"wrong header", "id,rating,time\n" + ok, 1, "header"},
		{"header in another order", "review_rating,card_id,review_time,review_duration\n" + ok, 1, "header"},
		{"rating 0", logHeader + ok + "1,0,2024-03-30T20:32:32+00:00,100\n", 3, "review_rating \"0\""},
		{"rating 5", logHeader + ok + ok + "1,5,2024-03-30T20:32:32+00:00,100\n", 4, "review_rating \"5\""},
		{"rating a word", logHeader + "1,Good,2024-03-30T20:32:32+00:00,100\n", 2, "review_rating"},
		{"time without offset", logHeader + "1,3,2024-03-30T20:32:32,100\n", 2, "review_time"},
		{"date only", logHeader + "1,3,2024-03-30,100\n", 2, "review_time"},
		{"negative duration", logHeader + "1,3,2024-03-30T20:32:32Z,-5\n", 2, "review_duration"},
		{"fractional duration", logHeader + "1,3,2024-03-30T20:32:32Z,1.5\n", 2, "review_duration"},
		{"missing field", logHeader + ok + "1,3,2024-03-30T20:32:32Z\n", 3, "3 fields, want 4"},
		{"extra field", logHeader + "1,3,2024-03-30T20:32:32Z,5,x\n", 2, "5 fields, want 4"},
		{"empty card id", logHeader + ",3,2024-03-30T20:32:32Z,5\n", 2, "card_id"},
		{"after a blank line", logHeader + ok + "\n\n" + "1,9,2024-03-30T20:32:32Z,5\n", 5, "review_rating"},
		{"broken quote", logHeader + ok + "1,3,\"2024-03-30T20:32:32Z,5\n", 3, "quote"},
		{"a megabyte-long time", logHeader + "1,3," + strings.Repeat("2", 1<<20) + ",5\n", 2, "review_time \"222"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseReviewLog(strings.NewReader(tt.in))
			logErr, ok := errors.AsType[*LogError](err)
			if !ok {
				t.Fatalf("error %v (%T), want a *LogError", err, err)
			}
			if logErr.Line != tt.wantLine || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q, want line %d and %q", err, tt.wantLine, tt.wantMsg)
			}
			if !strings.HasPrefix(err.Error(), "line ") || len(err.Error()) > 300 {
				t.Errorf("error %.400q does not start with its line or is too long to read", err)
			}
		})
	}
}

// fsrs6 holds the default FSRS-6 weights the hand calculations below use,
// written out so the expected figures do not come from go-fsrs.
var fsrs6 = [21]float64{0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
	0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542}

// recall is FSRS-6's forgetting curve R(t, S) = (1 + F·t/S)^−w20 with F
// chosen so that R(S, S) = 0.9.
func recall(days, stability float64) float64 {
	decay := -fsrs6[20]
	factor := math.Pow(0.9, 1/decay) - 1
	return math.Pow(1+factor*days/stability, decay)
}

// TestEvaluate_HandmadeLog checks the replay and every figure against a
// hand calculation on a two-card log.
func TestEvaluate_HandmadeLog(t *testing.T) {
	in := logHeader +
		"a,3,2024-05-01T10:00:00Z,1000\n" + // a: first review, Good
		"b,1,2024-05-01T10:00:00Z,1000\n" + // b: first review, Again
		"b,3,2024-05-01T10:10:00Z,1000\n" + // b: same day, replayed not scored
		"a,1,2024-11-01T10:00:00Z,1000\n" + // a: 181 days after the next row: forgotten
		"a,3,2024-05-04T10:00:00Z,1000\n" + // a: 3 days on, recalled (rows need not be in order)
		"b,3,2024-05-02T09:00:00Z,1000\n" // b: the next day, recalled
	reviews, err := ParseReviewLog(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Evaluate(reviews, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}

	w := fsrs6
	// Card a: Good gives S = w2, D = w4 − e^(2·w5) + 1; recalled after 3 days.
	sA, dA := w[2], w[4]-math.Exp(2*w[5])+1
	pA1 := recall(3, sA)
	// A successful review raises S by e^w8 · (11 − D) · S^−w9 · (e^((1−R)·w10) − 1).
	sA2 := sA * (1 + math.Exp(w[8])*(11-dA)*math.Pow(sA, -w[9])*(math.Exp((1-pA1)*w[10])-1))
	pA2 := recall(181, sA2) // then forgotten after 181 days
	// Card b: Again gives S = w0; Good the same day multiplies it by
	// e^(w17·w18) · S^−w19 (short-term memory); recalled a day later.
	sB := w[0] * math.Exp(w[17]*w[18]) * math.Pow(w[0], -w[19])
	pB := recall(1, sB)

	wantLogLoss := -(math.Log(pA1) + math.Log(pB) + math.Log(1-pA2)) / 3
	wantBaseLogLoss := -(2*math.Log(2.0/3) + math.Log(1.0/3)) / 3
	// Bins: a's 3-day and b's 1-day reviews (both 2nd–3rd review, no
	// lapses) share one; a's 181-day review has its own.
	wantRMSE := math.Sqrt((2*math.Pow(1-(pA1+pB)/2, 2) + pA2*pA2) / 3)
	wantBaseRMSE := math.Sqrt((2*math.Pow(1-2.0/3, 2) + math.Pow(2.0/3, 2)) / 3)
	// AUC: the share of (recalled, forgotten) pairs ranked the right way.
	wantAUC := 0.0
	for _, p := range []float64{pA1, pB} {
		if p > pA2 {
			wantAUC += 0.5
		}
	}

	if got.Cards != 2 || got.Reviews != 6 || got.Scored != 3 || got.SameDay != 1 {
		t.Errorf("cards %d reviews %d scored %d same-day %d, want 2 6 3 1", got.Cards, got.Reviews, got.Scored, got.SameDay)
	}
	t.Logf("predictions: a %.4f (recalled), %.4f (forgotten); b %.4f (recalled); want AUC %.1f", pA1, pA2, pB, wantAUC)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"recall rate", got.RecallRate, 2.0 / 3},
		{"log loss", got.LogLoss, wantLogLoss},
		{"baseline log loss", got.BaselineLogLoss, wantBaseLogLoss},
		{"AUC", got.AUC, wantAUC},
		{"RMSE(bins)", got.RMSEBins, wantRMSE},
		{"baseline RMSE(bins)", got.BaselineRMSEBins, wantBaseRMSE},
	} {
		if math.Abs(c.got-c.want) > 1e-4*max(1, math.Abs(c.want)) {
			t.Errorf("%s = %.6f, want %.6f", c.name, c.got, c.want)
		}
	}
}

func TestEvaluate_AllRecalled(t *testing.T) {
	in := logHeader +
		"a,3,2024-05-01T10:00:00Z,1\n" +
		"a,3,2024-05-03T10:00:00Z,1\n" +
		"a,4,2024-05-10T10:00:00Z,1\n"
	reviews, err := ParseReviewLog(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Evaluate(reviews, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if got.RecallRate != 1 || got.BaselineLogLoss > 1e-12 || got.BaselineRMSEBins != 0 {
		t.Errorf("recall rate %v, baseline log loss %v, baseline RMSE %v; want 1, 0, 0", got.RecallRate, got.BaselineLogLoss, got.BaselineRMSEBins)
	}
	if !math.IsNaN(got.AUC) {
		t.Errorf("AUC %v with no forgotten review, want NaN (undefined)", got.AUC)
	}
	if got.LogLoss <= 0 || got.RMSEBins <= 0 {
		t.Errorf("FSRS log loss %v, RMSE %v: it predicts R < 1, so both should be above 0", got.LogLoss, got.RMSEBins)
	}
}

func TestEvaluate_RefusesNothingToScore(t *testing.T) {
	in := logHeader + "a,3,2024-05-01T10:00:00Z,1\na,3,2024-05-01T10:05:00Z,1\nb,1,2024-05-02T10:00:00Z,1\n"
	reviews, err := ParseReviewLog(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Evaluate(reviews, DefaultSettings()); err == nil || !strings.Contains(err.Error(), "nothing to score") {
		t.Errorf("error %v, want nothing to score", err)
	}
	if _, err := Evaluate(nil, DefaultSettings()); err == nil {
		t.Error("an empty log was evaluated")
	}
}

func TestScoreMetrics(t *testing.T) {
	pred := func(p float64, recalled bool) prediction {
		return prediction{p: p, recalled: recalled, elapsed: 1, n: 2}
	}
	tests := []struct {
		name             string
		preds            []prediction
		logLoss, auc, rm float64
	}{
		{"perfect", []prediction{pred(1, true), pred(0, false), pred(1, true)}, 0, 1, 0},
		{"backwards", []prediction{pred(0.2, true), pred(0.8, false)}, -(math.Log(0.2) + math.Log(0.2)) / 2, 0, 0}, // one bin: the errors cancel
		{"coin", []prediction{pred(0.5, true), pred(0.5, false)}, math.Ln2, 0.5, 0},
		{"ties count half", []prediction{pred(0.9, true), pred(0.6, true), pred(0.6, false), pred(0.3, false)},
			-(math.Log(0.9) + math.Log(0.6) + math.Log(0.4) + math.Log(0.7)) / 4, (1 + 1 + 0.5 + 1) / 4, 0.1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := logLoss(tt.preds); math.Abs(got-tt.logLoss) > 1e-9 {
				t.Errorf("log loss %v, want %v", got, tt.logLoss)
			}
			if got := auc(tt.preds); math.Abs(got-tt.auc) > 1e-12 {
				t.Errorf("AUC %v, want %v", got, tt.auc)
			}
			if got := rmseBins(tt.preds); math.Abs(got-tt.rm) > 1e-12 {
				t.Errorf("RMSE(bins) %v, want %v", got, tt.rm)
			}
		})
	}
}

// TestRMSEBins_GroupsLikeTheBenchmark: reviews fall into srs-benchmark's
// bins by elapsed days, review number and lapses, so errors in different
// bins do not cancel out.
func TestRMSEBins_GroupsLikeTheBenchmark(t *testing.T) {
	over := prediction{p: 0.9, recalled: false, elapsed: 1, n: 2}
	under := prediction{p: 0.1, recalled: true, elapsed: 1, n: 2}
	tests := []struct {
		name   string
		change func(*prediction)
		want   float64
	}{
		{"same bin: errors cancel", func(*prediction) {}, 0},
		{"3 days is the same elapsed bin as 1", func(p *prediction) { p.elapsed = 3 }, 0},
		{"4 days is another elapsed bin", func(p *prediction) { p.elapsed = 4 }, 0.9},
		{"review 3 is the same bin as review 2", func(p *prediction) { p.n = 3 }, 0},
		{"review 4 is another bin", func(p *prediction) { p.n = 4 }, 0.9},
		{"a lapse is another bin", func(p *prediction) { p.lapses = 1 }, 0.9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := under
			tt.change(&u)
			if got := rmseBins([]prediction{over, u}); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("RMSE(bins) %v, want %v", got, tt.want)
			}
		})
	}
}

func loadRealLog(t *testing.T) []LoggedReview {
	t.Helper()
	f, err := os.Open("testdata/review-log/anki_review_log.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	reviews, err := ParseReviewLog(f)
	if err != nil {
		t.Fatal(err)
	}
	return reviews
}

// TestEvaluate_RealLogBeatsBaseline runs FSRS-6 with default weights on a
// real learner's 12,580 reviews (py-fsrs's published log): its predictions
// must beat always predicting the learner's recall rate.
func TestEvaluate_RealLogBeatsBaseline(t *testing.T) {
	ev, err := Evaluate(loadRealLog(t), DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("reviews %d scored (cards %d, %d in the log, %d same-day), recall rate %.4f",
		ev.Scored, ev.Cards, ev.Reviews, ev.SameDay, ev.RecallRate)
	t.Logf("log loss %.4f (baseline %.4f), AUC %.4f, RMSE(bins) %.4f (baseline %.4f)",
		ev.LogLoss, ev.BaselineLogLoss, ev.AUC, ev.RMSEBins, ev.BaselineRMSEBins)
	if ev.Reviews != 12580 || ev.Cards != 1205 {
		t.Fatalf("read %d reviews of %d cards, want 12580 of 1205 (the log's README)", ev.Reviews, ev.Cards)
	}
	if math.Abs(ev.BaselineLogLoss-0.53) > 0.01 {
		t.Errorf("baseline log loss %.4f, the log's README says about 0.53", ev.BaselineLogLoss)
	}
	if ev.LogLoss >= ev.BaselineLogLoss {
		t.Errorf("log loss %.4f, no better than the baseline's %.4f", ev.LogLoss, ev.BaselineLogLoss)
	}
	if ev.RMSEBins >= ev.BaselineRMSEBins {
		t.Errorf("RMSE(bins) %.4f, no better than the baseline's %.4f", ev.RMSEBins, ev.BaselineRMSEBins)
	}
	if ev.AUC <= 0.6 {
		t.Errorf("AUC %.4f: FSRS barely ranks forgotten reviews below recalled ones", ev.AUC)
	}
}

// TestReplay_AgreesWithScheduler: the evaluation's memory-state replay is
// what the scheduler itself computes, review by review, on the real log.
func TestReplay_AgreesWithScheduler(t *testing.T) {
	set := DefaultSettings()
	set.Fuzz = false
	s, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	params := s.f.Parameters
	compared := 0
	for _, card := range groupByCard(loadRealLog(t)) {
		steps := replayCard(&params, set.DesiredRetention, card)
		c := NewCard(card[0].Time)
		for i, r := range card {
			c, err = s.Review(c, r.Time, r.Rating)
			if err != nil {
				t.Fatalf("line %d: %v", r.Line, err)
			}
			m := steps[i].memory
			if !relClose(m.Stability, c.Stability, 1e-12) || !relClose(m.Difficulty, c.Difficulty, 1e-12) {
				t.Fatalf("line %d (card %s review %d): replay S %.6f D %.6f, scheduler S %.6f D %.6f",
					r.Line, r.CardID, i+1, m.Stability, m.Difficulty, c.Stability, c.Difficulty)
			}
			compared++
		}
	}
	if compared != 12580 {
		t.Errorf("compared %d reviews, want 12580", compared)
	}
}

func TestElapsedDays(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		last, now string
		want      uint64
	}{
		{"2024-05-01T23:50:00Z", "2024-05-02T00:10:00Z", 1},
		{"2024-05-01T00:10:00Z", "2024-05-01T23:50:00Z", 0},
		{"2024-05-01T10:00:00Z", "2024-05-31T09:00:00Z", 30},
		{"2024-02-28T10:00:00Z", "2024-03-01T10:00:00Z", 2}, // leap year
		{"2024-05-02T10:00:00Z", "2024-05-01T10:00:00Z", 0}, // backwards
		// UTC dates count, not local ones: both are 2 May in Karachi.
		{"2024-05-02T04:30:00+05:00", "2024-05-02T05:30:00+05:00", 1},
	}
	for _, tt := range tests {
		if got := ElapsedDays(at(tt.last), at(tt.now)); got != tt.want {
			t.Errorf("ElapsedDays(%s, %s) = %d, want %d", tt.last, tt.now, got, tt.want)
		}
	}

	// The scheduler treats 23:50 → 00:10 as a day apart too: the review's
	// stability is the long-term one, not the same-day one.
	s := newScheduler(t, false)
	last, now := at("2024-05-01T23:50:00Z"), at("2024-05-02T00:10:00Z")
	card := reviewCard(last, 5, 5, 5)
	card.LastReview, card.Due = last, last
	got := review(t, s, card, now, Good)
	mem := &fsrs.MemoryState{Stability: 5, Difficulty: 5}
	p := s.f.Parameters
	if want := p.NextState(mem, 0.9, ElapsedDays(last, now), Good).Memory.Stability; !relClose(got.Stability, want, 1e-12) {
		t.Errorf("scheduler stability %.6f, replay with ElapsedDays %.6f", got.Stability, want)
	}
	if same := p.NextState(mem, 0.9, 0, Good).Memory.Stability; relClose(got.Stability, same, 1e-6) {
		t.Errorf("scheduler treated 23:50 → 00:10 as the same day")
	}
}

func FuzzParseReviewLog(f *testing.F) {
	f.Add([]byte(logHeader + "1,3,2024-03-29T20:32:32.25+00:00,100\n"))
	f.Add([]byte(logHeader + "1,9,x,y\n"))
	f.Add([]byte("\ufeff" + logHeader + "\"1\",\"3\",\"2024-03-29T20:32:32Z\",\"1\"\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		reviews, err := ParseReviewLog(strings.NewReader(string(data)))
		lines := strings.Count(string(data), "\n") + 1
		if err != nil {
			logErr, ok := errors.AsType[*LogError](err)
			if !ok {
				t.Fatalf("error %v (%T) is not a *LogError", err, err)
			}
			if logErr.Line < 1 || logErr.Line > lines {
				t.Fatalf("error on line %d of a %d-line input: %v", logErr.Line, lines, err)
			}
			return
		}
		for _, r := range reviews {
			if r.CardID == "" || r.Rating < Again || r.Rating > Easy || r.Time.IsZero() || r.Duration < 0 || r.Line < 2 || r.Line > lines {
				t.Fatalf("accepted a bad review %+v", r)
			}
		}
	})
}
