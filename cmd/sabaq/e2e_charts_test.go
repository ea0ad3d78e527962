//go:build e2e

package main

import (
	"fmt"
	"math"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chartJS measures the drawings shown in the element matching its argument:
// which are shown, the rendered size of their labels (the font size times
// the drawing's scale on screen), their links' boxes, how many of those
// overlap, and how many the Tab key reaches.
const chartJS = `((sel) => {
	const root = document.querySelector(sel);
	const svgs = [...root.querySelectorAll("svg")].filter(s => s.checkVisibility());
	const sizes = svgs.flatMap(s => [...s.querySelectorAll("text")]).map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
	const links = svgs.flatMap(s => [...s.querySelectorAll("a")]);
	const boxes = links.map(a => a.getBoundingClientRect());
	let overlaps = 0;
	for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
		const a = boxes[i], b = boxes[j], eps = 0.01;
		if (a.left < b.right - eps && b.left < a.right - eps && a.top < b.bottom - eps && b.top < a.bottom - eps) overlaps++;
	}
	return {
		shown: svgs.map(s => s.dataset.testid || ""), labels: sizes.length, minLabel: sizes.length ? Math.min(...sizes) : 0,
		marks: links.length, minW: boxes.length ? Math.min(...boxes.map(b => b.width)) : 0,
		minH: boxes.length ? Math.min(...boxes.map(b => b.height)) : 0, overlaps, tabbable: links.filter(a => a.tabIndex >= 0).length,
		pageWidth: document.documentElement.scrollWidth, window: document.documentElement.clientWidth,
	};
})`

type chartMeasure struct {
	Shown     []string `json:"shown"`
	Labels    int      `json:"labels"`
	MinLabel  float64  `json:"minLabel"`
	Marks     int      `json:"marks"`
	MinW      float64  `json:"minW"`
	MinH      float64  `json:"minH"`
	Overlaps  int      `json:"overlaps"`
	Tabbable  int      `json:"tabbable"`
	PageWidth int      `json:"pageWidth"`
	Window    int      `json:"window"`
}

// measureCharts sets the window's width and measures the drawings in sel.
func (tb *tab) measureCharts(width int64, sel string) chartMeasure {
	tb.t.Helper()
	tb.do(fmt.Sprintf("make the window %d px wide", width), chromedp.EmulateViewport(width, 844))
	m := eval[chartMeasure](tb, chartJS+`(`+js(sel)+`)`)
	tb.t.Logf("%s at %d px: %+v", sel, width, m)
	if m.PageWidth > m.Window {
		tb.t.Errorf("%s at %d px: the page is %d px wide", tb.location(), width, m.PageWidth)
	}
	if m.Labels == 0 || m.MinLabel < 12-0.01 {
		tb.t.Errorf("%s at %d px: %d labels drawn, the smallest %.1f px; want 12 px or more", tb.location(), width, m.Labels, m.MinLabel)
	}
	return m
}

// rosterJS measures the dashboard's roster: how a row is laid out, what
// labels its cells, whether the region scrolls and says so, and where the
// first two columns are before and after scrolling it 200 px.
const rosterJS = `(() => {
	const region = document.querySelector("[data-testid=roster-scroll]");
	const row = region.querySelector("[data-testid=roster-row]");
	const cols = () => [row.querySelector("th"), row.querySelector("td")].map(e => e.getBoundingClientRect().left);
	const before = cols();
	region.scrollLeft = 200;
	const after = cols(), scrolled = region.scrollLeft;
	region.scrollLeft = 0;
	const hint = document.getElementById(region.dataset.hint);
	return {
		rowDisplay: getComputedStyle(row).display, cellLabel: getComputedStyle(row.querySelector("[data-testid=cards]"), "::before").content,
		headShown: region.querySelector("thead").getBoundingClientRect().height > 1,
		scrolls: region.scrollWidth > region.clientWidth + 1, scrolled,
		hint: hint.checkVisibility() ? hint.innerText : "", describedBy: region.getAttribute("aria-describedby") || "",
		shadow: getComputedStyle(region).backgroundImage.includes("radial-gradient"),
		role: region.getAttribute("role"), label: region.getAttribute("aria-label") || "", tabIndex: region.tabIndex,
		before, after, pageWidth: document.documentElement.scrollWidth, window: document.documentElement.clientWidth,
	};
})()`

type rosterMeasure struct {
	RowDisplay  string    `json:"rowDisplay"`
	CellLabel   string    `json:"cellLabel"`
	HeadShown   bool      `json:"headShown"`
	Scrolls     bool      `json:"scrolls"`
	Scrolled    float64   `json:"scrolled"`
	Hint        string    `json:"hint"`
	DescribedBy string    `json:"describedBy"`
	Shadow      bool      `json:"shadow"`
	Role        string    `json:"role"`
	Label       string    `json:"label"`
	TabIndex    int       `json:"tabIndex"`
	Before      []float64 `json:"before"`
	After       []float64 `json:"after"`
	PageWidth   int       `json:"pageWidth"`
	Window      int       `json:"window"`
}

// charts: the drawn timeline, a student's progress charts and a teacher's
// dashboard, at a phone's width and wider: labels of 12 px or more, marks
// of 24×24 px that do not overlap and are not in the Tab order (the list
// below holds the same events), and wide tables that are cards on a phone
// and, on a laptop, scroll in a region that says so, keeping their first
// column in view.
func (s *suite) charts(t *testing.T) {
	student := s.newTab(t, "student", tabOptions{})
	student.open("/timeline", "timeline")
	listed := student.count(`[data-testid=era] ol.events li`)
	for _, w := range []int64{390, 800, 1366} {
		m := student.measureCharts(w, `[data-testid=timeline-chart]`)
		want := "timeline-by-era"
		if w >= 800 {
			want = "timeline-svg"
		}
		if len(m.Shown) != 1 || m.Shown[0] != want {
			t.Errorf("timeline at %d px shows the drawings %q; want %s", w, m.Shown, want)
		}
		if m.Marks != listed || m.MinW < 24-0.01 || m.MinH < 24-0.01 {
			t.Errorf("timeline at %d px: %d marks, the smallest target %.2f×%.2f px; want the %d events listed, each 24×24 px or more", w, m.Marks, m.MinW, m.MinH, listed)
		}
		if m.Overlaps > 0 {
			t.Errorf("timeline at %d px: %d pairs of marks' targets overlap", w, m.Overlaps)
		}
		if m.Tabbable > 0 {
			t.Errorf("timeline at %d px: %d marks are in the Tab order, before the list that holds the same events", w, m.Tabbable)
		}
	}
	// The link past the chart lands on the list.
	first := eval[string](student, `document.querySelector("[data-testid=era]").id`)
	student.do("skip the chart", chromedp.Click(chromedp.CSS(`[data-testid=skip-chart]`)))
	student.waitFor("the list at the top of the window", `location.hash === "#`+first+`" && document.readyState === "complete" && `+
		`Math.abs(document.getElementById(`+js(first)+`)?.getBoundingClientRect().top ?? 99) <= 2`)

	// A student's progress charts, after one review.
	student.do("make the window wide", chromedp.EmulateViewport(1280, 900))
	student.open("/signup", "sign up")
	student.do("fill in the sign-up form", chromedp.SendKeys(chromedp.CSS("#username"), "chart.reader"),
		chromedp.SendKeys(chromedp.CSS("#password"), "chart reader's password"), chromedp.SendKeys(chromedp.CSS("#password2"), "chart reader's password"))
	student.click("sign up", `[data-testid=signup]`, "home (student)")
	student.open("/review", "review")
	student.revealByKey()
	student.gradeByKey("3")
	student.open("/progress", "progress with a review")
	for _, w := range []int64{390, 1366} {
		if m := student.measureCharts(w, `[data-testid=revision-charts]`); len(m.Shown) < 3 {
			t.Errorf("progress at %d px draws %d charts; want the heatmap, the forecast and recall by era at least", w, len(m.Shown))
		}
	}

	// A teacher's class of three, on the dashboard.
	teacher := s.newTab(t, "teacher", tabOptions{})
	teacher.open("/login", "log in")
	teacher.do("fill in the log-in form", chromedp.SendKeys(chromedp.CSS("#username"), teacherName), chromedp.SendKeys(chromedp.CSS("#password"), teacherPassword))
	teacher.click("log in", `[data-testid=login]`, "home (teacher)")
	teacher.open("/teach/classes", "classes")
	teacher.do("name the class", chromedp.SendKeys(chromedp.CSS("#name"), "Charts and tables"))
	teacher.click("make the class", `[data-testid=create-class]`, "class")
	join, err := url.Parse(teacher.text(`[data-testid=join-link]`))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"table.one", "table.two", "table.three"} {
		st := s.newTab(t, name, tabOptions{})
		st.open("/signup", "sign up")
		st.do("fill in the sign-up form", chromedp.SendKeys(chromedp.CSS("#username"), name),
			chromedp.SendKeys(chromedp.CSS("#password"), name+"'s password"), chromedp.SendKeys(chromedp.CSS("#password2"), name+"'s password"))
		st.click("sign up", `[data-testid=signup]`, "home (student)")
		st.open(join.Path, "join link")
		st.click("join the class", `[data-testid=join]`, "home with a class")
	}
	teacher.click("open the dashboard", `[data-testid=dashboard-link]`, "dashboard")
	if n := teacher.count(`[data-testid=roster-row]`); n != 3 {
		t.Fatalf("the roster has %d rows; want 3", n)
	}

	teacher.do("make the window 390 px wide", chromedp.EmulateViewport(390, 844))
	phone := eval[rosterMeasure](teacher, rosterJS)
	t.Logf("roster at 390 px: %+v", phone)
	if phone.RowDisplay != "grid" || phone.CellLabel != `"Cards studied"` || phone.HeadShown {
		t.Errorf("at 390 px a roster row is laid out as %q, its cards cell labelled %s, the header row shown: %v; want a card, each cell named, no header row",
			phone.RowDisplay, phone.CellLabel, phone.HeadShown)
	}
	if phone.Scrolls || phone.Hint != "" || phone.PageWidth > phone.Window {
		t.Errorf("at 390 px the roster scrolls: %v, says so: %q, the page is %d px in %d", phone.Scrolls, phone.Hint, phone.PageWidth, phone.Window)
	}

	teacher.do("make the window 1366 px wide", chromedp.EmulateViewport(1366, 768))
	teacher.waitFor("the hint that the roster scrolls", `document.getElementById("roster-hint").checkVisibility()`)
	laptop := eval[rosterMeasure](teacher, rosterJS)
	t.Logf("roster at 1366 px: %+v", laptop)
	if laptop.RowDisplay != "table-row" || !laptop.HeadShown {
		t.Errorf("at 1366 px the roster is not a table (a row is %q)", laptop.RowDisplay)
	}
	if !laptop.Scrolls || laptop.Hint == "" || laptop.DescribedBy == "" || !laptop.Shadow {
		t.Errorf("at 1366 px the roster scrolls: %v; the hint %q, the region described by %q, the shadow at its edge: %v; want all",
			laptop.Scrolls, laptop.Hint, laptop.DescribedBy, laptop.Shadow)
	}
	if laptop.Role != "region" || laptop.Label == "" || laptop.TabIndex != 0 {
		t.Errorf("the roster's scrolling region has role %q, name %q, tabindex %d; want a named region the keyboard can reach", laptop.Role, laptop.Label, laptop.TabIndex)
	}
	if laptop.Scrolled < 100 || math.Abs(laptop.After[0]-laptop.Before[0]) > 0.5 || laptop.After[1] > laptop.Before[1]-laptop.Scrolled+0.5 {
		t.Errorf("scrolled %.0f px, the student column moved from %.0f to %.0f and the next from %.0f to %.0f; want the first to stay and the next to move",
			laptop.Scrolled, laptop.Before[0], laptop.After[0], laptop.Before[1], laptop.After[1])
	}
	// The keyboard scrolls it too.
	eval[bool](teacher, `(document.querySelector("[data-testid=roster-scroll]").focus(), true)`)
	teacher.press(kb.ArrowRight)
	teacher.waitFor("the roster to scroll", `document.querySelector("[data-testid=roster-scroll]").scrollLeft > 0`)
}
