package handlers

import (
	"bytes"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/klauspost/compress/gzip"
)

// compressResponses gzips every text response a client accepts gzip for,
// with klauspost/compress at its fastest level and a pooled writer. It
// replaces Fiber's compress middleware, which prefers Brotli at level 4: on
// a 2 KB review page that took about 100 µs of CPU, more than the rest of
// the page together. A hand-written encoder for small pages was measured
// against it on the real pages (README, Performance) and was not twice as
// fast on the review page, so it went. Error pages go through the error
// handler first, so that they are compressed too. The embedded assets and
// the kept public pages come already compressed (staticAssets,
// publicPages).
func (a *App) compressResponses(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		if err := a.handleError(c, err); err != nil {
			return err
		}
	}
	resp := c.Response()
	body := resp.Body()
	if len(body) < minCompress || len(resp.Header.ContentEncoding()) > 0 ||
		!compressible(string(resp.Header.ContentType())) {
		return nil
	}
	if len(resp.Header.Peek(fiber.HeaderVary)) == 0 { // a kept page says it already
		resp.Header.Add(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
	}
	if !c.Request().Header.HasAcceptEncoding("gzip") {
		return nil
	}
	z := gzips.Get().(*gzipper)
	defer gzips.Put(z)
	z.buf.Reset()
	z.w.Reset(&z.buf)
	if _, err := z.w.Write(body); err != nil {
		return err
	}
	if err := z.w.Close(); err != nil {
		return err
	}
	resp.SetBody(z.buf.Bytes())
	resp.Header.Set(fiber.HeaderContentEncoding, "gzip")
	return nil
}

// minCompress is the smallest body worth compressing: below it, gzip's
// header and trailer outweigh the saving.
const minCompress = 200

// compressible says whether a content type is text.
func compressible(contentType string) bool {
	for _, p := range []string{"text/", "application/json", "application/javascript", "application/xml", "image/svg+xml"} {
		if strings.HasPrefix(contentType, p) {
			return true
		}
	}
	return false
}

type gzipper struct {
	buf bytes.Buffer
	w   *gzip.Writer
}

var gzips = sync.Pool{New: func() any {
	z := &gzipper{}
	z.w, _ = gzip.NewWriterLevel(&z.buf, gzip.BestSpeed) // a valid level: no error
	return z
}}
