package views

import (
	"testing"
	"unicode/utf8"
)

// labelWidth estimates a label's width generously: 0.65 of the font size a
// character.
func labelWidth(s string, font int) int { return utf8.RuneCountInString(s) * font * 65 / 100 }

func TestMasteryChart_NamesAndValuesFitTheirRow(t *testing.T) {
	m := MasteryChart{Rows: []MasteryRow{
		{Era: "The end of the Soviet Union", Cards: 3, Pct: 100},
		{Era: "Democratic governments", Cards: 0},
	}}
	for _, b := range m.Bars() {
		if w := labelWidth(b.Era, m.Font()) + 8 + labelWidth(b.Value, m.Font()); w > b.Width {
			t.Errorf("%q and %q take %d units; the row is %d", b.Era, b.Value, w, b.Width)
		}
		if b.BarY < b.LabelY+2 {
			t.Errorf("%q: the bar at %d overlaps its label's baseline at %d", b.Era, b.BarY, b.LabelY)
		}
	}
}

func TestForecast_DateLabelsStayInsideAndApart(t *testing.T) {
	f := Forecast{}
	for i := range 30 {
		f.Days = append(f.Days, ChartDay{Weekday: "Wed", Date: "30 Sep", Count: i})
	}
	width := f.AxisEnd() + 4
	prevEnd := -1
	for _, l := range f.XLabels() {
		end := l.X + labelWidth(l.Text, f.Font())
		if end > width {
			t.Errorf("%q runs to %d, past the chart's width %d", l.Text, end, width)
		}
		if l.X < prevEnd+4 {
			t.Errorf("%q starts at %d, into the label before it", l.Text, l.X)
		}
		prevEnd = end
	}
	if w := labelWidth("1000", f.Font()); w > fcLeft-4 {
		t.Errorf("a four-digit count takes %d units; the axis leaves %d", w, fcLeft-4)
	}
}
