//go:build e2e

package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// fitWidths are the screens every page a flow visits is checked at (by
// check, through fitAll): two phones, a tablet, a laptop and a desktop.
var fitWidths = []struct{ w, h int64 }{{360, 800}, {390, 844}, {768, 1024}, {1366, 768}, {1920, 1080}}

// fitJS measures how the page fits the window. past names the outermost
// elements that reach past its right edge (not those a scrolling region
// clips). small lists the tap targets under 24 by 24 CSS px that WCAG 2.2's
// 2.5.8 (target size, minimum) does not excuse: a target is a visible link,
// button, form field or summary, or the label wrapping a checkbox or radio;
// excused are a target in a sentence (an inline box whose block holds words
// that are no target's), and a small target whose 24 px circle, centred on
// it, touches no other target and no other small target's circle.
const fitJS = `(() => {
	const min = 24, eps = 0.01, w = document.documentElement.clientWidth;
	const desc = e => {
		const text = (e.innerText || e.value || e.getAttribute("aria-label") || e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 30);
		const cls = typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().replace(/\s+/g, ".") : "";
		return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + cls +
			(e.getAttribute("href") ? "[href=" + e.getAttribute("href") + "]" : "") +
			(e.tagName === "INPUT" ? "[type=" + e.type + "]" : "") + (text ? " " + JSON.stringify(text) : "");
	};
	const clipped = e => {
		for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
			if (getComputedStyle(a).overflowX !== "visible") return true;
		}
		return false;
	};
	const past = [];
	for (const e of document.body.querySelectorAll("*")) {
		const right = e.getBoundingClientRect().right;
		if (right <= w + 0.5 || clipped(e)) continue;
		const p = e.parentElement;
		if (p !== document.body && p.getBoundingClientRect().right > w + 0.5) continue;
		past.push(desc(e) + " reaches " + Math.round(right) + " px");
	}

	const shown = (e, r) => {
		if (r.width < 1 || r.height < 1 || !e.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
		if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return false; // parked off screen, as the skip link
		for (let a = e; a; a = a.parentElement) {
			const cs = getComputedStyle(a);
			if (cs.clip !== "auto" || cs.clipPath !== "none") return false; // visually hidden
		}
		return true;
	};
	const control = "a[href], button, input:not([type=hidden]), select, textarea, summary";
	const inline = e => getComputedStyle(e).display === "inline";
	const blockOf = e => { let b = e.parentElement; while (b && /^(inline|contents)$/.test(getComputedStyle(b).display)) b = b.parentElement; return b; };
	const inSentence = e => {
		if (!inline(e)) return false;
		const block = blockOf(e);
		const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
		for (let t = walk.nextNode(); t; t = walk.nextNode()) {
			const p = t.parentElement;
			if (p.closest(control) || !/[\p{L}\p{N}]/u.test(t.nodeValue) || blockOf(t) !== block) continue;
			if (p.checkVisibility() && shown(p, p.getBoundingClientRect())) return true;
		}
		return false;
	};
	const targets = [];
	for (const e of document.querySelectorAll(control)) {
		if (e.disabled) continue;
		const box = e.matches("input[type=checkbox], input[type=radio]") && e.closest("label") || e;
		const r = box.getBoundingClientRect();
		if (!shown(e, e.getBoundingClientRect()) && !(box !== e && shown(box, r))) continue;
		if (targets.some(t => t.box === box)) continue;
		const small = r.width < min - eps || r.height < min - eps;
		targets.push({box, r, small, exempt: small && inSentence(box), x: r.left + r.width / 2, y: r.top + r.height / 2});
	}
	const reach = (t, r) => Math.hypot(Math.max(r.left - t.x, 0, t.x - r.right), Math.max(r.top - t.y, 0, t.y - r.bottom));
	const small = [];
	for (const t of targets) {
		if (!t.small || t.exempt) continue;
		const near = targets.find(o => o !== t && !t.box.contains(o.box) && !o.box.contains(t.box) &&
			(reach(t, o.r) < min / 2 - eps || (o.small && !o.exempt && Math.hypot(t.x - o.x, t.y - o.y) < min - eps)));
		if (near) {
			small.push(desc(t.box) + " is " + Math.round(t.r.width * 10) / 10 + "×" + Math.round(t.r.height * 10) / 10 + " px, centre to centre " +
				Math.round(Math.hypot(t.x - near.x, t.y - near.y)) + " px from " + desc(near.box));
		}
	}
	return {scroll: document.documentElement.scrollWidth, client: w, past: past.slice(0, 5), small};
})()`

// fit is what fitJS measures.
type fit struct {
	Scroll int      `json:"scroll"`
	Client int      `json:"client"`
	Past   []string `json:"past"`
	Small  []string `json:"small"`
}

// problems counts what is wrong with the fit (the page wider than the
// window, each tap target too small) and describes it, naming at most
// three of the small targets.
func (f fit) problems() (int, []string) {
	n, out := 0, []string(nil)
	if f.Scroll > f.Client {
		n++
		out = append(out, fmt.Sprintf("the page is %d px wide in a %d px window: %s", f.Scroll, f.Client, strings.Join(f.Past, "; ")))
	}
	if len(f.Small) > 0 {
		n += len(f.Small)
		more := ""
		if len(f.Small) > 3 {
			more = fmt.Sprintf(" (and %d more)", len(f.Small)-3)
		}
		out = append(out, fmt.Sprintf("%d tap targets under 24×24 px: %s%s", len(f.Small), strings.Join(f.Small[:min(3, len(f.Small))], "; "), more))
	}
	return n, out
}

// fitAll checks the page at every width in fitWidths and fails the test on
// a horizontal overflow or a tap target too small, naming the page, the
// width, the element and its size. Then it gives the tab back its own
// window size (a flow that narrowed its tab stays narrow). It returns the
// number of problems, for the suite's report.
func (tb *tab) fitAll(name string) int {
	tb.t.Helper()
	start := time.Now()
	defer func() {
		tb.s.mu.Lock()
		tb.s.fitTime += time.Since(start)
		tb.s.mu.Unlock()
	}()
	own := eval[[]int64](tb, `[innerWidth, innerHeight]`)
	defer tb.do("restore the window", chromedp.EmulateViewport(own[0], own[1]))
	count, problems := 0, []string(nil)
	for _, v := range fitWidths {
		tb.do(fmt.Sprintf("make the window %d px wide", v.w), chromedp.EmulateViewport(v.w, v.h))
		n, ps := eval[fit](tb, fitJS).problems()
		count += n
		for _, p := range ps {
			problems = append(problems, fmt.Sprintf("at %d px, %s", v.w, p))
		}
	}
	if count > 0 {
		tb.t.Errorf("%s: %q (%s) does not fit every screen:\n  %s", tb.name, name, tb.path(), strings.Join(problems, "\n  "))
	}
	return count
}

// fits fails the test if the page, at the tab's own width, is wider than
// the window or has a tap target too small.
func (tb *tab) fits() {
	tb.t.Helper()
	if _, ps := eval[fit](tb, fitJS).problems(); len(ps) > 0 {
		tb.t.Errorf("%s at %s: %s", tb.name, tb.location(), strings.Join(ps, "\n  "))
	}
}

// Long names that must break rather than widen a page: a username as long
// as may be, and a class and a set each named with one long word.
const (
	longUsername  = "muhammad.abdullah.siddiqui.2009x"
	longClassName = "PakistanSovietRelationsAdvancedPlacementSectionB2027"
	longSetTitle  = "Tashkent1966DeclarationAndTheSovietMediationRevisionSet"
)

// fit opens the pages the other flows do not, so that check measures every
// top-level page at every width as a visitor, a student and a teacher. The
// student uses a phone with JavaScript off, opens the menu (a <details>)
// from the keyboard and logs out from it; the teacher makes a class and a
// set with long names and opens each of their pages.
func (s *suite) fit(t *testing.T) {
	visitor := s.newTab(t, "visitor", tabOptions{})
	for _, p := range []struct{ path, name, nav string }{
		{"/practice", "practice setup", "/practice"},
		{"/mock", "mock exam setup", "/mock"},
		{"/data", "your data", ""},
		{"/login", "log in", "/login"},
		{"/signup", "sign up", "/signup"},
	} {
		visitor.open(p.path, p.name)
		visitor.currentNav(p.nav)
	}

	student := s.newTab(t, "student", tabOptions{noJS: true})
	student.narrow()
	student.open("/signup", "sign up")
	student.typeInto("#username", longUsername)
	student.typeInto("#password", "a long student password")
	student.typeInto("#password2", "a long student password")
	student.activate("sign up", `[data-testid=signup]`, "home (student)")
	for _, p := range []struct{ path, name, nav string }{
		{"/timeline", "timeline", "/timeline"},
		{"/timeline/tashkent-declaration", "an event", "/timeline"},
		{"/practice", "practice setup", "/practice"},
		{"/mock", "mock exam setup", "/mock"},
		{"/progress", "progress", "/progress"},
		{"/settings", "revision settings", "/review"},
		{"/account", "account", "/account"},
		{"/data", "your data", "/account"},
	} {
		student.open(p.path, p.name)
		student.currentNav(p.nav)
	}
	// On the phone the menu is closed: Tab reaches its button, Enter opens it.
	if n := student.count(`header nav [data-testid=menu][open]`); n != 0 {
		t.Fatal("the menu is open on a phone before anyone opened it")
	}
	student.tabTo(`header nav [data-testid=menu] > summary`)
	student.press("\r")
	student.waitFor("the menu to open", `document.querySelector("header nav [data-testid=menu]").open`)
	student.check("your data, the menu open")
	if got := student.text(`header nav a[href="/account"]`); got != longUsername {
		t.Errorf("the menu's account link says %q; want %q", got, longUsername)
	}
	student.activate("log out from the menu", `[data-testid=logout]`, "home (logged out)")
	if student.count(`[data-testid=logout]`) != 0 || student.count(`header nav a[href="/login"]`) != 1 {
		t.Errorf("after logging out from the menu the header still shows a logged-in learner: %s", student.text(`header nav`))
	}

	teacher := s.newTab(t, "teacher", tabOptions{})
	teacher.open("/login", "log in")
	teacher.typeInto("#username", teacherName)
	teacher.typeInto("#password", teacherPassword)
	teacher.activate("log in", `[data-testid=login]`, "home (teacher)")
	for _, p := range []struct{ path, name, nav string }{
		{"/timeline", "timeline", "/timeline"},
		{"/timeline/independence", "an event", "/timeline"},
		{"/practice", "practice setup", "/practice"},
		{"/progress", "progress", "/progress"},
		{"/review", "review", "/review"},
		{"/settings", "revision settings", "/review"},
		{"/mock", "mock exam setup", "/mock"},
		{"/account", "account", "/account"},
		{"/data", "your data", "/account"},
		{"/reports", "reported questions", "/teach"},
		{"/teach/import", "import into a new set", "/teach"},
		{"/teach/classes", "classes", "/teach"},
	} {
		teacher.open(p.path, p.name)
		teacher.currentNav(p.nav)
	}
	teacher.typeInto("#name", longClassName)
	teacher.activate("make a class", `[data-testid=create-class]`, "class")
	teacher.activate("open the dashboard", `[data-testid=dashboard-link]`, "dashboard")
	teacher.open("/teach/sets/new", "new set")
	teacher.typeInto("#title", longSetTitle)
	teacher.activate("save the set", `[data-testid=save]`, "set")
	set := teacher.path()
	for _, p := range []struct{ path, name string }{
		{"/edit", "rename the set"},
		{"/build", "build from the timeline"},
		{"/items/new", "add a question"},
		{"/import", "import into the set"},
		{"/export", "export the set"},
	} {
		teacher.open(set+p.path, p.name)
	}
	teacher.open("/teach/sets", "question sets")
	teacher.open("/teach/classes", "classes")

	// With JavaScript, Escape closes the open menu and gives its button the focus back.
	const menu = `header nav [data-testid=menu]`
	teacher.narrow()
	teacher.tabTo(menu + ` > summary`)
	teacher.press("\r")
	teacher.waitFor("the menu to open", `document.querySelector("`+menu+`").open`)
	teacher.tabTo(`header nav a[href="/teach"]`)
	teacher.press(kb.Escape)
	teacher.waitFor("Escape to close the menu", `!document.querySelector("`+menu+`").open`)
	if !eval[bool](teacher, `document.activeElement === document.querySelector("`+menu+` > summary")`) {
		t.Error("after Escape closed the menu, the focus is not on its button")
	}
}

// currentNav fails the test unless the main menu marks exactly the link to
// href as the current page (none when href is empty).
func (tb *tab) currentNav(href string) {
	tb.t.Helper()
	got := eval[[]string](tb, `[...document.querySelectorAll("header nav [aria-current=page]")].map(a => a.getAttribute("href"))`)
	if want := []string{href}; href == "" && len(got) != 0 || href != "" && strings.Join(got, " ") != strings.Join(want, " ") {
		tb.t.Errorf("%s at %s: the menu marks %q as the current page; want %q", tb.name, tb.location(), got, href)
	}
}
