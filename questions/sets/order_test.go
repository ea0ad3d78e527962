package sets

import (
	"slices"
	"testing"

	"sabaq/questions"
)

func slots(ids ...int64) []Slot {
	out := make([]Slot, len(ids))
	for i, id := range ids {
		out[i] = Slot{ID: id, Deleted: id < 0}
	}
	return out
}

func TestMove_PutsTheItemAtItsPlaceAmongLiveItems(t *testing.T) {
	// A negative id is a deleted item.
	for _, tt := range []struct {
		name  string
		order []int64
		id    int64
		to    int
		want  []int64
	}{
		{"up one", []int64{1, 2, 3}, 2, 1, []int64{2, 1, 3}},
		{"down one", []int64{1, 2, 3}, 2, 3, []int64{1, 3, 2}},
		{"first to last", []int64{1, 2, 3}, 1, 3, []int64{2, 3, 1}},
		{"last to first", []int64{1, 2, 3}, 3, 1, []int64{3, 1, 2}},
		{"already there", []int64{1, 2, 3}, 2, 2, []int64{1, 2, 3}},
		{"over a deleted item, up", []int64{1, -9, 2}, 2, 1, []int64{2, 1, -9}},
		{"over a deleted item, down", []int64{1, -9, 2}, 1, 2, []int64{-9, 2, 1}},
		{"a deleted item keeps its place", []int64{1, 2, -9, 3, 4}, 4, 3, []int64{1, 2, -9, 4, 3}},
		{"the only item", []int64{7}, 7, 1, []int64{7}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Move(slots(tt.order...), tt.id, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if want := slots(tt.want...); !slices.Equal(got, want) {
				t.Errorf("Move(%v, %d, %d) = %v; want %v", tt.order, tt.id, tt.to, got, want)
			}
		})
	}
}

func TestMove_RefusesPlacesOutsideTheSetAndUnknownItems(t *testing.T) {
	for _, tt := range []struct {
		name  string
		order []int64
		id    int64
		to    int
		code  questions.Code
	}{
		{"above the first", []int64{1, 2}, 1, 0, questions.EINVALID},
		{"below the last", []int64{1, 2}, 2, 3, questions.EINVALID},
		{"deleted items take no place", []int64{1, 2, -9}, 1, 3, questions.EINVALID},
		{"not in the set", []int64{1, 2}, 5, 1, questions.ENOTFOUND},
		{"a deleted item does not move", []int64{1, -9}, -9, 1, questions.ENOTFOUND},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Move(slots(tt.order...), tt.id, tt.to)
			if questions.ErrorCode(err) != tt.code {
				t.Errorf("Move(%v, %d, %d): %v; want %s", tt.order, tt.id, tt.to, err, tt.code)
			}
		})
	}
}
