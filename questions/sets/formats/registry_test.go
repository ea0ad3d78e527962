package formats

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"sabaq/questions/sets"
)

// heldBy keeps the items f can write, each tried alone, as the export page
// does; the others must be refused with an *UnsupportedError.
func heldBy(t *testing.T, f Format, items []sets.Item) []sets.Item {
	t.Helper()
	var keep []sets.Item
	for _, it := range items {
		err := f.Write(io.Discard, "", []sets.Item{it}, TextOptions{})
		var ue *UnsupportedError
		switch {
		case err == nil:
			keep = append(keep, it)
		case !errors.As(err, &ue):
			t.Errorf("%s: refusing %q: %v is not an *UnsupportedError", f.Key, Name(it), err)
		case ue.Index != 0 || ue.Name != Name(it) || ue.Kind != it.Kind || ue.Reason == "":
			t.Errorf("%s: refusing %q: %+v", f.Key, Name(it), ue)
		}
	}
	return keep
}

func TestRegistry_EveryFormatWithParseAndWriteRoundTrips(t *testing.T) {
	for _, f := range Formats() {
		if f.Parse == nil || f.Write == nil {
			continue
		}
		t.Run(f.Key, func(t *testing.T) {
			items := heldBy(t, f, roundTripItems())
			if len(items) == 0 {
				t.Fatal("the format holds none of the round-trip items")
			}
			var first bytes.Buffer
			if err := f.Write(&first, "Tashkent", items, TextOptions{}); err != nil {
				t.Fatal(err)
			}
			res, err := f.Parse(bytes.NewReader(first.Bytes()), TextOptions{})
			if err != nil || len(res.Errors) > 0 || len(res.Unsupported) > 0 {
				t.Fatalf("reading back: %v, %v, %v\n%s", err, res.Errors, res.Unsupported, first.String())
			}
			if len(res.Items) != len(items) {
				t.Fatalf("read back %d items; wrote %d\n%s", len(res.Items), len(items), first.String())
			}
			for i := range items {
				if res.Items[i].Kind != items[i].Kind {
					t.Errorf("item %d: kind %s read back as %s", i+1, items[i].Kind, res.Items[i].Kind)
				}
			}
			// Import, export, import: what a format keeps it keeps for good.
			var second bytes.Buffer
			if err := f.Write(&second, "Tashkent", res.Items, TextOptions{}); err != nil {
				t.Fatal(err)
			}
			again, err := f.Parse(bytes.NewReader(second.Bytes()), TextOptions{})
			if err != nil || len(again.Errors) > 0 {
				t.Fatalf("reading back again: %v, %v", err, again.Errors)
			}
			sameItems(t, again.Items, res.Items, true)
		})
	}
}

func TestRegistry_LookupByKeyAndAlias(t *testing.T) {
	r := Formats()
	tests := []struct{ key, want string }{
		{"gift", "gift"}, {"aiken", "aiken"}, {"xml", "xml"}, {"text", "text"},
		{"anki", "anki"}, {"anki-text", "anki"}, {"csv", "csv"}, {"apkg", "apkg"},
	}
	for _, tt := range tests {
		f, err := r.Lookup(tt.key)
		if err != nil || f.Key != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.key, f.Key, err, tt.want)
		}
	}
}

func TestRegistry_UnknownFormatListsTheKnownOnes(t *testing.T) {
	for _, key := range []string{"nope", "", "GIFT", "docx"} {
		_, err := Formats().Importers().Lookup(key)
		var ue *UnknownFormatError
		if !errors.As(err, &ue) || ue.Key != key {
			t.Fatalf("Lookup(%q): %v; want an *UnknownFormatError", key, err)
		}
		if want := "gift, xml, aiken, text, anki, csv"; !strings.Contains(err.Error(), want) {
			t.Errorf("Lookup(%q): %q does not list %q", key, err, want)
		}
	}
}

func TestRegistry_EveryEntryIsComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Formats() {
		for _, k := range append([]string{f.Key}, f.Aliases...) {
			if seen[k] {
				t.Errorf("the key %q names two formats", k)
			}
			seen[k] = true
		}
		if f.Name == "" || f.Suffix == "" || f.MIME == "" || f.Holds == "" {
			t.Errorf("%s: %+v lacks a name, suffix, MIME type or what it holds", f.Key, f)
		}
		if f.Parse == nil && f.Write == nil && f.Key != "apkg" {
			t.Errorf("%s is neither read nor written", f.Key)
		}
	}
	// The command line's keys are an interface: scripts use them.
	if got, want := strings.Join(Formats().Importers().Keys(), ","), "gift,xml,aiken,text,anki,csv"; got != want {
		t.Errorf("importers %s; want %s", got, want)
	}
}

func TestRegistry_WithWriterPlugsInOneFormat(t *testing.T) {
	r := Formats()
	called := false
	w := r.WithWriter("apkg", func(io.Writer, string, []sets.Item, TextOptions) error { called = true; return nil })
	if f, _ := r.Lookup("apkg"); f.Write != nil {
		t.Error("WithWriter changed the registry it was called on")
	}
	f, _ := w.Lookup("apkg")
	if f.Write == nil {
		t.Fatal("the writer was not plugged in")
	}
	_ = f.Write(io.Discard, "", nil, TextOptions{})
	if !called {
		t.Error("the plugged-in writer was not the one called")
	}
	if got := strings.Join(w.Exporters().Keys(), ","); got != "gift,xml,aiken,text,anki,csv,apkg" {
		t.Errorf("exporters %s", got)
	}
}

func TestRegistry_AcceptListsEachImportersFileTypesOnce(t *testing.T) {
	got := Formats().Importers().Accept()
	for _, want := range []string{".gift", ".txt", ".xml", ".csv", ".tsv", "text/plain", "text/csv", "application/xml"} {
		if !strings.Contains(","+got+",", ","+want+",") {
			t.Errorf("Accept() = %q lacks %q", got, want)
		}
	}
	if strings.Count(got, ".txt") != 1 {
		t.Errorf("Accept() = %q names .txt more than once", got)
	}
	// The Anki package is offered once it can be read, and only then.
	if strings.Contains(got, ".apkg") {
		t.Errorf("Accept() = %q offers .apkg, which nothing reads here", got)
	}
	withAPKG := Registry{{Key: "apkg", Accept: []string{".apkg"}, Parse: ParseText}}
	if got := withAPKG.Importers().Accept(); got != ".apkg" {
		t.Errorf("with an .apkg parser: %q", got)
	}
	for _, f := range Formats() {
		if len(f.Accept) == 0 {
			t.Errorf("%s has no file types", f.Key)
		}
		if f.Binary != (f.Key == "apkg") {
			t.Errorf("%s: Binary %v", f.Key, f.Binary)
		}
	}
}
