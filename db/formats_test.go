package db

import (
	"bytes"
	"testing"

	"sabaq/questions/sets"
	"sabaq/questions/sets/formats"
)

func TestFormats_TheAnkiPackageIsWrittenHere(t *testing.T) {
	f, err := Formats().Exporters().Lookup("apkg")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	items := []sets.Item{{Kind: sets.ShortAnswer, Prompt: "Who hosted the Tashkent talks?", Accepted: []string{"Kosygin"}}}
	if err := f.Write(&b, "Tashkent", items, formats.TextOptions{}); err != nil || !bytes.HasPrefix(b.Bytes(), []byte("PK")) {
		t.Errorf("apkg: %v, %.2q; want a zip", err, b.Bytes())
	}
	if f, _ := formats.Formats().Lookup("apkg"); f.Write != nil {
		t.Error("formats.Formats writes apkg itself: it would need SQL outside package db")
	}
}
