package questions

import (
	"slices"
	"testing"
)

// Helpers for the per-kind rule tests (kind_*_test.go): each rule is
// checked over the whole built-in bank and over the fixture.

// bankOf generates the timeline's questions of one kind.
func bankOf(tl *Timeline, k Kind) []Question {
	var out []Question
	for _, q := range Generate(tl) {
		if q.Kind == k {
			out = append(out, q)
		}
	}
	return out
}

// eachTimeline runs f on the fixture and the built-in timeline.
func eachTimeline(t *testing.T, f func(t *testing.T, tl *Timeline)) {
	t.Helper()
	for _, tc := range timelines(t) {
		t.Run(tc.name, func(t *testing.T) { f(t, tc.t) })
	}
}

// actorNamed finds the actor a choice option names.
func actorNamed(tl *Timeline, name string) (Actor, bool) {
	i := slices.IndexFunc(tl.Actors, func(a Actor) bool { return a.Name == name })
	if i < 0 {
		return Actor{}, false
	}
	return tl.Actors[i], true
}

// quotesName reports whether any of the sources names the actor.
func quotesName(tl *Timeline, sources []Source, a Actor) bool {
	g := newGenerator(tl)
	return slices.ContainsFunc(sources, func(s Source) bool { return g.namedIn(s.Quote, a) })
}
