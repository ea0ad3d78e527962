//go:build e2e

package main

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const picturesSetTitle = "Borders, with a map"

// picturePNG is a w×h picture, wider than any phone when w is large.
func picturePNG(t *testing.T, w, h int, c color.Color) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if (x/40+y/40)%2 == 0 {
				img.Set(x, y, c)
			} else {
				img.Set(x, y, color.White)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

// picturesXML is a Moodle XML file as Moodle writes one: an HTML question
// whose text shows a map embedded as a file, with bold text and a list, and
// an option showing a portrait.
func picturesXML(t *testing.T) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Durand Line map</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>The <strong>border</strong> on this map was drawn in 1893:</p><p><img src="@@PLUGINFILE@@/durand%20line.png" alt="A map of the border between Pakistan and Afghanistan" width="1600" height="500" class="img-fluid"></p><ul><li>it runs for about 2,600 km</li><li>Afghanistan never accepted it</li></ul><p>What is it called?</p>]]></text>
      <file name="durand line.png" path="/" encoding="base64">` + picturePNG(t, 1600, 500, color.RGBA{R: 30, G: 90, B: 160, A: 255}) + `</file>
    </questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>Named after <em>Sir Mortimer Durand</em>.</p>]]></text></generalfeedback>
    <defaultgrade>1</defaultgrade>
    <single>true</single>
    <shuffleanswers>0</shuffleanswers>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>The Durand Line <img src="@@PLUGINFILE@@/durand.png" alt="Sir Mortimer Durand"></p>]]></text>
      <file name="durand.png" path="/" encoding="base64">` + picturePNG(t, 120, 160, color.RGBA{R: 120, G: 80, B: 40, A: 255}) + `</file>
      <feedback format="html"><text>Right.</text></feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>The Radcliffe Line</p>]]></text>
      <feedback format="html"><text><![CDATA[<p>That one is the <strong>1947</strong> border with India.</p>]]></text></feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>The Line of Control</p>]]></text>
      <feedback format="html"><text>That one divides Kashmir.</text></feedback>
    </answer>
  </question>
</quiz>
`
}

// picture is an img of a page, as the browser laid it out.
type picture struct {
	Src      string  `json:"src"`
	Alt      string  `json:"alt"`
	Natural  float64 `json:"natural"` // the file's width: 0 when it did not load
	Width    float64 `json:"width"`   // as shown
	Viewport float64 `json:"viewport"`
}

const picturesJS = `[...document.querySelectorAll("main img")].map(i => ({src: i.getAttribute("src"), alt: i.alt,
	natural: i.naturalWidth, width: i.getBoundingClientRect().width, viewport: document.documentElement.clientWidth}))`

// pictures: a teacher imports a Moodle XML question whose HTML text shows a
// map embedded in the file, and an option a portrait; a student practises
// it on a phone: the formatting is kept, both pictures load from Sabaq and
// fit the screen, and axe finds nothing.
func (s *suite) pictures(t *testing.T) {
	_, join := s.importAndAssign(t, classSet{title: picturesSetTitle, format: "xml", file: "borders.xml",
		content: picturesXML(t), class: "Geography class", summary: "1 question"}, func(teacher *tab) {
		if n := teacher.count(`[data-testid=not-kept]`); n != 0 {
			t.Errorf("the preview says %d questions are not kept in full: %s", n, teacher.text(`[data-testid=not-kept-list]`))
		}
		if got := teacher.text(`[data-testid=pictures]`); !strings.HasPrefix(got, "With 2 pictures") {
			t.Errorf("the preview says %q of the pictures; want 2", got)
		}
	})
	student := s.studentJoins(t, "zarmina", join, true)
	student.click("practise the set", `[data-testid=practise-set]`, "")

	student.narrow()
	student.check("a question with pictures")
	student.narrow() // check measures at every width and may leave another
	if got := student.count(`[data-testid=prompt] strong, [data-testid=prompt] li`); got != 3 {
		t.Errorf("the prompt shows %d bold words and list items; want 3 (formatting kept)", got)
	}
	pics := eval[[]picture](student, picturesJS)
	if len(pics) != 2 {
		t.Fatalf("the question shows %d pictures, want 2 (the map and the portrait): %+v", len(pics), pics)
	}
	for _, p := range pics {
		if !strings.HasPrefix(p.Src, "/media/") || p.Natural == 0 || p.Alt == "" {
			t.Errorf("picture %+v: want it loaded from /media/ with its alt text", p)
		}
		if p.Width > p.Viewport || p.Width == 0 {
			t.Errorf("picture %q is %.0f px wide on a %.0f px screen", p.Alt, p.Width, p.Viewport)
		}
	}
	student.fits()
	student.do("choose the Radcliffe Line", chromedp.Click(chromedp.CSS(`[data-testid=answer-form] input[value="The Radcliffe Line"]`)))
	student.click("check the answer", `[data-testid=submit]`, "feedback on a question with pictures")
	student.narrow()
	if got := student.text(`[data-testid=feedback]`); !strings.Contains(got, "1947 border with India") {
		t.Errorf("the feedback %q lacks the teacher's note on the option chosen", got)
	}
	for _, p := range eval[[]picture](student, picturesJS) {
		if p.Natural == 0 || p.Width > p.Viewport {
			t.Errorf("in the feedback, picture %+v does not load or fit", p)
		}
	}
	student.fits()
}
