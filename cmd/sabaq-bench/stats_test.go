package main

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestHistogram_PercentilesMatchExactWithinPrecision(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var h histogram
	var all []time.Duration
	for range 100_000 {
		// Latencies from 50 µs to about 200 ms, heavy-tailed like real ones.
		d := time.Duration(50_000 * (1 + r.ExpFloat64()*r.ExpFloat64()*20))
		h.record(d)
		all = append(all, d)
	}
	slices.Sort(all)
	for _, q := range []float64{0.5, 0.9, 0.99, 0.999} {
		want := all[int(q*float64(len(all)))-1]
		got := h.percentile(q)
		if diff := float64(got-want) / float64(want); diff > 0.01 || diff < -0.01 {
			t.Errorf("p%v = %v; exact %v (off by %.2f%%)", q*100, got, want, diff*100)
		}
	}
	if h.percentile(1) != all[len(all)-1] || h.percentile(0) != all[0] {
		t.Errorf("p100, p0 = %v, %v; want the max %v and min %v", h.percentile(1), h.percentile(0), all[len(all)-1], all[0])
	}
}

func TestHistogram_MergeEqualsRecordingEverythingInOne(t *testing.T) {
	var a, b, both histogram
	for i := range 1000 {
		d := time.Duration(i*i) * time.Microsecond
		both.record(d)
		if i%2 == 0 {
			a.record(d)
		} else {
			b.record(d)
		}
	}
	a.merge(&b)
	for _, q := range []float64{0.1, 0.5, 0.9, 0.99} {
		if a.percentile(q) != both.percentile(q) {
			t.Errorf("merged p%v = %v; want %v", q*100, a.percentile(q), both.percentile(q))
		}
	}
	if a.n != 1000 || a.mean() != both.mean() || a.min != 0 || a.max != 999*999*time.Microsecond {
		t.Errorf("merged n, mean, min, max = %d, %v, %v, %v", a.n, a.mean(), a.min, a.max)
	}
}

func TestHistogram_EmptyAndSingleValue(t *testing.T) {
	var h histogram
	if h.percentile(0.99) != 0 || h.mean() != 0 {
		t.Fatalf("empty histogram: p99 %v, mean %v; want 0", h.percentile(0.99), h.mean())
	}
	h.record(3 * time.Millisecond)
	for _, q := range []float64{0, 0.5, 0.99, 1} {
		if got := h.percentile(q); got != 3*time.Millisecond {
			t.Errorf("single value: p%v = %v; want 3ms", q*100, got)
		}
	}
}

func TestBucket_RangeHoldsItsValues(t *testing.T) {
	for _, ns := range []uint64{0, 1, 127, 128, 129, 255, 256, 1000, 123_456, 1 << 30, 1<<39 + 12345} {
		i := bucketOf(ns)
		low, width := bucketRange(i)
		if ns < low || ns >= low+width {
			t.Errorf("%d ns in bucket %d = [%d, %d)", ns, i, low, low+width)
		}
		if ns >= 128 && float64(width)/float64(ns) > 1.0/64 {
			t.Errorf("%d ns: bucket width %d is coarser than 1/128 of the value", ns, width)
		}
	}
}

func TestPercentileTable_Ratios(t *testing.T) {
	if got := ratio(250, 1000); got != "0.25" {
		t.Errorf("ratio(250, 1000) = %q; want 0.25", got)
	}
	if got := ratio(5, 0); got != "—" {
		t.Errorf("ratio against no ceiling = %q; want —", got)
	}
}
