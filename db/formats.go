package db

import (
	"io"

	"sabaq/questions/sets"
	"sabaq/questions/sets/formats"
)

// Formats is the registry of formats (formats.Formats) with the ones whose
// files are SQLite databases plugged in: the Anki package is read and
// written here because SQL lives only in this package. The web and `sabaq
// import` both take their formats from it.
func Formats() formats.Registry {
	r := formats.Formats().
		WithWriter("apkg", func(w io.Writer, title string, items []sets.Item, opts formats.TextOptions) error {
			return WriteAPKG(w, title, items, opts.Media)
		})
	return withParser(r, "apkg", func(r io.Reader, _ formats.TextOptions) (formats.Result, error) {
		return ParseAPKG(r)
	})
}

// withParser returns a copy of r in which the format key is read by p.
func withParser(r formats.Registry, key string, p formats.ParseFunc) formats.Registry {
	out := make(formats.Registry, len(r))
	copy(out, r)
	for i := range out {
		if out[i].Is(key) {
			out[i].Parse = p
		}
	}
	return out
}
