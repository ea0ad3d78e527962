package handlers_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	kgzip "github.com/klauspost/compress/gzip"

	"sabaq/db"
	"sabaq/handlers"
	"sabaq/questions"
)

// fetch asks for path as a browser would, offering the given encodings.
func fetch(t *testing.T, h *harness, path, acceptEncoding string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := h.app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

func decode(t *testing.T, encoding string, b []byte) string {
	t.Helper()
	var r io.Reader
	switch encoding {
	case "gzip":
		z, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("not gzip: %v", err)
		}
		r = z
	case "br":
		r = brotli.NewReader(bytes.NewReader(b))
	default:
		return string(b)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s body does not decode: %v", encoding, err)
	}
	return string(out)
}

func TestCompression_EveryTextResponseAsTheBrowserAccepts(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		path, accept string
		status       int
		encoding     string // "" for none
		contains     string
	}{
		{"/", "gzip, deflate, br, zstd", 200, "gzip", "</html>"},
		{"/timeline", "gzip, deflate, br", 200, "br", "</html>"}, // kept, compressed once (publiccache.go)
		{"/timeline", "gzip", 200, "gzip", "</html>"},
		{"/", "", 200, "", "</html>"},
		{"/", "identity", 200, "", "</html>"},
		{"/no-such-page", "gzip", 404, "gzip", "Not found"},
		{"/static/style.css", "gzip, deflate, br", 200, "br", "body"},
		{"/static/app.js", "gzip", 200, "gzip", "document"},
		{"/static/style.css", "", 200, "", "body"},
		{"/healthz", "gzip", 200, "", ""}, // too short to be worth it
	}
	for _, tc := range tests {
		t.Run(tc.path+" "+tc.accept, func(t *testing.T) {
			res, b := fetch(t, h, tc.path, tc.accept)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d; want %d", res.StatusCode, tc.status)
			}
			if got := res.Header.Get("Content-Encoding"); got != tc.encoding {
				t.Fatalf("Content-Encoding %q; want %q", got, tc.encoding)
			}
			body := decode(t, tc.encoding, b)
			if !strings.Contains(body, tc.contains) {
				t.Fatalf("decoded body lacks %q: %.200s", tc.contains, body)
			}
			if tc.encoding != "" && len(b) >= len(body) {
				t.Errorf("%d bytes sent for %d: not smaller", len(b), len(body))
			}
			if tc.encoding != "" && !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Error("no Vary: Accept-Encoding on a compressed response")
			}
		})
	}
}

func TestStatic_RevalidatesWithETagAndRefusesUnknownFiles(t *testing.T) {
	h := newHarness(t)
	res, _ := fetch(t, h, "/static/style.css", "br")
	etag := res.Header.Get("ETag")
	if etag == "" || !strings.Contains(res.Header.Get("Cache-Control"), "max-age") {
		t.Fatalf("ETag %q, Cache-Control %q", etag, res.Header.Get("Cache-Control"))
	}
	res, b := fetch(t, h, "/static/style.css", "br", "If-None-Match", etag)
	if res.StatusCode != http.StatusNotModified || len(b) != 0 {
		t.Fatalf("revalidation: %d with %d bytes; want 304 and no body", res.StatusCode, len(b))
	}
	res, _ = fetch(t, h, "/static/style.css", "br", "If-None-Match", `"stale"`)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("a stale ETag gave %d; want 200", res.StatusCode)
	}
	for _, p := range []string{"/static/nothing.css", "/static/../go.mod", "/static/"} {
		if res, _ := fetch(t, h, p, ""); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d; want 404", p, res.StatusCode)
		}
	}
}

// benchPages are real pages as the app sends them before compression: the
// timeline, an event page and a review page.
func benchPages(b *testing.B) map[string][]byte {
	b.Helper()
	ctx := context.Background()
	store, err := db.Open(ctx, filepath.Join(b.TempDir(), "sabaq.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	key, err := store.Secret(ctx, "csrf")
	if err != nil {
		b.Fatal(err)
	}
	tl, err := questions.Load()
	if err != nil {
		b.Fatal(err)
	}
	app := handlers.New(handlers.Deps{Store: store, Timeline: tl, Bank: questions.NewBank(tl), CSRFKey: key,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var cookies []*http.Cookie
	get := func(path string) []byte {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
		res, err := app.Test(req, -1)
		if err != nil {
			b.Fatal(err)
		}
		defer res.Body.Close()
		cookies = append(cookies, res.Cookies()...)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		return body
	}
	return map[string][]byte{
		"review":   get("/review"),
		"event":    get("/timeline/" + tl.Events[len(tl.Events)/2].ID),
		"timeline": get("/timeline"),
	}
}

// BenchmarkCompressPage measures gzip's fastest modes on real pages: ns/op
// is the time per page, B/page what is sent. It chose the encoder of
// compressResponses (README, Performance).
func BenchmarkCompressPage(b *testing.B) {
	pages := benchPages(b)
	for _, name := range []string{"review", "event", "timeline"} {
		page := pages[name]
		for _, level := range []struct {
			name  string
			level int
		}{{"gzip-1", kgzip.BestSpeed}, {"stateless", kgzip.StatelessCompression}} {
			b.Run(name+"/"+level.name, func(b *testing.B) {
				var buf bytes.Buffer
				z, _ := kgzip.NewWriterLevel(&buf, level.level)
				b.SetBytes(int64(len(page)))
				for range b.N {
					buf.Reset()
					z.Reset(&buf)
					z.Write(page)
					z.Close()
				}
				b.ReportMetric(float64(buf.Len()), "B/page")
			})
		}
	}
}
