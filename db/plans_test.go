package db

import (
	"context"
	"strings"
	"testing"
)

// The review page and the review submit must cost the same for the
// 20,000th learner as for the first, and for a learner with years of
// reviews as for a new one: every query they run finds its rows through an
// index on the learner, never by reading a table or the learner's history
// and sorting it.
func TestQueryPlans_HotQueriesSearchIndexesAndNeverSort(t *testing.T) {
	plans, err := openTest(t).QueryPlans(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) != len(hotQueries) {
		t.Fatalf("%d plans for %d queries", len(plans), len(hotQueries))
	}
	for _, p := range plans {
		for _, step := range p.Steps {
			if strings.HasPrefix(step, "SCAN") || strings.Contains(step, "TEMP B-TREE") {
				t.Errorf("%s: %q (plan %q)", p.Name, step, p.Steps)
			}
		}
	}
}
