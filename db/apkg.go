package db

import (
	"archive/zip"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"sabaq/questions/media"
	"sabaq/questions/sets"
)

// The Anki package (.apkg) is a zip of collection.anki2, an SQLite database in
// the Anki 2.0 layout (collection schema 11, what Anki 2.1's legacy export
// writes and every Anki version, AnkiDroid, AnkiMobile and third-party
// readers import), and media, a JSON map of media files ({} here).
const apkgSchema = `
CREATE TABLE col (
    id              integer primary key,
    crt             integer not null,
    mod             integer not null,
    scm             integer not null,
    ver             integer not null,
    dty             integer not null,
    usn             integer not null,
    ls              integer not null,
    conf            text not null,
    models          text not null,
    decks           text not null,
    dconf           text not null,
    tags            text not null
);
CREATE TABLE notes (
    id              integer primary key,
    guid            text not null,
    mid             integer not null,
    mod             integer not null,
    usn             integer not null,
    tags            text not null,
    flds            text not null,
    sfld            integer not null,
    csum            integer not null,
    flags           integer not null,
    data            text not null
);
CREATE TABLE cards (
    id              integer primary key,
    nid             integer not null,
    did             integer not null,
    ord             integer not null,
    mod             integer not null,
    usn             integer not null,
    type            integer not null,
    queue           integer not null,
    due             integer not null,
    ivl             integer not null,
    factor          integer not null,
    reps            integer not null,
    lapses          integer not null,
    left            integer not null,
    odue            integer not null,
    odid            integer not null,
    flags           integer not null,
    data            text not null
);
CREATE TABLE revlog (
    id              integer primary key,
    cid             integer not null,
    usn             integer not null,
    ease            integer not null,
    ivl             integer not null,
    lastIvl         integer not null,
    factor          integer not null,
    time            integer not null,
    type            integer not null
);
CREATE TABLE graves (
    usn             integer not null,
    oid             integer not null,
    type            integer not null
);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`

// The note types of Sabaq's packages. Fixed ids, so that importing a second
// package reuses them instead of adding "Sabaq Basic-2".
const (
	apkgBasicModelID int64 = 1735689600001
	apkgClozeModelID int64 = 1735689600002
)

// apkgNote is one note: its note type, fields and card ordinal.
type apkgNote struct {
	model  int64
	fields []string // HTML
	tags   []string
}

// WriteAPKG writes items as an Anki package (.apkg) holding one deck named
// deckName ("Sabaq" when empty). A cloze item becomes a note of the "Sabaq
// Cloze" type ({{c1::answer}} in Text, the explanation in Back Extra); every
// other item a note of the "Sabaq Basic" type (Front/Back, one card): the
// Front is the prompt with the options of a choice, matching or ordering
// item listed, the Back the answer and the explanation. Notes get tags from
// the items' tags (spaces as "_") and guids from their kind and prompt, so
// that importing an updated set updates the notes rather than adding copies.
// The pictures of HTML items that are in files (the stored pictures by
// name, see formats.MediaNames) go into the package as its media, shown as
// <img src="NAME"> (Anki finds media by file name); other markup is left
// out, and so is a picture not in files (its alt text stays).
func WriteAPKG(w io.Writer, deckName string, items []sets.Item, files map[string]media.File) error {
	deckName = strings.Join(strings.Fields(deckName), " ")
	if deckName == "" {
		deckName = "Sabaq"
	}
	pics := &apkgPictures{files: files}
	notes := make([]apkgNote, len(items))
	for i, it := range items {
		notes[i] = apkgNoteFor(it, pics)
	}

	f, err := os.CreateTemp("", "sabaq-*.anki2")
	if err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	path := f.Name()
	f.Close()
	defer os.Remove(path)
	if err := apkgCollection(context.Background(), path, deckName, notes, time.Now()); err != nil {
		return err
	}

	zw := zip.NewWriter(w)
	cw, err := zw.Create("collection.anki2")
	if err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	col, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	defer col.Close()
	if _, err := io.Copy(cw, col); err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	mw, err := zw.Create("media")
	if err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	list := map[string]string{}
	for i, name := range pics.used {
		list[strconv.Itoa(i)] = name
	}
	mediaJSON, err := json.Marshal(list)
	if err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	if _, err := mw.Write(mediaJSON); err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	for i, name := range pics.used {
		// Pictures are compressed already: stored, not deflated.
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: strconv.Itoa(i), Method: zip.Store, Modified: time.Now()})
		if err != nil {
			return fmt.Errorf("db: apkg: %w", err)
		}
		if _, err := fw.Write(files[name].Data); err != nil {
			return fmt.Errorf("db: apkg: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	return nil
}

// apkgCollection writes the collection database at path.
func apkgCollection(ctx context.Context, path, deckName string, notes []apkgNote, now time.Time) (err error) {
	// A throwaway file with one connection: the default rollback journal
	// leaves a complete database file once closed, ready to zip.
	conn, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	defer func() {
		if cerr := conn.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("db: apkg: %w", cerr)
		}
	}()
	conn.SetMaxOpenConns(1)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, apkgSchema); err != nil {
		return fmt.Errorf("db: apkg schema: %w", err)
	}

	secs, ms := now.Unix(), now.UnixMilli()
	deckID := apkgDeckID(deckName)
	usesCloze := slices.ContainsFunc(notes, func(n apkgNote) bool { return n.model == apkgClozeModelID })
	conf, models, decks, dconf, err := apkgColJSON(deckName, deckID, usesCloze, len(notes), secs)
	if err != nil {
		return err
	}
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).Unix()
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
		VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')`,
		day, ms, ms, conf, models, decks, dconf); err != nil {
		return fmt.Errorf("db: apkg col: %w", err)
	}

	noteStmt, err := tx.PrepareContext(ctx, `
		INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
		VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')`)
	if err != nil {
		return fmt.Errorf("db: apkg notes: %w", err)
	}
	defer noteStmt.Close()
	// New cards: type 0, queue 0, due = position in the new queue.
	cardStmt, err := tx.PrepareContext(ctx, `
		INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
		VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')`)
	if err != nil {
		return fmt.Errorf("db: apkg cards: %w", err)
	}
	defer cardStmt.Close()

	guids := map[string]bool{}
	for i, n := range notes {
		id := ms + int64(i) // Anki's ids are creation times in milliseconds
		sort := apkgStripHTML(n.fields[0])
		sum := sha1.Sum([]byte(sort))
		csum, _ := strconv.ParseInt(hex.EncodeToString(sum[:])[:8], 16, 64)
		tags := ""
		if len(n.tags) > 0 {
			tags = " " + strings.Join(n.tags, " ") + " "
		}
		if _, err := noteStmt.ExecContext(ctx, id, apkgGUID(n, guids), n.model, secs, tags,
			strings.Join(n.fields, "\x1f"), sort, csum); err != nil {
			return fmt.Errorf("db: apkg note %d: %w", i+1, err)
		}
		if _, err := cardStmt.ExecContext(ctx, id, id, deckID, secs, i+1); err != nil {
			return fmt.Errorf("db: apkg card %d: %w", i+1, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("db: apkg: %w", err)
	}
	return nil
}

// apkgColJSON builds the JSON columns of the col row: conf, models, decks
// and dconf, with the fields every Anki version reads.
func apkgColJSON(deckName string, deckID int64, usesCloze bool, nNotes int, secs int64) (conf, models, decks, dconf string, err error) {
	const latexPre = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n" +
		"\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n"
	const css = ".card {\n  font-family: arial;\n  font-size: 20px;\n  text-align: center;\n  color: black;\n  background-color: white;\n}\n"
	field := func(name string, ord int) map[string]any {
		return map[string]any{"name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": []any{}}
	}
	model := func(id int64, name string, kind int, flds []map[string]any, tmpl map[string]any, css string, req []any) map[string]any {
		return map[string]any{
			"id": id, "name": name, "type": kind, "mod": secs, "usn": -1, "sortf": 0, "did": deckID,
			"tmpls": []any{tmpl}, "flds": flds, "css": css, "latexPre": latexPre, "latexPost": "\\end{document}",
			"latexsvg": false, "tags": []any{}, "vers": []any{}, "req": req,
		}
	}
	ms := map[string]any{
		strconv.FormatInt(apkgBasicModelID, 10): model(apkgBasicModelID, "Sabaq Basic", 0,
			[]map[string]any{field("Front", 0), field("Back", 1)},
			map[string]any{"name": "Card 1", "ord": 0, "qfmt": "{{Front}}",
				"afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}", "did": nil, "bqfmt": "", "bafmt": ""},
			css, []any{[]any{0, "all", []int{0}}}),
	}
	if usesCloze {
		ms[strconv.FormatInt(apkgClozeModelID, 10)] = model(apkgClozeModelID, "Sabaq Cloze", 1,
			[]map[string]any{field("Text", 0), field("Back Extra", 1)},
			map[string]any{"name": "Cloze", "ord": 0, "qfmt": "{{cloze:Text}}",
				"afmt": "{{cloze:Text}}<br>\n{{Back Extra}}", "did": nil, "bqfmt": "", "bafmt": ""},
			css+".cloze {\n  font-weight: bold;\n  color: blue;\n}\n", []any{[]any{0, "any", []int{0}}})
	}
	deck := func(id int64, name string, usn int) map[string]any {
		return map[string]any{
			"id": id, "name": name, "desc": "", "mod": secs, "usn": usn, "dyn": 0, "conf": 1,
			"collapsed": false, "browserCollapsed": false, "extendNew": 10, "extendRev": 50,
			"newToday": []int{0, 0}, "revToday": []int{0, 0}, "lrnToday": []int{0, 0}, "timeToday": []int{0, 0},
		}
	}
	ds := map[string]any{"1": deck(1, "Default", 0), strconv.FormatInt(deckID, 10): deck(deckID, deckName, -1)}
	dc := map[string]any{"1": map[string]any{
		"id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0,
		"replayq": true, "dyn": false,
		"new": map[string]any{"bury": false, "delays": []float64{1, 10}, "initialFactor": 2500,
			"ints": []int{1, 4, 0}, "order": 1, "perDay": 20, "separate": true},
		"rev": map[string]any{"bury": false, "ease4": 1.3, "fuzz": 0.05, "ivlFct": 1, "maxIvl": 36500,
			"minSpace": 1, "perDay": 200, "hardFactor": 1.2},
		"lapse": map[string]any{"delays": []float64{10}, "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0},
	}}
	cf := map[string]any{
		"activeDecks": []int64{deckID}, "curDeck": deckID, "newSpread": 0, "collapseTime": 1200,
		"timeLim": 0, "estTimes": true, "dueCounts": true, "curModel": strconv.FormatInt(apkgBasicModelID, 10),
		"nextPos": nNotes + 1, "sortType": "noteFld", "sortBackwards": false, "addToCur": true, "newBury": true,
	}
	out := make([]string, 4)
	for i, v := range []any{cf, ms, ds, dc} {
		b, err := json.Marshal(v)
		if err != nil {
			return "", "", "", "", fmt.Errorf("db: apkg json: %w", err)
		}
		out[i] = string(b)
	}
	return out[0], out[1], out[2], out[3], nil
}

// apkgNoteFor turns an item into a note's HTML fields.
func apkgNoteFor(it sets.Item, pics *apkgPictures) apkgNote {
	h := func(s string) string { return pics.html(s, it.Format) }
	front := h(it.Prompt)
	var back []string
	list := func(lines []string) string { return strings.Join(lines, "<br>") }
	switch it.Kind {
	case sets.MultipleChoice, sets.MultipleAnswer:
		var opts, right []string
		for i, c := range it.Choices {
			o := fmt.Sprintf("%c. %s", 'A'+i%26, h(c.Text))
			opts = append(opts, o)
			if c.Correct() {
				right = append(right, o)
			}
		}
		front += "<br><br>" + list(opts)
		back = append(back, list(right))
	case sets.TrueFalse:
		front += "<br><br><i>True or false?</i>"
		back = append(back, map[bool]string{true: "True", false: "False"}[it.Truth])
	case sets.ShortAnswer:
		var as []string
		for _, a := range it.Accepted {
			as = append(as, h(a))
		}
		back = append(back, strings.Join(as, " / "))
	case sets.Numerical:
		var ns []string
		for _, n := range it.Numbers {
			if n.Weight <= 0 {
				continue
			}
			f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
			switch {
			case n.IsRange:
				ns = append(ns, f(n.Min)+"–"+f(n.Max))
			case n.Tolerance != 0:
				ns = append(ns, f(n.Value)+" ± "+f(n.Tolerance))
			default:
				ns = append(ns, f(n.Value))
			}
		}
		back = append(back, strings.Join(ns, " / "))
	case sets.Matching:
		var lefts, pairs []string
		for _, p := range it.Pairs {
			lefts = append(lefts, "• "+h(p.Left))
			pairs = append(pairs, h(p.Left)+" → "+h(p.Right))
		}
		front += "<br><br>" + list(lefts)
		back = append(back, list(pairs))
	case sets.Ordering:
		// The front lists the items alphabetically, so as not to give the order away.
		shown := slices.Clone(it.Sequence)
		slices.Sort(shown)
		var lines, order []string
		for _, s := range shown {
			lines = append(lines, "• "+h(s))
		}
		for i, s := range it.Sequence {
			order = append(order, fmt.Sprintf("%d. %s", i+1, h(s)))
		}
		front += "<br><br>" + list(lines)
		back = append(back, list(order))
	case sets.Cloze:
		answer := ""
		if len(it.Accepted) > 0 {
			answer = it.Accepted[0]
		}
		before, after, _ := strings.Cut(it.Prompt, sets.Blank)
		answer = strings.NewReplacer("}}", "} }", "::", ": :").Replace(answer)
		return apkgNote{
			model:  apkgClozeModelID,
			fields: []string{h(before) + "{{c1::" + h(answer) + "}}" + h(after), h(it.Explanation)},
			tags:   apkgTags(it.Tags),
		}
	}
	if it.Explanation != "" {
		back = append(back, h(it.Explanation))
	}
	return apkgNote{model: apkgBasicModelID, fields: []string{front, strings.Join(back, "<br><br>")}, tags: apkgTags(it.Tags)}
}

// apkgPictures are the stored pictures a package may carry, and those its
// notes show, in the order first shown: zip entry i holds used[i].
type apkgPictures struct {
	files map[string]media.File
	used  []string
}

// apkgPicRe is the mark html leaves for picture i in the text it escapes:
// private-use characters no question holds, in the "[picture: …]" plain
// text writes for a picture's alt text.
var apkgPicRe = regexp.MustCompile("(?:\\[picture: )?\uE000([0-9]+)\uE001\\]?")

// html is a text as an Anki field: escaped, with its line breaks kept.
// HTML items lose their tags first, as they do when Sabaq shows them as
// text: Anki renders fields as HTML, so markup from an imported file must
// not reach a student's deck live (a script in it would run there). Their
// pictures in p.files are the exception: each becomes <img src="NAME"
// alt="…">, and is added to p.used.
func (p *apkgPictures) html(s string, f sets.TextFormat) string {
	type pic struct{ name, alt string }
	var pics []pic
	if f == sets.HTML {
		if len(p.files) > 0 {
			// Each picture's alt text, which the text keeps, is swapped for
			// a mark, and the mark for the picture once the rest is escaped.
			s = media.Rewrite(s, func(im *media.Image) {
				name := media.NameOf(im.Src)
				if _, ok := p.files[name]; !ok {
					return
				}
				pics = append(pics, pic{name, im.Alt})
				im.Alt = fmt.Sprintf("\uE000%d\uE001", len(pics)-1)
			})
		}
		s = sets.PlainText(s, f)
	}
	s = strings.ReplaceAll(html.EscapeString(strings.ReplaceAll(s, "\r\n", "\n")), "\n", "<br>")
	if len(pics) == 0 {
		return s
	}
	return apkgPicRe.ReplaceAllStringFunc(s, func(m string) string {
		i, err := strconv.Atoi(apkgPicRe.FindStringSubmatch(m)[1])
		if err != nil || i >= len(pics) {
			return ""
		}
		if !slices.Contains(p.used, pics[i].name) {
			p.used = append(p.used, pics[i].name)
		}
		return `<img src="` + html.EscapeString(pics[i].name) + `" alt="` + html.EscapeString(pics[i].alt) + `">`
	})
}

// apkgTags are Anki tags: no spaces inside, none empty.
func apkgTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t = strings.Join(strings.Fields(t), "_"); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

var apkgTagRe = regexp.MustCompile(`<[^<>]*>`)

// apkgStripHTML is a field's text, as Anki sorts and checksums it.
func apkgStripHTML(s string) string {
	return strings.TrimSpace(html.UnescapeString(apkgTagRe.ReplaceAllString(s, "")))
}

// apkgDeckID is a stable deck id for a name, so that a re-exported deck
// imports into the same deck. Anki's ids are millisecond timestamps; this
// stays in that range and clear of the Default deck (1).
func apkgDeckID(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return 1_000_000_000_000 + int64(h.Sum64()%1_000_000_000_000)
}

// apkgGUID is a note's guid: Anki's base-91 alphabet over a hash of its note
// type and first field, made unique within the package.
func apkgGUID(n apkgNote, used map[string]bool) string {
	const table = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
	for k := 0; ; k++ {
		sum := sha256.Sum256([]byte(fmt.Sprintf("%d\x1f%s\x1f%d", n.model, n.fields[0], k)))
		v := binary.BigEndian.Uint64(sum[:8])
		var b []byte
		for v > 0 {
			b = append(b, table[v%uint64(len(table))])
			v /= uint64(len(table))
		}
		if g := string(b); !used[g] {
			used[g] = true
			return g
		}
	}
}
