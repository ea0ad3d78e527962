package srs

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
)

// randomWeights draws weights inside FSRS-6's bounds.
func randomWeights(r *rand.Rand) [21]float64 {
	var w [21]float64
	for i, b := range weightBounds {
		w[i] = b[0] + r.Float64()*(b[1]-b[0])
	}
	return w
}

// The fit's memory model is go-fsrs's, step for step, under any weights.
func TestModel_IsGoFSRSs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		w := randomWeights(r)
		if trial == 0 {
			w = [21]float64(fsrs.DefaultWeights())
		}
		p := fsrs.DefaultParam()
		p.W = fsrs.Weights(w)
		m := newModel(w)
		var mine memory
		var theirs *fsrs.MemoryState
		for step := range 12 {
			elapsed := uint64(0)
			if step > 0 && r.IntN(4) > 0 {
				elapsed = uint64(1 + r.IntN(60))
			}
			rating := Rating(1 + r.IntN(4))
			if step > 0 {
				want := p.ForgettingCurve(float64(elapsed), theirs.Stability)
				if got := m.recall(float64(elapsed), mine.s); math.Abs(got-want) > 1e-12 {
					t.Fatalf("trial %d step %d: recall %v; go-fsrs %v", trial, step, got, want)
				}
			}
			next := p.NextState(theirs, 0.9, elapsed, rating)
			theirs = &next.Memory
			mine = m.next(mine, float64(elapsed), rating)
			if math.Abs(mine.s-theirs.Stability) > 1e-9*max(1, theirs.Stability) || math.Abs(mine.d-theirs.Difficulty) > 1e-9 {
				t.Fatalf("trial %d step %d (%d days, %v): memory %+v; go-fsrs %+v", trial, step, elapsed, rating, mine, *theirs)
			}
		}
	}
}

// simulateLog makes a review log of cards reviewed at random intervals by
// a learner whose memory follows FSRS-6 with weights w: each later-day
// review is recalled with the probability w predicts.
func simulateLog(w [21]float64, cards int, seed uint64) []LoggedReview {
	r := rand.New(rand.NewPCG(seed, 7))
	m := newModel(w)
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	var out []LoggedReview
	for c := range cards {
		at := start.Add(time.Duration(r.IntN(30*24)) * time.Hour)
		var mem memory
		elapsed := 0.0
		for i := range 10 {
			rating := Good
			if i > 0 {
				if r.Float64() >= m.recall(elapsed, mem.s) {
					rating = Again
				} else if r.IntN(6) == 0 {
					rating = Easy
				}
			} else {
				rating = Rating(1 + r.IntN(4))
			}
			out = append(out, LoggedReview{CardID: "c" + strconv.Itoa(c), Rating: rating, Time: at})
			mem = m.next(mem, elapsed, rating)
			days := 1 + r.IntN(max(2, int(mem.s*2)))
			elapsed = float64(days)
			at = at.Add(time.Duration(days) * 24 * time.Hour)
		}
	}
	return out
}

// Fitted to a log simulated with known weights, the fit predicts that
// log's held-out part about as well as the true weights, and clearly
// better than the defaults.
func TestOptimize_RecoversSimulatedWeights(t *testing.T) {
	truth := [21]float64(fsrs.DefaultWeights())
	truth[0], truth[1], truth[2], truth[3] = 1.5, 4, 9, 30 // first reviews remembered far longer
	truth[20] = 0.5                                        // a steeper forgetting curve
	truth[10] = 2.2
	log := simulateLog(truth, 400, 1)
	split, err := TimeSplit(log, 0.8, FitOptions{Steps: 100})
	if err != nil {
		t.Fatal(err)
	}
	cards := groupByCard(log)
	after := func(r LoggedReview) bool { return !r.Time.Before(split.Cut) }
	best := scoreWith(cards, truth, after)
	t.Logf("held-out log loss: true weights %.4f, fitted %.4f, defaults %.4f (%d reviews)",
		best.LogLoss, split.Fitted.LogLoss, split.Default.LogLoss, split.Fitted.Reviews)
	if split.Fitted.LogLoss > best.LogLoss+0.01 {
		t.Errorf("fitted weights score %.4f held out; the true ones %.4f", split.Fitted.LogLoss, best.LogLoss)
	}
	if split.Fitted.LogLoss > split.Default.LogLoss-0.01 {
		t.Errorf("fitted weights score %.4f held out; no better than the defaults' %.4f", split.Fitted.LogLoss, split.Default.LogLoss)
	}
	for i, w := range split.Weights {
		if w < weightBounds[i][0] || w > weightBounds[i][1] {
			t.Errorf("w[%d] = %v outside [%v, %v]", i, w, weightBounds[i][0], weightBounds[i][1])
		}
	}
	// The initial stability for Good moved from the default towards the truth.
	if d := fsrs.DefaultWeights()[2]; math.Abs(split.Weights[2]-truth[2]) >= math.Abs(d-truth[2]) {
		t.Errorf("w[2] fitted %.2f; default %.2f, truth %.2f", split.Weights[2], d, truth[2])
	}
}

func TestOptimize_RefusesATinyLog(t *testing.T) {
	log := simulateLog([21]float64(fsrs.DefaultWeights()), 5, 2)
	if _, err := Optimize(log, FitOptions{}); err != ErrTooFewReviews {
		t.Errorf("a log of %d reviews: %v; want ErrTooFewReviews", len(log), err)
	}
}
