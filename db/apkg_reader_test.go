package db

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"sabaq/questions/media"
	"sabaq/questions/sets"
)

// TestWriteAPKG_IndependentReaderAccepts checks an exported package with a
// reader that shares no code with Sabaq: testdata/apkg_check.py, Python's
// zipfile, sqlite3 and json. Without python3 it is skipped, unless
// SABAQ_REQUIRE_PYTHON=1 (as in CI), when it fails.
func TestWriteAPKG_IndependentReaderAccepts(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("SABAQ_REQUIRE_PYTHON") == "1" {
			t.Fatalf("python3 is not on PATH and SABAQ_REQUIRE_PYTHON=1: %v", err)
		}
		t.Skip("python3 is not on PATH (set SABAQ_REQUIRE_PYTHON=1 to fail instead)")
	}
	mapPNG, err := media.New(apkgPNG(t, 7))
	if err != nil {
		t.Fatal(err)
	}
	items := []sets.Item{
		{Kind: sets.Cloze, Prompt: "The Tashkent Declaration was signed in ____.", Accepted: []string{"1966"}, Explanation: "It ended the 1965 war."},
		{Kind: sets.ShortAnswer, Prompt: "Who hosted the Tashkent talks?", Accepted: []string{"Kosygin"}, Tags: []string{"soviet union"}},
		{Kind: sets.ShortAnswer, Format: sets.HTML, Accepted: []string{"Durand Line"},
			Prompt: `<p>Which border does this map show?</p><img src="` + mapPNG.URL() + `" alt="map">`},
	}
	var buf bytes.Buffer
	if err := WriteAPKG(&buf, "Pakistan & the USSR", items, map[string]media.File{mapPNG.Name: mapPNG}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "set.apkg")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, filepath.Join("testdata", "apkg_check.py"), path).Output()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running apkg_check.py: %v", err)
	}
	var summary struct {
		OK        bool
		Problems  []string
		Ver       int
		Notes     int
		Cards     int
		NoteKinds map[string]int `json:"note_kinds"`
		Decks     []string
		Media     []string
		Images    []string
		Entries   []string
	}
	if jerr := json.Unmarshal(out, &summary); jerr != nil {
		t.Fatalf("apkg_check.py printed %q (%v, exit %v)", out, jerr, err)
	}
	if !summary.OK || len(summary.Problems) > 0 || err != nil {
		t.Errorf("apkg_check.py found problems: %q (exit %v)", summary.Problems, err)
	}
	if summary.Ver != 11 || summary.Notes != 3 || summary.Cards != 3 ||
		summary.NoteKinds["cloze"] != 1 || summary.NoteKinds["basic"] != 2 {
		t.Errorf("summary %+v; want ver 11, 3 notes (1 cloze, 2 basic), 3 cards", summary)
	}
	if !slices.Contains(summary.Decks, "Pakistan & the USSR") {
		t.Errorf("decks %q; want the set's", summary.Decks)
	}
	if !slices.Equal(summary.Media, []string{mapPNG.Name}) || !slices.Equal(summary.Images, []string{mapPNG.Name}) {
		t.Errorf("media %q, images %q; want the one picture %s in both", summary.Media, summary.Images, mapPNG.Name)
	}
	if !slices.Equal(summary.Entries, []string{"0", "collection.anki2", "media"}) {
		t.Errorf("zip entries %q; want collection.anki2, media and 0", summary.Entries)
	}
}
