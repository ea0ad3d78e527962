package handlers

import (
	"strconv"
	"time"

	"sabaq/questions"
	"sabaq/views"
)

// The drawn timeline runs from 1947 to the end of 2011, the span the
// timeline covers; later events are pinned to its right edge.
var (
	chartStart = time.Date(1947, 1, 1, 0, 0, 0, 0, time.UTC)
	chartEnd   = time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
)

const (
	chartWidth = 1000
	rowHeight  = 13
	topMargin  = 28
	axisSpace  = 24
	markGap    = 11 // marks closer than this go on separate rows
	chartPad   = 8  // keeps the first and last marks inside the picture
)

func chartX(t time.Time) int {
	if t.After(chartEnd) {
		t = chartEnd
	}
	f := float64(t.Sub(chartStart)) / float64(chartEnd.Sub(chartStart))
	return chartPad + int(f*(chartWidth-2*chartPad))
}

// layoutChart places eras as bands and events as marks, stacking marks that
// would overlap into rows.
func layoutChart(events []questions.Event) views.Chart {
	var c views.Chart
	c.Width = chartWidth
	var rowEnd []int
	for _, e := range events {
		x := chartX(e.Date.First())
		row := 0
		for row < len(rowEnd) && rowEnd[row] > x-markGap {
			row++
		}
		if row == len(rowEnd) {
			rowEnd = append(rowEnd, 0)
		}
		rowEnd[row] = x
		c.Marks = append(c.Marks, views.ChartMark{
			X: x, Y: topMargin + row*rowHeight, Tone: string(e.Tone),
			Href: "/timeline/" + e.ID, Label: e.Date.Human() + ": " + e.Title,
		})
	}
	c.Height = topMargin + max(len(rowEnd), 3)*rowHeight + axisSpace
	for i, era := range questions.Eras {
		start, end := chartX(era.Start), chartWidth-chartPad
		if !era.End.IsZero() {
			end = chartX(era.End)
		}
		label := era.Span
		if end-start > 90 {
			label = era.Name
		}
		c.Bands = append(c.Bands, views.ChartBand{X: max(start, 0), W: end - max(start, 0), Label: label, Alt: i%2 == 1})
	}
	for y := 1950; y <= 2010; y += 10 {
		c.Ticks = append(c.Ticks, views.ChartTick{X: chartX(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)), Label: strconv.Itoa(y)})
	}
	return c
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
