package handlers

import (
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"sabaq/questions"
	"sabaq/views"
)

// The drawn timeline runs from 1947 to the end of 2011, the span the
// timeline covers; later events are pinned to its right edge.
var (
	chartStart = time.Date(1947, 1, 1, 0, 0, 0, 0, time.UTC)
	chartEnd   = time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
)

// The drawings' geometry, in CSS pixels (see views.Chart).
const (
	// wideMinWidth is the narrowest the wide drawing is shown: from 50rem
	// (800 px) up, less the page's margins, with room to spare.
	wideMinWidth = 752
	// phoneMinWidth is the narrowest the by-era drawing is shown: a 360 px
	// phone less the page's margins.
	phoneMinWidth = 320

	labelFont  = 13 // px: above the 12 px a phone needs
	markTarget = 24 // px: WCAG 2.2's minimum target size
	markDot    = 7  // px, the radius of the dot a mark shows
	// markPitch is the least distance between two marks' centres, across
	// or down, at the drawing's narrowest: their targets never touch.
	markPitch = markTarget + 2
	chartPad  = markTarget / 2 // keeps the first and last targets inside the picture

	eraLabelsHeight = 44 // the wide drawing's two rows of era names
	axisSpace       = 28 // below the axis: ticks and years
	eraHeading      = 24 // the by-era drawing's heading over each era
	eraGap          = 16 // between two eras
)

// charWidth is a generous estimate of a label's average character width,
// as a share of the font size, to tell whether an era's name fits.
const charWidth = 0.65

// layoutChart draws events in both layouts.
func layoutChart(events []questions.Event) views.Chart {
	events = slices.Clone(events)
	slices.SortStableFunc(events, func(a, b questions.Event) int { return a.Date.First().Compare(b.Date.First()) })
	return views.Chart{Font: labelFont, Target: markTarget, Dot: markDot, Wide: layoutWide(events), ByEra: layoutByEra(events)}
}

// axis maps times in [from, to) onto x positions in pixels of a drawing
// minWidth wide, between its pads.
type axis struct {
	from, to time.Time
	minWidth float64
}

func (ax axis) px(t time.Time) float64 {
	if t.Before(ax.from) {
		t = ax.from
	}
	if t.After(ax.to) {
		t = ax.to // later events are pinned to the right edge
	}
	f := float64(t.Sub(ax.from)) / float64(ax.to.Sub(ax.from))
	return chartPad + f*(ax.minWidth-2*chartPad)
}

// pct writes a position in pixels at the drawing's narrowest as a share of
// its width, which holds it in place relative to the axis at any width.
func (ax axis) pct(x float64) string {
	return strconv.FormatFloat(x/ax.minWidth*100, 'f', 3, 64) + "%"
}

// stack places marks at x positions (in order) on rows, each on the first
// row where it keeps markPitch from the row's last mark.
func stack(xs []float64) (rows []int, n int) {
	var ends []float64
	for _, x := range xs {
		r := slices.IndexFunc(ends, func(end float64) bool { return x-end >= markPitch })
		if r < 0 {
			r = len(ends)
			ends = append(ends, 0)
		}
		ends[r] = x
		rows = append(rows, r)
	}
	return rows, len(ends)
}

func mark(ax axis, x float64, y int, e questions.Event) views.ChartMark {
	return views.ChartMark{X: ax.pct(x), Y: y, Tone: string(e.Tone), Href: "/timeline/" + e.ID, Label: e.Date.Human() + ": " + e.Title}
}

// layoutWide draws one time axis, the eras as bands along it and their
// names in two staggered rows above the marks.
func layoutWide(events []questions.Event) views.Drawing {
	ax := axis{from: chartStart, to: chartEnd, minWidth: wideMinWidth}
	xs := make([]float64, len(events))
	for i, e := range events {
		xs[i] = ax.px(e.Date.First())
	}
	rows, n := stack(xs)
	top := eraLabelsHeight + markTarget/2 + 2 // the first row's centre
	axisY := top + (max(n, 1)-1)*markPitch + markTarget/2 + 4
	d := views.Drawing{MinWidth: wideMinWidth, Height: axisY + axisSpace}
	for i, e := range events {
		d.Marks = append(d.Marks, mark(ax, xs[i], top+rows[i]*markPitch, e))
	}
	for i, era := range questions.Eras {
		start, end := ax.px(era.Start), ax.px(chartEnd)
		if !era.End.IsZero() {
			end = ax.px(era.End)
		}
		d.Bands = append(d.Bands, views.ChartBand{X: ax.pct(start), W: ax.pct(end - start), H: axisY, Alt: i%2 == 1})
		// The eras' names take turns on two rows, so a name may run on over
		// the next era's band, whose name is on the other row; one that
		// would run on further shows the era's years instead.
		room := end - start
		if i+1 < len(questions.Eras) {
			next := ax.px(chartEnd)
			if e := questions.Eras[i+1].End; !e.IsZero() {
				next = ax.px(e)
			}
			room = next - start
		}
		label := era.Name
		if textWidth(label) > room-8 {
			label = era.Span
		}
		d.Labels = append(d.Labels, views.ChartLabel{X: ax.pct(start), DX: 4, Y: 17 + (i%2)*20, Anchor: "start", Class: "era-label", Text: label})
	}
	d.Lines = append(d.Lines, views.ChartLine{X1: "0", X2: "100%", Y1: axisY, Y2: axisY})
	ticks(&d, ax, []int{1950, 1960, 1970, 1980, 1990, 2000, 2010}, axisY)
	return d
}

// layoutByEra draws a row for each era that has events: its name, then
// its own time axis across the whole width.
func layoutByEra(events []questions.Event) views.Drawing {
	d := views.Drawing{MinWidth: phoneMinWidth}
	y := 0
	for i, era := range questions.Eras {
		var in []questions.Event
		for _, e := range events {
			if e.Era == era.ID {
				in = append(in, e)
			}
		}
		if len(in) == 0 {
			continue
		}
		end := era.End
		if end.IsZero() {
			end = chartEnd
		}
		ax := axis{from: era.Start, to: end, minWidth: phoneMinWidth}
		xs := make([]float64, len(in))
		for j, e := range in {
			xs[j] = ax.px(e.Date.First())
		}
		rows, n := stack(xs)
		d.Labels = append(d.Labels, views.ChartLabel{X: "0", Y: y + 16, Anchor: "start", Class: "era-name", Text: era.Name + ", " + era.Span})
		top := y + eraHeading + markTarget/2 + 2
		axisY := top + (n-1)*markPitch + markTarget/2 + 4
		d.Bands = append(d.Bands, views.ChartBand{X: "0", W: "100%", Y: y + eraHeading, H: axisY - y - eraHeading, Alt: i%2 == 1})
		for j, e := range in {
			d.Marks = append(d.Marks, mark(ax, xs[j], top+rows[j]*markPitch, e))
		}
		d.Lines = append(d.Lines, views.ChartLine{X1: "0", X2: "100%", Y1: axisY, Y2: axisY})
		var years []int
		for yr, step := era.Start.Year()+1, yearStep(ax); !year(yr).After(end); yr++ {
			if yr%step == 0 {
				years = append(years, yr)
			}
		}
		ticks(&d, ax, years, axisY)
		y = axisY + axisSpace + eraGap
	}
	d.Height = max(y-eraGap, 0)
	return d
}

// yearStep is how many years apart an era's axis labels its years: the
// smallest of 1, 2, 5 and 10 that keeps the labels 44 px apart.
func yearStep(ax axis) int {
	perYear := (ax.minWidth - 2*chartPad) / (float64(ax.to.Sub(ax.from)) / float64(365.25*24*time.Hour))
	for _, s := range []int{1, 2, 5} {
		if float64(s)*perYear >= 44 {
			return s
		}
	}
	return 10
}

// ticks marks years on the axis at axisY and labels them below, centred,
// leaving out a year whose label would run off the drawing or into the one
// before.
func ticks(d *views.Drawing, ax axis, years []int, axisY int) {
	lastRight := math.Inf(-1)
	for _, y := range years {
		text := strconv.Itoa(y)
		x, w := ax.px(year(y)), textWidth(text)
		left, right := x-w/2, x+w/2
		if left < 0 || right > ax.minWidth || left < lastRight+8 {
			continue
		}
		lastRight = right
		d.Lines = append(d.Lines, views.ChartLine{X1: ax.pct(x), X2: ax.pct(x), Y1: axisY, Y2: axisY + 6})
		d.Labels = append(d.Labels, views.ChartLabel{X: ax.pct(x), Y: axisY + 6 + labelFont + 2, Anchor: "middle", Class: "year", Text: text})
	}
}

func year(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }

// textWidth estimates a label's width in pixels.
func textWidth(s string) float64 {
	return math.Ceil(float64(utf8.RuneCountInString(s)) * charWidth * labelFont)
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
