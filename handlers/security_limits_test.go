package handlers_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sabaq/handlers"
	"sabaq/questions"
	"sabaq/questions/sets"
)

// secureCookie reports whether the response set a cookie, and whether every
// cookie it set is Secure.
func secureCookies(res response) (set, secure bool) {
	cookies := (&http.Response{Header: res.header}).Cookies()
	secure = len(cookies) > 0
	for _, ck := range cookies {
		secure = secure && ck.Secure
	}
	return len(cookies) > 0, secure
}

func TestCookies_SecureOnlyOverHTTPSFromATrustedProxyOrWhenConfigured(t *testing.T) {
	h := newHarness(t)
	// app.Test's requests come from 0.0.0.0: trusting it stands for a proxy
	// on this host; trusting 10.9.9.9 for a proxy elsewhere.
	signup(t, h.client(), "zara", "a long password")
	for _, tc := range []struct {
		name       string
		deps       func(*handlers.Deps)
		headers    map[string]string
		wantSecure bool
		logIn      bool // check the session cookie too (bcrypt is slow)
	}{
		{"plain HTTP", func(*handlers.Deps) {}, nil, false, true},
		{"X-Forwarded-Proto from anyone, no proxy configured", func(*handlers.Deps) {}, map[string]string{"X-Forwarded-Proto": "https"}, false, true},
		{"X-Forwarded-Ssl from anyone", func(*handlers.Deps) {}, map[string]string{"X-Forwarded-Ssl": "on"}, false, false},
		{"X-Forwarded-Proto from an untrusted address", func(d *handlers.Deps) { d.TrustedProxies = []string{"10.9.9.9"} },
			map[string]string{"X-Forwarded-Proto": "https"}, false, false},
		{"plain HTTP through the trusted proxy", func(d *handlers.Deps) { d.TrustedProxies = []string{"0.0.0.0"} },
			map[string]string{"X-Forwarded-Proto": "http"}, false, false},
		{"HTTPS through the trusted proxy", func(d *handlers.Deps) { d.TrustedProxies = []string{"0.0.0.0"} },
			map[string]string{"X-Forwarded-Proto": "https"}, true, true},
		{"HTTPS through a trusted range", func(d *handlers.Deps) { d.TrustedProxies = []string{"10.0.0.0/8", "0.0.0.0/30"} },
			map[string]string{"X-Forwarded-Proto": "https"}, true, false},
		{"SecureCookies over plain HTTP", func(d *handlers.Deps) { d.SecureCookies = true }, nil, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hp := h.withDeps(t, tc.deps)
			c := hp.client()
			res, err := c.send(http.MethodGet, "/", nil, "", tc.headers)
			if err != nil {
				t.Fatal(err)
			}
			set, secure := secureCookies(res)
			if !set {
				t.Fatal("a first visit set no cookie")
			}
			if secure != tc.wantSecure {
				t.Errorf("cookies Secure = %v; want %v (%v)", secure, tc.wantSecure, res.header.Values("Set-Cookie"))
			}
			if hsts := res.header.Get("Strict-Transport-Security"); (hsts != "") != (tc.wantSecure && tc.name != "SecureCookies over plain HTTP") {
				t.Errorf("HSTS %q", hsts)
			}
			if !tc.logIn {
				return
			}
			// The session cookie of a log-in, too.
			c.cookies = map[string]string{}
			form := url.Values{"username": {"zara"}, "password": {"a long password"}}
			page, _ := c.send(http.MethodGet, "/login", nil, "", tc.headers)
			form.Set("_csrf", page.doc.Find(`input[name="_csrf"]`).AttrOr("value", ""))
			res, err = c.send(http.MethodPost, "/login", strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", tc.headers)
			if err != nil || res.status != http.StatusSeeOther {
				t.Fatalf("log-in: %d %v", res.status, err)
			}
			if _, secure := secureCookies(res); secure != tc.wantSecure {
				t.Errorf("session cookie Secure = %v; want %v", secure, tc.wantSecure)
			}
		})
	}
}

func TestCookies_SecureBehindARealProxyOnLoopback(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		trust      []string
		wantSecure bool
	}{{nil, false}, {[]string{"127.0.0.1"}, true}, {[]string{"192.0.2.1"}, false}} {
		hp := h.withDeps(t, func(d *handlers.Deps) { d.TrustedProxies = tc.trust })
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go hp.app.Listener(ln)
		req, _ := http.NewRequest(http.MethodGet, "http://"+ln.Addr().String()+"/", nil)
		req.Header.Set("X-Forwarded-Proto", "https")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		hp.app.Shutdown()
		cookies := res.Cookies()
		if len(cookies) == 0 || cookies[0].Secure != tc.wantSecure {
			t.Errorf("trusting %v, X-Forwarded-Proto: https from 127.0.0.1: cookies %v; want Secure %v", tc.trust, res.Header.Values("Set-Cookie"), tc.wantSecure)
		}
		if (res.Header.Get("Strict-Transport-Security") != "") != tc.wantSecure {
			t.Errorf("trusting %v: HSTS %q", tc.trust, res.Header.Get("Strict-Transport-Security"))
		}
	}
}

func TestParseProxies(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "",
		"127.0.0.1":                  "127.0.0.1/32",
		" 127.0.0.1 , 10.0.0.0/8 ,":  "127.0.0.1/32 10.0.0.0/8",
		"::1":                        "::1/128",
		"10.1.2.3/8":                 "10.0.0.0/8",
		"::ffff:192.0.2.1":           "192.0.2.1/32",
		"fd00::/8,192.168.0.0/16":    "fd00::/8 192.168.0.0/16",
		"172.16.0.1, 172.16.0.2/32 ": "172.16.0.1/32 172.16.0.2/32",
	} {
		got, err := handlers.ParseProxies(in)
		if err != nil || strings.Join(got, " ") != want {
			t.Errorf("ParseProxies(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"localhost", "127.0.0.1/33", "10.0.0.0/8/8", "1.2.3", "*", "127.0.0.1;10.0.0.1"} {
		if got, err := handlers.ParseProxies(bad); err == nil {
			t.Errorf("ParseProxies(%q) = %v; want an error", bad, got)
		}
	}
}

// failLogin tries a wrong password, with the given headers.
func failLogin(t *testing.T, c *client, username string, headers map[string]string) int {
	t.Helper()
	page, err := c.send(http.MethodGet, "/login", nil, "", headers)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"username": {username}, "password": {"wrong password"},
		"_csrf": {page.doc.Find(`input[name="_csrf"]`).AttrOr("value", "")}}
	res, err := c.send(http.MethodPost, "/login", strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", headers)
	if err != nil {
		t.Fatal(err)
	}
	return res.status
}

func TestLogin_BehindATrustedProxyThrottlesTheClientNotTheProxy(t *testing.T) {
	h := newHarness(t)
	proxied := h.withDeps(t, func(d *handlers.Deps) { d.TrustedProxies = []string{"0.0.0.0"} })
	direct := h.withDeps(t, func(*handlers.Deps) {})
	c := proxied.client()
	for i := range questions.MaxLoginFailures {
		// The proxy appends the address it saw to whatever the client sent:
		// a client that makes up a new address in front each time is still
		// counted by the one the proxy saw.
		xff := fmt.Sprintf("198.51.100.%d, 203.0.113.7", i)
		if got := failLogin(t, c, "victim", map[string]string{"X-Forwarded-For": xff}); got != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, got)
		}
	}
	for name, tc := range map[string]struct {
		h    *harness
		xff  string
		want int
	}{
		"the throttled client, with yet another made-up address": {proxied, "198.51.100.99, 203.0.113.7", http.StatusTooManyRequests},
		"another client behind the same proxy":                   {proxied, "203.0.113.8", http.StatusUnauthorized},
		// Not trusted, the header is ignored: this counts for the
		// connection's address, which has no failures.
		"the throttled client's address, from an untrusted host": {direct, "203.0.113.7", http.StatusUnauthorized},
	} {
		if got := failLogin(t, tc.h.client(), "victim", map[string]string{"X-Forwarded-For": tc.xff}); got != tc.want {
			t.Errorf("%s: %d; want %d", name, got, tc.want)
		}
	}
}

// overLimit is one field over its limit, and where the message shows.
type overLimit struct {
	name, from, path string
	form             map[string]string
	who              string // teacher, student or visitor
}

func TestLimits_FieldsOverTheirMaximumAre4xxWithAMessageAndWriteNothing(t *testing.T) {
	t.Parallel()
	f := newSecFixture(t)
	h := f.h
	long := func(n int) string { return strings.Repeat("x", n) }
	item := func(field string, n int) map[string]string {
		form := map[string]string{"kind": "short-answer", "prompt": "Q?", "accepted": "A"}
		form[field] = long(n)
		return form
	}
	set := setPath(f.setID)
	// A practice question that takes a typed answer, and a cloze review card.
	tok := f.student.token()
	typedPath := f.student.postForm("/practice", with(tok, url.Values{"kind": {"cloze"}, "length": {"1"}})).location
	numberPath := f.student.postForm("/practice", with(tok, url.Values{"kind": {"year"}, "length": {"1"}})).location
	var cloze string
	for _, q := range h.bank.Questions {
		if q.Kind == questions.KindCloze {
			cloze = "/review/card/" + url.PathEscape(q.ID)
			break
		}
	}
	report := "/report/" + url.PathEscape(h.bank.Questions[0].ID)
	cases := []overLimit{
		{"signup username", "/signup", "/signup", map[string]string{"username": long(33), "password": "a long password", "password2": "a long password"}, "visitor"},
		{"signup password", "/signup", "/signup", map[string]string{"username": "newbie", "password": long(73), "password2": long(73)}, "visitor"},
		{"login username", "/login", "/login", map[string]string{"username": long(65), "password": "a long password"}, "visitor"},
		{"login password", "/login", "/login", map[string]string{"username": "amna", "password": long(73)}, "visitor"},
		{"new password", "/account", "/account/password", map[string]string{"current": "a long password", "password": long(73), "password2": long(73)}, "student"},
		{"set title", "/teach/sets/new", "/teach/sets/new", map[string]string{"title": long(201)}, "teacher"},
		{"set description", "/teach/sets/new", "/teach/sets/new", map[string]string{"title": "T", "description": long(1001)}, "teacher"},
		{"renamed title", set + "/edit", set + "/edit", map[string]string{"title": long(201)}, "teacher"},
		{"prompt", set, set + "/items/new", item("prompt", sets.MaxPromptLen+1), "teacher"},
		{"item title", set, set + "/items/new", item("title", sets.MaxTextLen+1), "teacher"},
		{"explanation", set, set + "/items/new", item("explanation", sets.MaxTextLen+1), "teacher"},
		{"category", set, set + "/items/new", item("category", sets.MaxTextLen+1), "teacher"},
		{"accepted answer", set, set + "/items/new", item("accepted", sets.MaxTextLen+1), "teacher"},
		{"edited prompt", set, set + "/items/" + idStr(f.itemID) + "/edit", item("prompt", sets.MaxPromptLen+1), "teacher"},
		{"class name", "/teach/classes", "/teach/classes", map[string]string{"name": long(101)}, "teacher"},
		{"import title", "/teach/import", "/teach/import", map[string]string{"format": "csv", "title": long(201), "text": "question,answer\nQ,A\n"}, "teacher"},
		{"import separator", "/teach/import", "/teach/import", map[string]string{"format": "text", "title": "T", "term_sep": "custom", "term_custom": long(21), "text": "a\tb\n"}, "teacher"},
		{"join code", "/", "/join", map[string]string{"code": long(1000)}, "student"},
		{"typed answer", typedPath, typedPath, map[string]string{"answer": long(201)}, "student"},
		{"typed number", numberPath, numberPath, map[string]string{"answer": strings.Repeat("1", 41)}, "student"},
		{"typed review answer", cloze + "?mode=quiz", cloze + "/answer", map[string]string{"answer": long(201), "version": "0"}, "student"},
		{"mock form key", "/mock", "/mock", map[string]string{"length": "5", "minutes": "10", "form_key": long(65)}, "student"},
		{"time zone", "/settings", "/settings", map[string]string{"retention": "0.9", "new_per_day": "20", "reviews_per_day": "200", "timezone": long(500), "mode": "quiz"}, "student"},
		{"report comment", report, report, map[string]string{"reason": "unclear", "comment": long(1001)}, "student"},
		{"anonymous report comment", report, report, map[string]string{"reason": "other", "comment": long(5000)}, "visitor"},
	}
	clients := map[string]*client{"teacher": f.teacher, "student": f.student, "visitor": f.visitor}
	// Showing a question records when it was shown: open every page first.
	pages := map[string]response{}
	for _, tc := range cases {
		pages[tc.name] = clients[tc.who].get(tc.from)
	}
	before := h.digests(t)
	failuresBefore := h.rows(t, `SELECT count(*) FROM login_failures`)
	for _, tc := range cases {
		c := clients[tc.who]
		page := pages[tc.name]
		form := url.Values{}
		// The question's id, as its form sends it.
		if qid, ok := page.doc.Find(`input[name="question_id"]`).Attr("value"); ok {
			form.Set("question_id", qid)
		}
		for k, v := range tc.form {
			form.Set(k, v)
		}
		form.Set("_csrf", c.token())
		res := c.postForm(tc.path, form)
		if res.status < 400 || res.status >= 500 {
			t.Errorf("%s over its limit: %d; want a 4xx", tc.name, res.status)
			continue
		}
		msg := res.doc.Find(`[data-testid="error-message"], [data-testid$="-error"], [data-testid="form-errors"]`).Text()
		if strings.TrimSpace(msg) == "" {
			t.Errorf("%s over its limit: %d with no message\n%.300s", tc.name, res.status, res.body)
		}
	}
	after := h.digests(t)
	changed := changedTables(before, after)
	// A failed log-in is recorded, as it must be for the throttle; nothing else.
	if n := h.rows(t, `SELECT count(*) FROM login_failures`); n > failuresBefore+1 {
		t.Errorf("%d log-in failures recorded", n-failuresBefore)
	}
	for _, table := range changed {
		if table != "login_failures" {
			t.Errorf("over-long fields changed the table %s", table)
		}
	}
	t.Logf("%d over-long fields refused", len(cases))
}

func TestLimits_BodiesOver64KiBAre413OnEveryRouteButImports(t *testing.T) {
	t.Parallel()
	f := newSecFixture(t)
	h := f.h
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go h.app.Listener(ln)
	defer h.app.Shutdown()
	routes := appRoutes(h.app, stateChanging...)
	before := h.digests(t)
	checked := 0
	for _, r := range routes {
		path := f.fill(t, r.Path)
		c := f.owner(path)
		// A written answer's routes take more (50,000 characters of Urdu):
		// past their own limit, they refuse as every other route does.
		pad := 70 * 1024
		switch {
		case strings.HasPrefix(r.Path, "/write/paper/") && strings.HasSuffix(r.Path, "/save"):
			pad = handlers.MaxPaperBody + 1024
		case strings.HasSuffix(r.Path, "/:qid/draft") || strings.HasSuffix(r.Path, "/:qid/submit"):
			pad = handlers.MaxWrittenBody + 1024
		}
		form := with(c.token(), url.Values{"title": {"Big"}, "pad": {strings.Repeat("x", pad)}})
		// Imports take up to 5 MB; the item form, a few pictures (MaxItemUpload).
		isImport := strings.HasSuffix(r.Path, "/import") || strings.HasSuffix(r.Path, "/items/new") || strings.HasSuffix(r.Path, "/items/:item/edit")
		req, _ := http.NewRequest(r.Method, "http://"+ln.Addr().String()+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range c.cookies {
			req.AddCookie(&http.Cookie{Name: k, Value: v})
		}
		var res *http.Response
		if isImport {
			res, err = http.DefaultClient.Do(req)
		} else {
			// The server answers from Content-Length, before the body, and
			// closes: a client still sending may then see its write reset
			// before it reads the answer. Send only the head, as a check
			// that nothing of the body is needed to refuse it.
			res, err = headOnly(ln.Addr().String(), req)
		}
		if err != nil {
			t.Fatalf("%s %s: %v", r.Method, path, err)
		}
		res.Body.Close()
		switch {
		case isImport && res.StatusCode == http.StatusRequestEntityTooLarge:
			t.Errorf("%s %s: a 70 KiB upload refused; imports and the item form take files", r.Method, path)
		case !isImport && res.StatusCode != http.StatusRequestEntityTooLarge:
			t.Errorf("%s %s with a %d KiB body: %d; want 413", r.Method, path, pad/1024, res.StatusCode)
		}
		checked++
	}
	for _, table := range changedTables(before, h.digests(t)) {
		t.Errorf("a body over the limit changed %s", table)
	}
	t.Logf("%d routes sent 70 KiB bodies", checked)
}

// headOnly sends req's request line and headers, with its Content-Length,
// but none of its body, and reads the answer.
func headOnly(addr string, req *http.Request) (*http.Response, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	var head strings.Builder
	fmt.Fprintf(&head, "%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n", req.Method, req.URL.RequestURI(), addr, req.ContentLength)
	for k, vs := range req.Header {
		for _, v := range vs {
			fmt.Fprintf(&head, "%s: %s\r\n", k, v)
		}
	}
	head.WriteString("\r\n")
	if _, err := io.WriteString(conn, head.String()); err != nil {
		return nil, err
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		return nil, err
	}
	// The body is read before the connection closes.
	body, err := io.ReadAll(res.Body)
	res.Body = io.NopCloser(bytes.NewReader(body))
	return res, err
}

// browserLocation resolves a Location header as a browser does: tabs and
// line breaks anywhere are dropped, and leading and trailing controls and
// spaces trimmed, before the URL is parsed.
func browserLocation(t *testing.T, loc string) *url.URL {
	t.Helper()
	loc = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(loc)
	loc = strings.TrimFunc(loc, func(r rune) bool { return r <= ' ' })
	loc = strings.ReplaceAll(loc, `\`, "/") // special schemes read \ as /
	base, _ := url.Parse("http://sabaq.example/login")
	ref, err := url.Parse(loc)
	if err != nil {
		t.Fatalf("Location %q: %v", loc, err)
	}
	return base.ResolveReference(ref)
}

func TestLogin_NextNeverLeavesSabaq(t *testing.T) {
	h := newHarness(t)
	signup(t, h.client(), "zara", "the right password")
	for i, next := range []string{"/\t/evil.example/", "/\r\n/evil.example/", "//evil.example/", `/\evil.example/`, "/\n/evil.example/",
		"\t//evil.example/", "https://evil.example/", "javascript:alert(1)", "/%2F/evil.example/", "/ /evil.example/", "/\x00/evil.example/"} {
		c := h.client()
		// The log-in form carries next on; a log-in then redirects to it.
		form := c.get("/login?next=" + url.QueryEscape(next))
		if v := form.doc.Find(`input[name="next"]`).AttrOr("value", ""); browserLocation(t, v).Host != "sabaq.example" {
			t.Errorf("next %q: the form carries %q", next, v)
		}
		if i >= 2 {
			continue // the same check, safeNext, and bcrypt is slow
		}
		res := c.post("/login", "/login", url.Values{"username": {"zara"}, "password": {"the right password"}, "next": {next}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("log-in with next %q: %d", next, res.status)
		}
		if u := browserLocation(t, res.location); u.Host != "sabaq.example" || u.Scheme != "http" {
			t.Errorf("next %q: redirected to %q, which a browser reads as %s", next, res.location, u)
		}
	}
}

func TestReviewCard_ATeachersQuestionOnlyForItsOwnerAndAssignedStudents(t *testing.T) {
	t.Parallel()
	f := newSecFixture(t)
	h := f.h
	outsider := h.client()
	signup(t, outsider, "outsider", "a long password")
	otherTeacher := h.teacher(t, "mr-ali")
	card := "/review/card/" + url.PathEscape(f.questionIDs[0]) // "Who mediated the Tashkent talks?", answer Kosygin
	for name, c := range map[string]*client{"a visitor": f.visitor, "a student of no class": outsider, "another teacher": otherTeacher} {
		before := h.digests(t)
		for _, p := range []string{card, card + "?mode=flashcard&reveal=1", card + "?mode=quiz"} {
			if res := c.get(p); res.status != http.StatusNotFound || strings.Contains(res.body, "Tashkent talks") {
				t.Errorf("%s: GET %s = %d; want 404 without the question", name, p, res.status)
			}
		}
		tok := c.token()
		for _, p := range []string{card + "/grade", card + "/answer"} {
			if res := c.postForm(p, with(tok, url.Values{"rating": {"3"}, "version": {"0"}, "answer": {"Kosygin"}})); res.status != http.StatusNotFound {
				t.Errorf("%s: POST %s = %d; want 404", name, p, res.status)
			}
		}
		if changed := changedTables(before, h.digests(t)); len(changed) > 0 {
			t.Errorf("%s changed %v", name, changed)
		}
	}
	for name, c := range map[string]*client{"the assigned student": f.student, "the set's owner": f.teacher} {
		if res := c.get(card + "?mode=flashcard&reveal=1"); res.status != http.StatusOK || !strings.Contains(res.body, "Tashkent talks") {
			t.Errorf("%s: %d; want the card", name, res.status)
		}
	}
}
