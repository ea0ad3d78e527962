package db

import (
	"io"

	"sabaq/questions/sets"
	"sabaq/questions/sets/formats"
)

// Formats is the registry of formats (formats.Formats) with the ones whose
// files are SQLite databases plugged in: the Anki package is written here
// because SQL lives only in this package. The web and `sabaq import` both
// take their formats from it.
func Formats() formats.Registry {
	return formats.Formats().
		WithWriter("apkg", func(w io.Writer, title string, items []sets.Item, _ formats.TextOptions) error {
			return WriteAPKG(w, title, items)
		})
}
