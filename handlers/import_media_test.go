package handlers_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"sabaq/questions/media"
	"sabaq/questions/sets"
)

// mapXML is a Moodle XML question showing an embedded picture without alt
// text, and an embedded SVG drawing.
func mapXML(t *testing.T) (string, media.File) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 40, 20))); err != nil {
		t.Fatal(err)
	}
	pic, err := media.New(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	svg := base64.StdEncoding.EncodeToString([]byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`))
	return `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>Border</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Name the <b>border</b> on this map.</p><p><img src="@@PLUGINFILE@@/durand_line.png"></p>]]></text>
      <file name="durand_line.png" path="/" encoding="base64">` + base64.StdEncoding.EncodeToString(pic.Data) + `</file>
    </questiontext>
    <answer fraction="100"><text>Durand Line</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Drawing</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>This drawing is of 1947. <img src="@@PLUGINFILE@@/drawing.svg" alt="A drawing"></p>]]></text>
      <file name="drawing.svg" path="/" encoding="base64">` + svg + `</file>
    </questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
`, pic
}

// TestImport_MoodleXMLPicturesAreStoredShownAndExported: the preview names
// the picture without alt text and the refused SVG before anything is
// written; confirming stores the picture, the question shows it from
// /media/, and the Moodle XML export carries it back as an embedded file.
func TestImport_MoodleXMLPicturesAreStoredShownAndExported(t *testing.T) {
	h := newHarness(t)
	c := h.teacher(t, "khan")
	file, pic := mapXML(t)
	res := c.uploadImport(t, "/teach/import", map[string]string{"format": "xml", "title": "Borders"}, "borders.xml", []byte(file))
	if res.status != http.StatusOK {
		t.Fatalf("preview: %d", res.status)
	}
	if got := flatText(res.doc.Find(`[data-testid="to-check"]`)); !strings.Contains(got, `"durand_line.png"`) || !strings.Contains(got, "“durand line”") {
		t.Errorf("to check: %q; want the picture without alt text named, with the alt Sabaq gave it", got)
	}
	if got := flatText(res.doc.Find(`[data-testid="not-kept"]`)); !strings.Contains(got, `"drawing.svg"`) || !strings.Contains(got, "SVG") {
		t.Errorf("not kept: %q; want the SVG named", got)
	}
	if got := flatText(res.doc.Find(`[data-testid="pictures"]`)); got != "With 1 picture (1 KB), stored in Sabaq." {
		t.Errorf("the preview says %q of the pictures", got)
	}
	if got := c.get(pic.URL()); got.status != http.StatusNotFound {
		t.Fatalf("the preview stored the picture: GET %s = %d", pic.URL(), got.status)
	}
	done := confirmImport(t, c, res, nil)
	if done.status != http.StatusSeeOther {
		t.Fatalf("confirm: %d %.300s", done.status, done.body)
	}
	if got := c.get(pic.URL()); got.status != http.StatusOK || got.header.Get("Content-Type") != "image/png" {
		t.Fatalf("GET %s = %d %s", pic.URL(), got.status, got.header.Get("Content-Type"))
	}
	m := setLocation.FindStringSubmatch(done.location)
	if m == nil {
		t.Fatalf("confirm went to %q", done.location)
	}
	setID, _ := strconv.ParseInt(m[1], 10, 64)
	items := h.setItemsOf(t, setID)
	q, ok := h.bank.Question(sets.QuestionID(items[0].SetID, items[0].ID))
	if !ok {
		t.Fatal("the question is not in the bank")
	}
	if h := string(q.Rich[q.Prompt]); !strings.Contains(h, `<img src="`+pic.URL()+`" alt="durand line"`) || !strings.Contains(h, "<b>border</b>") {
		t.Errorf("the prompt shows %s; want the bold word and the stored picture", h)
	}
	drawing, _ := h.bank.Question(sets.QuestionID(items[1].SetID, items[1].ID))
	if h := string(drawing.Rich[drawing.Prompt]); strings.Contains(h, "<img") || strings.Contains(h, "svg") {
		t.Errorf("the refused drawing shows: %s", h)
	}
	export := c.get("/teach/sets/" + m[1] + "/export?format=xml")
	if export.status != http.StatusOK || !strings.Contains(export.body, `src=&#34;@@PLUGINFILE@@/`+pic.Name+`&#34;`) ||
		!strings.Contains(export.body, `<file name="`+pic.Name+`" path="/" encoding="base64">`+base64.StdEncoding.EncodeToString(pic.Data)) {
		t.Errorf("the XML export does not carry the picture back:\n%.1500s", export.body)
	}
}
