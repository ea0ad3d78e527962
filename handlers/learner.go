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

const learnerCookie = "sabaq_learner"

// identify finds the learner from their cookie, creating a new anonymous
// learner (and cookie) on a first visit.
func (a *App) identify(c *fiber.Ctx) error {
	ctx := c.UserContext()
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
	c.Cookie(&fiber.Cookie{
		Name:     learnerCookie,
		Value:    token,
		Path:     "/",
		Expires:  time.Now().AddDate(1, 0, 0),
		HTTPOnly: true,
		Secure:   a.SecureCookies,
		SameSite: fiber.CookieSameSiteLaxMode,
	})
	c.Locals("learner", l)
	return c.Next()
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
