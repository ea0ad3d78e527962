package handlers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/gofiber/fiber/v2"
	"github.com/klauspost/compress/gzip"
)

// staticAssets serves the embedded stylesheet, script and icon, each
// compressed once at the best levels (Brotli, else gzip) rather than on
// every request, with an ETag so that a browser revalidating after a day
// gets a 304 and no body.
type staticAssets map[string]*asset

type asset struct {
	body        []byte
	contentType string
	etag        string

	once   sync.Once // the compressed forms are made on first use, keeping start-up fast
	br, gz []byte
}

// bundles are the assets kept in parts, one file a concern, and served as
// one file each: a page makes one request for its style and one for its
// script however many parts there are. Parts join in name order.
var bundles = map[string]string{"css": "style.css", "js": "app.js"}

func loadStatic(files fs.FS) (staticAssets, error) {
	out := staticAssets{}
	parts := map[string][]byte{}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		if name, ok := bundles[path.Dir(p)]; ok {
			// WalkDir visits a folder's files in lexical order.
			parts[name] = append(append(parts[name], body...), '\n')
			return nil
		}
		out[p] = newAsset(p, body)
		return nil
	})
	for name, body := range parts {
		out[name] = newAsset(name, body)
	}
	return out, err
}

func newAsset(name string, body []byte) *asset {
	sum := sha256.Sum256(body)
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	return &asset{body: body, contentType: ct, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
}

func (a *asset) compressed() (br, gz []byte) {
	a.once.Do(func() {
		if !compressible(a.contentType) {
			return
		}
		var b bytes.Buffer
		w := brotli.NewWriterLevel(&b, brotli.BestCompression)
		if _, err := w.Write(a.body); err == nil && w.Close() == nil {
			a.br = bytes.Clone(b.Bytes())
		}
		b.Reset()
		g, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // a valid level: no error
		if _, err := g.Write(a.body); err == nil && g.Close() == nil {
			a.gz = bytes.Clone(b.Bytes())
		}
	})
	return a.br, a.gz
}

// serve answers GET and HEAD /static/* from the embedded files.
func (s staticAssets) serve(c *fiber.Ctx) error {
	a, ok := s[c.Params("*")]
	if !ok {
		return fiber.ErrNotFound
	}
	h := &c.Response().Header
	h.Set(fiber.HeaderCacheControl, "public, max-age=86400")
	h.Set(fiber.HeaderETag, a.etag)
	h.Set(fiber.HeaderContentType, a.contentType)
	if c.Get(fiber.HeaderIfNoneMatch) == a.etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	body := a.body
	if br, gz := a.compressed(); br != nil || gz != nil {
		h.Set(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
		req := &c.Request().Header
		switch {
		case br != nil && req.HasAcceptEncoding("br"):
			body = br
			h.Set(fiber.HeaderContentEncoding, "br")
		case gz != nil && req.HasAcceptEncoding("gzip"):
			body = gz
			h.Set(fiber.HeaderContentEncoding, "gzip")
		}
	}
	// Shared, never changed: the response must not copy or modify it.
	c.Response().SetBodyRaw(body)
	return nil
}
