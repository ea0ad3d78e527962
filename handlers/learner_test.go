package handlers_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"sabaq/questions"
)

// dbState is what a write to the database would change: the number of
// learners, every table's content, the database's size in pages (WAL
// included), the WAL file's size, and SQLite's data_version as seen from a
// connection of the test's own (it changes when any other connection
// commits). The main file's size is not compared: a checkpoint copies
// pages already in the WAL into it without any new write.
type dbState struct {
	learners    int
	digests     map[string]string
	pages, wal  int64
	dataVersion int64
}

// watcher holds one read-only connection to the harness's database file.
type watcher struct {
	db   *sql.DB
	conn *sql.Conn
}

func watch(t *testing.T, h *harness) *watcher {
	t.Helper()
	d, err := sql.Open("sqlite3", "file:"+h.path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	conn, err := d.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &watcher{db: d, conn: conn}
}

func (w *watcher) state(t *testing.T, h *harness) dbState {
	t.Helper()
	ctx := context.Background()
	s := dbState{digests: h.digests(t)}
	if err := w.conn.QueryRowContext(ctx, `SELECT count(*) FROM learners`).Scan(&s.learners); err != nil {
		t.Fatal(err)
	}
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&s.dataVersion); err != nil {
		t.Fatal(err)
	}
	if err := w.conn.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&s.pages); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(h.path + "-wal"); err == nil {
		s.wal = fi.Size()
	} else if !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return s
}

func (s dbState) same(t *testing.T, after dbState, what string) {
	t.Helper()
	if after.learners != s.learners {
		t.Errorf("%s: %d learners; want %d", what, after.learners, s.learners)
	}
	if changed := changedTables(s.digests, after.digests); len(changed) > 0 {
		t.Errorf("%s changed %v", what, changed)
	}
	if after.pages != s.pages || after.wal != s.wal {
		t.Errorf("%s: database %d pages, WAL %d bytes; want %d and %d", what, after.pages, after.wal, s.pages, s.wal)
	}
	if after.dataVersion != s.dataVersion {
		t.Errorf("%s: another connection committed (data_version %d, was %d)", what, after.dataVersion, s.dataVersion)
	}
}

// publicPages are the pages anyone may read.
func publicPages(h *harness) []string {
	pages := []string{"/", "/timeline", "/practice", "/review", "/mock", "/login", "/signup", "/progress", "/settings"}
	for _, th := range questions.Themes {
		pages = append(pages, "/timeline?theme="+url.QueryEscape(th.ID))
	}
	for _, e := range h.tl.Events {
		pages = append(pages, "/timeline/"+url.PathEscape(e.ID))
	}
	return pages
}

func TestVisitors_ReadingWritesNothing(t *testing.T) {
	h := newHarness(t)
	w := watch(t, h)
	h.client().get("/") // warm up: whatever start-up leaves to the first request
	before := w.state(t, h)
	pages := publicPages(h)
	const visits = 1000
	for i := range visits {
		p := pages[i%len(pages)]
		c := h.client()
		res := c.get(p)
		if res.status != http.StatusOK {
			t.Fatalf("GET %s as a new visitor = %d; want 200\n%.300s", p, res.status, res.body)
		}
		// A page with a form gives the visitor the cookie its token is
		// bound to; the kept timeline has no form and sets none.
		hasForm := res.doc.Find(`input[name="_csrf"]`).Length() > 0
		if hasForm && c.cookies["sabaq_learner"] == "" {
			t.Fatalf("GET %s: a form but no anonymous cookie", p)
		}
		if strings.HasPrefix(p, "/timeline?") || p == "/timeline" {
			if c.cookies["sabaq_learner"] != "" {
				t.Errorf("GET %s: the kept timeline set a cookie", p)
			}
		}
		if i < len(pages) && p != "/login" && p != "/signup" && strings.Contains(res.body, `data-testid="heatmap-text"`) &&
			strings.Contains(res.doc.Find(`[data-testid="heatmap-text"]`).Text(), "1 review") {
			t.Errorf("GET %s: a new visitor has progress", p)
		}
	}
	before.same(t, w.state(t, h), "1,000 cookieless GETs")
	// A visitor who comes back with their cookie reads without writing too.
	c := h.client()
	c.get("/")
	for _, p := range pages {
		if res := c.get(p); res.status != http.StatusOK {
			t.Fatalf("GET %s again = %d", p, res.status)
		}
	}
	before.same(t, w.state(t, h), "a returning visitor's GETs")
}

func TestVisitors_FirstPostUsesTheFirstPagesTokenAndMakesOneLearner(t *testing.T) {
	h := newHarness(t)
	w := watch(t, h)
	before := w.state(t, h)
	c := h.client()
	first := c.get("/practice")
	token := first.doc.Find(`input[name="_csrf"]`).First().AttrOr("value", "")
	cookie := c.cookies["sabaq_learner"]
	if token == "" || cookie == "" {
		t.Fatalf("first page: token %q, cookie %q", token, cookie)
	}
	// Another page, read in between, carries the same token.
	if got := c.get("/").doc.Find(`input[name="_csrf"]`).First().AttrOr("value", ""); got != token {
		t.Errorf("the second page's token %q differs from the first's %q", got, token)
	}
	// Without the token, a POST is refused and stores nobody.
	if res := c.do(http.MethodPost, "/practice", url.Values{"length": {"2"}}); res.status != http.StatusForbidden {
		t.Errorf("POST without the token = %d; want 403", res.status)
	}
	if got := w.state(t, h).learners; got != before.learners {
		t.Errorf("a refused POST stored a learner: %d learners", got)
	}
	// A refused POST with the token leaves no learner behind either.
	if res := c.do(http.MethodPost, "/review/card/no-such-card/grade", url.Values{"_csrf": {token}, "rating": {"3"}}); res.status != http.StatusNotFound {
		t.Errorf("grading a card that does not exist = %d; want 404", res.status)
	}
	if got := w.state(t, h).learners; got != before.learners {
		t.Errorf("a refused POST with the token left a learner: %d learners", got)
	}
	res := c.do(http.MethodPost, "/practice", url.Values{"_csrf": {token}, "length": {"2"}})
	if res.status != http.StatusSeeOther || !strings.HasSuffix(res.location, "/q/1") {
		t.Fatalf("first POST with the first page's token: %d %q\n%.300s", res.status, res.location, res.body)
	}
	if got := w.state(t, h).learners; got != before.learners+1 {
		t.Fatalf("%d learners after the first POST; want %d", got, before.learners+1)
	}
	if c.cookies["sabaq_learner"] != cookie {
		t.Error("storing the learner changed its cookie")
	}

	// The learner's progress continues: answer both questions with the
	// same token, then the progress page counts them.
	path := res.location
	for range 2 {
		page := c.get(path)
		if got := page.doc.Find(`input[name="_csrf"]`).First().AttrOr("value", ""); got != token {
			t.Errorf("the token changed once the learner was stored: %q, was %q", got, token)
		}
		q := question(t, h, page)
		form := answerForm(page, q, q.Answer)
		form.Set("_csrf", token)
		if res := c.do(http.MethodPost, path, form); res.status != http.StatusSeeOther {
			t.Fatalf("answer: %d\n%.300s", res.status, res.body)
		}
		path = c.get(path).doc.Find(`[data-testid="next"]`).AttrOr("href", "")
	}
	if got := h.attempts(t); got != 2 {
		t.Errorf("%d attempts stored; want 2", got)
	}
	if got := w.state(t, h).learners; got != before.learners+1 {
		t.Errorf("%d learners after answering; want %d", got, before.learners+1)
	}
	if c.get("/progress").doc.Find(`[data-testid="no-progress"]`).Length() != 0 {
		t.Error("the progress page shows no answers after two")
	}
	// Another visitor sees none of it.
	if c2 := h.client(); c2.get("/progress").doc.Find(`[data-testid="no-progress"]`).Length() != 1 {
		t.Error("a new visitor's progress page is not empty")
	}
}

func TestVisitors_PostWithoutACookieStoresNobody(t *testing.T) {
	h := newHarness(t)
	w := watch(t, h)
	before := w.state(t, h)
	c := h.client()
	token := c.get("/").doc.Find(`input[name="_csrf"]`).First().AttrOr("value", "")
	// Another browser replays the token without the cookie it belongs to.
	other := h.client()
	for _, form := range []url.Values{{"length": {"2"}}, {"_csrf": {token}, "length": {"2"}}} {
		if res := other.do(http.MethodPost, "/practice", form); res.status != http.StatusForbidden {
			t.Errorf("cookieless POST %v = %d; want 403", form, res.status)
		}
	}
	// A made-up cookie gets nowhere either.
	other.cookies["sabaq_learner"] = strings.Repeat("A", 43)
	if res := other.do(http.MethodPost, "/practice", url.Values{"_csrf": {token}, "length": {"2"}}); res.status != http.StatusForbidden {
		t.Errorf("POST with another cookie = %d; want 403", res.status)
	}
	before.same(t, w.state(t, h), "refused POSTs")
}

func TestCSRF_TokenChangesAtLogInAndLogOut(t *testing.T) {
	h := newHarness(t)
	signup(t, h.client(), "hina", "a long password")
	c := h.client()
	tokenOf := func() string {
		t.Helper()
		tok := c.get("/practice").doc.Find(`input[name="_csrf"]`).First().AttrOr("value", "")
		if tok == "" {
			t.Fatal("no CSRF token on /practice")
		}
		return tok
	}
	start := func(tok string) int {
		t.Helper()
		return c.do(http.MethodPost, "/practice", url.Values{"_csrf": {tok}, "length": {"2"}}).status
	}
	anon := tokenOf()
	if res := c.do(http.MethodPost, "/login", url.Values{"_csrf": {anon}, "username": {"hina"}, "password": {"a long password"}}); res.status != http.StatusSeeOther {
		t.Fatalf("log-in: %d", res.status)
	}
	if got := start(anon); got != http.StatusForbidden {
		t.Errorf("the token from before log-in, after log-in: %d; want 403", got)
	}
	in := tokenOf()
	if in == anon {
		t.Fatal("the token did not change at log-in")
	}
	if got := start(in); got != http.StatusSeeOther {
		t.Errorf("the logged-in token: %d; want 303", got)
	}
	// Logging in again elsewhere makes another session with its own token.
	elsewhere := h.client()
	login(t, elsewhere, "hina", "a long password")
	if tok := elsewhere.get("/practice").doc.Find(`input[name="_csrf"]`).First().AttrOr("value", ""); tok == in {
		t.Error("two sessions of one account share a CSRF token")
	}

	if res := c.do(http.MethodPost, "/logout", url.Values{"_csrf": {in}}); res.status != http.StatusSeeOther {
		t.Fatalf("log-out: %d", res.status)
	}
	out := tokenOf()
	for name, tok := range map[string]string{"before log-in": anon, "while logged in": in} {
		if got := start(tok); got != http.StatusForbidden {
			t.Errorf("the token from %s, after log-out: %d; want 403", name, got)
		}
	}
	if out == anon || out == in {
		t.Fatal("the token did not change at log-out")
	}
	if got := start(out); got != http.StatusSeeOther {
		t.Errorf("the new anonymous token: %d; want 303", got)
	}
}
