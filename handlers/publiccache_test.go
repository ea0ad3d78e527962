package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sabaq/questions"
)

// freshAsVisitor renders path the ordinary way for someone not logged in:
// a session cookie that names no session sends the request past the kept
// pages, and identify then finds no account.
func freshAsVisitor(t *testing.T, h *harness, path string, cookies ...string) string {
	t.Helper()
	res, b := fetch(t, h, path, "", "Cookie", strings.Join(append(cookies, "sabaq_session=nosuchsession"), "; "))
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") != "" {
		t.Fatalf("fresh %s: %d, ETag %q; want 200 rendered afresh", path, res.StatusCode, res.Header.Get("ETag"))
	}
	return string(b)
}

func TestPublicPages_AVisitorGetsTheFreshPageFromMemoryWithoutACookie(t *testing.T) {
	h := newHarness(t)
	theme := questions.Themes[0].ID
	for _, path := range []string{"/timeline", "/timeline?theme=" + theme} {
		for range 2 { // rendered, then kept
			res, b := fetch(t, h, path, "")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, res.StatusCode)
			}
			if len(res.Cookies()) > 0 || res.Header.Get("Set-Cookie") != "" {
				t.Errorf("%s: the kept page set a cookie: %q", path, res.Header.Get("Set-Cookie"))
			}
			if res.Header.Get("ETag") == "" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s: ETag %q, Vary %q", path, res.Header.Get("ETag"), res.Header.Get("Vary"))
			}
			checkSecurityHeaders(t, "kept "+path, res.Header)
			if fresh := freshAsVisitor(t, h, path); string(b) != fresh {
				t.Fatalf("%s: the kept page differs from the page rendered afresh", path)
			}
		}
	}
	// An event page carries the learner's token in its practise form.
	c := h.client()
	c.get("/")
	e := h.tl.Events[3]
	path := "/timeline/" + e.ID
	kept := c.get(path)
	if kept.status != http.StatusOK || kept.header.Get("ETag") == "" {
		t.Fatalf("%s: %d, ETag %q", path, kept.status, kept.header.Get("ETag"))
	}
	checkSecurityHeaders(t, "kept "+path, kept.header)
	if fresh := freshAsVisitor(t, h, path, "sabaq_learner="+c.cookies["sabaq_learner"]); kept.body != fresh {
		t.Fatalf("%s: the kept page differs from the page rendered afresh", path)
	}
	// And the form works: it starts a practice session of the event.
	if res := c.post(path, "/practice", url.Values{"event": {e.ID}, "length": {"3"}}); res.status != http.StatusSeeOther {
		t.Fatalf("practise this event from the kept page: %d", res.status)
	}
	// Another learner's copy has its own token.
	other := h.client()
	other.get("/")
	if theirs := other.get(path); theirs.body == kept.body || theirs.header.Get("ETag") == kept.header.Get("ETag") {
		t.Error("two learners got the same token in the kept event page")
	}
}

func TestPublicPages_ETagAnswers304AndEveryEncodingDecodesToThePage(t *testing.T) {
	h := newHarness(t)
	for _, path := range []string{"/timeline", "/timeline?theme=" + questions.Themes[1].ID} {
		res, plain := fetch(t, h, path, "")
		etag := res.Header.Get("ETag")
		for accept, want := range map[string]string{"gzip": "gzip", "br": "br", "gzip, deflate, br, zstd": "br", "identity": ""} {
			res, b := fetch(t, h, path, accept)
			if got := res.Header.Get("Content-Encoding"); got != want {
				t.Fatalf("%s with %q: Content-Encoding %q; want %q", path, accept, got, want)
			}
			if decode(t, want, b) != string(plain) {
				t.Fatalf("%s with %q: the body decodes to another page", path, accept)
			}
			if res.Header.Get("ETag") != etag || res.Header.Values("Vary") == nil || len(res.Header.Values("Vary")) != 1 {
				t.Errorf("%s with %q: ETag %q (want %q), Vary %q", path, accept, res.Header.Get("ETag"), etag, res.Header.Values("Vary"))
			}
		}
		res, b := fetch(t, h, path, "gzip, br", "If-None-Match", etag)
		if res.StatusCode != http.StatusNotModified || len(b) != 0 || res.Header.Get("ETag") != etag {
			t.Fatalf("%s revalidated: %d with %d bytes, ETag %q; want 304, none, %q", path, res.StatusCode, len(b), res.Header.Get("ETag"), etag)
		}
		checkSecurityHeaders(t, "304 of "+path, res.Header)
		if res, _ := fetch(t, h, path, "gzip", "If-None-Match", `W/"stale"`); res.StatusCode != http.StatusOK {
			t.Fatalf("%s with a stale ETag: %d; want 200", path, res.StatusCode)
		}
	}
	// The event page: compressed per request, since it carries a token.
	c := h.client()
	c.get("/")
	path := "/timeline/" + h.tl.Events[0].ID
	plain := c.get(path)
	res, b := fetch(t, h, path, "gzip", "Cookie", "sabaq_learner="+c.cookies["sabaq_learner"])
	if res.Header.Get("Content-Encoding") != "gzip" || decode(t, "gzip", b) != plain.body {
		t.Fatalf("%s gzipped: Content-Encoding %q, or another page", path, res.Header.Get("Content-Encoding"))
	}
	res, _ = fetch(t, h, path, "gzip", "Cookie", "sabaq_learner="+c.cookies["sabaq_learner"], "If-None-Match", plain.header.Get("ETag"))
	if res.StatusCode != http.StatusNotModified {
		t.Fatalf("%s revalidated: %d; want 304", path, res.StatusCode)
	}
}

var practiseCount = regexp.MustCompile(`Practise this event \(([0-9]+) questions\)`)

func TestPublicPages_HidingAQuestionChangesTheKeptPages(t *testing.T) {
	h := newHarness(t)
	// An event with fewer questions than a session has: its page counts them.
	var e questions.Event
	var qs []questions.Question
	for _, ev := range h.tl.Events {
		if qs = h.bank.Select(questions.Filter{EventIDs: []string{ev.ID}}); len(qs) > 1 && len(qs) < questions.DefaultLength {
			e = ev
			break
		}
	}
	if e.ID == "" {
		t.Skip("every event has a full session of questions")
	}
	path := "/timeline/" + e.ID
	count := func() (int, string) {
		res, b := fetch(t, h, path, "gzip")
		m := practiseCount.FindStringSubmatch(decode(t, "gzip", b))
		if m == nil {
			t.Fatalf("%s shows no question count", path)
		}
		n, _ := strconv.Atoi(m[1])
		return n, res.Header.Get("ETag")
	}
	before, etag := count()
	if before != len(qs) {
		t.Fatalf("%s counts %d questions; want %d", path, before, len(qs))
	}
	timeline, _ := fetch(t, h, "/timeline", "br")

	admin := h.adminTeacher(t, "admin")
	if res := admin.post("/reports", queuePath(qs[0].ID)+"/hide", url.Values{"note": {"Wrong year"}}); res.status != http.StatusSeeOther {
		t.Fatalf("hide: %d", res.status)
	}
	after, etag2 := count()
	if after != before-1 || etag2 == etag {
		t.Fatalf("after hiding a question %s counts %d (ETag %s); want %d (and a new ETag)", path, after, etag2, before-1)
	}
	if res, _ := fetch(t, h, path, "", "If-None-Match", etag); res.StatusCode != http.StatusOK {
		t.Fatalf("the page from before the change revalidated: %d; want 200", res.StatusCode)
	}
	// The timeline does not count questions: the same page, the same tag.
	if res, _ := fetch(t, h, "/timeline", "br", "If-None-Match", timeline.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
		t.Fatalf("the timeline changed with a hidden question: %d", res.StatusCode)
	}
	if res := admin.post("/reports", queuePath(qs[0].ID)+"/unhide", url.Values{}); res.status != http.StatusSeeOther {
		t.Fatalf("unhide: %d", res.status)
	}
	if again, _ := count(); again != before {
		t.Fatalf("shown again, %s counts %d; want %d", path, again, before)
	}
}

func TestPublicPages_ALoggedInTeacherAndAVisitorEachGetTheirOwnNav(t *testing.T) {
	h := newHarness(t)
	visitorNav := func(when string) {
		t.Helper()
		for _, path := range []string{"/timeline", "/timeline/" + h.tl.Events[0].ID} {
			res := h.client().get(path)
			if res.doc.Find(`[data-testid="logout"]`).Length() != 0 || strings.Contains(res.body, "mrs-khan") ||
				!strings.Contains(res.body, `href="/login"`) {
				t.Fatalf("%s, %s: a visitor does not get the visitor's nav", when, path)
			}
		}
	}
	visitorNav("first")
	teacher := h.teacher(t, "mrs-khan")
	for _, path := range []string{"/timeline", "/timeline?theme=" + questions.Themes[0].ID, "/timeline/" + h.tl.Events[0].ID} {
		res := teacher.get(path)
		if res.status != http.StatusOK || res.doc.Find(`[data-testid="logout"]`).Length() != 1 ||
			!strings.Contains(res.body, "mrs-khan") || !strings.Contains(res.body, `href="/teach"`) {
			t.Fatalf("%s: the teacher got a visitor's page (%d)", path, res.status)
		}
		if res.header.Get("ETag") != "" {
			t.Errorf("%s: the teacher's page has an ETag", path)
		}
	}
	visitorNav("after the teacher")
}
