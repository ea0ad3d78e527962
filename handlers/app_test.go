package handlers_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/handlers"
	"sabaq/questions"
	"sabaq/questions/mentions"
	"sabaq/questions/written"
)

// harness is the real app on a fresh temporary database, with a browser-like
// cookie jar per client.
type harness struct {
	t     *testing.T
	app   *fiber.App
	store *db.Store
	tl    *questions.Timeline
	bank  *questions.Bank
	// written is the bank of written questions the app serves.
	written *written.Bank
	path    string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	tl, err := questions.Load()
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, tl: tl, bank: questions.NewBank(tl), path: filepath.Join(t.TempDir(), "sabaq.db")}
	h.start()
	return h
}

// start opens the store and builds the app, as the server does at start-up.
func (h *harness) start() {
	h.t.Helper()
	store, err := db.Open(context.Background(), h.path)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { store.Close() })
	key, err := store.Secret(context.Background(), "csrf")
	if err != nil {
		h.t.Fatal(err)
	}
	h.store = store
	if err := handlers.LoadAuthored(context.Background(), store, h.bank, h.tl); err != nil {
		h.t.Fatal(err)
	}
	if err := handlers.LoadHidden(context.Background(), store, h.bank); err != nil {
		h.t.Fatal(err)
	}
	wb, err := written.Load(h.tl)
	if err != nil {
		h.t.Fatal(err)
	}
	h.written = wb
	h.app = handlers.New(handlers.Deps{Store: store, Timeline: h.tl, Bank: h.bank, CSRFKey: key,
		Written: wb, Mentions: mentions.New(h.tl),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

// restart closes the store and starts again on the same file.
func (h *harness) restart() {
	h.t.Helper()
	if err := h.app.Shutdown(); err != nil {
		h.t.Fatal(err)
	}
	h.store.Close()
	h.start()
}

// client is one browser: it keeps its cookies.
type client struct {
	h       *harness
	cookies map[string]string
}

func (h *harness) client() *client { return &client{h: h, cookies: map[string]string{}} }

type response struct {
	status   int
	location string
	body     string
	doc      *goquery.Document
	header   http.Header
}

func (c *client) do(method, path string, form url.Values) response {
	c.h.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	res, err := c.h.app.Test(req, -1)
	if err != nil {
		c.h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	for _, ck := range res.Cookies() {
		c.cookies[ck.Name] = ck.Value
	}
	b, _ := io.ReadAll(res.Body)
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(b)))
	return response{status: res.StatusCode, location: res.Header.Get("Location"), body: string(b), doc: doc, header: res.Header}
}

func (c *client) get(path string) response { return c.do(http.MethodGet, path, nil) }

// post sends a form with the CSRF token taken from the page at from.
func (c *client) post(from, path string, form url.Values) response {
	c.h.t.Helper()
	page := c.get(from)
	token, ok := page.doc.Find(`input[name="_csrf"]`).First().Attr("value")
	if !ok {
		c.h.t.Fatalf("no CSRF token on %s", from)
	}
	form.Set("_csrf", token)
	return c.do(http.MethodPost, path, form)
}

func (h *harness) attempts(t *testing.T) int {
	t.Helper()
	var n int
	for id := int64(1); id < 50; id++ {
		a, err := h.store.LearnerAttempts(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		n += len(a)
	}
	return n
}

func TestPages_RenderForANewVisitor(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	first, e := h.tl.Events[0], h.tl.Events[len(h.tl.Events)-1]
	for _, tc := range []struct {
		path, selector, want string
	}{
		{"/", `[data-testid="quick-start"]`, "Start practising"},
		{"/timeline", `[data-testid="timeline-svg"] title`, "Timeline of events"},
		{"/timeline/" + first.ID, `[data-testid="event-summary"]`, first.Summary},
		{"/timeline/" + e.ID, `h1`, e.Title},
		{"/practice", `[data-testid="start"]`, "Start"},
		{"/progress", `[data-testid="no-progress"]`, "No answers yet"},
		{"/healthz", ``, "ok"},
		{"/static/style.css", ``, ":root"},
	} {
		res := c.get(tc.path)
		if res.status != http.StatusOK {
			t.Errorf("GET %s = %d; want 200", tc.path, res.status)
			continue
		}
		got := res.body
		if tc.selector != "" {
			got = res.doc.Find(tc.selector).Text()
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("GET %s: %q does not contain %q", tc.path, got, tc.want)
		}
	}
	if c.cookies["sabaq_learner"] == "" {
		t.Error("no learner cookie after the first visit")
	}
}

func TestTimeline_ShowsEveryEraAndEvent(t *testing.T) {
	h := newHarness(t)
	res := h.client().get("/timeline")
	if n := res.doc.Find(`[data-testid="era"]`).Length(); n != len(questions.Eras) {
		t.Errorf("%d era sections; want %d", n, len(questions.Eras))
	}
	if n := res.doc.Find(`ol.events li`).Length(); n != len(h.tl.Events) {
		t.Errorf("%d events listed; want %d", n, len(h.tl.Events))
	}
	if n := res.doc.Find(`[data-testid="timeline-svg"] circle.mark`).Length(); n != len(h.tl.Events) {
		t.Errorf("%d marks drawn; want %d", n, len(h.tl.Events))
	}
}

func TestEvent_ShowsSourcesAndDisputes(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	for _, e := range h.tl.Events {
		res := c.get("/timeline/" + e.ID)
		if got := res.doc.Find(`ul.sources blockquote`).Length(); got != len(e.Sources) {
			t.Errorf("%s: %d quotes shown; want %d", e.ID, got, len(e.Sources))
		}
		if (len(e.Disputes) > 0) != (res.doc.Find(`[data-testid="disputes"]`).Length() == 1) {
			t.Errorf("%s: dispute section shown does not match %d disputes", e.ID, len(e.Disputes))
		}
	}
}

func TestBadInput_GetsAHelpfulErrorPage(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/no-such-page", 404},
		{"/timeline/no-such-event", 404},
		{"/timeline?theme=nonsense", 400},
		{"/practice?event=no-such-event", 400},
		{"/practice/999/q/1", 404},
		{"/practice/abc", 404},
	} {
		res := c.get(tc.path)
		if res.status != tc.status {
			t.Errorf("GET %s = %d; want %d", tc.path, res.status, tc.status)
		}
		if res.doc.Find(`[data-testid="error-message"]`).Text() == "" {
			t.Errorf("GET %s: no error message on the page: %.200s", tc.path, res.body)
		}
	}
}

func TestStartPractice_InvalidFiltersAre400AndWriteNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	for name, form := range map[string]url.Values{
		"unknown era":      {"era": {"1066"}},
		"unknown theme":    {"theme": {"cricket"}},
		"unknown kind":     {"kind": {"essay"}},
		"unknown event":    {"event": {"moon-landing"}},
		"length not int":   {"length": {"ten"}},
		"length too large": {"length": {"5000"}},
		"length zero":      {"length": {"0"}},
	} {
		res := c.post("/practice", "/practice", form)
		if res.status != http.StatusBadRequest {
			t.Errorf("%s: status %d; want 400", name, res.status)
		}
		if msg := res.doc.Find(`[data-testid="error-message"]`).Text(); msg == "" {
			t.Errorf("%s: no message shown", name)
		}
	}
	if sessions, _ := h.store.RecentSessions(context.Background(), 1, 10); len(sessions) != 0 {
		t.Errorf("%d sessions written; want none", len(sessions))
	}
}

func TestForms_WithoutCSRFTokenAre403AndWriteNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	c.get("/")
	for _, token := range []string{"", "forged"} {
		res := c.do(http.MethodPost, "/practice", url.Values{"length": {"5"}, "_csrf": {token}})
		if res.status != http.StatusForbidden {
			t.Errorf("token %q: status %d; want 403", token, res.status)
		}
	}
	// A token from one learner is no good for another.
	other := h.client()
	page := other.get("/practice")
	token, _ := page.doc.Find(`input[name="_csrf"]`).Attr("value")
	if res := c.do(http.MethodPost, "/practice", url.Values{"length": {"5"}, "_csrf": {token}}); res.status != http.StatusForbidden {
		t.Errorf("another learner's token: status %d; want 403", res.status)
	}
	if sessions, _ := h.store.RecentSessions(context.Background(), 1, 10); len(sessions) != 0 {
		t.Errorf("%d sessions written; want none", len(sessions))
	}
}

func TestBody_Over64KiBIsRefused(t *testing.T) {
	h := newHarness(t)
	// fasthttp refuses the body while reading it, before any handler, and
	// app.Test reports that as an error: so this test uses a real listener.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go h.app.Listener(ln)
	defer h.app.Shutdown()
	req, _ := http.NewRequest(http.MethodPost, "http://"+ln.Addr().String()+"/practice",
		strings.NewReader("length=5&pad="+strings.Repeat("x", 70*1024)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	// Only the head is sent: a client still writing the body may see its
	// write reset by the server's close before it reads the 413.
	res, err := headOnly(ln.Addr().String(), req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	doc, _ := goquery.NewDocumentFromReader(res.Body)
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d; want 413", res.StatusCode)
	}
	if msg := doc.Find(`[data-testid="error-message"]`).Text(); !strings.Contains(msg, "64 KiB") {
		t.Errorf("message %q; want one that names the 64 KiB limit", msg)
	}
}

func TestSecurityHeaders_OnEveryPage(t *testing.T) {
	h := newHarness(t)
	res := h.client().get("/")
	for k, want := range map[string]string{
		"Content-Security-Policy": "frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
	} {
		if !strings.Contains(res.header.Get(k), want) {
			t.Errorf("%s = %q; want it to contain %q", k, res.header.Get(k), want)
		}
	}
}
