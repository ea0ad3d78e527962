package handlers

import (
	"errors"
	"regexp"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions/sets/formats"
)

// This file holds the middleware New puts in front of every route: the
// request log, the body limit and the security headers (the response
// compression is in compress.go).

// MaxBody is the largest request body accepted, but for an import's upload
// (MaxUpload) and the item form's (MaxItemUpload; see limitBody).
const MaxBody = 64 * 1024

// MaxUpload is the app's body limit: an import's file (formats.MaxBytes)
// and the rest of its form. Every other request is held to MaxBody by
// limitBody.
const MaxUpload = formats.MaxBytes + 1<<20

// MaxItemUpload is the most the item form may send: its pictures (up to
// media.MaxBytes each; a photograph saved for the web is well under it) and
// the rest of the form. It is the app's body limit, MaxUpload (6 MB: three
// full-size pictures, or more smaller ones): a larger limit would make every
// route read bodies that large before limitBody could refuse them.
const MaxItemUpload = MaxUpload

// importUpload matches the two routes that take a file.
var importUpload = regexp.MustCompile(`(?i)^/teach/(sets/[0-9]+/)?import/?$`)

// itemUpload matches the item form's routes, which take pictures.
var itemUpload = regexp.MustCompile(`(?i)^/teach/sets/[0-9]+/items/(new|[0-9]+/edit)/?$`)

// limitBody refuses a body over MaxBody, except an import's upload (up to
// MaxUpload) and the item form's (up to MaxItemUpload): Fiber v2 has one
// body limit for the whole app, set to MaxUpload so that imports fit.
func limitBody(c *fiber.Ctx) error {
	n := len(c.Request().Body())
	if n <= MaxBody {
		return c.Next()
	}
	switch {
	case c.Method() != fiber.MethodPost:
	case importUpload.MatchString(c.Path()):
		return c.Next()
	case itemUpload.MatchString(c.Path()) && n <= MaxItemUpload:
		return c.Next()
	}
	return fiber.ErrRequestEntityTooLarge
}

// logRequests logs each request with its status and duration.
func (a *App) logRequests(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		var fe *fiber.Error
		if errors.As(err, &fe) {
			status = fe.Code
		} else {
			status = statusOf(err)
		}
	}
	a.Logger.Info("request", "method", c.Method(), "path", c.Path(), "status", status,
		"duration_ms", float64(time.Since(start).Microseconds())/1000)
	return err
}

// securityHeaders forbids inline scripts, framing and content sniffing, and
// over HTTPS asks browsers to keep to HTTPS.
func securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	if c.Protocol() == "https" {
		// Only over HTTPS: sent over plain HTTP (a school LAN without TLS)
		// it would mean nothing, and browsers ignore it there anyway.
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	return c.Next()
}
