package handlers_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"sabaq/handlers"
)

// The abuse a school server must survive (issue 15 §5): sign-ups as a CPU
// sink, lock-outs as a weapon, join codes guessed, links built from a
// forged Host header.

// behindProxy is the harness's app trusting app.Test's 0.0.0.0 as a proxy,
// so that each request says its client address in X-Forwarded-For.
func behindProxy(t *testing.T, h *harness) *harness {
	return h.withDeps(t, func(d *handlers.Deps) { d.TrustedProxies = []string{"0.0.0.0"} })
}

// from posts a form from a client address, with the token of the page it
// is on.
func (c *client) from(t *testing.T, addr, page, path string, form url.Values) response {
	t.Helper()
	headers := map[string]string{"X-Forwarded-For": addr}
	res, err := c.send(http.MethodGet, page, nil, "", headers)
	if err != nil {
		t.Fatal(err)
	}
	form.Set("_csrf", res.doc.Find(`input[name="_csrf"]`).First().AttrOr("value", ""))
	res, err = c.send(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", headers)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func signupFrom(t *testing.T, h *harness, addr, name string) response {
	t.Helper()
	return h.client().from(t, addr, "/signup", "/signup",
		url.Values{"username": {name}, "password": {"a long password"}, "password2": {"a long password"}})
}

func loginFrom(t *testing.T, h *harness, addr, name, password string) response {
	t.Helper()
	return h.client().from(t, addr, "/login", "/login", url.Values{"username": {name}, "password": {password}})
}

// retryAfter is the response's Retry-After in seconds, or 0.
func retryAfter(res response) int {
	n, _ := strconv.Atoi(res.header.Get("Retry-After"))
	return n
}

func TestSignup_RefusedFormsHashNoPassword(t *testing.T) {
	h := newHarness(t)
	if res := signup(t, h.client(), "zara", "a long password"); res.status != http.StatusSeeOther {
		t.Fatalf("first sign-up: %d", res.status)
	}
	before := handlers.PasswordHashes()
	for name, form := range map[string]url.Values{
		"taken username":             {"username": {"zara"}, "password": {"a long password"}, "password2": {"a long password"}},
		"taken username, other case": {"username": {"ZARA"}, "password": {"a long password"}, "password2": {"a long password"}},
		"invalid username":           {"username": {"z"}, "password": {"a long password"}, "password2": {"a long password"}},
		"short password":             {"username": {"yusuf"}, "password": {"short"}, "password2": {"short"}},
		"passwords differ":           {"username": {"yusuf"}, "password": {"a long password"}, "password2": {"another password"}},
		"invitation not valid":       {"username": {"yusuf"}, "password": {"a long password"}, "password2": {"a long password"}, "invite": {"made-up"}},
	} {
		res := h.client().post("/signup", "/signup", form)
		if res.status != http.StatusBadRequest || res.doc.Find(`.form-error, [data-testid="form-error"]`).Length() == 0 {
			t.Errorf("%s: %d, or no message; want 400 with a message", name, res.status)
		}
	}
	if got := handlers.PasswordHashes() - before; got != 0 {
		t.Errorf("refused sign-ups made %d password hashes; want none", got)
	}
	if got := h.rows(t, `SELECT count(*) FROM accounts`); got != 1 {
		t.Errorf("%d accounts; want 1", got)
	}
	if res := signup(t, h.client(), "yusuf", "a long password"); res.status != http.StatusSeeOther {
		t.Fatalf("a good sign-up: %d", res.status)
	}
	if got := handlers.PasswordHashes() - before; got != 1 {
		t.Errorf("a good sign-up made %d hashes; want 1", got)
	}
}

func TestSignup_ThrottledPerAddress(t *testing.T) {
	h := behindProxy(t, newHarness(t))
	const limit = 30 // a class signing up together behind the school's address
	for i := range limit {
		if res := signupFrom(t, h, "203.0.113.7", fmt.Sprintf("pupil%d", i)); res.status != http.StatusSeeOther {
			t.Fatalf("sign-up %d from one address: %d; want 303", i+1, res.status)
		}
	}
	res := signupFrom(t, h, "203.0.113.7", "one-too-many")
	if res.status != http.StatusTooManyRequests || retryAfter(res) <= 0 {
		t.Fatalf("sign-up %d from one address: %d, Retry-After %q; want 429 with Retry-After", limit+1, res.status, res.header.Get("Retry-After"))
	}
	if msg := res.doc.Find(`[data-testid="form-error"]`).Text(); !strings.Contains(msg, "Wait") {
		t.Errorf("the 429 page says %q; want when to try again", msg)
	}
	if res.doc.Find(`[data-testid="signup-form"]`).Length() != 1 {
		t.Error("the 429 page has no form to try again with")
	}
	// A username that is taken is still said to be taken (no hash needed).
	if res := signupFrom(t, h, "203.0.113.7", "pupil0"); res.status != http.StatusBadRequest {
		t.Errorf("a taken username from the throttled address: %d; want 400", res.status)
	}
	if res := signupFrom(t, h, "203.0.113.8", "next-door"); res.status != http.StatusSeeOther {
		t.Errorf("sign-up from another address: %d; want 303", res.status)
	}
	if got := h.rows(t, `SELECT count(*) FROM accounts WHERE username = 'one-too-many'`); got != 0 {
		t.Errorf("%d throttled sign-ups made accounts", got)
	}
}

func TestLogin_FailuresFromOneAddressLockNobodyElseOut(t *testing.T) {
	h := behindProxy(t, newHarness(t))
	for _, name := range []string{"zara", "yusuf"} {
		if res := signupFrom(t, h, "192.0.2.1", name); res.status != http.StatusSeeOther {
			t.Fatalf("sign-up %s: %d", name, res.status)
		}
	}
	const attacker, school = "203.0.113.7", "198.51.100.20"
	for i := range 5 {
		if res := loginFrom(t, h, attacker, "zara", "wrong password"); res.status != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d; want 401", i+1, res.status)
		}
	}
	if res := loginFrom(t, h, school, "zara", "a long password"); res.status != http.StatusSeeOther {
		t.Errorf("the right password from another address after 5 failures elsewhere: %d; want 303", res.status)
	}
	if res := loginFrom(t, h, attacker, "yusuf", "a long password"); res.status != http.StatusSeeOther {
		t.Errorf("another user from the address with 5 failures: %d; want 303", res.status)
	}
	// The right password from the failing address now waits: the next
	// attempt is not even checked.
	res := loginFrom(t, h, attacker, "zara", "a long password")
	if res.status != http.StatusTooManyRequests || retryAfter(res) < 1 || retryAfter(res) > 30 {
		t.Fatalf("after 5 failures from one address: %d, Retry-After %q; want 429 within 30 s", res.status, res.header.Get("Retry-After"))
	}
	if msg := res.doc.Find(`[data-testid="form-error"]`).Text(); !strings.Contains(msg, "seconds") {
		t.Errorf("the 429 page says %q; want how many seconds to wait", msg)
	}
	// Once the wait is over, one more failure doubles it.
	age(t, h, 31*time.Second)
	if res := loginFrom(t, h, attacker, "zara", "wrong password"); res.status != http.StatusUnauthorized {
		t.Fatalf("after waiting: %d; want the password checked (401)", res.status)
	}
	res = loginFrom(t, h, attacker, "zara", "wrong password")
	if res.status != http.StatusTooManyRequests || retryAfter(res) <= 30 || retryAfter(res) > 60 {
		t.Errorf("after a 6th failure: %d, Retry-After %q; want 429 for about a minute", res.status, res.header.Get("Retry-After"))
	}
	// Waiting it out, the right password gets in and forgets the failures.
	age(t, h, 61*time.Second)
	if res := loginFrom(t, h, attacker, "zara", "a long password"); res.status != http.StatusSeeOther {
		t.Errorf("the right password after the wait: %d; want 303", res.status)
	}
	if got := h.rows(t, `SELECT count(*) FROM login_failures WHERE address = ?`, attacker); got != 0 {
		t.Errorf("%d failures kept after a good log-in from the address", got)
	}
}

func TestLogin_TyposBehindOneSchoolAddressLockOutNoOtherPupil(t *testing.T) {
	h := behindProxy(t, newHarness(t))
	const school = "198.51.100.20"
	signupFrom(t, h, school, "zara")
	for i := range 6 {
		loginFrom(t, h, school, fmt.Sprintf("classmate%d", i), "wrong password")
	}
	if res := loginFrom(t, h, school, "zara", "a long password"); res.status != http.StatusSeeOther {
		t.Errorf("a pupil behind an address with 6 other usernames' failures: %d; want 303", res.status)
	}
}

// age moves every recorded log-in failure back by d.
func age(t *testing.T, h *harness, d time.Duration) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+h.path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE login_failures SET at = at - ?`, d.Milliseconds()); err != nil {
		t.Fatal(err)
	}
}

func TestJoin_GuessingCodesIsThrottledPerAccountAndAddress(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	guess := func(c *client, i int) response {
		return c.post("/", "/join", url.Values{"code": {fmt.Sprintf("ZZZ%03d", i)}})
	}
	// One account: 10 codes that match no class, then even the right code waits.
	guesser := cr.h.client()
	signup(t, guesser, "guesser", "a long password")
	for i := range 10 {
		if res := guess(guesser, i); res.status != http.StatusNotFound {
			t.Fatalf("guess %d: %d; want 404", i+1, res.status)
		}
	}
	res := guesser.post("/", "/join", url.Values{"code": {cr.code}})
	if res.status != http.StatusTooManyRequests || retryAfter(res) <= 0 {
		t.Fatalf("the right code after 10 wrong ones: %d, Retry-After %q; want 429", res.status, res.header.Get("Retry-After"))
	}
	if msg := res.doc.Find(`[data-testid="code-error"]`).Text(); !strings.Contains(msg, "Wait") {
		t.Errorf("the 429 page says %q; want when to try again", msg)
	}
	if got := cr.h.rows(t, `SELECT count(*) FROM class_members m JOIN accounts a ON a.id = m.account_id WHERE a.username = 'guesser'`); got != 0 {
		t.Error("a throttled join joined the class")
	}
	if res := guesser.get("/join/" + cr.code); res.status != http.StatusTooManyRequests || strings.Contains(res.body, "Year 9 History") {
		t.Errorf("the join link after 10 wrong codes: %d; want 429 without the class's name", res.status)
	}
	// More accounts from the same address: 30 wrong codes in all, then the
	// address waits, whichever account asks.
	for n := range 2 {
		c := cr.h.client()
		signup(t, c, fmt.Sprintf("helper%d", n), "a long password")
		for i := range 10 {
			if res := guess(c, 100+10*n+i); res.status != http.StatusNotFound {
				t.Fatalf("helper %d guess %d: %d; want 404", n, i+1, res.status)
			}
		}
	}
	fresh := cr.h.client()
	signup(t, fresh, "fresh", "a long password")
	if res := guess(fresh, 999); res.status != http.StatusTooManyRequests {
		t.Errorf("a fresh account's first guess from an address with 30 wrong codes: %d; want 429", res.status)
	}
	// Right codes cost nothing: pupils joining do not use up the address.
	other := behindProxy(t, cr.h)
	for i := range 40 {
		c := other.client()
		c.cookies = fresh.cookies
		c.from(t, "198.51.100.20", "/", "/join", url.Values{"code": {cr.code}})
		if i == 39 {
			if res := c.from(t, "198.51.100.20", "/", "/join", url.Values{"code": {cr.code}}); res.status != http.StatusSeeOther {
				t.Errorf("the 41st right code from one address: %d; want 303", res.status)
			}
		}
	}
}

func TestJoin_AVisitorSeesNoClassName(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	visitor := cr.h.client()
	right, wrong := visitor.get("/join/"+cr.code), visitor.get("/join/ZZZ999")
	for name, res := range map[string]response{"the right code": right, "a wrong code": wrong} {
		if res.status != http.StatusOK {
			t.Errorf("%s: %d; want 200, the same for both", name, res.status)
		}
		if strings.Contains(res.body, "Year 9 History") || res.doc.Find(`[data-testid="class-name"]`).Length() != 0 {
			t.Errorf("%s: a visitor sees the class's name", name)
		}
		msg := res.doc.Find(`[data-testid="login-first"]`).Text()
		if !strings.Contains(msg, "Log in") || !strings.Contains(msg, "sign up") || !strings.Contains(msg, "join this class") {
			t.Errorf("%s: the page says %q; want to log in or sign up to join this class", name, msg)
		}
	}
	if res := visitor.post("/", "/join", url.Values{"code": {cr.code}}); res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/login?next=") {
		t.Errorf("a visitor's join form: %d to %q; want the log-in", res.status, res.location)
	}
	// Signing up from the join page comes back to it; logged in, the
	// pupil sees which class they join.
	pupil := cr.h.client()
	signupURL := pupil.get("/join/"+cr.code).doc.Find(`[data-testid="signup-link"]`).AttrOr("href", "")
	if signupURL != "/signup?next="+url.QueryEscape("/join/"+cr.code) {
		t.Fatalf("the join page's sign-up link is %q", signupURL)
	}
	back := url.QueryEscape("/join/" + cr.code)
	if got := pupil.get(signupURL).doc.Find(`[data-testid="login-instead"]`).AttrOr("href", ""); got != "/login?next="+back {
		t.Errorf("the sign-up page's log-in link is %q; want it to come back to the join link too", got)
	}
	if got := pupil.get("/login?next="+back).doc.Find(`[data-testid="signup-instead"]`).AttrOr("href", ""); got != "/signup?next="+back {
		t.Errorf("the log-in page's sign-up link is %q; want it to come back to the join link too", got)
	}
	res := pupil.post(signupURL, "/signup", url.Values{"username": {"amna"}, "password": {"a long password"},
		"password2": {"a long password"}, "next": {pupil.get(signupURL).doc.Find(`input[name="next"]`).AttrOr("value", "")}})
	if res.status != http.StatusSeeOther || res.location != "/join/"+cr.code {
		t.Fatalf("sign-up from the join link: %d to %q; want back to /join/%s", res.status, res.location, cr.code)
	}
	if got := pupil.get("/join/" + cr.code).doc.Find(`[data-testid="class-name"]`).Text(); got != "Year 9 History" {
		t.Errorf("a pupil sees the class name %q; want Year 9 History", got)
	}
	// Only a path on this server is followed.
	other := cr.h.client()
	if res := other.post("/signup", "/signup", url.Values{"username": {"bilal"}, "password": {"a long password"},
		"password2": {"a long password"}, "next": {"//evil.example/x"}}); res.status != http.StatusSeeOther || res.location != "/" {
		t.Errorf("sign-up with next=//evil.example/x: %d to %q; want home", res.status, res.location)
	}
}

func TestLinks_UseTheConfiguredBaseURLWhateverTheHostHeader(t *testing.T) {
	cr := newClassFixture(t, "Tashkent 1966")
	for _, tc := range []struct {
		name, base, want string
		proxied          bool
	}{
		{"configured", "https://sabaq.school.example/", "https://sabaq.school.example", false},
		{"configured, behind a proxy", "https://sabaq.school.example", "https://sabaq.school.example", true},
		{"not configured", "", "http://localhost:8080", false},
	} {
		h := cr.h.withDeps(t, func(d *handlers.Deps) {
			d.BaseURL = tc.base
			if tc.proxied {
				d.TrustedProxies = []string{"0.0.0.0"}
			}
		})
		teacher := h.client()
		teacher.cookies = cr.teacher.cookies
		forged := map[string]string{"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http"}
		page, err := teacher.send(http.MethodGet, "http://evil.example"+cr.url, nil, "", forged)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := page.doc.Find(`[data-testid="join-link"]`).Text(), tc.want+"/join/"+cr.code; got != want {
			t.Errorf("%s: the join link is %q; want %q", tc.name, got, want)
		}
		tok := page.doc.Find(`input[name="_csrf"]`).First().AttrOr("value", "")
		res, err := teacher.send(http.MethodPost, "http://evil.example/account/invites",
			strings.NewReader(url.Values{"_csrf": {tok}}.Encode()), "application/x-www-form-urlencoded", forged)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.doc.Find(`[data-testid="invite-link"]`).AttrOr("value", ""); !strings.HasPrefix(got, tc.want+"/signup?invite=") {
			t.Errorf("%s: the invitation link is %q; want it on %s", tc.name, got, tc.want)
		}
		if strings.Contains(page.body+res.body, "evil.example") {
			t.Errorf("%s: a page shows the forged host", tc.name)
		}
	}
}
