package formats

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"testing"

	"sabaq/questions/media"
	"sabaq/questions/sets"
)

// TestRoundTrip_TheFormatsOwnFiles: Moodle's own GIFT examples, Moodle XML
// as Moodle writes it (with embedded pictures), and Anki's text export read,
// written and read again give the same items (weights, feedback, formats
// and pictures), less only the items a format cannot write, which its
// writer names.
func TestRoundTrip_TheFormatsOwnFiles(t *testing.T) {
	tests := []struct {
		key, path string
		minItems  int
	}{
		{"gift", "testdata/gift/moodle_docs.gift", 7},
		{"gift", "testdata/gift/pakistan_soviet.gift", 5},
		{"xml", "testdata/xml/pakistan_soviet.xml", 5},
		{"xml", "testdata/xml/pictures.xml", 2},
		{"anki", "testdata/anki/notes.txt", 3},
		{"anki", "testdata/anki/cards.txt", 3},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			b, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Formats().Lookup(tt.key)
			if err != nil {
				t.Fatal(err)
			}
			first, err := f.Parse(bytes.NewReader(b), TextOptions{})
			if err != nil || len(first.Errors) > 0 {
				t.Fatalf("first reading: %v %v", err, first.Errors)
			}
			opts := TextOptions{Media: map[string]media.File{}}
			for _, m := range first.Media {
				opts.Media[m.Name] = m
			}
			// Keep what the format can write, each item tried alone.
			var keep []sets.Item
			for _, it := range first.Items {
				var ue *UnsupportedError
				if err := f.Write(&bytes.Buffer{}, "", []sets.Item{it}, opts); errors.As(err, &ue) {
					continue
				} else if err != nil {
					t.Fatal(err)
				}
				keep = append(keep, it)
			}
			if len(keep) < tt.minItems {
				t.Fatalf("only %d of %d items can be written back; want at least %d", len(keep), len(first.Items), tt.minItems)
			}
			var out bytes.Buffer
			if err := f.Write(&out, "Round trip", keep, opts); err != nil {
				t.Fatal(err)
			}
			again, err := f.Parse(bytes.NewReader(out.Bytes()), TextOptions{})
			if err != nil || len(again.Errors) > 0 {
				t.Fatalf("second reading: %v %v\n%s", err, again.Errors, out.Bytes())
			}
			if tt.key == "anki" {
				// A note's second and later cards are written as notes of
				// their own, without the note's guid (see ankiWrittenGuids).
				guids := ankiWrittenGuids(keep)
				for i := range keep {
					keep[i].Guid = ""
					if guids != nil {
						keep[i].Guid = guids[i]
					}
				}
			}
			sameItems(t, again.Items, keep, true)
			names := func(r Result) []string {
				var ns []string
				for _, m := range r.Media {
					ns = append(ns, m.Name)
				}
				slices.Sort(ns)
				return ns
			}
			if !slices.Equal(names(again), names(first)) {
				t.Errorf("pictures %v, want %v", names(again), names(first))
			}
		})
	}
}
