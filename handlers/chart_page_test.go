package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sabaq/views"
)

// attrInt reads a whole-number attribute, or fails the test.
func attrInt(t *testing.T, s *goquery.Selection, name string) int {
	t.Helper()
	v, ok := s.Attr(name)
	n, err := strconv.Atoi(v)
	if !ok || err != nil {
		t.Fatalf("%s=%q is not a number", name, v)
	}
	return n
}

func TestTimeline_ChartIsDrawnInPixelsAndLeadsToTheList(t *testing.T) {
	h := newHarness(t)
	for _, path := range []string{"/timeline", "/timeline?theme=kashmir-india"} {
		res := h.client().get(path)
		if res.status != 200 {
			t.Fatalf("GET %s: %d", path, res.status)
		}
		listed := res.doc.Find(`[data-testid="era"] ol.events li`).Length()
		for _, testid := range []string{"timeline-svg", "timeline-by-era"} {
			svg := res.doc.Find(`[data-testid="` + testid + `"]`)
			if svg.Length() != 1 {
				t.Fatalf("%s: %d drawings %q", path, svg.Length(), testid)
			}
			// Without a viewBox a user unit is a CSS pixel: the font size and
			// the targets are what a phone shows.
			if _, ok := svg.Attr("viewBox"); ok {
				t.Errorf("%s, %s: the drawing has a viewBox, which scales its text with the screen", path, testid)
			}
			if f := attrInt(t, svg, "font-size"); f < 12 {
				t.Errorf("%s, %s: labels of %d px; want 12 or more", path, testid, f)
			}
			if v, _ := svg.Attr("aria-hidden"); v != "true" {
				t.Errorf("%s, %s: the drawing is not hidden from screen readers, which would read every mark after the list has", path, testid)
			}
			marks := svg.Find("a")
			if marks.Length() != listed {
				t.Errorf("%s, %s: %d marks; the list below has %d events", path, testid, marks.Length(), listed)
			}
			marks.Each(func(_ int, a *goquery.Selection) {
				if v, _ := a.Attr("tabindex"); v != "-1" {
					t.Errorf("%s, %s: the mark %s is in the Tab order", path, testid, a.AttrOr("href", ""))
				}
				hit := a.Find("rect.hit")
				if hit.Length() != 1 || attrInt(t, hit, "width") < 24 || attrInt(t, hit, "height") < 24 {
					t.Errorf("%s, %s: the mark %s has no 24×24 target", path, testid, a.AttrOr("href", ""))
				}
			})
		}
		skip := res.doc.Find(`[data-testid="skip-chart"]`)
		target := strings.TrimPrefix(skip.AttrOr("href", ""), "#")
		if target == "" || res.doc.Find(`[data-testid="era"]`).First().AttrOr("id", "") != target {
			t.Errorf("%s: the link past the chart goes to %q, not the first era of the list", path, skip.AttrOr("href", ""))
		}
		if c := res.doc.Find(`[data-testid="chart-caption"]`).Text(); !strings.Contains(c, "listed by era below") || !strings.Contains(c, strconv.Itoa(listed)+" events") {
			t.Errorf("%s: the chart's caption %q does not say that its %d events are listed below", path, c, listed)
		}
	}
}

// The progress charts scale with their column, which is 320 px or more on a
// 360 px phone; a label's size in the chart's units is chosen so that it is
// 12 px at that width.
func TestProgress_ChartLabelsAre12PxAt320PxWide(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	for range 3 {
		card, _ := currentCard(t, c)
		if res := c.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"3"}, "version": {"0"}}); res.status != http.StatusSeeOther {
			t.Fatalf("grade: %d", res.status)
		}
	}
	res := c.get("/progress")
	checked := 0
	res.doc.Find(`[data-testid="revision-charts"] svg`).Each(func(_ int, svg *goquery.Selection) {
		if svg.Find("text").Length() == 0 {
			return
		}
		id := svg.AttrOr("data-testid", "?")
		vb := strings.Fields(svg.AttrOr("viewBox", ""))
		if len(vb) != 4 {
			t.Errorf("%s: viewBox %q", id, svg.AttrOr("viewBox", ""))
			return
		}
		width, err := strconv.ParseFloat(vb[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		font := attrInt(t, svg, "font-size")
		if px := float64(font) * views.ChartMinWidth / width; px < 12 {
			t.Errorf("%s: labels of %d units in a viewBox %g wide are %.1f px at %d px; want 12 or more", id, font, width, px, views.ChartMinWidth)
		}
		checked++
	})
	if checked != 3 {
		t.Errorf("%d charts with labels checked; want the heatmap, the forecast and recall by era", checked)
	}
}
