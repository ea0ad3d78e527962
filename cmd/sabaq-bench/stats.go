package main

import (
	"math"
	"math/bits"
	"time"
)

// subBits sets the histogram's precision: each power of two of nanoseconds
// is cut into 2^subBits buckets, so a percentile is off by under 0.4%.
const subBits = 7

// histBuckets covers up to 2^40 ns (18 minutes); anything longer lands in
// the last bucket.
const histBuckets = (40 - subBits + 1) << subBits

// histogram counts durations in log-linear buckets, as HdrHistogram does:
// fixed memory, cheap to record, and mergeable across clients.
type histogram struct {
	counts   [histBuckets]uint64
	n        uint64
	sum      time.Duration
	min, max time.Duration
}

// bucketOf is the index of the bucket holding ns.
func bucketOf(ns uint64) int {
	if ns < 1<<subBits {
		return int(ns)
	}
	e := bits.Len64(ns)             // ns has e significant bits, e > subBits
	mant := ns >> (e - subBits - 1) // the top subBits+1 bits: [2^subBits, 2^(subBits+1))
	i := (e-subBits)<<subBits + int(mant-(1<<subBits))
	return min(i, histBuckets-1)
}

// bucketRange is the smallest value in bucket i and the bucket's width.
func bucketRange(i int) (low, width uint64) {
	if i < 1<<subBits {
		return uint64(i), 1
	}
	e := i>>subBits + subBits // significant bits of the bucket's values
	mant := uint64(i&(1<<subBits-1)) + 1<<subBits
	shift := e - subBits - 1
	return mant << shift, 1 << shift
}

// record adds one duration.
func (h *histogram) record(d time.Duration) {
	if d < 0 {
		d = 0
	}
	h.counts[bucketOf(uint64(d))]++
	if h.n == 0 || d < h.min {
		h.min = d
	}
	if d > h.max {
		h.max = d
	}
	h.n++
	h.sum += d
}

// merge adds o's counts to h.
func (h *histogram) merge(o *histogram) {
	if o.n == 0 {
		return
	}
	for i, c := range o.counts {
		h.counts[i] += c
	}
	if h.n == 0 || o.min < h.min {
		h.min = o.min
	}
	h.max = max(h.max, o.max)
	h.n += o.n
	h.sum += o.sum
}

// percentile is the duration below which a share q (0 to 1) of the
// recorded durations fall, to the histogram's precision, and never outside
// the recorded minimum and maximum; 0 when nothing was recorded.
func (h *histogram) percentile(q float64) time.Duration {
	switch {
	case h.n == 0:
		return 0
	case q <= 0:
		return h.min
	case q >= 1:
		return h.max
	}
	rank := uint64(math.Ceil(q * float64(h.n)))
	rank = min(max(rank, 1), h.n)
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			low, width := bucketRange(i)
			d := time.Duration(low + width/2)
			return min(max(d, h.min), h.max)
		}
	}
	return h.max
}

// mean is the average recorded duration.
func (h *histogram) mean() time.Duration {
	if h.n == 0 {
		return 0
	}
	return h.sum / time.Duration(h.n)
}
