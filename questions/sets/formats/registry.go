package formats

import (
	"fmt"
	"io"
	"strings"

	"sabaq/questions/sets"
)

// ParseFunc reads a file of questions in one format. Only the flashcard
// text format reads opts.
type ParseFunc func(r io.Reader, opts TextOptions) (Result, error)

// WriteFunc writes items in one format. title names the set, for formats
// that carry it (the .apkg deck); only the flashcard text format reads opts.
type WriteFunc func(w io.Writer, title string, items []sets.Item, opts TextOptions) error

// Format is one outside format Sabaq reads or writes: the web's import and
// export pages and `sabaq import --format` all take their list from
// Registry, so they cannot drift apart.
type Format struct {
	Key     string   // what `--format` and the web's forms and URLs use
	Aliases []string // older keys still accepted for it
	Name    string   // as teachers know it
	Holds   string   // what it can hold, shown on the export page beside what it leaves out
	Suffix  string   // of an exported file's name
	MIME    string   // of an exported file
	Parse   ParseFunc
	Write   WriteFunc // nil for an import-only format (apkg: see db.Formats)
	// Whole is set for a format that holds every item, so an export does
	// not try each item alone to find those it leaves out.
	Whole bool
	// Binary is set for a format whose files are not text (the Anki
	// package): it is read from an uploaded file only, never pasted.
	Binary bool
	// Accept lists the file name suffixes and MIME types a file picker
	// should offer for it (set by Formats from fileTypes).
	Accept []string
	// Loses names what the format drops from an item it writes all the
	// same (a partly right answer, an answer's feedback), for the export
	// page; nil when it keeps all it writes.
	Loses func(sets.Item) []string
}

// Is reports whether key names f, by its key or an alias.
func (f Format) Is(key string) bool {
	if key == f.Key {
		return true
	}
	for _, a := range f.Aliases {
		if key == a {
			return true
		}
	}
	return false
}

// Registry is a list of formats in the order teachers are shown them.
type Registry []Format

const textMIME = "text/plain; charset=utf-8"

// Formats returns every format Sabaq knows, a fresh copy each call. The
// Anki package's writer is not here: it writes an SQLite file, and SQL
// lives in package db, so db.Formats adds it with WithWriter.
func Formats() Registry {
	r := Registry{
		{Key: "gift", Name: "Moodle GIFT", Holds: "every kind but ordering", Suffix: ".gift.txt", MIME: textMIME,
			Parse: func(r io.Reader, _ TextOptions) (Result, error) { return ParseGIFT(r) },
			Write: func(w io.Writer, _ string, items []sets.Item, _ TextOptions) error { return WriteGIFT(w, items) }},
		{Key: "xml", Name: "Moodle XML", Holds: "every kind", Suffix: ".xml", MIME: "application/xml; charset=utf-8",
			Parse: func(r io.Reader, _ TextOptions) (Result, error) { return ParseXML(r) },
			Write: func(w io.Writer, _ string, items []sets.Item, o TextOptions) error { return WriteXMLWith(w, items, o) }},
		{Key: "aiken", Name: "Aiken (multiple choice)", Holds: "multiple choice only", Suffix: ".aiken.txt", MIME: textMIME,
			Parse: func(r io.Reader, _ TextOptions) (Result, error) { return ParseAiken(r) },
			Write: func(w io.Writer, _ string, items []sets.Item, _ TextOptions) error { return WriteAiken(w, items) },
			Loses: AikenLoses},
		{Key: "text", Name: "Flashcard text (Quizlet and others)", Holds: "short answer only, term and definition", Suffix: ".flashcards.txt", MIME: textMIME,
			Parse: ParseText,
			Write: func(w io.Writer, _ string, items []sets.Item, o TextOptions) error { return WriteText(w, items, o) },
			Loses: OneAnswerLoses},
		// The web's export has always called it anki-text; the import and
		// the command line, anki.
		{Key: "anki", Aliases: []string{"anki-text"}, Name: "Anki notes in plain text", Holds: "short answer and cloze", Suffix: ".anki.txt", MIME: textMIME,
			Parse: func(r io.Reader, _ TextOptions) (Result, error) { return ParseAnkiText(r) },
			// Anki's notes hold one answer: the first fully right one.
			Write: func(w io.Writer, _ string, items []sets.Item, _ TextOptions) error {
				return WriteAnkiText(w, FullyRightOnly(items))
			},
			Loses: OneAnswerLoses},
		{Key: "csv", Name: "CSV (Sabaq's columns, or question,answer)", Holds: "every kind", Suffix: ".csv", MIME: "text/csv; charset=utf-8",
			Parse: func(r io.Reader, _ TextOptions) (Result, error) { return ParseCSV(r) },
			Write: func(w io.Writer, _ string, items []sets.Item, _ TextOptions) error { return WriteCSV(w, items) }},
		{Key: "apkg", Name: "Anki package (.apkg)", Holds: "every kind, as flashcards", Suffix: ".apkg", MIME: "application/octet-stream", Whole: true, Binary: true},
	}
	for i := range r {
		r[i].Accept = fileTypes[r[i].Key]
	}
	return r
}

// fileTypes are the suffixes and MIME types of each format's files, for
// the import form's file picker (Moodle and Quizlet write .txt; Anki
// exports notes as .txt and decks as .apkg).
var fileTypes = map[string][]string{
	"gift":  {".gift", ".txt", "text/plain"},
	"xml":   {".xml", "application/xml", "text/xml"},
	"aiken": {".txt", "text/plain"},
	"text":  {".txt", ".tsv", "text/plain", "text/tab-separated-values"},
	"anki":  {".txt", ".csv", "text/plain"},
	"csv":   {".csv", ".tsv", ".txt", "text/csv"},
	"apkg":  {".apkg"},
}

// Accept is the file picker's accept attribute for the formats of r: each
// suffix and MIME type once, in order.
func (r Registry) Accept() string {
	var out []string
	seen := map[string]bool{}
	for _, f := range r {
		for _, a := range f.Accept {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return strings.Join(out, ",")
}

// UnknownFormatError is the refusal of a format key no format has; Known
// lists the keys that would have been accepted.
type UnknownFormatError struct {
	Key   string
	Known []string
}

func (e *UnknownFormatError) Error() string {
	return fmt.Sprintf("there is no format called %q; the formats are %s", e.Key, strings.Join(e.Known, ", "))
}

// Lookup finds the format key names, by key or alias; for any other key it
// returns an *UnknownFormatError listing r's keys.
func (r Registry) Lookup(key string) (Format, error) {
	for _, f := range r {
		if f.Is(key) {
			return f, nil
		}
	}
	return Format{}, &UnknownFormatError{Key: key, Known: r.Keys()}
}

// Keys lists the formats' keys in order.
func (r Registry) Keys() []string {
	keys := make([]string, len(r))
	for i, f := range r {
		keys[i] = f.Key
	}
	return keys
}

// Importers are the formats that can be read.
func (r Registry) Importers() Registry {
	return r.filter(func(f Format) bool { return f.Parse != nil })
}

// Exporters are the formats that can be written.
func (r Registry) Exporters() Registry {
	return r.filter(func(f Format) bool { return f.Write != nil })
}

func (r Registry) filter(keep func(Format) bool) Registry {
	var out Registry
	for _, f := range r {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}

// WithWriter returns a copy of r in which the format key is written by w:
// how a package that may do I/O Sabaq's domain may not (the .apkg writer in
// db) plugs into the one list.
func (r Registry) WithWriter(key string, w WriteFunc) Registry {
	out := make(Registry, len(r))
	copy(out, r)
	for i := range out {
		if out[i].Is(key) {
			out[i].Write = w
		}
	}
	return out
}
