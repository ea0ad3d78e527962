package views

import (
	"strconv"
	"strings"
)

// Chart is the drawn timeline in two layouts: Wide, one time axis, for
// screens of 50rem and more, and ByEra, a row for each era, below that.
// Neither drawing has a viewBox, so a user unit is a CSS pixel at every
// width: labels keep their font size and marks their tap targets however
// wide the screen, and positions along the time axis are percentages.
type Chart struct {
	Font   int // px, the size of every label
	Target int // px, the side of a mark's square tap target
	Dot    int // px, the radius of the dot drawn in it
	Wide   Drawing
	ByEra  Drawing
}

// Drawing is one layout of the timeline, laid out by the handler for the
// narrowest width it is shown at: wider, marks only spread apart.
type Drawing struct {
	MinWidth, Height int // px
	Bands            []ChartBand
	Lines            []ChartLine
	Labels           []ChartLabel
	Marks            []ChartMark
}

// ChartBand is an era's stretch of the axis, shaded.
type ChartBand struct {
	X, W string // percentages of the drawing's width
	Y, H int
	Alt  bool
}

// ChartLine is the axis or a tick on it.
type ChartLine struct {
	X1, X2 string // percentages
	Y1, Y2 int
}

// ChartLabel is a text: an era's name or a year.
type ChartLabel struct {
	X      string // percentage
	DX, Y  int
	Anchor string // start, middle or end
	Class  string
	Text   string
}

// ChartMark is an event drawn as a dot in a square tap target, centred at
// X (a percentage) and Y.
type ChartMark struct {
	X     string
	Y     int
	Tone  string
	Href  string
	Label string
}

// ProgressCharts are the revision charts of the progress page.
type ProgressCharts struct {
	Heatmap   Heatmap
	Forecast  Forecast
	States    StateChart
	Retention RetentionChart
	Mastery   MasteryChart
	Streak    StreakInfo
}

// ChartDay is a count for one learner-day.
type ChartDay struct {
	Weekday string // "Mon"
	Date    string // "3 Mar"
	Count   int
}

// Label names the day: "Mon 3 Mar".
func (d ChartDay) Label() string { return d.Weekday + " " + d.Date }

// SVGPath is one path of a chart with its class.
type SVGPath struct {
	Class, D string
}

// SVGLabel is a text label placed in a chart.
type SVGLabel struct {
	X, Y int
	Text string
}

// HeatLevel is one shade of the heatmap and the counts it stands for.
type HeatLevel struct {
	Class, Label string
}

// HeatLevels are the heatmap's shades, lightest first.
var HeatLevels = []HeatLevel{{"heat-0", "0"}, {"heat-1", "1–19"}, {"heat-2", "20–49"}, {"heat-3", "50–99"}, {"heat-4", "100+"}}

func heatLevel(n int) int {
	switch {
	case n <= 0:
		return 0
	case n < 20:
		return 1
	case n < 50:
		return 2
	case n < 100:
		return 3
	default:
		return 4
	}
}

// ChartMinWidth is the narrowest a progress chart is drawn, in CSS px: its
// column on a 360 px phone. Each chart scales with its column (it has a
// viewBox), so its labels' size in its own units (Font) is chosen to be
// 12 px or more at this width: Font × ChartMinWidth ÷ the viewBox's width.
const ChartMinWidth = 320

// Heatmap geometry: 16 columns of 7 days, weekday labels on the left and
// week labels on top.
const (
	heatFont  = 10 // 12.7 px at its narrowest
	heatCell  = 12
	heatPitch = 14
	heatLeft  = 28
	heatTop   = 16
	// HeatWeeks is the number of columns: the heatmap shows 16 weeks.
	HeatWeeks = 16
)

// Heatmap is reviews per day over the last 16 weeks, oldest first, the last
// day today. Column c holds days 7c to 7c+6, so each row is one weekday.
type Heatmap struct {
	Days []ChartDay
}

// Total is the number of reviews shown.
func (h Heatmap) Total() int { return sum(h.Days) }

// ActiveDays is the number of days with a review.
func (h Heatmap) ActiveDays() int {
	n := 0
	for _, d := range h.Days {
		if d.Count > 0 {
			n++
		}
	}
	return n
}

// Busiest is the day with most reviews (the latest of equals).
func (h Heatmap) Busiest() ChartDay {
	var b ChartDay
	for _, d := range h.Days {
		if d.Count >= b.Count {
			b = d
		}
	}
	return b
}

// ViewBox is the SVG's viewBox.
func (h Heatmap) ViewBox() string { return viewBox(heatLeft+HeatWeeks*heatPitch, heatTop+7*heatPitch) }

// Font is the labels' size in user units.
func (h Heatmap) Font() int { return heatFont }

// Cells draws the days as squares, one path per shade.
func (h Heatmap) Cells() []SVGPath {
	var d [5]strings.Builder
	for i, day := range h.Days {
		x, y := heatLeft+(i/7)*heatPitch, heatTop+(i%7)*heatPitch
		b := &d[heatLevel(day.Count)]
		b.WriteString("M" + itoa(x) + " " + itoa(y) + "h" + itoa(heatCell) + "v" + itoa(heatCell) + "h-" + itoa(heatCell) + "z")
	}
	var out []SVGPath
	for i := range d {
		if d[i].Len() > 0 {
			out = append(out, SVGPath{Class: HeatLevels[i].Class, D: d[i].String()})
		}
	}
	return out
}

// RowLabels name the weekday of each row.
func (h Heatmap) RowLabels() []SVGLabel {
	var out []SVGLabel
	for i := 0; i < 7 && i < len(h.Days); i++ {
		out = append(out, SVGLabel{X: heatLeft - 4, Y: heatTop + i*heatPitch + heatCell - 2, Text: h.Days[i].Weekday})
	}
	return out
}

// ColLabels date every fourth week by its first day.
func (h Heatmap) ColLabels() []SVGLabel {
	var out []SVGLabel
	for c := 0; c*7 < len(h.Days); c += 4 {
		out = append(out, SVGLabel{X: heatLeft + c*heatPitch, Y: heatTop - 5, Text: h.Days[c*7].Date})
	}
	return out
}

// HeatWeek is one column of the heatmap, as a row of its data table.
type HeatWeek struct {
	From   string
	Counts []int
	Total  int
}

// Weeks groups the days into the heatmap's columns.
func (h Heatmap) Weeks() []HeatWeek {
	var out []HeatWeek
	for i := 0; i < len(h.Days); i += 7 {
		days := h.Days[i:min(i+7, len(h.Days))]
		w := HeatWeek{From: days[0].Date, Total: sum(days)}
		for _, d := range days {
			w.Counts = append(w.Counts, d.Count)
		}
		out = append(out, w)
	}
	return out
}

// Weekdays names the heatmap's rows, top to bottom.
func (h Heatmap) Weekdays() []string {
	var out []string
	for i := 0; i < 7 && i < len(h.Days); i++ {
		out = append(out, h.Days[i].Weekday)
	}
	return out
}

// Forecast geometry: a bar a day, a count axis on the left and dates below.
const (
	fcFont  = 12 // 12.4 px at its narrowest, for 30 days
	fcLeft  = 36 // room for a four-digit count
	fcPitch = 9
	fcBar   = 7
	fcTop   = 10
	fcPlot  = 96
)

// Forecast is the number of cards coming due each day from today; today's
// count includes the overdue cards.
type Forecast struct {
	Days    []ChartDay
	Overdue int
}

// Total is the number of cards due over the whole forecast.
func (f Forecast) Total() int { return sum(f.Days) }

// Today is the number of cards due today, overdue included.
func (f Forecast) Today() int {
	if len(f.Days) == 0 {
		return 0
	}
	return f.Days[0].Count
}

// Week is the number of cards due in the first 7 days, today included.
func (f Forecast) Week() int { return sum(f.Days[:min(7, len(f.Days))]) }

// Max is the largest count of a day.
func (f Forecast) Max() int {
	m := 0
	for _, d := range f.Days {
		m = max(m, d.Count)
	}
	return m
}

// ViewBox is the SVG's viewBox.
func (f Forecast) ViewBox() string { return viewBox(f.AxisEnd()+4, fcTop+fcPlot+fcFont+8) }

// Font is the labels' size in user units.
func (f Forecast) Font() int { return fcFont }

// AxisY is where the bars stand.
func (f Forecast) AxisY() int { return fcTop + fcPlot }

// AxisStart is where the axis starts on the left.
func (f Forecast) AxisStart() int { return fcLeft }

// AxisEnd is where the axis ends on the right.
func (f Forecast) AxisEnd() int { return fcLeft + len(f.Days)*fcPitch }

// Bars draws the days as bars: today (with the overdue) apart from the rest.
func (f Forecast) Bars() []SVGPath {
	m := f.Max()
	var today, rest strings.Builder
	for i, d := range f.Days {
		if d.Count == 0 || m == 0 {
			continue
		}
		h := max(1, d.Count*fcPlot/m) // a day with any card due stays visible
		b := &rest
		if i == 0 {
			b = &today
		}
		b.WriteString("M" + itoa(fcLeft+i*fcPitch+1) + " " + itoa(fcTop+fcPlot) + "v-" + itoa(h) + "h" + itoa(fcBar) + "v" + itoa(h) + "z")
	}
	var out []SVGPath
	if today.Len() > 0 {
		out = append(out, SVGPath{Class: "bar now", D: today.String()})
	}
	if rest.Len() > 0 {
		out = append(out, SVGPath{Class: "bar", D: rest.String()})
	}
	return out
}

// XLabels date the axis every week, starting with today, while a week
// remains for the label to stand over.
func (f Forecast) XLabels() []SVGLabel {
	var out []SVGLabel
	for i := 0; i+7 <= len(f.Days); i += 7 {
		text := f.Days[i].Date
		if i == 0 {
			text = "Today"
		}
		out = append(out, SVGLabel{X: fcLeft + i*fcPitch + 1, Y: fcTop + fcPlot + fcFont + 4, Text: text})
	}
	return out
}

// YLabels mark zero and the largest count.
func (f Forecast) YLabels() []SVGLabel {
	return []SVGLabel{
		{X: fcLeft - 4, Y: fcTop + fcPlot, Text: "0"},
		{X: fcLeft - 4, Y: fcTop + fcFont - 2, Text: itoa(f.Max())},
	}
}

// TopY is the height of the largest bar, for the grid line.
func (f Forecast) TopY() int { return fcTop }

// StateChart counts the learner's cards by state; New is the deck's
// questions without a card.
type StateChart struct {
	New, Learning, Review, Relearning int
}

// Total is the number of cards in all states.
func (s StateChart) Total() int { return s.New + s.Learning + s.Review + s.Relearning }

// StateSegment is one state in the stacked bar and its legend.
type StateSegment struct {
	Class, Label string
	Count        int
	X, W         string // in a 300-wide bar
}

// Segments lays the states out along one bar, in the order a card moves.
func (s StateChart) Segments() []StateSegment {
	segs := []StateSegment{
		{Class: "state-new", Label: "New", Count: s.New},
		{Class: "state-learning", Label: "Learning", Count: s.Learning},
		{Class: "state-review", Label: "Review", Count: s.Review},
		{Class: "state-relearning", Label: "Relearning", Count: s.Relearning},
	}
	total, x := s.Total(), 0.0
	for i := range segs {
		if total == 0 {
			break
		}
		w := 300 * float64(segs[i].Count) / float64(total)
		segs[i].X, segs[i].W = num(x), num(w)
		x += w
	}
	return segs
}

// RetentionChart is true retention over the last 30 days against the
// learner's desired retention.
type RetentionChart struct {
	Reviews, Passed int
	Pct             int // share passed, 0–100
	DesiredPct      int
}

// FillW is the width of the retention bar in a 300-wide track.
func (r RetentionChart) FillW() int { return r.Pct * 3 }

// TargetX is where the desired retention is marked on the track.
func (r RetentionChart) TargetX() int { return r.DesiredPct * 3 }

// MasteryRow is one era's mean retrievability.
type MasteryRow struct {
	Era, Span        string
	Cards, Questions int
	Pct              int // mean retrievability of the studied cards, 0–100
}

// MasteryChart is recall by era, in timeline order.
type MasteryChart struct {
	Rows []MasteryRow
}

// Studied reports whether any era has a studied card.
func (m MasteryChart) Studied() bool {
	for _, r := range m.Rows {
		if r.Cards > 0 {
			return true
		}
	}
	return false
}

// Mastery geometry: a row an era, its name and value above a bar as wide as
// the chart.
const (
	msFont  = 12 // 12.8 px at its narrowest
	msWidth = 300
	msRow   = 38
	msBar   = 10
)

// ViewBox is the SVG's viewBox.
func (m MasteryChart) ViewBox() string { return viewBox(msWidth, len(m.Rows)*msRow-8) }

// Font is the labels' size in user units.
func (m MasteryChart) Font() int { return msFont }

// MasteryBar is a row of the mastery chart, laid out.
type MasteryBar struct {
	MasteryRow
	LabelY, BarY, FillW, Width, Height int
	Value                              string
}

// Bars lays the rows out.
func (m MasteryChart) Bars() []MasteryBar {
	out := make([]MasteryBar, 0, len(m.Rows))
	for i, r := range m.Rows {
		b := MasteryBar{MasteryRow: r, LabelY: i*msRow + msFont, BarY: i*msRow + msFont + 6, Width: msWidth, Height: msBar, Value: "–"}
		if r.Cards > 0 {
			b.FillW, b.Value = r.Pct*msWidth/100, pct(r.Pct)
		}
		out = append(out, b)
	}
	return out
}

// StreakInfo is the learner's study streak.
type StreakInfo struct {
	Current, Longest int
	ReviewedToday    bool
	Unbounded        bool // the current streak reaches back past the reviews loaded
}

// Headline is the current streak in a few words.
func (s StreakInfo) Headline() string {
	switch {
	case s.Current > 0 && s.Unbounded:
		return "at least " + plural(s.Current, "day", "days")
	case s.Current > 0:
		return plural(s.Current, "day", "days")
	case s.Longest > 0:
		return "none at the moment"
	default:
		return "none yet"
	}
}

// Rest completes the sentence the headline starts.
func (s StreakInfo) Rest() string {
	longest := "; longest in the last 16 weeks " + plural(s.Longest, "day", "days") + "."
	switch {
	case s.Current > 0 && !s.ReviewedToday:
		return " (review today to keep it going)" + longest
	case s.Longest > 0:
		return longest
	default:
		return ". Review on consecutive days to build one."
	}
}

// Summary puts the forecast in a sentence.
func (f Forecast) Summary() string {
	today := itoa(f.Today()) + " due today"
	if f.Overdue > 0 {
		today += " (including " + itoa(f.Overdue) + " overdue)"
	}
	return today + ", " + itoa(f.Week()) + " in the next 7 days and " + itoa(f.Total()) + " in the next 30."
}

func sum(days []ChartDay) int {
	n := 0
	for _, d := range days {
		n += d.Count
	}
	return n
}

func viewBox(w, h int) string { return "0 0 " + itoa(w) + " " + itoa(h) }

// num writes a coordinate with at most one decimal.
func num(f float64) string { return strconv.FormatFloat(float64(int(f*10+0.5))/10, 'f', -1, 64) }
