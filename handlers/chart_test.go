package handlers

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sabaq/questions"
	"sabaq/views"
)

// The drawings have no viewBox, so a user unit is a CSS pixel and a
// position is a percentage of the drawing's width. These tests turn the
// percentages back into pixels at the narrowest width each drawing is shown
// at: wider, positions only spread apart, and sizes stay as they are.

// timelineCharts is the chart of all events and of each theme's events.
func timelineCharts(t *testing.T) map[string]views.Chart {
	t.Helper()
	tl, err := questions.Load()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]views.Chart{"all events": layoutChart(tl.Events)}
	for _, th := range questions.Themes {
		var evs []questions.Event
		for _, e := range tl.Events {
			if slices.Contains(e.Themes, th.ID) {
				evs = append(evs, e)
			}
		}
		out["theme "+th.ID] = layoutChart(evs)
	}
	return out
}

func drawings(c views.Chart) map[string]views.Drawing {
	return map[string]views.Drawing{"wide": c.Wide, "by era": c.ByEra}
}

// px reads a position: a percentage of a drawing minWidth wide, or pixels.
func px(t *testing.T, s string, minWidth int) float64 {
	t.Helper()
	if p, ok := strings.CutSuffix(s, "%"); ok {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil {
			t.Fatalf("position %q: %v", s, err)
		}
		return f / 100 * float64(minWidth)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("position %q: %v", s, err)
	}
	return f
}

func TestChart_LabelsAndTargetsAreLargeEnoughOnAPhone(t *testing.T) {
	for name, c := range timelineCharts(t) {
		// A user unit is a pixel at any width, so the sizes drawn are the
		// sizes seen: 12 px text and 24 px targets (WCAG 2.2).
		if c.Font < 12 {
			t.Errorf("%s: labels are %d px; want 12 or more", name, c.Font)
		}
		if c.Target < 24 || c.Dot*2 > c.Target {
			t.Errorf("%s: targets of %d px holding dots of radius %d; want 24 px or more, the dot inside", name, c.Target, c.Dot)
		}
		if c.ByEra.MinWidth > 320 {
			t.Errorf("%s: the by-era drawing is laid out for %d px; a 360 px phone leaves it 320", name, c.ByEra.MinWidth)
		}
	}
}

func TestChart_MarkTargetsDoNotOverlapAndStayInside(t *testing.T) {
	for name, c := range timelineCharts(t) {
		for layout, d := range drawings(c) {
			half := float64(c.Target) / 2
			type box struct {
				x, y  float64
				label string
			}
			var boxes []box
			for _, m := range d.Marks {
				x, y := px(t, m.X, d.MinWidth), float64(m.Y)
				if x-half < 0 || x+half > float64(d.MinWidth) || y-half < 0 || y+half > float64(d.Height) {
					t.Errorf("%s, %s: the target of %q at (%.1f, %.0f) runs outside the %d×%d drawing", name, layout, m.Label, x, y, d.MinWidth, d.Height)
				}
				for _, b := range boxes {
					if math.Abs(b.x-x) < float64(c.Target) && math.Abs(b.y-y) < float64(c.Target) {
						t.Errorf("%s, %s at %d px: the targets of %q and %q overlap", name, layout, d.MinWidth, b.label, m.Label)
					}
				}
				boxes = append(boxes, box{x, y, m.Label})
			}
		}
	}
}

func TestChart_DrawsEveryEventOnceInEachLayout(t *testing.T) {
	tl, err := questions.Load()
	if err != nil {
		t.Fatal(err)
	}
	c := layoutChart(tl.Events)
	for layout, d := range drawings(c) {
		var got, want []string
		for _, m := range d.Marks {
			got = append(got, m.Href)
		}
		for _, e := range tl.Events {
			want = append(want, "/timeline/"+e.ID)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the marks link to %d events; the timeline has %d", layout, len(got), len(want))
		}
	}
}

func TestChart_MarksKeepTheOrderOfTheirDates(t *testing.T) {
	tl, err := questions.Load()
	if err != nil {
		t.Fatal(err)
	}
	c := layoutChart(tl.Events)
	x := map[string]float64{}
	for _, m := range c.Wide.Marks {
		x[m.Href] = px(t, m.X, c.Wide.MinWidth)
	}
	for i := 1; i < len(tl.Events); i++ {
		a, b := tl.Events[i-1], tl.Events[i]
		if a.Date.First().Before(b.Date.First()) && x["/timeline/"+a.ID] > x["/timeline/"+b.ID] {
			t.Errorf("%s (%s) is drawn right of %s (%s)", a.ID, a.Date.Human(), b.ID, b.Date.Human())
		}
	}
}

// The year labels of an axis do not run into each other or off the drawing,
// at the estimated width of their text.
func TestChart_YearLabelsDoNotCollide(t *testing.T) {
	for name, c := range timelineCharts(t) {
		for layout, d := range drawings(c) {
			rows := map[int][][2]float64{} // spans of the labels on each baseline
			for _, l := range d.Labels {
				if l.Class != "year" {
					continue
				}
				x, w := px(t, l.X, d.MinWidth), textWidth(l.Text)
				left := map[string]float64{"start": x, "middle": x - w/2, "end": x - w}[l.Anchor]
				span := [2]float64{left, left + w}
				if span[0] < 0 || span[1] > float64(d.MinWidth) {
					t.Errorf("%s, %s: the year %s runs off the drawing (%.0f to %.0f of %d)", name, layout, l.Text, span[0], span[1], d.MinWidth)
				}
				for _, o := range rows[l.Y] {
					if span[0] < o[1]+4 && o[0] < span[1]+4 {
						t.Errorf("%s, %s: the year %s runs into another label", name, layout, l.Text)
					}
				}
				rows[l.Y] = append(rows[l.Y], span)
			}
			if len(rows) == 0 {
				t.Errorf("%s, %s: no years on the axis", name, layout)
			}
		}
	}
}

func TestChart_ByEraDrawsARowForEachEraWithEvents(t *testing.T) {
	tl, err := questions.Load()
	if err != nil {
		t.Fatal(err)
	}
	d := layoutChart(tl.Events).ByEra
	var names []string
	for _, l := range d.Labels {
		if l.Class == "era-name" {
			names = append(names, l.Text)
		}
	}
	var want []string
	for _, era := range questions.Eras {
		want = append(want, fmt.Sprintf("%s, %s", era.Name, era.Span))
	}
	if !slices.Equal(names, want) {
		t.Errorf("the by-era drawing's rows are %q; want %q", names, want)
	}
	if len(d.Bands) != len(questions.Eras) {
		t.Errorf("%d bands; want one per era, %d", len(d.Bands), len(questions.Eras))
	}
}
