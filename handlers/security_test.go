package handlers_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"image"
	pngenc "image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/gofiber/fiber/v2"

	"sabaq/handlers"
	"sabaq/questions/media"
	"sabaq/questions/mentions"
)

// This file holds the security tests' shared fixture and helpers, the CSRF
// test over every state-changing route and the header test over every page.
// security_xss_test.go, security_sqli_test.go and security_limits_test.go
// hold the rest.

// csrfMessage is what the CSRF check says, and nothing else does.
const csrfMessage = "did not come from Sabaq"

// send makes one request with the client's cookies and any extra headers,
// keeping the cookies it sets. An error from app.Test is returned, not
// fatal, so that requests fasthttp refuses outright can be told apart.
func (c *client) send(method, target string, body io.Reader, contentType string, headers map[string]string) (response, error) {
	req := httptest.NewRequest(method, target, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	res, err := c.h.app.Test(req, -1)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	for _, ck := range res.Cookies() {
		c.cookies[ck.Name] = ck.Value
	}
	b, _ := io.ReadAll(res.Body)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(b))
	return response{status: res.StatusCode, location: res.Header.Get("Location"), body: string(b), doc: doc, header: res.Header}, nil
}

// postForm posts form as it is, with whatever _csrf it carries.
func (c *client) postForm(path string, form url.Values) response {
	c.h.t.Helper()
	return c.do(http.MethodPost, path, form)
}

// token is the CSRF token the client's pages carry.
func (c *client) token() string {
	c.h.t.Helper()
	for _, p := range []string{"/practice", "/"} {
		if tok, ok := c.get(p).doc.Find(`input[name="_csrf"]`).First().Attr("value"); ok && tok != "" {
			return tok
		}
	}
	c.h.t.Fatal("no CSRF token on the client's pages")
	return ""
}

// with returns form plus the client's CSRF token.
func with(token string, form url.Values) url.Values {
	out := copyForm(form)
	out.Set("_csrf", token)
	return out
}

// digests snapshots the content of every table.
func (h *harness) digests(t *testing.T) map[string]string {
	t.Helper()
	d, err := h.store.TableDigests(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(d) < 15 {
		t.Fatalf("only %d tables digested: %v", len(d), d)
	}
	return d
}

// changedTables names the tables whose content differs between snapshots.
func changedTables(before, after map[string]string) []string {
	var out []string
	for k, v := range before {
		if after[k] != v {
			out = append(out, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			out = append(out, k+" (new)")
		}
	}
	sort.Strings(out)
	return out
}

// secFixture is a teacher with a set (and its items) assigned to a class, a
// student in the class with a practice session, a mock exam and a quiz
// review, and an anonymous visitor: an id for every route parameter.
type secFixture struct {
	*classFixture
	student, visitor *client
	itemID           int64
	sessionID        string
	mockID           string
	logID            string
	questionID       string
	eventID          string
	mediaName        string // a picture the teacher stored
	writtenQID       string // a written question
	writtenID        string // the student's answer to it
	paperID          string // the student's written paper
	authoredQID      string // a written question of the teacher's set: authoredwritten.go
}

func newSecFixture(t *testing.T) *secFixture {
	t.Helper()
	cr := newClassFixture(t, "Tashkent 1966")
	f := &secFixture{classFixture: cr, eventID: cr.h.tl.Events[0].ID, questionID: cr.questionIDs[0]}
	f.itemID = cr.h.setItemsOf(t, cr.setID)[0].ID
	f.student = cr.student(t, "amna")
	f.visitor = cr.h.client()
	f.visitor.get("/")
	aq, err := cr.h.store.AddWritten(context.Background(), cr.setID, cr.h.written.Questions[0])
	if err != nil {
		t.Fatal(err)
	}
	f.authoredQID = aq
	si, err := cr.h.store.SetInfo(context.Background(), cr.setID)
	if err != nil {
		t.Fatal(err)
	}
	var png bytes.Buffer
	if err := pngenc.Encode(&png, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	pic, err := media.New(png.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := cr.h.store.PutMedia(context.Background(), si.OwnerID, []media.File{pic}); err != nil {
		t.Fatal(err)
	}
	f.mediaName = pic.Name

	tok := f.student.token()
	res := f.student.postForm("/practice", with(tok, url.Values{"set": {idStr(cr.setID)}, "length": {"3"}}))
	if m := regexp.MustCompile(`^/practice/(\d+)/q/1$`).FindStringSubmatch(res.location); m != nil {
		f.sessionID = m[1]
	} else {
		t.Fatalf("start practice: %d %q", res.status, res.location)
	}
	res = f.student.postForm("/mock", with(tok, url.Values{"length": {"5"}, "minutes": {"10"}, "form_key": {"security-test-form"}}))
	if m := regexp.MustCompile(`^/mock/(\d+)/q/1$`).FindStringSubmatch(res.location); m != nil {
		f.mockID = m[1]
	} else {
		t.Fatalf("start mock: %d %q\n%.300s", res.status, res.location, res.body)
	}
	f.writtenQID = cr.h.written.Questions[0].ID
	res = f.student.postForm("/write/"+f.writtenQID+"/submit", with(tok, url.Values{"text": {"In Tashkent in January 1966."}}))
	if m := regexp.MustCompile(`^/write/answers/(\d+)(?:\?.*)?$`).FindStringSubmatch(res.location); m != nil {
		f.writtenID = m[1]
	} else {
		t.Fatalf("submit written answer: %d %q\n%.300s", res.status, res.location, res.body)
	}
	res = f.student.postForm("/write/paper", with(tok, url.Values{"offered": {"3"}, "answer": {"2"}, "form_key": {"security-test-paper"}}))
	if m := regexp.MustCompile(`^/write/paper/(\d+)$`).FindStringSubmatch(res.location); m != nil {
		f.paperID = m[1]
	} else {
		t.Fatalf("start paper: %d %q\n%.300s", res.status, res.location, res.body)
	}
	card := "/review/card/" + url.PathEscape(f.questionID)
	page := f.student.get(card + "?mode=quiz")
	res = f.student.postForm(card+"/answer", fillAnswer(page, "Tashkent"))
	if m := regexp.MustCompile(`^/review/log/(\d+)$`).FindStringSubmatch(res.location); m != nil {
		f.logID = m[1]
	} else {
		t.Fatalf("quiz review: %d %q\n%.300s", res.status, res.location, res.body)
	}
	return f
}

// fillAnswer answers the question on page through its answer form: the
// first option, every list in order, typed in the text box.
func fillAnswer(page response, typed string) url.Values {
	form := url.Values{}
	f := page.doc.Find(`[data-testid="answer-form"]`)
	f.Find(`input[type="hidden"]`).Each(func(_ int, s *goquery.Selection) {
		form.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	if r := f.Find(`input[type="radio"][name="answer"][value!=""]`).First(); r.Length() > 0 {
		form.Set("answer", r.AttrOr("value", ""))
	}
	if cb := f.Find(`input[type="checkbox"][name="answer"][value!=""]`).First(); cb.Length() > 0 {
		form.Add("answer", cb.AttrOr("value", ""))
	}
	f.Find(`select[name="position"]`).Each(func(i int, _ *goquery.Selection) {
		form.Add("position", idStr(int64(i+1)))
	})
	f.Find(`select[name="match"]`).Each(func(_ int, s *goquery.Selection) {
		form.Add("match", s.Find(`option[value!=""]`).First().AttrOr("value", ""))
	})
	if f.Find(`input[type="text"][name="answer"]`).Length() > 0 {
		form.Set("answer", typed)
	}
	if f.Find(`input[name="answer"][inputmode="decimal"]`).Length() > 0 {
		form.Set("answer", "1966")
	}
	return form
}

// fill puts the fixture's ids into a route's parameters. A parameter it
// does not know fails the test: a new route needs an id here.
func (f *secFixture) fill(t *testing.T, path string) string {
	t.Helper()
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if !strings.HasPrefix(s, ":") && !strings.HasPrefix(s, "*") {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(s, ":"), "?")
		prev := strings.Join(segs[:i], "/")
		var v string
		switch {
		case name == "id" && prev == "/teach/sets":
			v = idStr(f.setID)
		case name == "item":
			v = idStr(f.itemID)
		case name == "*" && prev == "/static":
			v = "style.css"
		case name == "name" && prev == "/media":
			v = f.mediaName
		case name == "id" && (prev == "/teach/classes" || prev == "/classes"):
			v = idStr(f.classID)
		case name == "assignment":
			v = idStr(f.assignmentID)
		case name == "session":
			v = f.sessionID
		case name == "n":
			v = "1"
		case name == "id" && prev == "/mock":
			v = f.mockID
		case name == "id" && prev == "/review/card":
			v = url.PathEscape(f.questionID)
		case name == "id" && prev == "/review/log":
			v = f.logID
		case name == "id" && prev == "/timeline":
			v = f.eventID
		case name == "code" && prev == "/join":
			v = f.code
		case name == "qid" && prev == "/write":
			v = url.PathEscape(f.writtenQID)
		case name == "id" && prev == "/write/answers":
			v = f.writtenID
		case name == "id" && prev == "/write/paper":
			v = f.paperID
		case name == "qid" && (prev == "/report" || prev == "/reports"):
			v = url.PathEscape(f.questionID)
		case name == "qid" && prev == setPath(f.setID)+"/written":
			v = f.authoredQID
		default:
			t.Fatalf("route %s: the security tests know no value for its parameter %q; add one to secFixture.fill", path, s)
		}
		segs[i] = v
	}
	return strings.Join(segs, "/")
}

// owner is the client a route is meant for: the teacher for /teach and
// /reports, the student for everything else.
func (f *secFixture) owner(path string) *client {
	if strings.HasPrefix(path, "/teach") || strings.HasPrefix(path, "/reports") {
		return f.teacher
	}
	return f.student
}

// appRoutes are the app's routes with the given methods, each once, in
// a stable order.
func appRoutes(app *fiber.App, methods ...string) []fiber.Route {
	seen := map[string]bool{}
	var out []fiber.Route
	for _, r := range app.GetRoutes(true) {
		if !slices.Contains(methods, r.Method) || seen[r.Method+" "+r.Path] {
			continue
		}
		seen[r.Method+" "+r.Path] = true
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path+out[i].Method < out[j].Path+out[j].Method })
	return out
}

var stateChanging = []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// tokenlessForm is what each CSRF probe sends: fields that, were the token
// not checked, would make most routes write something.
func (f *secFixture) tokenlessForm() url.Values {
	return url.Values{
		"title": {"Written without a token"}, "description": {"x"}, "name": {"Class without a token"},
		"code": {f.code}, "set": {idStr(f.setID)}, "length": {"3"}, "minutes": {"10"}, "form_key": {"tokenless"},
		"rating": {"3"}, "version": {"0"}, "answer": {"Tashkent"}, "question_id": {f.questionID},
		"confirm": {"yes"}, "retention": {"0.8"}, "new_per_day": {"5"}, "reviews_per_day": {"50"},
		"timezone": {"UTC"}, "mode": {"quiz"}, "kind": {"short-answer"}, "prompt": {"Written without a token?"},
		"accepted": {"yes"}, "count": {"3"}, "format": {"csv"}, "text": {"question,answer\nQ?,A\n"},
		"username": {"tokenless"}, "password": {"a long password"}, "password2": {"a long password"},
		"current": {"a long password"}, "due": {""}, "exam": {""},
	}
}

func randomToken() string {
	var b [32]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func TestCSRF_EveryStateChangingRouteRefusesAMissingForgedOrBorrowedToken(t *testing.T) {
	t.Parallel()
	f := newSecFixture(t)
	h := f.h
	routes := appRoutes(h.app, stateChanging...)
	// The routes are found, not listed: a new POST route is checked as soon
	// as it is added. The count guards against finding none.
	if len(routes) < 30 {
		t.Fatalf("found only %d state-changing routes", len(routes))
	}
	clients := []struct {
		name string
		c    *client
	}{{"teacher", f.teacher}, {"student", f.student}, {"visitor", f.visitor}}
	tokens := map[string]string{}
	for _, who := range clients {
		tokens[who.name] = who.c.token()
	}
	// Another user's valid token: the visitor borrows the teacher's, the
	// teacher the student's, the student the visitor's.
	borrowed := map[string]string{"teacher": tokens["student"], "student": tokens["visitor"], "visitor": tokens["teacher"]}
	before := h.digests(t)
	requests := 0
	for _, r := range routes {
		path := f.fill(t, r.Path)
		for _, who := range clients {
			for _, v := range []struct {
				name  string
				token *string
			}{
				{"no token", nil},
				{"empty token", ptr("")},
				{"forged token", ptr(randomToken())},
				{"another user's token", ptr(borrowed[who.name])},
			} {
				form := f.tokenlessForm()
				if v.token != nil {
					form.Set("_csrf", *v.token)
				}
				for _, enc := range []string{"urlencoded", "multipart"} {
					var res response
					if enc == "multipart" {
						res = who.c.postMultipartMethod(r.Method, path, form)
					} else {
						res = who.c.do(r.Method, path, form)
					}
					requests++
					if res.status != http.StatusForbidden || !strings.Contains(res.doc.Find(`[data-testid="error-message"]`).Text(), csrfMessage) {
						t.Errorf("%s %s as %s with %s (%s): %d; want 403 with the CSRF message", r.Method, path, who.name, v.name, enc, res.status)
					}
				}
			}
		}
	}
	if changed := changedTables(before, h.digests(t)); len(changed) > 0 {
		t.Errorf("requests without a valid token changed the tables %v", changed)
	}
	t.Logf("%d state-changing routes × %d clients × 4 tokens × 2 encodings = %d refused requests", len(routes), len(clients), requests)

	// With the right token each route gets past the check (whatever it then
	// decides), and the snapshot shows what it wrote: so the snapshot above
	// would have seen a write. Log-out and deleting data go last.
	sort.SliceStable(routes, func(i, j int) bool { return last(routes[i].Path) < last(routes[j].Path) })
	for _, r := range routes {
		path := f.fill(t, r.Path)
		c := f.owner(path)
		res := c.do(r.Method, path, with(c.token(), f.tokenlessForm()))
		if strings.Contains(res.body, csrfMessage) {
			t.Errorf("%s %s with the owner's own token: refused as a forgery (%d)", r.Method, path, res.status)
		}
	}
	if changed := changedTables(before, h.digests(t)); !slices.Contains(changed, "question_sets") || !slices.Contains(changed, "classes") {
		t.Errorf("the valid requests changed only %v; the snapshot does not see writes", changed)
	}
}

func ptr(s string) *string { return &s }

// last orders the routes that end the session or the data after the rest.
func last(path string) int {
	switch path {
	case "/logout", "/data/delete", "/account/password":
		return 1
	}
	return 0
}

// postMultipartMethod sends form as multipart/form-data with any method.
func (c *client) postMultipartMethod(method, path string, form url.Values) response {
	c.h.t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, vs := range form {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	w.Close()
	return c.sendRaw(method, path, &b, w.FormDataContentType())
}

func TestCSRF_MethodsWithoutARouteAreRefusedToo(t *testing.T) {
	f := newSecFixture(t)
	before := f.h.digests(t)
	for _, m := range stateChanging {
		for _, p := range []string{"/teach/sets/new", "/settings", "/no-such-page", setPath(f.setID)} {
			res := f.teacher.do(m, p, url.Values{"title": {"x"}})
			if res.status != http.StatusForbidden {
				t.Errorf("%s %s without a token: %d; want 403", m, p, res.status)
			}
		}
	}
	if changed := changedTables(before, f.h.digests(t)); len(changed) > 0 {
		t.Errorf("changed %v", changed)
	}
}

// cspDirectives parses a Content-Security-Policy into its directives.
func cspDirectives(csp string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(csp, ";") {
		fields := strings.Fields(d)
		if len(fields) > 0 {
			out[strings.ToLower(fields[0])] = fields[1:]
		}
	}
	return out
}

// checkSecurityHeaders checks one response's headers.
func checkSecurityHeaders(t *testing.T, where string, hd http.Header) {
	t.Helper()
	csp := cspDirectives(hd.Get("Content-Security-Policy"))
	scripts, ok := csp["script-src"]
	if !ok {
		scripts = csp["default-src"]
	}
	if len(scripts) == 0 {
		t.Errorf("%s: no script-src or default-src in the CSP %q", where, hd.Get("Content-Security-Policy"))
	}
	for _, s := range scripts {
		switch strings.ToLower(s) {
		case "'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*", "http:", "https:", "blob:":
			t.Errorf("%s: script-src allows %s", where, s)
		}
	}
	for d, want := range map[string]string{"frame-ancestors": "'none'", "object-src": "'none'", "base-uri": "'none'"} {
		if got := strings.Join(csp[d], " "); got != want {
			t.Errorf("%s: CSP %s %q; want %s", where, d, got, want)
		}
	}
	for _, s := range csp["style-src"] {
		if strings.EqualFold(s, "'unsafe-inline'") {
			t.Errorf("%s: style-src allows 'unsafe-inline'", where)
		}
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
		if got := hd.Get(k); got != want {
			t.Errorf("%s: %s = %q; want %q", where, k, got, want)
		}
	}
	if hd.Get("Strict-Transport-Security") != "" {
		t.Errorf("%s: HSTS sent over plain HTTP", where)
	}
	for _, ck := range (&http.Response{Header: hd}).Cookies() {
		if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
			t.Errorf("%s: cookie %s is not HttpOnly, SameSite=Lax, Path=/: %+v", where, ck.Name, ck)
		}
	}
	if ct := hd.Get("Content-Type"); strings.HasPrefix(ct, "text/html") && ct != "text/html; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", where, ct)
	}
}

func TestSecurityHeaders_OnEveryGETRouteForEveryone(t *testing.T) {
	t.Parallel()
	f := newSecFixture(t)
	routes := appRoutes(f.h.app, http.MethodGet)
	if len(routes) < 35 {
		t.Fatalf("found only %d GET routes", len(routes))
	}
	checked := 0
	for _, r := range routes {
		path := f.fill(t, r.Path)
		for name, c := range map[string]*client{"teacher": f.teacher, "student": f.student, "visitor": f.visitor, "new visitor": f.h.client()} {
			res := c.get(path)
			checkSecurityHeaders(t, "GET "+path+" as "+name, res.header)
			checked++
		}
	}
	// Static files, error pages and downloads get them too.
	for _, p := range []string{"/static/app.js", "/static/style.css", "/no-such-page", setPath(f.setID) + "/export?format=csv",
		"/teach/classes/" + idStr(f.classID) + "/items.csv", "/data/export"} {
		checkSecurityHeaders(t, "GET "+p, f.owner(p).get(p).header)
		checked++
	}
	res := f.student.postForm("/practice", url.Values{"length": {"3"}})
	checkSecurityHeaders(t, "the 403 of a POST without a token", res.header)
	t.Logf("%d GET routes, %d responses checked", len(routes), checked)
}

// templateTags are the element names Sabaq's own templates use: any other
// element on a page came from content.
func templateTags(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("../views/*.templ")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates found: %v", err)
	}
	tags := map[string]bool{"html": true, "head": true, "body": true}
	re := regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			tags[strings.ToLower(string(m[1]))] = true
		}
	}
	// Never Sabaq's, whatever a template says.
	for _, bad := range []string{"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "math",
		"img", "video", "audio", "source", "animate", "set", "foreignobject", "template", "noscript", "xmp", "plaintext", "marquee"} {
		delete(tags, bad)
	}
	return tags
}

// urlAttrs are attributes a browser follows or loads.
var urlAttrs = []string{"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset",
	"ping", "cite", "codebase", "lowsrc", "dynsrc", "manifest", "icon"}

var (
	schemeRE   = regexp.MustCompile(`^([a-z][a-z0-9+.-]*):`)
	controlsRE = regexp.MustCompile(`[\x00-\x20\x7f]+`)
)

// checkInert fails if a page could run anything that is not Sabaq's own;
// see inertProblems.
func checkInert(t *testing.T, tags map[string]bool, where string, res response, payloads ...string) {
	t.Helper()
	for _, p := range inertProblems(tags, res, payloads...) {
		t.Errorf("%s: %s", where, p)
	}
}

// inertProblems lists what on a page could run and is not Sabaq's own: a
// script other than /static/app.js, an element no template has, an event
// handler attribute, a script or data URL, an http-equiv, a stylesheet
// other than Sabaq's; or any payload with markup in it written unescaped.
func inertProblems(tags map[string]bool, res response, payloads ...string) []string {
	if res.doc == nil {
		return []string{"no document"}
	}
	var out []string
	bad := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	res.doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		tag := strings.ToLower(n.Data)
		if !tags[tag] {
			bad("a <%s> element that no template has: %.200s", tag, outer(s))
			return
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = strings.ToLower(a.Namespace + ":" + a.Key)
			}
			val := strings.ToLower(controlsRE.ReplaceAllString(a.Val, ""))
			switch {
			case strings.HasPrefix(key, "on"):
				bad("event handler %s=%q on <%s>", a.Key, a.Val, tag)
			case key == "srcdoc" || key == "http-equiv":
				bad("%s on <%s>", key, tag)
			case key == "style" && (strings.Contains(val, "expression(") || strings.Contains(val, "url(") || strings.Contains(val, "javascript:")):
				bad("style %q on <%s>", a.Val, tag)
			case slices.Contains(urlAttrs, key):
				if m := schemeRE.FindStringSubmatch(val); m != nil && m[1] != "http" && m[1] != "https" && m[1] != "mailto" &&
					!strings.HasPrefix(val, "about:invalid") {
					bad("%s=%q on <%s>", a.Key, a.Val, tag)
				}
			}
		}
		switch tag {
		case "script":
			if src, _ := s.Attr("src"); src != "/static/app.js" || strings.TrimSpace(s.Text()) != "" {
				bad("a script that is not Sabaq's: %.200s", outer(s))
			}
		case "link":
			if href, _ := s.Attr("href"); !strings.HasPrefix(href, "/static/") {
				bad("a link to %q", href)
			}
		case "form":
			if action, ok := s.Attr("action"); ok && !strings.HasPrefix(action, "/") {
				bad("a form posting to %q", action)
			}
		}
	})
	for _, p := range payloads {
		if strings.ContainsAny(p, `<>"'`) && strings.Contains(res.body, p) {
			bad("the payload %q is in the page unescaped", p)
		}
	}
	return out
}

func outer(s *goquery.Selection) string {
	h, _ := goquery.OuterHtml(s)
	return h
}

// shows reports whether the page shows p as text, or holds it as a form
// field's value: escaped, so that the browser reads back exactly p.
func shows(res response, p string) bool {
	if res.doc == nil {
		return false
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if strings.Contains(norm(res.doc.Text()), norm(p)) {
		return true
	}
	found := false
	res.doc.Find("input, textarea, option, button").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		v, ok := s.Attr("value")
		if (ok && norm(v) == norm(p)) || (s.Is("textarea") && strings.Contains(norm(s.Text()), norm(p))) {
			found = true
		}
		return !found
	})
	return found
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// withDeps builds another app over the harness's store, with other Deps.
func (h *harness) withDeps(t *testing.T, change func(*handlers.Deps)) *harness {
	t.Helper()
	key, err := h.store.Secret(context.Background(), "csrf")
	if err != nil {
		t.Fatal(err)
	}
	d := handlers.Deps{Store: h.store, Timeline: h.tl, Bank: h.bank, CSRFKey: key, Logger: discardLogger(),
		Written: h.written, Mentions: mentions.New(h.tl)}
	change(&d)
	other := *h
	other.t = t
	other.app = handlers.New(d)
	return &other
}
