package handlers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash/crc32"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/andybalholm/brotli"
	"github.com/gofiber/fiber/v2"
	"github.com/klauspost/compress/gzip"

	"sabaq/questions"
	"sabaq/views"
)

// Public pages, kept: the timeline (per theme) and the event pages are the
// same for every visitor who is not logged in, but for the CSRF token in
// an event page's practise form. They are rendered once per bank change
// (Bank.Version: teachers' questions and hidden questions; an event page
// counts its questions) and kept as ready bytes, compressed once with
// gzip and Brotli, with an ETag that a conditional GET is answered 304 for.
// A logged-in account's pages say who is logged in, so they are rendered
// as before and never kept.
//
// A kept page with no token (the timeline) is served before identify: it
// needs no learner and sets no cookie. An event page is served from the
// handler, after identify, with the learner's token put where the kept
// page has csrfHole; it is sent whole or gzipped per request by
// compressResponses.

// csrfHole stands for the learner's CSRF token in a kept page. Nothing
// templ escapes is in it, so it comes out as written.
const csrfHole = "csrf-hole-4f1c9a27e0b3"

// publicPages keeps the rendered public pages by key.
type publicPages struct {
	app      *App
	mu       sync.RWMutex
	pages    map[string]*publicPage
	building sync.Mutex // one page rendered at a time: a bank change is not a stampede
}

// publicPage is one kept page: its parts between the holes, and, if it has
// no hole, its compressed forms.
type publicPage struct {
	version  uint64   // of the bank it was rendered from
	parts    [][]byte // the page split at csrfHole
	etag     string   // weak: the same for every encoding of the page
	gzip, br []byte   // only for a page without a hole
}

// newPublicPages makes the (empty) store of a's public pages; routes
// makes one and gives its handlers to the public pages' routes.
func newPublicPages(a *App) *publicPages {
	return &publicPages{app: a, pages: map[string]*publicPage{}}
}

// page returns the kept page for key, rendering it with build when there
// is none or the bank changed since. Keys come only from valid themes and
// event ids, so the map stays as small as the timeline.
func (pp *publicPages) page(key string, build func() templ.Component) (*publicPage, error) {
	// Read before rendering: a change meanwhile leaves the page older than
	// the bank, and the next request renders it again.
	v := pp.app.Bank.Version()
	if p := pp.kept(key); p != nil && p.version == v {
		return p, nil
	}
	pp.building.Lock()
	defer pp.building.Unlock()
	old := pp.kept(key)
	if old != nil && old.version == v {
		return old, nil // made while this request waited
	}
	var buf bytes.Buffer
	if err := build().Render(context.Background(), &buf); err != nil {
		return nil, err
	}
	body := buf.Bytes()
	sum := sha256.Sum256(body)
	p := &publicPage{version: v, parts: bytes.Split(body, []byte(csrfHole)), etag: `W/"` + hex.EncodeToString(sum[:12]) + `"`}
	if old != nil && old.etag == p.etag {
		// Most bank changes leave a page as it was: keep its compressed
		// forms rather than make them again.
		p.gzip, p.br = old.gzip, old.br
	} else if len(p.parts) == 1 {
		var err error
		if p.gzip, err = gzipBytes(body); err != nil {
			return nil, err
		}
		if p.br, err = brotliBytes(body); err != nil {
			return nil, err
		}
	}
	pp.mu.Lock()
	pp.pages[key] = p
	pp.mu.Unlock()
	return p, nil
}

func (pp *publicPages) kept(key string) *publicPage {
	pp.mu.RLock()
	defer pp.mu.RUnlock()
	return pp.pages[key]
}

// serve sends a kept page, with token in its holes: 304 when the request
// holds the page's ETag, else the bytes in the best encoding the client
// accepts. The security headers are already set (securityHeaders).
func (p *publicPage) serve(c *fiber.Ctx, token string) error {
	h := &c.Response().Header
	h.SetContentType(fiber.MIMETextHTMLCharsetUTF8)
	// Kept by the browser but asked about each time; never by a shared
	// cache, since a logged-in account gets another page at the same URL.
	h.Set(fiber.HeaderCacheControl, "private, no-cache")
	h.Set(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
	etag := p.etag
	if len(p.parts) > 1 {
		// The page carries the learner's token: so does its tag.
		etag = etag[:len(etag)-1] + "-" + crc32hex(token) + `"`
	}
	h.Set(fiber.HeaderETag, etag)
	if etagMatch(c.Get(fiber.HeaderIfNoneMatch), etag) {
		c.Status(fiber.StatusNotModified)
		return nil
	}
	if len(p.parts) > 1 {
		// compressResponses compresses it.
		c.Response().SetBodyRaw(bytes.Join(p.parts, []byte(token)))
		return nil
	}
	switch req := &c.Request().Header; {
	case req.HasAcceptEncoding("br"):
		h.Set(fiber.HeaderContentEncoding, "br")
		c.Response().SetBodyRaw(p.br)
	case req.HasAcceptEncoding("gzip"):
		h.Set(fiber.HeaderContentEncoding, "gzip")
		c.Response().SetBodyRaw(p.gzip)
	default:
		c.Response().SetBodyRaw(p.parts[0])
	}
	return nil
}

func crc32hex(s string) string {
	var b [4]byte
	sum := crc32.ChecksumIEEE([]byte(s))
	b[0], b[1], b[2], b[3] = byte(sum>>24), byte(sum>>16), byte(sum>>8), byte(sum)
	return hex.EncodeToString(b[:])
}

// etagMatch says whether an If-None-Match header holds etag, compared
// weakly as RFC 9110 says for If-None-Match.
func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // a valid level: no error
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func brotliBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	// Level 5, not 11: on the 80 KB timeline, 8.8 KB in some 35 ms against
	// 7.4 KB in close to a second, which the first visitor after a change
	// would wait.
	w := brotli.NewWriterLevel(&buf, 5)
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// visitor says whether a request comes from no logged-in account, before
// identify has looked: one with a session cookie, even an expired one, goes
// the ordinary way.
func visitor(c *fiber.Ctx) bool {
	return len(c.Request().Header.Cookie(sessionCookie)) == 0 && len(c.Request().URI().QueryArgs().Peek(reportedFlag)) == 0
}

// timeline serves the kept timeline to a visitor; anyone else, and an
// unknown theme, go on to identify and the timeline handler.
func (pp *publicPages) timeline(c *fiber.Ctx) error {
	if !visitor(c) {
		return c.Next()
	}
	theme := c.Query("theme")
	if _, ok := questions.ThemeByID(theme); theme != "" && !ok {
		return c.Next()
	}
	p, err := pp.page("timeline?theme="+theme, func() templ.Component {
		vm, _ := pp.app.timelineView(views.Page{Title: "Timeline", Nav: "timeline"}, theme) // theme checked above
		return views.Timeline(vm)
	})
	if err != nil {
		return err
	}
	return p.serve(c, "")
}

// event serves the kept page of an event to a learner who is not logged
// in, with the learner's token (identify has run); anyone else, and an
// unknown event, get the event handler.
func (pp *publicPages) event(c *fiber.Ctx) error {
	_, loggedIn := account(c)
	e, ok := pp.app.Timeline.Event(c.Params("id"))
	if loggedIn || !ok || !visitor(c) {
		return pp.app.event(c)
	}
	p, err := pp.page("event:"+e.ID, func() templ.Component {
		return views.Event(pp.app.eventView(views.Page{Title: e.Title, Nav: "timeline", CSRF: csrfHole}, e))
	})
	if err != nil {
		return err
	}
	return p.serve(c, pp.app.csrfToken(c))
}
