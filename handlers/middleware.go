package handlers

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"sabaq/questions"
	"sabaq/questions/sets/formats"
)

// This file holds the middleware New puts in front of every route: the
// request log and the security headers (the response compression is in
// compress.go); and the body limits, which the server applies as it reads a
// request.

// MaxBody is the largest request body accepted, the app's body limit, but
// for a teacher's upload: an import's file (MaxUpload) or the item form's
// pictures (MaxItemUpload). See bodyLimits.
const MaxBody = 64 * 1024

// MaxUpload is the most an import's form may send: its file
// (formats.MaxBytes) and the rest of the form.
const MaxUpload = formats.MaxBytes + 1<<20

// MaxItemUpload is the most the item form may send: its pictures (up to
// media.MaxBytes each; a photograph saved for the web is well under it) and
// the rest of the form (6 MB: three full-size pictures, or more smaller
// ones).
const MaxItemUpload = MaxUpload

// MaxConnsPerAddress is how many connections one address may hold open at
// once (see Listener). A school's NAT puts every pupil behind one address,
// and a browser keeps up to six connections to a site: a class of 40 may
// hold 240, so the cap leaves room for two classes at their busiest. It
// stops one machine holding connections without end; what each may cost is
// bounded by bodyLimits.
const MaxConnsPerAddress = 500

// importUpload matches the two routes that take a file.
var importUpload = regexp.MustCompile(`(?i)^/teach/(sets/[0-9]+/)?import/?$`)

// writtenText matches the routes that take a written answer or draft:
// 50,000 characters of Urdu are about 100 KB of UTF-8, more than MaxBody.
var writtenText = regexp.MustCompile(`^/write/(paper/[0-9]+/save|[^/]+/(draft|submit))/?$`)

// MaxWrittenBody is the largest body of a written answer's form: 50,000
// characters of four bytes each, sent as multipart (which, unlike a URL-
// encoded form, does not triple every byte outside ASCII), and the rest of
// the form. A paper's Save sends every box, so it gets MaxPaperBody.
const (
	MaxWrittenBody = 256 * 1024
	MaxPaperBody   = 1024 * 1024
)

// itemUpload matches the item form's routes, which take pictures.
var itemUpload = regexp.MustCompile(`(?i)^/teach/sets/[0-9]+/items/(new|[0-9]+/edit)/?$`)

// bodyLimits is the server's HeaderReceived hook: it sets each request's
// body limit from its headers, before a byte of the body is read. A body
// over the limit is refused (413, through handleError) from its
// Content-Length without reading it, or, sent in chunks, as soon as it
// passes the limit. Every request is held to MaxBody but a teacher's upload:
// an import (MaxUpload) or the item form (MaxItemUpload), with longer to
// send it over a school's slow line. The teacher is looked up from the
// session cookie here because the body must be read before checkCSRF can
// find the token inside it; a form posted from another site carries no
// session cookie (SameSite=Lax), so it is held to MaxBody too. Before,
// the app's limit was an upload's for every route, and 300 connections
// each sending 6 MB held 2.5 GB.
func (a *App) bodyLimits(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
	n := h.ContentLength() // -1: chunked
	if !h.IsPost() || n >= 0 && n <= MaxBody {
		return fasthttp.RequestConfig{}
	}
	var uri fasthttp.URI
	if err := uri.Parse(nil, h.RequestURI()); err != nil {
		return fasthttp.RequestConfig{}
	}
	var limit int
	switch path := string(uri.PathOriginal()); {
	case writtenText.MatchString(path):
		// Anyone may write, as anyone may practise: no session needed. The
		// cost is bounded all the same, 1 MB a connection at most.
		limit = MaxWrittenBody
		if strings.HasPrefix(path, "/write/paper/") {
			limit = MaxPaperBody
		}
		return fasthttp.RequestConfig{MaxRequestBodySize: limit}
	case importUpload.MatchString(path):
		limit = MaxUpload
	case itemUpload.MatchString(path):
		limit = MaxItemUpload
	default:
		return fasthttp.RequestConfig{}
	}
	if !a.teacherSession(string(h.Cookie(sessionCookie))) {
		return fasthttp.RequestConfig{}
	}
	return fasthttp.RequestConfig{MaxRequestBodySize: limit, ReadTimeout: uploadTimeout}
}

// uploadTimeout is how long a teacher's upload may take to arrive: 6 MB
// over a line of half a megabit a second.
const uploadTimeout = 2 * time.Minute

// teacherSession reports whether a session cookie's token is a teacher's.
func (a *App) teacherSession(token string) bool {
	if token == "" || len(token) >= 100 {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	acc, _, err := a.Store.AccountBySession(ctx, token)
	if err != nil && !errors.Is(err, questions.ErrNotFound) {
		a.Logger.Error("looking up a session for an upload's body limit", "err", err)
	}
	return err == nil && acc.Role == questions.Teacher
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
