package db

import (
	"context"
	"reflect"
	"testing"

	"sabaq/questions/sets"
)

func TestSetGuids_LiveItemsOfTheSetOnly(t *testing.T) {
	ctx := context.Background()
	is := newItemSet(t)
	if got, err := is.s.SetGuids(ctx, is.id); err != nil || len(got) != 0 {
		t.Fatalf("a set without guids: %v, %v; want none", got, err)
	}
	ids, _, err := is.s.ImportItems(ctx, is.id, []sets.Item{guidItem("A", "g1"), guidItem("B", "g1 2"), guidItem("C", ""), guidItem("D", "g2")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := is.s.DeleteItem(ctx, is.id, ids[3]); err != nil {
		t.Fatal(err)
	}
	// Another set's guids are not this set's.
	other, _, err := is.s.CreateSet(ctx, is.owner.ID, "Other", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := is.s.ImportItems(ctx, other, []sets.Item{guidItem("E", "g3")}, nil); err != nil {
		t.Fatal(err)
	}
	got, err := is.s.SetGuids(ctx, is.id)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]bool{"g1": true, "g1 2": true}; !reflect.DeepEqual(got, want) {
		t.Errorf("SetGuids = %v; want %v (the deleted item's g2 and the other set's g3 left out)", got, want)
	}
}
