package db

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sabaq/questions/sets"
)

// apkgItems are items of every kind, with text that needs escaping.
func apkgItems() []sets.Item {
	return []sets.Item{
		{Kind: sets.ShortAnswer, Prompt: "Who hosted the talks at Tashkent in January 1966?", Accepted: []string{"Alexei Kosygin", "Kosygin"},
			Explanation: "Kosygin was Soviet premier from 1964 to 1980.", Tags: []string{"1965-war", "soviet union"}},
		{Kind: sets.MultipleChoice, Prompt: "From which city's airbase did the 1960 U-2 take off?",
			Choices: []sets.Choice{{Text: "Karachi"}, {Text: "Peshawar", Weight: 100}, {Text: "Quetta"}}},
		{Kind: sets.MultipleAnswer, Prompt: "Which were built with Soviet help?",
			Choices: []sets.Choice{{Text: "Pakistan Steel Mills", Weight: 50}, {Text: "OGDC", Weight: 50}, {Text: "Tarbela Dam"}}},
		{Kind: sets.TrueFalse, Prompt: "Pakistan joined the Baghdad Pact in 1955.", Truth: true},
		{Kind: sets.Numerical, Prompt: "When did the last Soviet troops leave Afghanistan?", Numbers: []sets.NumericAnswer{{Value: 1989, Weight: 100}}},
		{Kind: sets.Matching, Prompt: "Match leader and country.", Pairs: []sets.Pair{{Left: "Ayub Khan", Right: "Pakistan"}, {Left: "Shastri", Right: "India"}}},
		{Kind: sets.Ordering, Prompt: "Put these in order.", Sequence: []string{"Baghdad Pact", "U-2 incident", "Tashkent Declaration"}},
		{Kind: sets.Cloze, Prompt: "The Tashkent Declaration was signed on ____ <1966>.", Accepted: []string{"10 January"}, Explanation: "It ended the 1965 war."},
	}
}

// openAPKG writes items as a package, checks it is a zip of collection.anki2
// and media, and opens the collection.
func openAPKG(t *testing.T, deck string, items []sets.Item) (*sql.DB, map[string][]byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteAPKG(&buf, deck, items, nil); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
	}
	if len(files) != 2 || files["collection.anki2"] == nil || files["media"] == nil {
		t.Fatalf("package holds %d files; want collection.anki2 and media", len(files))
	}
	path := filepath.Join(t.TempDir(), "collection.anki2")
	if err := os.WriteFile(path, files["collection.anki2"], 0o600); err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn, files
}

func TestWriteAPKG_PackageAnkiCanImport(t *testing.T) {
	items := apkgItems()
	conn, files := openAPKG(t, "Pakistan & the USSR", items)

	if string(files["media"]) != "{}" {
		t.Errorf("media = %q, want {}", files["media"])
	}
	for _, table := range []string{"col", "notes", "cards", "revlog", "graves"} {
		var n int
		if err := conn.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: %d, %v; want it to exist", table, n, err)
		}
	}
	var nNotes, nCards, nOrphans int
	if err := conn.QueryRow(`SELECT count(*) FROM notes`).Scan(&nNotes); err != nil || nNotes != len(items) {
		t.Errorf("notes = %d, %v; want %d", nNotes, err, len(items))
	}
	if err := conn.QueryRow(`SELECT count(*) FROM cards`).Scan(&nCards); err != nil || nCards != nNotes {
		t.Errorf("cards = %d, %v; want one per note (%d)", nCards, err, nNotes)
	}
	if err := conn.QueryRow(`SELECT count(*) FROM cards WHERE nid NOT IN (SELECT id FROM notes)`).Scan(&nOrphans); err != nil || nOrphans != 0 {
		t.Errorf("%d cards without a note (%v)", nOrphans, err)
	}

	var ver int
	var modelsJSON, decksJSON, dconfJSON, confJSON string
	if err := conn.QueryRow(`SELECT ver, models, decks, dconf, conf FROM col`).Scan(&ver, &modelsJSON, &decksJSON, &dconfJSON, &confJSON); err != nil {
		t.Fatal(err)
	}
	if ver != 11 {
		t.Errorf("col.ver = %d, want 11 (the Anki 2.0 schema)", ver)
	}
	var models map[string]struct {
		ID    int64  `json:"id"`
		Name  string `json:"name"`
		Type  int    `json:"type"`
		Flds  []struct{ Name string }
		Tmpls []struct{ Qfmt, Afmt string }
	}
	if err := json.Unmarshal([]byte(modelsJSON), &models); err != nil {
		t.Fatalf("col.models is not JSON: %v", err)
	}
	var decks map[string]struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
		Conf int64  `json:"conf"`
	}
	if err := json.Unmarshal([]byte(decksJSON), &decks); err != nil {
		t.Fatalf("col.decks is not JSON: %v", err)
	}
	var dconf map[string]any
	if err := json.Unmarshal([]byte(dconfJSON), &dconf); err != nil || dconf["1"] == nil {
		t.Errorf("col.dconf = %s (%v); want the default options group 1", dconfJSON, err)
	}
	if !json.Valid([]byte(confJSON)) {
		t.Errorf("col.conf is not JSON: %s", confJSON)
	}

	rows, err := conn.Query(`SELECT n.guid, n.mid, n.flds, n.sfld, n.csum, n.tags, n.usn, c.did, c.ord, c.type, c.queue, c.due
		FROM notes n JOIN cards c ON c.nid = n.id ORDER BY c.due`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	guids := map[string]bool{}
	i := 0
	for rows.Next() {
		var guid, flds, sfld, tags string
		var mid, csum, did int64
		var usn, ord, typ, queue, due int
		if err := rows.Scan(&guid, &mid, &flds, &sfld, &csum, &tags, &usn, &did, &ord, &typ, &queue, &due); err != nil {
			t.Fatal(err)
		}
		it := items[i]
		i++
		m, ok := models[strconv.FormatInt(mid, 10)]
		if !ok || m.ID != mid {
			t.Errorf("note %d: model %d is not in col.models", i, mid)
			continue
		}
		fields := strings.Split(flds, "\x1f")
		if len(fields) != len(m.Flds) {
			t.Errorf("note %d: %d fields, its model %q has %d", i, len(fields), m.Name, len(m.Flds))
		}
		if d, ok := decks[strconv.FormatInt(did, 10)]; !ok || d.Name != "Pakistan & the USSR" || d.Conf != 1 {
			t.Errorf("note %d: card in deck %d = %+v; want the package's deck", i, did, d)
		}
		if guid == "" || guids[guid] {
			t.Errorf("note %d: guid %q empty or repeated", i, guid)
		}
		guids[guid] = true
		sum := sha1.Sum([]byte(sfld))
		if want, _ := strconv.ParseInt(hex.EncodeToString(sum[:4]), 16, 64); csum != want || sfld == "" {
			t.Errorf("note %d: csum %d, want %d, the sha1 of sort field %q", i, csum, want, sfld)
		}
		if usn != -1 || ord != 0 || typ != 0 || queue != 0 || due != i {
			t.Errorf("note %d: usn %d ord %d type %d queue %d due %d; want a new card, position %d", i, usn, ord, typ, queue, due, i)
		}
		switch it.Kind {
		case sets.Cloze:
			if m.Type != 1 || fields[0] != "The Tashkent Declaration was signed on {{c1::10 January}} &lt;1966&gt;." || fields[1] != "It ended the 1965 war." {
				t.Errorf("cloze note: model type %d, fields %q", m.Type, fields)
			}
		case sets.ShortAnswer:
			if m.Type != 0 || m.Name != "Sabaq Basic" || fields[0] != it.Prompt ||
				fields[1] != "Alexei Kosygin / Kosygin<br><br>Kosygin was Soviet premier from 1964 to 1980." {
				t.Errorf("basic note: model %q type %d, fields %q", m.Name, m.Type, fields)
			}
			if tags != " 1965-war soviet_union " {
				t.Errorf("tags = %q, want \" 1965-war soviet_union \"", tags)
			}
		case sets.MultipleChoice:
			if !strings.Contains(fields[0], "A. Karachi<br>B. Peshawar<br>C. Quetta") || fields[1] != "B. Peshawar" {
				t.Errorf("multiple-choice note: fields %q; want the options on the front, the right one on the back", fields)
			}
		case sets.TrueFalse:
			if fields[1] != "True" {
				t.Errorf("true/false note: back %q, want True", fields[1])
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(items) {
		t.Errorf("%d notes with cards, want %d", i, len(items))
	}
}

func TestWriteAPKG_SameSetGivesSameGUIDs(t *testing.T) {
	guids := func() []string {
		conn, _ := openAPKG(t, "", apkgItems()[:3])
		var out []string
		rows, err := conn.Query(`SELECT guid FROM notes ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var g string
			rows.Scan(&g)
			out = append(out, g)
		}
		return out
	}
	a, b := guids(), guids()
	if len(a) != 3 || strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("guids %q then %q; want the same three, so re-importing updates the notes", a, b)
	}
}

func TestWriteAPKG_EmptyDeckNameBecomesSabaq(t *testing.T) {
	conn, _ := openAPKG(t, "  ", nil)
	var decks string
	if err := conn.QueryRow(`SELECT decks FROM col`).Scan(&decks); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(decks, `"name":"Sabaq"`) {
		t.Errorf("decks = %s; want a deck named Sabaq", decks)
	}
}
