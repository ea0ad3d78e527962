package db

import (
	"context"
	"slices"
	"testing"

	"sabaq/questions/sets"
)

// guidItem is an imported short-answer item with a guid ("" for none).
func guidItem(prompt, guid string) sets.Item {
	return sets.Item{Kind: sets.ShortAnswer, Prompt: prompt, Accepted: []string{"Kosygin"}, Guid: guid}
}

func TestImportItems_SameGuidUpdatesInPlaceOthersAppend(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name        string
		before      func(is *itemSet, first []int64) // between the two imports
		second      []sets.Item
		want        string
		wantUpdated int
		wantSameIDs []int // indexes in second whose id is that of the first import's item of the same index
	}{
		{"re-import of the same file updates every card with a guid",
			nil,
			[]sets.Item{guidItem("A2", "g1"), guidItem("B2", "g1 2"), guidItem("C2", "")},
			"Q1 Q2 Q3 Q4 A2 B2 C C2", 2, []int{0, 1}},
		{"a new note is appended, a guid twice in one file updates the first",
			nil,
			[]sets.Item{guidItem("D", "g3"), guidItem("D2", "g3"), guidItem("A2", "g1")},
			"Q1 Q2 Q3 Q4 A2 B C D2", 2, []int{2}},
		{"a deleted item is not brought back: its card comes in as new",
			func(is *itemSet, first []int64) {
				if err := is.s.DeleteItem(ctx, is.id, first[0]); err != nil {
					t.Fatal(err)
				}
			},
			[]sets.Item{guidItem("A2", "g1")},
			"Q1 Q2 Q3 Q4 B C A2", 0, nil},
		{"of two items with the guid (one duplicated), the first in the set is updated",
			func(is *itemSet, first []int64) {
				if _, err := is.s.AddItems(ctx, is.id, []sets.Item{guidItem("A copy", "g1")}); err != nil {
					t.Fatal(err)
				}
			},
			[]sets.Item{guidItem("A2", "g1")},
			"Q1 Q2 Q3 Q4 A2 B C A copy", 1, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			is := newItemSet(t)
			first, n, err := is.s.ImportItems(ctx, is.id, []sets.Item{guidItem("A", "g1"), guidItem("B", "g1 2"), guidItem("C", "")}, nil)
			if err != nil || n != 0 || len(first) != 3 {
				t.Fatalf("first import: %v ids, %d updated, %v; want 3 added", first, n, err)
			}
			if tt.before != nil {
				tt.before(is, first)
			}
			ids, n, err := is.s.ImportItems(ctx, is.id, tt.second, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := is.prompts(t); got != tt.want {
				t.Errorf("set after re-import: %q; want %q", got, tt.want)
			}
			if n != tt.wantUpdated {
				t.Errorf("updated %d; want %d", n, tt.wantUpdated)
			}
			for i, id := range ids {
				if same := slices.Contains(first, id); same != slices.Contains(tt.wantSameIDs, i) {
					t.Errorf("item %d (%s): id %d kept an earlier id: %v", i, tt.second[i].Prompt, id, same)
				}
			}
		})
	}
}
