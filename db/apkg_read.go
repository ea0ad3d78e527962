package db

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/klauspost/compress/zstd"

	"sabaq/questions/media"
	"sabaq/questions/sets/formats"
)

// Limits on what reading one .apkg may unpack, whatever its entries claim:
// a zip of a few MB can hold gigabytes of zeros.
const (
	apkgMaxUnpacked   = 50 << 20 // all entries read, together
	apkgMaxCollection = 50 << 20 // the collection database
)

// Messages for packages Sabaq cannot read, in words a teacher can act on.
const (
	apkgNotZip     = "This is not an Anki package (.apkg): it is not a zip file. In Anki, choose File › Export… and “Anki Deck Package (*.apkg)”."
	apkgNoDeck     = "This zip file holds no Anki collection (collection.anki2, collection.anki21 or collection.anki21b), so it is not an Anki package. In Anki, choose File › Export… and “Anki Deck Package (*.apkg)”."
	apkgNewFormat  = "This package was exported by a recent Anki in its new format; in Anki's export dialog tick “Support older Anki versions” and export again."
	apkgDamaged    = "The collection inside this Anki package is damaged or not one Anki wrote, so its notes cannot be read. Export the deck from Anki again."
	apkgTooLarge   = "This Anki package unpacks to more than 50 MB, more than one import may hold. Export a smaller deck, or the deck without its sounds and videos."
	apkgBadMedia   = "the package's list of media files cannot be read, so its pictures are left out"
	apkgLegacyStub = "Please update to the latest Anki version" // the note Anki puts in the old collection of a new-format package
)

var errAPKGTooLarge = errors.New("db: apkg: unpacks to more than 50 MB")

// apkgSoundRe is a sound or video of an Anki field, which Sabaq does not play.
var apkgSoundRe = regexp.MustCompile(`\[sound:([^\]]*)\]`)

// ParseAPKG reads an Anki package (.apkg): the zip Anki's File › Export…
// writes as “Anki Deck Package”. It opens the newest collection the
// package holds (collection.anki21b, the zstd-compressed database recent
// Anki writes; else collection.anki21; else collection.anki2), reads its
// note types, decks, notes and cards, and makes of each note the questions
// formats.ParseAnkiNotes makes (one per cloze deletion, both directions of a
// reversed note; an optional reversed note's reverse only when Anki made
// that card). Fields are HTML: a note with markup makes HTML items, whose
// pictures are read from the package's media (only those the notes show).
// Sounds ([sound:…]) are left out and named in NotKept. A note's Line is its
// position in the package. A file that is not a package, or whose
// collection cannot be read, gives a Result with one error Problem; the
// error is for a file over formats.MaxBytes (formats.ErrTooLarge) or for
// failing to write the temporary copy of the database.
func ParseAPKG(r io.Reader) (formats.Result, error) {
	b, err := io.ReadAll(io.LimitReader(r, formats.MaxBytes+1))
	if err != nil {
		return formats.Result{}, fmt.Errorf("db: apkg: reading the file: %w", err)
	}
	if len(b) > formats.MaxBytes {
		return formats.Result{}, formats.ErrTooLarge
	}
	refuse := func(msg string) (formats.Result, error) {
		return formats.Result{Errors: []formats.Problem{{Message: msg}}}, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return refuse(apkgNotZip)
	}
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		if _, dup := entries[f.Name]; !dup {
			entries[f.Name] = f
		}
	}
	u := &apkgUnpacker{budget: apkgMaxUnpacked}
	defer u.close()

	var col []byte
	modern := false
	switch {
	case entries["collection.anki21b"] != nil:
		modern = true
		col, err = u.read(entries["collection.anki21b"], apkgMaxCollection, true)
		if err != nil && !errors.Is(err, errAPKGTooLarge) {
			return refuse(apkgNewFormat)
		}
	case entries["collection.anki21"] != nil:
		col, err = u.read(entries["collection.anki21"], apkgMaxCollection, false)
	case entries["collection.anki2"] != nil:
		col, err = u.read(entries["collection.anki2"], apkgMaxCollection, false)
	default:
		return refuse(apkgNoDeck)
	}
	switch {
	case errors.Is(err, errAPKGTooLarge):
		return refuse(apkgTooLarge)
	case err != nil:
		return refuse(apkgDamaged)
	case !bytes.HasPrefix(col, []byte("SQLite format 3\x00")):
		if modern {
			return refuse(apkgNewFormat)
		}
		return refuse(apkgDamaged)
	}

	notes, problems, err := apkgReadCollection(col)
	if errors.Is(err, errAPKGDamaged) {
		return refuse(apkgDamaged)
	}
	if err != nil {
		return formats.Result{}, err
	}
	if len(notes) == 1 && strings.Contains(strings.Join(notes[0].Fields, " "), apkgLegacyStub) {
		// Only the placeholder a new-format package carries for old Ankis.
		return refuse(apkgNewFormat)
	}

	// Sounds: left out, and said so.
	var notKept []formats.Problem
	for i := range notes {
		var sounds []string
		for j, f := range notes[i].Fields {
			for _, m := range apkgSoundRe.FindAllStringSubmatch(f, -1) {
				if s := fmt.Sprintf("the sound “%s”", m[1]); !slices.Contains(sounds, s) {
					sounds = append(sounds, s)
				}
			}
			notes[i].Fields[j] = apkgSoundRe.ReplaceAllString(f, "")
		}
		if len(sounds) > 0 {
			notKept = append(notKept, formats.Problem{Line: notes[i].Line,
				Message: "not kept: " + strings.Join(sounds, "; ") + " (Sabaq does not play sounds)"})
		}
	}

	files, mediaProblem := u.media(entries, notes, modern)
	res := formats.ParseAnkiNotes(notes, files)
	res.Errors = append(res.Errors, problems...)
	res.NotKept = append(res.NotKept, notKept...)
	if mediaProblem != "" {
		res.NotKept = append(res.NotKept, formats.Problem{Message: "not kept: " + mediaProblem})
	}
	for _, ps := range [][]formats.Problem{res.Errors, res.NotKept} {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	}
	return res, nil
}

// apkgUnpacker reads a package's entries within a budget of unpacked bytes.
type apkgUnpacker struct {
	budget int64
	dec    *zstd.Decoder
}

func (u *apkgUnpacker) close() {
	if u.dec != nil {
		u.dec.Close()
	}
}

// read unpacks f, unzstd-ing it when zstd is set, refusing it with
// errAPKGTooLarge once it is over limit or the package's budget.
func (u *apkgUnpacker) read(f *zip.File, limit int64, zstdToo bool) ([]byte, error) {
	limit = min(limit, u.budget)
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("db: apkg: %s: %w", f.Name, err)
	}
	defer rc.Close()
	var in io.Reader = rc
	if zstdToo {
		if u.dec == nil {
			// One goroutine, and a window no larger than a collection may be.
			if u.dec, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(apkgMaxCollection+1<<20)); err != nil {
				return nil, fmt.Errorf("db: apkg: %w", err)
			}
		}
		// The compressed stream is itself bounded by the zip's budget.
		if err := u.dec.Reset(io.LimitReader(rc, limit+1)); err != nil {
			return nil, fmt.Errorf("db: apkg: %s: %w", f.Name, err)
		}
		in = u.dec
	}
	b, err := io.ReadAll(io.LimitReader(in, limit+1))
	if int64(len(b)) > limit {
		return nil, errAPKGTooLarge
	}
	if err != nil {
		return nil, fmt.Errorf("db: apkg: %s: %w", f.Name, err)
	}
	u.budget -= int64(len(b))
	return b, nil
}

// media reads the pictures the notes' HTML shows, by their names in the
// package; it returns what the teacher should be told when the media list
// cannot be read.
func (u *apkgUnpacker) media(entries map[string]*zip.File, notes []formats.AnkiNote, modern bool) (map[string][]byte, string) {
	wanted := map[string]bool{}
	for _, n := range notes {
		for _, f := range n.Fields {
			for _, im := range media.Images(f) {
				wanted[im.Src] = true
				if s, err := url.PathUnescape(im.Src); err == nil {
					wanted[s], wanted[path.Base(s)] = true, true
				}
			}
		}
	}
	if len(wanted) == 0 || entries["media"] == nil {
		return nil, ""
	}
	list, err := u.read(entries["media"], 8<<20, modern)
	if err != nil {
		return nil, apkgBadMedia
	}
	var names map[string]string // zip entry → file name
	if modern {
		names, err = apkgMediaEntries(list)
	} else {
		err = json.Unmarshal(list, &names)
	}
	if err != nil {
		return nil, apkgBadMedia
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same files read, and the same refused, every time
	files := map[string][]byte{}
	for _, k := range keys {
		name := names[k]
		if !wanted[name] || entries[k] == nil {
			continue
		}
		// One byte over media.MaxBytes is enough for media.New to refuse it.
		data, err := u.read(entries[k], media.MaxBytes+1, modern)
		if errors.Is(err, errAPKGTooLarge) && u.budget > media.MaxBytes {
			data = make([]byte, media.MaxBytes+1) // over the picture limit, not the package's
		} else if err != nil {
			continue // finish names the picture as one it could not find
		}
		files[name] = data
	}
	return files, ""
}

// apkgMediaEntries reads a new-format package's media list: the protobuf
// message MediaEntries { repeated MediaEntry entries = 1; }, MediaEntry {
// string name = 1; uint32 size = 2; bytes sha1 = 3; optional uint32
// legacy_zip_filename = 255; }. The nth entry is in the zip entry named n,
// or by its legacy_zip_filename.
func apkgMediaEntries(b []byte) (map[string]string, error) {
	out := map[string]string{}
	n := 0
	err := protoFields(b, func(num int, v uint64, data []byte) error {
		if num != 1 || data == nil {
			return nil
		}
		name, zipName := "", strconv.Itoa(n)
		n++
		err := protoFields(data, func(num int, v uint64, data []byte) error {
			switch {
			case num == 1 && data != nil:
				name = string(data)
			case num == 255 && data == nil:
				zipName = strconv.FormatUint(v, 10)
			}
			return nil
		})
		if err != nil {
			return err
		}
		out[zipName] = name
		return nil
	})
	return out, err
}

// protoFields calls f with each field of the protobuf message b: its number
// and its value, a varint as v or length-delimited bytes as data (non-nil).
// Fixed-width fields are skipped; groups are an error.
func protoFields(b []byte, f func(num int, v uint64, data []byte) error) error {
	varint := func() (uint64, error) {
		var x uint64
		for shift := 0; shift < 64; shift += 7 {
			if len(b) == 0 {
				return 0, errors.New("protobuf: truncated")
			}
			c := b[0]
			b = b[1:]
			x |= uint64(c&0x7f) << shift
			if c < 0x80 {
				return x, nil
			}
		}
		return 0, errors.New("protobuf: varint too long")
	}
	for len(b) > 0 {
		key, err := varint()
		if err != nil {
			return err
		}
		num := int(key >> 3)
		switch key & 7 {
		case 0:
			v, err := varint()
			if err != nil {
				return err
			}
			if err := f(num, v, nil); err != nil {
				return err
			}
		case 1, 5:
			w := map[uint64]int{1: 8, 5: 4}[key&7]
			if len(b) < w {
				return errors.New("protobuf: truncated")
			}
			b = b[w:]
		case 2:
			l, err := varint()
			if err != nil {
				return err
			}
			if l > uint64(len(b)) {
				return errors.New("protobuf: truncated")
			}
			data := b[:l:l]
			if data == nil {
				data = []byte{}
			}
			b = b[l:]
			if err := f(num, 0, data); err != nil {
				return err
			}
		default:
			return fmt.Errorf("protobuf: wire type %d", key&7)
		}
	}
	return nil
}

// errAPKGDamaged is a collection that is not a database Anki wrote.
var errAPKGDamaged = errors.New("db: apkg: damaged collection")

// apkgModel is a note type: its name, kind and field names.
type apkgModel struct {
	name   string
	cloze  bool
	fields []string
}

// apkgReadCollection reads the notes of the collection database col, with
// errors for notes it cannot map. Any SQL or JSON failure is errAPKGDamaged;
// other errors are the temporary file's.
func apkgReadCollection(col []byte) (notes []formats.AnkiNote, problems []formats.Problem, err error) {
	f, err := os.CreateTemp("", "sabaq-import-*.anki2")
	if err != nil {
		return nil, nil, fmt.Errorf("db: apkg: %w", err)
	}
	p := f.Name()
	defer os.Remove(p)
	_, werr := f.Write(col)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return nil, nil, fmt.Errorf("db: apkg: %w", werr)
	}
	// Read-only, and immutable: SQLite neither locks the copy nor looks for
	// a journal beside it.
	conn, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: p}).EscapedPath()+"?mode=ro&immutable=1")
	if err != nil {
		return nil, nil, fmt.Errorf("db: apkg: %w", err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	ctx := context.Background()
	damaged := func(error) ([]formats.AnkiNote, []formats.Problem, error) { return nil, nil, errAPKGDamaged }

	var newSchema int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'notetypes'`).Scan(&newSchema); err != nil {
		return damaged(err)
	}
	var models map[int64]apkgModel
	var decks map[int64]string
	if newSchema > 0 {
		models, decks, err = apkgSchema18(ctx, conn)
	} else {
		models, decks, err = apkgSchema11(ctx, conn)
	}
	if err != nil {
		return damaged(err)
	}

	// Each note's cards: their ordinals, and the deck of its first.
	type cardsOf struct {
		ords []int
		deck int64
	}
	cards := map[int64]*cardsOf{}
	rows, err := conn.QueryContext(ctx, `SELECT nid, ord, did FROM cards ORDER BY nid, ord`)
	if err != nil {
		return damaged(err)
	}
	for rows.Next() {
		var nid, did int64
		var ord int
		if err := rows.Scan(&nid, &ord, &did); err != nil {
			rows.Close()
			return damaged(err)
		}
		c := cards[nid]
		if c == nil {
			c = &cardsOf{deck: did}
			cards[nid] = c
		}
		c.ords = append(c.ords, ord)
	}
	if err := rows.Close(); err != nil {
		return damaged(err)
	}
	if err := rows.Err(); err != nil {
		return damaged(err)
	}

	rows, err = conn.QueryContext(ctx, `SELECT id, guid, mid, tags, flds FROM notes ORDER BY id`)
	if err != nil {
		return damaged(err)
	}
	defer rows.Close()
	for line := 1; rows.Next(); line++ {
		var id, mid int64
		var guid, tags, flds string
		if err := rows.Scan(&id, &guid, &mid, &tags, &flds); err != nil {
			return damaged(err)
		}
		m, ok := models[mid]
		if !ok {
			problems = append(problems, formats.Problem{Line: line, Message: fmt.Sprintf("note %d has a note type the package does not hold", line)})
			continue
		}
		n := formats.AnkiNote{
			Line: line, Notetype: m.name, Cloze: m.cloze, Names: m.fields, Fields: strings.Split(flds, "\x1f"),
			HTML: true, KeepHTML: true, Tags: strings.Fields(tags), Guid: guid,
		}
		if len(n.Tags) == 0 {
			n.Tags = nil
		}
		if c := cards[id]; c != nil { // else by the note type's name, as a text export
			n.Cards, n.Deck = c.ords, decks[c.deck]
		}
		notes = append(notes, n)
		if len(notes) > formats.MaxItems {
			break // finish says the file holds too many
		}
	}
	if err := rows.Err(); err != nil {
		return damaged(err)
	}
	return notes, problems, nil
}

// apkgSchema11 reads the note types and deck names of an Anki 2.0 and
// legacy 2.1 collection: JSON in the col row.
func apkgSchema11(ctx context.Context, conn *sql.DB) (map[int64]apkgModel, map[int64]string, error) {
	var modelsJSON, decksJSON string
	if err := conn.QueryRowContext(ctx, `SELECT models, decks FROM col LIMIT 1`).Scan(&modelsJSON, &decksJSON); err != nil {
		return nil, nil, err
	}
	var ms map[string]struct {
		Name string `json:"name"`
		Type int    `json:"type"`
		Flds []struct {
			Name string `json:"name"`
			Ord  int    `json:"ord"`
		} `json:"flds"`
	}
	if err := json.Unmarshal([]byte(modelsJSON), &ms); err != nil {
		return nil, nil, err
	}
	var ds map[string]struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(decksJSON), &ds); err != nil {
		return nil, nil, err
	}
	models := map[int64]apkgModel{}
	for k, m := range ms {
		id, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			continue
		}
		flds := slices.Clone(m.Flds)
		slices.SortStableFunc(flds, func(a, b struct {
			Name string `json:"name"`
			Ord  int    `json:"ord"`
		}) int {
			return a.Ord - b.Ord
		})
		am := apkgModel{name: m.Name, cloze: m.Type == 1}
		for _, f := range flds {
			am.fields = append(am.fields, f.Name)
		}
		models[id] = am
	}
	decks := map[int64]string{}
	for k, d := range ds {
		if id, err := strconv.ParseInt(k, 10, 64); err == nil {
			decks[id] = d.Name
		}
	}
	return models, decks, nil
}

// apkgSchema18 reads the note types and deck names of a new-format
// collection: tables notetypes (whose config protobuf has the kind, 1 for
// cloze, as field 1), fields, and decks (names' levels split by \x1f).
func apkgSchema18(ctx context.Context, conn *sql.DB) (map[int64]apkgModel, map[int64]string, error) {
	models := map[int64]apkgModel{}
	rows, err := conn.QueryContext(ctx, `SELECT id, name, config FROM notetypes`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id int64
		var name string
		var config []byte
		if err := rows.Scan(&id, &name, &config); err != nil {
			rows.Close()
			return nil, nil, err
		}
		m := apkgModel{name: name}
		err := protoFields(config, func(num int, v uint64, data []byte) error {
			if num == 1 && data == nil {
				m.cloze = v == 1
			}
			return nil
		})
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		models[id] = m
	}
	if err := rows.Close(); err != nil {
		return nil, nil, err
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = conn.QueryContext(ctx, `SELECT ntid, name FROM fields ORDER BY ntid, ord`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var ntid int64
		var name string
		if err := rows.Scan(&ntid, &name); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if m, ok := models[ntid]; ok {
			m.fields = append(m.fields, name)
			models[ntid] = m
		}
	}
	if err := rows.Close(); err != nil {
		return nil, nil, err
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	decks := map[int64]string{}
	rows, err = conn.QueryContext(ctx, `SELECT id, name FROM decks`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, nil, err
		}
		decks[id] = strings.ReplaceAll(name, "\x1f", "::")
	}
	return models, decks, rows.Err()
}
