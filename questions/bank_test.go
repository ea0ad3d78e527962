package questions

import (
	"slices"
	"testing"
)

func TestDeck_HoldsWhatSelectReturnsAndIsMadeOnce(t *testing.T) {
	tl, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b := NewBank(tl)
	for _, f := range []Filter{
		{},
		{Eras: []string{Eras[0].ID}},
		{Themes: []string{Themes[1].ID, Themes[2].ID}},
		{Eras: []string{Eras[1].ID, Eras[4].ID}, Themes: []string{Themes[0].ID}},
	} {
		d := b.Deck(f.Eras, f.Themes)
		want := b.Select(f)
		if !slices.EqualFunc(d.Questions, want, func(x, y Question) bool { return x.ID == y.ID }) {
			t.Errorf("Deck(%v, %v) has %d questions; Select has %d", f.Eras, f.Themes, len(d.Questions), len(want))
		}
		for _, q := range b.Questions {
			if in := slices.ContainsFunc(want, func(w Question) bool { return w.ID == q.ID }); d.Has(q.ID) != in {
				t.Fatalf("Deck(%v, %v).Has(%s) = %v; want %v", f.Eras, f.Themes, q.ID, !in, in)
			}
		}
		if again := b.Deck(f.Eras, f.Themes); again != d {
			t.Errorf("Deck(%v, %v) was selected again instead of shared", f.Eras, f.Themes)
		}
	}
}
