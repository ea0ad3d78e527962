package db

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"sabaq/questions/media"
	"sabaq/questions/sets"
	"sabaq/questions/sets/formats"
)

// apkgPNG is a small PNG picture, w pixels wide (so that pictures differ).
func apkgPNG(t *testing.T, w int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, 2))
	m.Set(0, 0, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// apkgZip zips entries, in the order given (name, data, name, data…).
func apkgZip(t *testing.T, entries ...any) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i < len(entries); i += 2 {
		w, err := zw.Create(entries[i].(string))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(entries[i+1].([]byte)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// apkgDB runs the SQL statements in a new SQLite file and returns its bytes.
func apkgDB(t *testing.T, stmts ...string) []byte {
	t.Helper()
	p := filepath.Join(t.TempDir(), "collection.anki2")
	conn, err := sql.Open("sqlite3", "file:"+p)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := conn.Exec(s); err != nil {
			conn.Close()
			t.Fatalf("%v in\n%s", err, s)
		}
	}
	if err := conn.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sqlQuote is s as an SQL string literal.
func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func parseAPKGBytes(t *testing.T, b []byte) formats.Result {
	t.Helper()
	res, err := ParseAPKG(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("ParseAPKG: %v", err)
	}
	return res
}

func TestParseAPKG_RoundTripKeepsQuestionsAndPictures(t *testing.T) {
	mapPNG, err := media.New(apkgPNG(t, 3))
	if err != nil {
		t.Fatal(err)
	}
	items := []sets.Item{
		{Kind: sets.ShortAnswer, Prompt: "Who hosted the Tashkent talks?", Accepted: []string{"Kosygin"}, Tags: []string{"1965-war"}},
		{Kind: sets.Cloze, Prompt: "The Tashkent Declaration was signed in ____.", Accepted: []string{"1966"}, Explanation: "It ended the 1965 war."},
		{Kind: sets.ShortAnswer, Format: sets.HTML, Accepted: []string{"Durand Line"},
			Prompt: `<p>Which border does this map show?</p><img src="` + mapPNG.URL() + `" alt="map of the border">`},
	}
	var buf bytes.Buffer
	if err := WriteAPKG(&buf, "Pakistan & the USSR", items, map[string]media.File{mapPNG.Name: mapPNG}); err != nil {
		t.Fatal(err)
	}
	res := parseAPKGBytes(t, buf.Bytes())
	if len(res.Errors)+len(res.Unsupported)+len(res.NotKept)+len(res.ToCheck) > 0 {
		t.Fatalf("problems: %v %v %v %v", res.Errors, res.Unsupported, res.NotKept, res.ToCheck)
	}
	if len(res.Items) != len(items) {
		t.Fatalf("%d items, want %d: %+v", len(res.Items), len(items), res.Items)
	}
	for i, got := range res.Items {
		want := items[i]
		if got.Kind != want.Kind || sets.PlainText(got.Prompt, got.Format) != sets.PlainText(want.Prompt, want.Format) {
			t.Errorf("item %d: %s %q, want %s %q", i+1, got.Kind, sets.PlainText(got.Prompt, got.Format), want.Kind, sets.PlainText(want.Prompt, want.Format))
		}
		if len(got.Accepted) != 1 || sets.PlainText(got.Accepted[0], got.Format) != want.Accepted[0] {
			t.Errorf("item %d: accepted %q, want %q", i+1, got.Accepted, want.Accepted)
		}
		if sets.PlainText(got.Explanation, got.Format) != want.Explanation {
			t.Errorf("item %d: explanation %q, want %q", i+1, got.Explanation, want.Explanation)
		}
		if got.Category != "Pakistan & the USSR" || got.Line != i+1 || got.Guid == "" {
			t.Errorf("item %d: category %q line %d guid %q; want the deck, note %d and a guid", i+1, got.Category, got.Line, got.Guid, i+1)
		}
	}
	if !slices.Equal(res.Items[0].Tags, []string{"1965-war"}) {
		t.Errorf("tags %q, want [1965-war]", res.Items[0].Tags)
	}
	pic := res.Items[2]
	ims := media.Images(pic.Prompt)
	if pic.Format != sets.HTML || len(ims) != 1 || ims[0].Src != mapPNG.URL() || ims[0].Alt != "map of the border" {
		t.Errorf("picture item: format %q, prompt %q; want the picture at %s with its alt text", pic.Format, pic.Prompt, mapPNG.URL())
	}
	if len(res.Media) != 1 || res.Media[0].Name != mapPNG.Name {
		t.Errorf("media %v, want the one picture %s", res.Media, mapPNG.Name)
	}
}

// ankiModels is col.models as Anki 2.1 writes it (the fields read here,
// and a few others), for a Basic (and reversed card), an optional reversed
// and a Cloze note type.
const ankiModels = `{
 "1700000000001": {"id": 1700000000001, "name": "Basic (and reversed card)", "type": 0, "sortf": 0, "did": 1,
   "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
   "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"},
             {"name": "Card 2", "ord": 1, "qfmt": "{{Back}}", "afmt": "{{FrontSide}}<hr id=answer>{{Front}}"}]},
 "1700000000002": {"id": 1700000000002, "name": "Cloze", "type": 1, "sortf": 0, "did": 1,
   "flds": [{"name": "Back Extra", "ord": 1}, {"name": "Text", "ord": 0}],
   "tmpls": [{"name": "Cloze", "ord": 0, "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}]},
 "1700000000003": {"id": 1700000000003, "name": "Basic (optional reversed card)", "type": 0, "sortf": 0, "did": 1,
   "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}, {"name": "Add Reverse", "ord": 2}],
   "tmpls": [{"name": "Card 1", "ord": 0, "qfmt": "{{Front}}", "afmt": "{{Back}}"},
             {"name": "Card 2", "ord": 1, "qfmt": "{{#Add Reverse}}{{Back}}{{/Add Reverse}}", "afmt": "{{Front}}"}]}
}`

const ankiDecks = `{
 "1": {"id": 1, "name": "Default"},
 "1700000000100": {"id": 1700000000100, "name": "Pakistan History::Soviet Relations"},
 "1700000000200": {"id": 1700000000200, "name": "Pakistan History::Afghanistan"}
}`

// ankiPackage is an .apkg as Anki 2.1's legacy export writes it, built with
// SQL in Anki's schema: notes of three note types in two decks, with tags,
// a picture with its media entry, and a sound.
func ankiPackage(t *testing.T, mapPNG []byte) []byte {
	note := func(id int64, guid string, mid int64, tags string, fields ...string) string {
		return "INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (" +
			strings.Join([]string{itoa(id), sqlQuote(guid), itoa(mid), "0", "-1", sqlQuote(tags),
				sqlQuote(strings.Join(fields, "\x1f")), sqlQuote(fields[0]), "0", "0", "''"}, ", ") + ")"
	}
	card := func(id, nid, did int64, ord int) string {
		return "INSERT INTO cards VALUES (" + strings.Join([]string{itoa(id), itoa(nid), itoa(did), itoa(int64(ord)),
			"0", "-1", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "''"}, ", ") + ")"
	}
	const soviet, afghan = 1700000000100, 1700000000200
	col := apkgDB(t, apkgSchema,
		"INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', "+sqlQuote(ankiModels)+", "+sqlQuote(ankiDecks)+", '{}', '{}')",
		note(1, "Zb7&uY2pQe", 1700000000001, " ussr ", "Soviet premier who hosted the Tashkent talks", "Alexei Kosygin"),
		card(11, 1, soviet, 0), card(12, 1, soviet, 1),
		note(2, "Kx1!aB2c3D", 1700000000002, " ussr 1968 ",
			"{{c1::Kosygin::Soviet premier}} visited Pakistan in {{c2::1968}}.", "The first visit of a Soviet premier to Pakistan."),
		card(21, 2, soviet, 0), card(22, 2, soviet, 1),
		note(3, "Mp3#dur4nD", 1700000000001, " afghanistan maps ",
			`Which border is drawn in red?<br><img src="paste-123.png">`, "the Durand Line"),
		card(31, 3, afghan, 0), card(32, 3, afghan, 1),
		// Add Reverse filled, and Anki made both cards.
		note(4, "Hn3*Vd9sKa", 1700000000003, "", "Capital of the Uzbek SSR", "Tashkent", "y"),
		card(41, 4, soviet, 0), card(42, 4, soviet, 1),
		// Add Reverse empty: one card.
		note(5, "Mw4(Jc6tRb", 1700000000003, "", "Year of the Tashkent Declaration [sound:tashkent.mp3]", "1966", ""),
		card(51, 5, soviet, 0),
	)
	return apkgZip(t,
		"collection.anki2", col,
		"media", []byte(`{"0": "paste-123.png", "1": "tashkent.mp3"}`),
		"0", mapPNG,
		"1", []byte("ID3 not a picture"),
	)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestParseAPKG_PackageAsAnkiWritesIt(t *testing.T) {
	mapBytes := apkgPNG(t, 4)
	mapPNG, err := media.New(mapBytes)
	if err != nil {
		t.Fatal(err)
	}
	res := parseAPKGBytes(t, ankiPackage(t, mapBytes))
	if len(res.Errors)+len(res.Unsupported) > 0 {
		t.Fatalf("errors %v, unsupported %v", res.Errors, res.Unsupported)
	}
	const soviet, afghan = "Pakistan History::Soviet Relations", "Pakistan History::Afghanistan"
	type want struct {
		kind     sets.Kind
		prompt   string // as text
		accepted string
		guid     string
		deck     string
		line     int
		tags     []string
	}
	wants := []want{
		{sets.ShortAnswer, "Soviet premier who hosted the Tashkent talks", "Alexei Kosygin", "Zb7&uY2pQe", soviet, 1, []string{"ussr"}},
		{sets.ShortAnswer, "Alexei Kosygin", "Soviet premier who hosted the Tashkent talks", "Zb7&uY2pQe 2", soviet, 1, []string{"ussr"}},
		{sets.Cloze, "____ (Soviet premier) visited Pakistan in 1968.", "Kosygin", "Kx1!aB2c3D", soviet, 2, []string{"ussr", "1968"}},
		{sets.Cloze, "Kosygin visited Pakistan in ____.", "1968", "Kx1!aB2c3D 2", soviet, 2, []string{"ussr", "1968"}},
		{sets.ShortAnswer, "Which border is drawn in red? [picture: paste 123]", "the Durand Line", "Mp3#dur4nD", afghan, 3, []string{"afghanistan", "maps"}},
		{sets.ShortAnswer, "the Durand Line", "Which border is drawn in red?", "Mp3#dur4nD 2", afghan, 3, []string{"afghanistan", "maps"}},
		{sets.ShortAnswer, "Capital of the Uzbek SSR", "Tashkent", "Hn3*Vd9sKa", soviet, 4, nil},
		{sets.ShortAnswer, "Tashkent", "Capital of the Uzbek SSR", "Hn3*Vd9sKa 2", soviet, 4, nil},
		{sets.ShortAnswer, "Year of the Tashkent Declaration", "1966", "Mw4(Jc6tRb", soviet, 5, nil},
	}
	if len(res.Items) != len(wants) {
		var got []string
		for _, it := range res.Items {
			got = append(got, it.Prompt)
		}
		t.Fatalf("%d items %q, want %d", len(res.Items), got, len(wants))
	}
	for i, w := range wants {
		it := res.Items[i]
		got := want{it.Kind, sets.PlainText(it.Prompt, it.Format), "", it.Guid, it.Category, it.Line, it.Tags}
		if len(it.Accepted) == 1 {
			got.accepted = sets.PlainText(it.Accepted[0], it.Format)
		}
		if got.kind != w.kind || got.prompt != w.prompt || got.accepted != w.accepted || got.guid != w.guid ||
			got.deck != w.deck || got.line != w.line || !slices.Equal(got.tags, w.tags) {
			t.Errorf("item %d:\n got %+v\nwant %+v", i+1, got, w)
		}
	}
	if res.Items[0].Format != sets.Plain || res.Items[4].Format != sets.HTML {
		t.Errorf("formats %q and %q; want plain for a note without markup, html for the picture's", res.Items[0].Format, res.Items[4].Format)
	}
	if ims := media.Images(res.Items[4].Prompt); len(ims) != 1 || ims[0].Src != mapPNG.URL() {
		t.Errorf("picture prompt %q; want the picture at %s", res.Items[4].Prompt, mapPNG.URL())
	}
	if len(res.Media) != 1 || res.Media[0].Name != mapPNG.Name {
		t.Errorf("media %v; want only the picture (not the sound)", res.Media)
	}
	var notes []string
	for _, p := range append(append(res.NotKept, res.ToCheck...), res.Unsupported...) {
		notes = append(notes, p.String())
	}
	all := strings.Join(notes, "\n")
	for _, s := range []string{"tashkent.mp3", "paste 123"} {
		if !strings.Contains(all, s) {
			t.Errorf("problems %q; want one naming %q", all, s)
		}
	}
}

func TestParseAPKG_ReverseCardAskingForAPictureIsUnsupported(t *testing.T) {
	pic := apkgPNG(t, 5)
	col := apkgDB(t, apkgSchema,
		"INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', "+sqlQuote(ankiModels)+", "+sqlQuote(ankiDecks)+", '{}', '{}')",
		`INSERT INTO notes VALUES (1, 'g1', 1700000000001, 0, -1, '', '<img src="flag.png">`+"\x1f"+`Pakistan', '', 0, 0, '')`,
		`INSERT INTO cards VALUES (11, 1, 1, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '')`,
		`INSERT INTO cards VALUES (12, 1, 1, 1, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '')`,
	)
	res := parseAPKGBytes(t, apkgZip(t, "collection.anki2", col, "media", []byte(`{"0":"flag.png"}`), "0", pic))
	if len(res.Items) != 1 || res.Items[0].Accepted[0] != "Pakistan" || len(res.Unsupported) != 1 || len(res.Errors) != 0 {
		t.Errorf("items %+v, unsupported %v, errors %v; want the picture's question, and its reverse unsupported", res.Items, res.Unsupported, res.Errors)
	}
}

func TestParseAPKG_BadPackagesAreRefusedInWords(t *testing.T) {
	big := bytes.Repeat([]byte{0}, 60<<20) // deflates to a few tens of KB
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"not a zip", []byte("Front\tBack\n"), "not a zip file"},
		{"a zip without a collection", apkgZip(t, "notes.txt", []byte("hello")), "holds no Anki collection"},
		{"a damaged collection", apkgZip(t, "collection.anki2", []byte("SQLite format 3\x00 and then nothing")), "damaged"},
		{"not a database", apkgZip(t, "collection.anki2", []byte("hello")), "damaged"},
		{"a database without Anki's tables", apkgZip(t, "collection.anki2", apkgDB(t, "CREATE TABLE x (y)")), "damaged"},
		{"a zip bomb", apkgZip(t, "collection.anki2", big), "more than 50 MB"},
		{"a new-format package that is not zstd", apkgZip(t, "collection.anki21b", []byte("hello"), "collection.anki2", []byte("x")), "Support older Anki versions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := parseAPKGBytes(t, tt.file)
			if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, tt.want) || len(res.Items) != 0 {
				t.Errorf("errors %v, %d items; want one error saying %q", res.Errors, len(res.Items), tt.want)
			}
		})
	}
}

func TestParseAPKG_OverMaxBytesIsTooLarge(t *testing.T) {
	_, err := ParseAPKG(bytes.NewReader(make([]byte, formats.MaxBytes+1)))
	if !errors.Is(err, formats.ErrTooLarge) {
		t.Errorf("err = %v, want formats.ErrTooLarge", err)
	}
}

// protoBytes is a protobuf field: number num, length-delimited data.
func protoBytes(num int, data []byte) []byte {
	b := []byte{byte(num<<3 | 2)}
	b = appendVarint(b, uint64(len(data)))
	return append(b, data...)
}

func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func TestParseAPKG_NewFormatPackage(t *testing.T) {
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	z := func(b []byte) []byte { return enc.EncodeAll(b, nil) }
	pic := apkgPNG(t, 6)
	// Anki's schema 18: note types, fields and decks in tables of their own.
	col := apkgDB(t, apkgSchema,
		`INSERT INTO col VALUES (1, 0, 0, 0, 18, 0, 0, 0, '', '', '', '', '')`,
		`CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL)`,
		`CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid`,
		`CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL)`,
		`INSERT INTO notetypes VALUES (1, 'Basic', 0, 0, X''), (2, 'Cloze', 0, 0, X'0801')`,
		`INSERT INTO fields VALUES (1, 0, 'Front', X''), (1, 1, 'Back', X''), (2, 0, 'Text', X''), (2, 1, 'Back Extra', X'')`,
		"INSERT INTO decks VALUES (5, 'Pakistan History\x1fSoviet Relations', 0, 0, X'', X'')",
		`INSERT INTO notes VALUES (1, 'g1', 1, 0, -1, ' ussr ', 'Where was the declaration signed? <img src="tashkent.png">`+"\x1f"+`Tashkent', '', 0, 0, '')`,
		`INSERT INTO notes VALUES (2, 'g2', 2, 0, -1, '', 'Signed in {{c1::1966}}.`+"\x1f"+`', '', 0, 0, '')`,
		`INSERT INTO cards VALUES (11, 1, 5, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '')`,
		`INSERT INTO cards VALUES (21, 2, 5, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '')`,
	)
	entry := append(protoBytes(1, []byte("tashkent.png")), 0x10, byte(len(pic)))
	mediaList := protoBytes(1, entry)
	stub := apkgDB(t, apkgSchema, "INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', '{}', '{}', '{}', '{}')")
	pkg := apkgZip(t, "collection.anki2", stub, "collection.anki21b", z(col), "media", z(mediaList), "0", z(pic), "meta", []byte{0x08, 0x03})
	res := parseAPKGBytes(t, pkg)
	if len(res.Errors)+len(res.Unsupported) > 0 || len(res.Items) != 2 {
		t.Fatalf("items %+v, errors %v, unsupported %v", res.Items, res.Errors, res.Unsupported)
	}
	if it := res.Items[0]; it.Category != "Pakistan History::Soviet Relations" || it.Accepted[0] != "Tashkent" || len(res.Media) != 1 ||
		!strings.Contains(it.Prompt, res.Media[0].URL()) {
		t.Errorf("item %+v, media %v; want the deck, the answer and the picture", it, res.Media)
	}
	if it := res.Items[1]; it.Kind != sets.Cloze || it.Prompt != "Signed in ____." || it.Accepted[0] != "1966" {
		t.Errorf("cloze item %+v", it)
	}
}

func TestFormats_ImportsAPKG(t *testing.T) {
	f, err := Formats().Importers().Lookup("apkg")
	if err != nil {
		t.Fatal(err)
	}
	if f.Parse == nil || f.Write == nil {
		t.Fatal("apkg has no parser or no writer")
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, "Deck", []sets.Item{{Kind: sets.ShortAnswer, Prompt: "Q?", Accepted: []string{"A"}}}, formats.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	res, err := f.Parse(&buf, formats.TextOptions{})
	if err != nil || len(res.Items) != 1 || res.Items[0].Prompt != "Q?" {
		t.Errorf("read back %+v, %v", res.Items, err)
	}
}
