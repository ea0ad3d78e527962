package formats

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"sabaq/questions/media"
	"sabaq/questions/sets"
)

func pngBytes(t *testing.T, w int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, 1))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestFinishAttachesMedia: the pictures a file carried are pointed at the
// store, once each; refused ones are named as not kept and do not show; a
// picture without alt text gets one and is named to check.
func TestFinishAttachesMedia(t *testing.T) {
	mapPNG, portrait := pngBytes(t, 3), pngBytes(t, 4)
	r := Result{
		Files: map[string][]byte{
			"durand line.png": mapPNG,
			"ayub.png":        portrait,
			"copy.png":        mapPNG, // the same bytes under another name: stored once
			"drawing.svg":     []byte(`<svg onload="alert(1)"></svg>`),
		},
		Items: []sets.Item{
			{Kind: sets.ShortAnswer, Format: sets.HTML, Line: 3, Accepted: []string{"Durand Line"},
				Prompt: `<p>Name this border.</p><p><img src="@@PLUGINFILE@@/durand%20line.png" alt="A map of a border"></p>`},
			{Kind: sets.MultipleChoice, Format: sets.HTML, Line: 9, Prompt: "Who is this?",
				Choices: []sets.Choice{{Text: `<img src="ayub.png"> Ayub Khan`, Weight: 100}, {Text: `<img src="copy.png" alt="x"> Bhutto`}}},
			{Kind: sets.ShortAnswer, Format: sets.HTML, Line: 15, Prompt: `Drawn: <img src="drawing.svg" alt="a drawing">`, Accepted: []string{"a"}},
			{Kind: sets.ShortAnswer, Format: sets.Plain, Line: 20, Prompt: `<img src="ayub.png">`, Accepted: []string{"a"}},
		},
	}
	r.finish()

	if len(r.Media) != 2 {
		t.Fatalf("Media = %d files, want 2 (the map once, the portrait)", len(r.Media))
	}
	mapFile, _ := media.New(mapPNG)
	if want := `<img src="` + mapFile.URL() + `" alt="A map of a border"/>`; !strings.Contains(r.Items[0].Prompt, want) {
		t.Errorf("prompt = %s, want it to hold %s", r.Items[0].Prompt, want)
	}
	if c := r.Items[1].Choices[1].Text; !strings.Contains(c, mapFile.URL()) {
		t.Errorf("the copy's option = %s, want the map's stored picture", c)
	}
	if c := r.Items[1].Choices[0].Text; !strings.Contains(c, `alt="ayub"`) {
		t.Errorf("option without alt = %s, want alt from the file name", c)
	}
	if len(r.ToCheck) != 1 || r.ToCheck[0].Line != 9 || !strings.Contains(r.ToCheck[0].Message, `"ayub.png"`) {
		t.Errorf("ToCheck = %+v, want the portrait on line 9", r.ToCheck)
	}
	if len(r.NotKept) != 1 || r.NotKept[0].Line != 15 || !strings.Contains(r.NotKept[0].Message, "SVG") ||
		strings.Contains(r.NotKept[0].Message, `from ""`) {
		t.Errorf("NotKept = %+v, want the SVG on line 15, once", r.NotKept)
	}
	if h := sets.RichText(r.Items[2].Prompt, sets.HTML); strings.Contains(string(h), "<img") {
		t.Errorf("the refused SVG still shows: %s", h)
	}
	if r.Items[3].Prompt != `<img src="ayub.png">` {
		t.Errorf("a plain-text item was rewritten: %s", r.Items[3].Prompt)
	}
	if names := MediaNames(r.Items); len(names) != 2 || names[0] != mapFile.Name {
		t.Errorf("MediaNames = %v", names)
	}
}
