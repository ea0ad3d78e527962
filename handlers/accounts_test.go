package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sabaq/questions"
)

func signup(t *testing.T, c *client, name, password string) response {
	t.Helper()
	return c.post("/signup", "/signup", url.Values{"username": {name}, "password": {password}, "password2": {password}})
}

func login(t *testing.T, c *client, name, password string) response {
	t.Helper()
	return c.post("/login", "/login", url.Values{"username": {name}, "password": {password}})
}

func (h *harness) teacher(t *testing.T, name string) *client {
	t.Helper()
	hash, _ := questions.HashPassword("teacher-password")
	if _, err := h.store.CreateAccount(context.Background(), questions.NewAccount{Username: name, PasswordHash: hash, Role: questions.Teacher}); err != nil {
		t.Fatal(err)
	}
	c := h.client()
	if res := login(t, c, name, "teacher-password"); res.status != http.StatusSeeOther {
		t.Fatalf("teacher log-in: %d", res.status)
	}
	return c
}

func TestSignup_KeepsAnonymousProgressAndLogsIn(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	card, _ := currentCard(t, c)
	c.post(card+"?reveal=1", card+"/grade", url.Values{"rating": {"3"}, "version": {"0"}})
	anonCookie := c.cookies["sabaq_learner"]

	res := signup(t, c, "ayesha", "a long password")
	if res.status != http.StatusSeeOther {
		t.Fatalf("signup: %d\n%.300s", res.status, res.body)
	}
	home := c.get("/")
	if !strings.Contains(home.doc.Find("header nav").Text(), "ayesha") {
		t.Error("the header does not show the logged-in user")
	}
	if got := len(h.reviewLogs(t, 1)); got != 1 {
		t.Fatalf("learner 1 has %d reviews; want the 1 made before signing up", got)
	}
	// The review made anonymously counts for the account after logging out and in again.
	c.post("/", "/logout", url.Values{})
	other := h.client()
	login(t, other, "ayesha", "a long password")
	if got := other.get("/progress").doc.Find(`[data-testid="heatmap-text"]`).Text(); !strings.Contains(got, "1 review") {
		t.Errorf("after logging in elsewhere, progress does not show the review: %.200q", got)
	}
	// The old anonymous cookie no longer reaches the account's learner.
	thief := h.client()
	thief.cookies["sabaq_learner"] = anonCookie
	thief.get("/")
	if thief.cookies["sabaq_learner"] == anonCookie {
		t.Error("the spent anonymous cookie still identifies a learner")
	}
}

func TestSignup_BadInputShowsMessagesAndWritesNothing(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	signup(t, h.client(), "taken", "a long password")
	for _, tc := range []struct{ name, user, pw, pw2, field string }{
		{"short password", "bilal", "short", "short", "password"},
		{"mismatch", "bilal", "a long password", "another password", "password"},
		{"bad username", "b!", "a long password", "a long password", "username"},
		{"taken, any case", "TAKEN", "a long password", "a long password", "username"},
	} {
		res := c.post("/signup", "/signup", url.Values{"username": {tc.user}, "password": {tc.pw}, "password2": {tc.pw2}})
		if res.status != http.StatusBadRequest || res.doc.Find(`[data-testid="`+tc.field+`-error"]`).Text() == "" {
			t.Errorf("%s: %d, no message on %s", tc.name, res.status, tc.field)
		}
	}
	if _, _, err := h.store.AccountByUsername(context.Background(), "bilal"); err == nil {
		t.Error("an invalid signup made an account")
	}
}

func TestLogin_ThrottledAfterFiveFailures(t *testing.T) {
	h := newHarness(t)
	signup(t, h.client(), "zara", "the right password")
	c := h.client()
	for i := range 5 {
		if res := login(t, c, "zara", "wrong password"); res.status != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d; want 401", i+1, res.status)
		}
	}
	res := login(t, c, "zara", "the right password")
	if res.status != http.StatusTooManyRequests || !strings.Contains(res.doc.Find(`[data-testid="form-error"]`).Text(), "Wait") {
		t.Fatalf("sixth try with the right password: %d; want 429 with a wait message", res.status)
	}
	if c.cookies["sabaq_session"] != "" {
		t.Error("a throttled log-in set a session")
	}
}

func TestLogout_RevokesTheSession(t *testing.T) {
	h := newHarness(t)
	c := h.client()
	signup(t, c, "omar", "a long password")
	token := c.cookies["sabaq_session"]
	c.post("/", "/logout", url.Values{})
	replay := h.client()
	replay.cookies["sabaq_session"] = token
	if res := replay.get("/account"); res.status != http.StatusSeeOther {
		t.Errorf("the logged-out session still opens /account: %d", res.status)
	}
}

func TestChangePassword_EndsOtherSessions(t *testing.T) {
	h := newHarness(t)
	laptop := h.client()
	signup(t, laptop, "sana", "first password")
	phone := h.client()
	login(t, phone, "sana", "first password")
	res := laptop.post("/account", "/account/password", url.Values{"current": {"first password"},
		"password": {"second password"}, "password2": {"second password"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("change password: %d", res.status)
	}
	if res := laptop.get("/account"); res.status != 200 {
		t.Errorf("the session that changed the password was ended: %d", res.status)
	}
	if res := phone.get("/account"); res.status != http.StatusSeeOther {
		t.Errorf("the other session survived the password change: %d", res.status)
	}
	if res := login(t, h.client(), "sana", "second password"); res.status != http.StatusSeeOther {
		t.Errorf("the new password does not log in: %d", res.status)
	}
	// A wrong current password changes nothing.
	res = laptop.post("/account", "/account/password", url.Values{"current": {"nope"}, "password": {"third password"}, "password2": {"third password"}})
	if res.status != http.StatusBadRequest {
		t.Errorf("wrong current password: %d; want 400", res.status)
	}
}

func TestInvite_MakesATeacherOnce(t *testing.T) {
	h := newHarness(t)
	head := h.teacher(t, "head")
	page := head.post("/account", "/account/invites", url.Values{})
	link, _ := page.doc.Find(`[data-testid="invite-link"]`).Attr("value")
	u, err := url.Parse(link)
	if err != nil || u.Query().Get("invite") == "" {
		t.Fatalf("invite link %q", link)
	}
	invite := u.Query().Get("invite")
	newbie := h.client()
	res := newbie.post("/signup?invite="+invite, "/signup", url.Values{"username": {"new.teacher"}, "password": {"a long password"},
		"password2": {"a long password"}, "invite": {invite}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("signup with invite: %d", res.status)
	}
	acc, _, _ := h.store.AccountByUsername(context.Background(), "new.teacher")
	if acc.Role != questions.Teacher {
		t.Errorf("role %q; want teacher", acc.Role)
	}
	if res := h.client().get("/signup?invite=" + invite); res.status != http.StatusBadRequest {
		t.Errorf("a used invite still opens the form: %d", res.status)
	}
	// Students cannot make invitations.
	student := h.client()
	signup(t, student, "pupil", "a long password")
	if res := student.post("/account", "/account/invites", url.Values{}); res.status != http.StatusForbidden {
		t.Errorf("a student making an invite: %d; want 403", res.status)
	}
}
