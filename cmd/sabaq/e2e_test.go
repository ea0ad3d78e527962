//go:build e2e

// The browser tests: the real server (this test binary re-executed, see
// TestMain) on a temporary database, driven through headless Chromium from
// Debian's packages, with axe-core checking every page the flows visit.
// `make e2e` runs them; the flows are in e2e_*_test.go.

package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const (
	// stepTimeout bounds one browser step: a navigation, a wait, an axe run.
	stepTimeout = 30 * time.Second
	// maxTabs bounds the Tab presses that look for one element.
	maxTabs = 400

	teacherName     = "ms.khan"
	teacherPassword = "a long teacher password"
)

// TestE2E runs the flows of the issue in one browser, each in browser
// contexts of its own (fresh cookies), against one server: the newcomer's
// with the mouse and with the keyboard, revision by keyboard, the
// classroom (teacher and student) by keyboard, practice with JavaScript
// disabled, and a question reported on a phone-sized screen and hidden.
func TestE2E(t *testing.T) {
	chromium := os.Getenv("E2E_CHROMIUM")
	if chromium == "" {
		var err error
		if chromium, err = exec.LookPath("chromium"); err != nil {
			t.Fatal("chromium is not installed: apt-get install chromium (or set E2E_CHROMIUM)")
		}
	}
	axeJS, err := os.ReadFile(filepath.Join("testdata", "e2e", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is missing: run `npm ci --prefix cmd/sabaq/testdata/e2e` (%v)", err)
	}

	dbPath := filepath.Join(t.TempDir(), "sabaq.db")
	// The first teacher is made from the shell, as the README says.
	var out strings.Builder
	if err := run(context.Background(), []string{"user", "add", "--role", "teacher", "--password-stdin", "-db", dbPath, teacherName},
		func(string) string { return "" }, strings.NewReader(teacherPassword+"\n"), &out, &out); err != nil {
		t.Fatalf("sabaq user add: %v\n%s", err, out.String())
	}
	server, base := startServer(t, dbPath)
	t.Cleanup(func() {
		server.Process.Signal(syscall.SIGTERM)
		server.Wait()
	})

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		// The date fields take their segments in the order of the browser's
		// language (month, day, year in en-US), which typeDate relies on.
		chromedp.Flag("lang", "en-US"),
	)
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(browser); err != nil { // starts the browser, bound to no timeout
		t.Fatalf("starting %s: %v", chromium, err)
	}

	s := &suite{base: base, browser: browser, axeJS: string(axeJS), dbPath: dbPath}
	start := time.Now()
	t.Run("newcomer", s.newcomer(false))
	t.Run("newcomer-keyboard", s.newcomer(true))
	t.Run("keyboard", s.keyboard)
	t.Run("classroom", s.classroom)
	t.Run("feedback", s.feedback)
	t.Run("teacher", s.teacher)
	t.Run("no-javascript", s.noJavaScript)
	t.Run("mock-exam", s.mockExam)
	t.Run("fit", s.fit)
	t.Run("charts", s.charts)
	t.Run("pictures", s.pictures)
	t.Run("class-exam", s.classExam)
	t.Run("writing", s.writing)
	t.Run("written-marking", s.writtenMarking)
	t.Run("paper", s.paper)
	t.Run("reports", s.reports) // last: it hides a question, if only for a moment
	s.report(t)
	t.Logf("%d pages checked in %s, of which %s measuring the fit at %d widths", len(s.pages), time.Since(start).Round(time.Second), s.fitTime.Round(time.Second), len(fitWidths))
	if s.shotDir != "" {
		t.Logf("failure screenshots are in %s", s.shotDir)
	}
}

// suite is what the flows share: the server, the browser, axe-core, and the
// results of every page checked.
type suite struct {
	base    string
	browser context.Context
	axeJS   string
	dbPath  string // the server's database, for a flow that moves a deadline

	mu       sync.Mutex
	pages    []pageResult
	fitTime  time.Duration // spent in fitAll
	shotDir  string
	shotOnce sync.Once
}

// pageResult is axe-core's verdict on one page of a flow, and how the page
// fits the screen widths (fitWidths).
type pageResult struct {
	flow, tab, page, path string
	serious, other        int
	otherIDs              []string
	misfits               int // width × problem: an overflow, or a tap target too small
}

// violation is the part of an axe-core result the report needs.
type violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"`
}

func (s *suite) report(t *testing.T) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "flow\ttab\tpage\tpath\tserious/critical\tmisfits\tmoderate/minor")
	for _, p := range s.pages {
		other := fmt.Sprint(p.other)
		if p.other > 0 {
			other += " (" + strings.Join(p.otherIDs, ", ") + ")"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", p.flow, p.tab, p.page, p.path, p.serious, p.misfits, other)
	}
	w.Flush()
	t.Logf("axe-core, and the fit at %v px wide (overflow, tap targets), on every page visited:\n%s", fitWidths, b.String())
}

// screenshotDir is the folder this run writes its failure screenshots to,
// made on first use: $E2E_SCREENSHOTS, or e2e-screenshots/<time> at the top
// of the repository.
func (s *suite) screenshotDir(t *testing.T) string {
	s.shotOnce.Do(func() {
		dir := os.Getenv("E2E_SCREENSHOTS")
		if dir == "" {
			dir = filepath.Join("..", "..", "e2e-screenshots", time.Now().Format("20060102-150405"))
		}
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Logf("screenshots: %v", err)
		}
		s.shotDir = dir
	})
	return s.shotDir
}

// tabOptions set up a browser context before its first page.
type tabOptions struct {
	noJS bool // scripts off, as in a browser with JavaScript disabled
	dark bool // prefers-color-scheme: dark, to check the dark palette's contrast
}

// tab is one page in a browser context of its own, as one person would use it.
type tab struct {
	s          *suite
	t          *testing.T
	flow, name string
	ctx        context.Context
	opts       tabOptions
	step       string // what the flow is doing, for failure messages and screenshot names
	shots      int
}

// newTab opens a page in a new browser context. When the test fails, every
// tab it opened leaves a full-page screenshot.
func (s *suite) newTab(t *testing.T, name string, o tabOptions) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(s.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &tab{s: s, t: t, flow: t.Name()[strings.LastIndex(t.Name(), "/")+1:], name: name, ctx: ctx, opts: o, step: "start"}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("%s: opening a tab: %v", name, err)
	}
	// Headless pages are never the focused window: emulate focus so that
	// keyboard focus and :focus-visible behave as on a desktop.
	tb.call("emulate focus", func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	})
	tb.call("emulate the en-US locale", func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "en_US"})
		return err
	})
	if o.dark {
		tb.call("emulate dark mode", func(ctx context.Context) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
			return err
		})
	}
	if o.noJS {
		tb.setScripts(false)
	}
	t.Cleanup(func() {
		if t.Failed() {
			tb.screenshot("failed")
		}
	})
	return tb
}

// screenshot writes a full-page PNG of the tab, named by flow, tab and step.
func (tb *tab) screenshot(why string) {
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Logf("screenshot of %s: %v", tb.name, err)
		return
	}
	tb.shots++
	name := fmt.Sprintf("%s-%s-%02d-%s-%s.png", tb.flow, tb.name, tb.shots, slug(tb.step), why)
	path := filepath.Join(tb.s.screenshotDir(tb.t), name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		tb.t.Logf("screenshot: %v", err)
		return
	}
	tb.t.Logf("screenshot: %s", path)
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	s = strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(s) > 60 {
		s = s[:60]
	}
	return s
}

// call runs f with the step's timeout, failing the test on an error.
func (tb *tab) call(what string, f func(ctx context.Context) error) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if err := f(ctx); err != nil {
		tb.t.Fatalf("%s: %s (step %q, at %s): %v", tb.name, what, tb.step, tb.location(), err)
	}
}

// do runs browser actions as one step.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	tb.call(what, func(ctx context.Context) error { return chromedp.Do(ctx, actions...) })
}

// location is the tab's current address, for messages.
func (tb *tab) location() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
	defer cancel()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "?"
	}
	return strings.TrimPrefix(u, tb.s.base)
}

func (tb *tab) setScripts(on bool) {
	tb.t.Helper()
	tb.call("switch scripts", func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	})
}

// eval evaluates a JavaScript expression in the page (through DevTools, so
// the page's CSP does not apply) and decodes its value.
func eval[T any](tb *tab, expr string, opts ...chromedp.EvaluateOption) T {
	tb.t.Helper()
	var v T
	tb.call("evaluate "+clip(expr, 80), func(ctx context.Context) error {
		var err error
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
		return err
	})
	return v
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// js quotes a Go string as a JavaScript string literal.
func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// text is the rendered text of the first element matching sel, or "".
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	return strings.TrimSpace(eval[string](tb, `(document.querySelector(`+js(sel)+`)?.innerText ?? "")`))
}

// count is the number of elements matching sel.
func (tb *tab) count(sel string) int {
	tb.t.Helper()
	return eval[int](tb, `document.querySelectorAll(`+js(sel)+`).length`)
}

func (tb *tab) path() string {
	tb.t.Helper()
	return eval[string](tb, `location.pathname + location.search`)
}

// waitFor polls a JavaScript condition until it holds. It evaluates through
// DevTools, so it works with the page's scripts off too.
func (tb *tab) waitFor(what, cond string) {
	tb.t.Helper()
	tb.call("wait for "+what, func(ctx context.Context) error {
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
			if err == nil && ok {
				return nil
			}
			select {
			case <-ctx.Done():
				if err != nil {
					return fmt.Errorf("%w (last error: %v)", ctx.Err(), err)
				}
				return fmt.Errorf("%s still false: %w", cond, ctx.Err())
			case <-time.After(25 * time.Millisecond):
			}
		}
	})
}

// open loads a page by its address and checks it.
func (tb *tab) open(path, name string) {
	tb.t.Helper()
	tb.step = name
	tb.call("open "+path, func(ctx context.Context) error {
		res, err := chromedp.Run(ctx, chromedp.NavigateResponse(tb.s.base+path))
		if err != nil {
			return err
		}
		if res.Status >= 400 {
			return fmt.Errorf("status %d", res.Status)
		}
		return nil
	})
	tb.check(name)
}

// follow runs an action that loads a new page (a click, a key, a submit),
// waits for that page's load event, and checks the page.
func (tb *tab) follow(what, name string, trigger chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	tb.step = what
	tb.call(what, func(ctx context.Context) error {
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, trigger))
		return err
	})
	if name != "" {
		tb.check(name)
	}
}

// click follows a link or a button with the mouse, opening the closed
// disclosure (the menu on a phone) it is in first.
func (tb *tab) click(what, sel, name string) {
	tb.t.Helper()
	if tb.markDisclosure(sel) {
		tb.do("open "+disclosureButton, chromedp.Click(chromedp.CSS(disclosureButton)))
	}
	tb.follow(what, name, chromedp.Click(chromedp.CSS(sel)))
}

// disclosureButton is the summary of the disclosure markDisclosure marked.
const disclosureButton = `details[data-e2e-opening] > summary`

// markDisclosure tells whether the element matching sel is hidden in a
// closed <details>, marking that one (and no other) for disclosureButton.
func (tb *tab) markDisclosure(sel string) bool {
	tb.t.Helper()
	return eval[bool](tb, `(() => {
		document.querySelectorAll("[data-e2e-opening]").forEach(d => d.removeAttribute("data-e2e-opening"));
		const e = document.querySelector(`+js(sel)+`), d = e?.closest("details:not([open])");
		if (!d || e.checkVisibility()) return false;
		d.setAttribute("data-e2e-opening", "");
		return true;
	})()`)
}

// goTo follows a link or a button with the keyboard (Tab to it, Enter) or
// with the mouse.
func (tb *tab) goTo(keys bool, what, sel, name string) {
	tb.t.Helper()
	if keys {
		tb.activate(what, sel, name)
	} else {
		tb.click(what, sel, name)
	}
}

// press sends keys to the focused element.
func (tb *tab) press(keys string, opts ...chromedp.KeyOption) {
	tb.t.Helper()
	tb.do(fmt.Sprintf("press %q", keys), chromedp.KeyEvent(keys, opts...))
}

// focusInfo describes document.activeElement after a Tab.
type focusInfo struct {
	None    bool   `json:"none"`
	Match   bool   `json:"match"`
	Visible bool   `json:"visible"`
	Desc    string `json:"desc"`
}

const focusJS = `((sel) => {
	const e = document.activeElement;
	if (!e || e === document.body || e === document.documentElement) return {none: true};
	const cs = getComputedStyle(e);
	const visible = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow && cs.boxShadow !== "none");
	const text = (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40);
	const desc = e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		(e.getAttribute("href") ? "[href=" + e.getAttribute("href") + "]" : "") +
		(e.getAttribute("name") ? "[name=" + e.getAttribute("name") + "]" : "") + (text ? " " + JSON.stringify(text) : "");
	return {match: e.matches(sel), visible, desc};
})`

// tabTo presses Tab until the element matching sel has the focus, checking
// at every stop on the way that the focus can be seen. An element in a
// closed disclosure (the menu on a phone) is reached as a keyboard user
// would: Tab to the disclosure's button, Enter, then on.
func (tb *tab) tabTo(sel string) {
	tb.t.Helper()
	if tb.markDisclosure(sel) {
		tb.tabFocus(disclosureButton)
		tb.press("\r")
		tb.waitFor("the disclosure to open", `document.querySelector(`+js(disclosureButton)+`).parentElement.open`)
	}
	tb.tabFocus(sel)
}

// tabFocus presses Tab until the element matching sel has the focus, as
// tabTo does, on the page as it is.
func (tb *tab) tabFocus(sel string) {
	tb.t.Helper()
	seen := map[string]bool{}
	for i := range maxTabs + 1 {
		if i > 0 {
			tb.press("\t")
		}
		f := eval[focusInfo](tb, focusJS+`(`+js(sel)+`)`)
		if f.None {
			continue
		}
		if i > 0 && !f.Visible && !seen[f.Desc] {
			tb.t.Errorf("%s at %s: the keyboard focus on %s cannot be seen (no outline or ring)", tb.name, tb.location(), f.Desc)
		}
		seen[f.Desc] = true
		if f.Match {
			return
		}
	}
	tb.t.Fatalf("%s at %s: %s is not reachable with Tab within %d presses", tb.name, tb.location(), sel, maxTabs)
}

// activate reaches an element with Tab and presses Enter on it, which loads
// a new page.
func (tb *tab) activate(what, sel, name string) {
	tb.t.Helper()
	tb.step = what
	tb.tabTo(sel)
	tb.follow(what, name, chromedp.KeyEvent("\r"))
}

// typeInto reaches a field with Tab and types into it, replacing what it held.
func (tb *tab) typeInto(sel, text string) {
	tb.t.Helper()
	tb.tabTo(sel)
	tb.press("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)) // select what the field holds
	tb.press(text)
	if got := eval[string](tb, `document.querySelector(`+js(sel)+`).value`); got != text {
		tb.t.Fatalf("%s: typed %q into %s, which holds %q", tb.name, text, sel, got)
	}
}

// axeRunJS runs axe-core on the whole page and keeps what the report needs.
const axeRunJS = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length,
	targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))})))`

// svgJS lists the SVG images on the page that have no text alternative: an
// SVG is either hidden from assistive technology, or an img with a name, or
// (when it holds links) a group with a name.
const svgJS = `[...document.querySelectorAll("svg")].filter(s => s.closest("[aria-hidden=true]") === null).map(s => {
	const ids = (s.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
	const name = (ids.map(id => document.getElementById(id)?.textContent || "").join(" ") || s.getAttribute("aria-label") || "").trim();
	return {role: s.getAttribute("role") || "", name, testid: s.dataset.testid || s.closest("[data-testid]")?.dataset.testid || ""};
}).filter(s => !["img", "group"].includes(s.role) || s.name === "")`

// check runs axe-core on the page and fails the test on any serious or
// critical violation; it also checks that every chart has a text
// alternative, and that the page fits every screen width (fitAll).
func (tb *tab) check(name string) {
	tb.t.Helper()
	tb.step = name
	if tb.opts.noJS {
		// axe is a script: let it run on the page as the server sent it
		// (the page's own scripts did not run at load), then switch back.
		tb.setScripts(true)
		defer tb.setScripts(false)
	}
	if eval[string](tb, `typeof axe`) != "object" {
		eval[chromedp.Void](tb, tb.s.axeJS)
	}
	if os.Getenv("E2E_SHOTS") != "" {
		tb.screenshot("page") // every page, to look at: E2E_SHOTS=1 make e2e
	}
	vs := eval[[]violation](tb, axeRunJS, chromedp.EvalAwaitPromise)
	res := pageResult{flow: tb.flow, tab: tb.name, page: name, path: tb.path(), misfits: tb.fitAll(name)}
	var serious []string
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			res.serious++
			serious = append(serious, fmt.Sprintf("  %s (%s, %d elements): %s; e.g. %s", v.ID, v.Impact, v.Nodes, v.Help, strings.Join(v.Targets, " | ")))
		} else {
			res.other++
			res.otherIDs = append(res.otherIDs, v.ID+"/"+v.Impact)
		}
	}
	tb.s.mu.Lock()
	tb.s.pages = append(tb.s.pages, res)
	tb.s.mu.Unlock()
	if len(serious) > 0 {
		tb.t.Errorf("%s: axe-core finds %d serious or critical violations on %q (%s):\n%s", tb.name, len(serious), name, res.path, strings.Join(serious, "\n"))
		tb.screenshot("axe")
	}
	type bareSVG struct{ Role, Name, Testid string }
	for _, s := range eval[[]bareSVG](tb, svgJS) {
		tb.t.Errorf("%s: on %q an SVG (data-testid %q, role %q) has no text alternative", tb.name, name, s.Testid, s.Role)
	}
	if n := tb.count(`[data-testid=error]`); n > 0 && !strings.Contains(name, "error") {
		tb.t.Errorf("%s: %q shows an error: %s", tb.name, name, tb.text(`[data-testid=error]`))
	}
}

// scriptsRan tells whether app.js ran on the page: it listens for keys on
// the document.
func (tb *tab) scriptsRan() bool {
	tb.t.Helper()
	return eval[bool](tb, `getEventListeners(document).keydown !== undefined`, chromedp.EvalWithCommandLineAPI)
}

// count runs a counting query on the server's database, read-only.
func (s *suite) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+s.dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
