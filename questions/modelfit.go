package questions

import (
	"fmt"
	"hash/fnv"
	"math"
)

// FitScope is whose reviews a set of fitted FSRS weights was fitted to.
type FitScope string

// The scopes of fitted weights.
const (
	FitClass   FitScope = "class"   // a class's students' pooled reviews
	FitLearner FitScope = "learner" // the learner's own reviews
)

// ModelFit is the memory model that schedules a learner's reviews: FSRS-6
// weights fitted to their own or their class's reviews, which predicted the
// newest fifth of those reviews better than the defaults, or the defaults
// (the zero value).
type ModelFit struct {
	Weights []float64 // nil: FSRS-6's defaults
	Scope   FitScope
	Reviews int // the reviews the weights were fitted to and tested on
	// DefaultLogLoss and FittedLogLoss are the held-out log losses of the
	// default and the fitted weights.
	DefaultLogLoss, FittedLogLoss float64
}

// Fitted reports whether the weights are fitted ones, not the defaults.
func (m ModelFit) Fitted() bool { return m.Weights != nil }

// Source says whose reviews the weights were fitted to, as a learner reads
// it: "your 1,204 reviews", "your class's 4,310 reviews", or "" for the
// defaults.
func (m ModelFit) Source() string {
	switch {
	case !m.Fitted():
		return ""
	case m.Scope == FitLearner:
		return fmt.Sprintf("your %s reviews", Thousands(m.Reviews))
	default:
		return fmt.Sprintf("your class's %s reviews", Thousands(m.Reviews))
	}
}

// Key identifies the weights, for caches of results made with them: 0 for
// the defaults.
func (m ModelFit) Key() uint64 {
	if !m.Fitted() {
		return 0
	}
	h := fnv.New64a()
	var b [8]byte
	for _, w := range m.Weights {
		bits := math.Float64bits(w)
		for i := range b {
			b[i] = byte(bits >> (8 * i))
		}
		h.Write(b[:])
	}
	return h.Sum64() | 1 // never 0, the defaults' key
}

// Thousands writes n with commas: 4310 → "4,310".
func Thousands(n int) string {
	if n < 0 {
		return "-" + Thousands(-n)
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
