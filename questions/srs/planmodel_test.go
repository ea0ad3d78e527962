package srs

import (
	"math"
	"math/rand/v2"
	"testing"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"
)

// The plan's shortcut gives what model.next gives for a recalled review
// (Good) and a lapse relearnt at its step (Again, then Good the same day),
// over random weights within FSRS-6's bounds and random memories.
func TestPlanModel_IsModelNext(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		w := [21]float64(fsrs.DefaultWeights())
		if rng.IntN(2) == 0 {
			for i := range w {
				lo, hi := weightBounds[i][0], weightBounds[i][1]
				w[i] = lo + rng.Float64()*(hi-lo)
			}
		}
		m := newModel(w)
		pm := newPlanModel(m)
		mem := memory{s: 0.05 + rng.Float64()*300, d: 1 + rng.Float64()*9}
		elapsed := 0.01 + rng.Float64()*200
		r, good, lapse := pm.outcomes(mem, pm.prep(mem), elapsed)
		wantGood := m.next(mem, elapsed, Good)
		wantLapse := m.next(m.next(mem, elapsed, Again), 0, Good)
		near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*max(1, math.Abs(b)) }
		if !near(r, m.recall(elapsed, mem.s)) || !near(good.s, wantGood.s) || !near(good.d, wantGood.d) ||
			!near(lapse.s, wantLapse.s) || !near(lapse.d, wantLapse.d) {
			t.Fatalf("weights %v, memory %+v, %.2f days: outcomes %.6f %+v %+v; model.next %+v %+v",
				w, mem, elapsed, r, good, lapse, wantGood, wantLapse)
		}
	}
}
