package handlers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
)

const (
	learnerCookie = "sabaq_learner"
	sessionCookie = "sabaq_session"
)

// identify finds who is asking: a logged-in account (session cookie) and its
// learner, or an anonymous learner (learner cookie), creating a new
// anonymous learner and cookie on a first visit.
func (a *App) identify(c *fiber.Ctx) error {
	ctx := c.UserContext()
	if token := c.Cookies(sessionCookie); token != "" && len(token) < 100 {
		acc, l, err := a.Store.AccountBySession(ctx, token)
		switch {
		case err == nil:
			c.Locals("account", acc)
			c.Locals("learner", l)
			return c.Next()
		case errors.Is(err, questions.ErrNotFound):
			a.clearCookie(c, sessionCookie) // expired or revoked
		default:
			return err
		}
	}
	if token := c.Cookies(learnerCookie); token != "" && len(token) < 100 {
		l, err := a.Store.LearnerByToken(ctx, token)
		if err == nil {
			c.Locals("learner", l)
			return c.Next()
		}
		if !errors.Is(err, questions.ErrNotFound) {
			return err
		}
	}
	// A form posted without a known learner cannot carry a valid token, so
	// do not make a learner for it; checkCSRF will refuse it.
	if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
		return c.Next()
	}
	l, token, err := a.Store.CreateLearner(ctx)
	if err != nil {
		return err
	}
	a.setCookie(c, learnerCookie, token, time.Now().AddDate(1, 0, 0))
	c.Locals("learner", l)
	return c.Next()
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

// learner returns the learner identify found.
func learner(c *fiber.Ctx) (questions.Learner, bool) {
	l, ok := c.Locals("learner").(questions.Learner)
	return l, ok
}

// csrfToken is an HMAC of the learner's id: it needs no storage, and a page
// of another site cannot know it.
func (a *App) csrfToken(c *fiber.Ctx) string {
	l, ok := learner(c)
	if !ok {
		return ""
	}
	m := hmac.New(sha256.New, a.CSRFKey)
	m.Write([]byte("csrf:learner:" + strconv.FormatInt(l.ID, 10)))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

var errCSRF = questions.Errorf(questions.EFORBIDDEN,
	"This form has expired or did not come from Sabaq, so nothing was saved. Go back, reload the page and try again.")

// checkCSRF refuses any state-changing request without the learner's token.
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
	return c.Next()
}
