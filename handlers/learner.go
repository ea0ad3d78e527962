package handlers

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions"
)

const (
	learnerCookie = "sabaq_learner"
	sessionCookie = "sabaq_session"
)

// identify finds who is asking: a logged-in account (session cookie) and its
// learner, or an anonymous visitor (learner cookie). It writes nothing: a
// first visit gets a cookie with a new random token, and the visitor is a
// learner with ID 0 (no progress) until their first state-changing
// request, when checkCSRF stores the learner under that token.
func (a *App) identify(c *fiber.Ctx) error {
	ctx := c.UserContext()
	if token := c.Cookies(sessionCookie); token != "" && len(token) < 100 {
		acc, l, err := a.Store.AccountBySession(ctx, token)
		switch {
		case err == nil:
			c.Locals("account", acc)
			c.Locals("learner", l)
			c.Locals(csrfSubject, "session:"+token)
			return c.Next()
		case errors.Is(err, questions.ErrNotFound):
			a.clearCookie(c, sessionCookie) // expired or revoked
		default:
			return err
		}
	}
	token := strings.Clone(c.Cookies(learnerCookie))
	if anonToken.MatchString(token) {
		l, err := a.Store.LearnerByToken(ctx, token)
		switch {
		case err == nil:
			c.Locals("learner", l)
			c.Locals(csrfSubject, "anon:"+token)
			return c.Next()
		case errors.Is(err, db.ErrTokenSpent):
			token = "" // its learner belongs to an account now
		case errors.Is(err, questions.ErrNotFound):
			// Issued and not stored yet, or its learner was deleted: the
			// learner is stored on the first state-changing request.
		default:
			return err
		}
	} else {
		token = ""
	}
	if token == "" {
		// A form posted without a cookie cannot carry a valid CSRF token:
		// checkCSRF will refuse it.
		if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
			return c.Next()
		}
		token = newAnonToken()
		a.setCookie(c, learnerCookie, token, time.Now().AddDate(1, 0, 0))
	}
	c.Locals("learner", questions.Learner{})
	c.Locals(unstoredToken, token)
	c.Locals(csrfSubject, "anon:"+token)
	return c.Next()
}

// Locals keys of identify.
const (
	csrfSubject   = "csrfSubject"   // what the CSRF token is an HMAC of
	unstoredToken = "unstoredToken" // the cookie token of a learner not stored yet
)

// anonToken is the shape of an anonymous cookie token: 32 random bytes,
// base64url without padding, as db.CreateLearner and newAnonToken make them.
var anonToken = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

func newAnonToken() string {
	raw := make([]byte, 32)
	rand.Read(raw)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// learnerStore is what identifying visitors needs from storage.
type learnerStore interface {
	LearnerByToken(ctx context.Context, token string) (questions.Learner, error)
	CreateLearnerWithToken(ctx context.Context, token string) (questions.Learner, error)
	DiscardLearner(ctx context.Context, learnerID int64) error
}

// storeLearner stores the anonymous learner of a visitor's cookie token, on
// their first state-changing request, with checkCSRF's token already checked.
func (a *App) storeLearner(c *fiber.Ctx) (questions.Learner, error) {
	token, _ := c.Locals(unstoredToken).(string)
	if token == "" {
		return questions.Learner{}, errCSRF
	}
	l, err := a.Store.CreateLearnerWithToken(c.UserContext(), token)
	if errors.Is(err, db.ErrTokenSpent) { // claimed since the page was shown
		return questions.Learner{}, errCSRF
	}
	if err != nil {
		return questions.Learner{}, err
	}
	c.Locals("learner", l)
	c.Locals(unstoredToken, nil)
	return l, nil
}

// setCookie sets an HttpOnly, SameSite=Lax cookie, Secure behind TLS.
func (a *App) setCookie(c *fiber.Ctx, name, value string, expires time.Time) {
	c.Cookie(&fiber.Cookie{
		Name:     name,
		Value:    value,
		Path:     "/",
		Expires:  expires,
		HTTPOnly: true,
		Secure:   a.SecureCookies || c.Protocol() == "https",
		SameSite: fiber.CookieSameSiteLaxMode,
	})
}

func (a *App) clearCookie(c *fiber.Ctx, name string) {
	a.setCookie(c, name, "", time.Unix(1, 0))
}

// account returns the logged-in account, if any.
func account(c *fiber.Ctx) (questions.Account, bool) {
	acc, ok := c.Locals("account").(questions.Account)
	return acc, ok
}

// learner returns the learner identify found. On a GET it may be an
// anonymous visitor not stored yet: ID 0, with no progress. On any other
// method it has been stored (checkCSRF sees to it).
func learner(c *fiber.Ctx) (questions.Learner, bool) {
	l, ok := c.Locals("learner").(questions.Learner)
	return l, ok
}

// csrfToken is an HMAC of the session: of the log-in session's token for an
// account (so it changes at log-in and log-out), of the cookie token for an
// anonymous visitor. It needs no storage, and a page of another site cannot
// know it.
func (a *App) csrfToken(c *fiber.Ctx) string {
	subject, _ := c.Locals(csrfSubject).(string)
	if subject == "" {
		return ""
	}
	m := hmac.New(sha256.New, a.CSRFKey)
	m.Write([]byte("csrf:" + subject))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

var errCSRF = questions.Errorf(questions.EFORBIDDEN,
	"This form has expired or did not come from Sabaq, so nothing was saved. Go back, reload the page and try again.")

// checkCSRF refuses any state-changing request without the session's
// token, and then stores the learner of an anonymous visitor on their first
// such request, so that no handler behind it sees an unstored learner.
func (a *App) checkCSRF(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	want := a.csrfToken(c)
	got := c.FormValue("_csrf")
	if want == "" || !hmac.Equal([]byte(got), []byte(want)) {
		return errCSRF
	}
	if l, _ := learner(c); l.ID != 0 {
		return c.Next()
	}
	l, err := a.storeLearner(c)
	if err != nil {
		return err
	}
	err = c.Next()
	if err != nil || c.Response().StatusCode() >= fiber.StatusBadRequest {
		// A refused request leaves nothing behind, not even its learner.
		if err := a.Store.DiscardLearner(c.UserContext(), l.ID); err != nil {
			a.Logger.Error("discard learner", "learner", l.ID, "err", err)
		}
	}
	return err
}
