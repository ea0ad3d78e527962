package handlers_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"sabaq/questions"
	"sabaq/questions/media"
)

func TestMedia_ServedAsStoredWithALongCache(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	acc, err := h.store.CreateAccount(ctx, questions.NewAccount{Username: "mrs-khan", PasswordHash: []byte("x"), Role: questions.Teacher})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	pic, err := media.New(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.PutMedia(ctx, acc.ID, []media.File{pic}); err != nil {
		t.Fatal(err)
	}
	c := h.client()
	res := c.get(pic.URL())
	if res.status != http.StatusOK || res.body != string(pic.Data) {
		t.Fatalf("GET %s = %d, %d bytes", pic.URL(), res.status, len(res.body))
	}
	for k, want := range map[string]string{"Content-Type": "image/png", "X-Content-Type-Options": "nosniff",
		"Cache-Control": "public, max-age=31536000, immutable"} {
		if got := res.header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if len(c.cookies) != 0 {
		t.Errorf("a picture set cookies: %v", c.cookies)
	}
	req := map[string]string{"If-None-Match": res.header.Get("ETag")}
	if got := doWith(t, h, pic.URL(), req); got != http.StatusNotModified {
		t.Errorf("conditional GET = %d, want 304", got)
	}
	other := strings.Repeat("0", 64) + ".png"
	for _, p := range []string{"/media/" + other, "/media/..%2Fsabaq.db", "/media/" + strings.TrimSuffix(pic.Name, ".png") + ".svg"} {
		res := h.client().get(p)
		if res.status != http.StatusNotFound || res.header.Get("Cache-Control") == "public, max-age=31536000, immutable" {
			t.Errorf("GET %s = %d (%s), want an uncached 404", p, res.status, res.header.Get("Cache-Control"))
		}
	}
}

// doWith sends a GET with extra headers and returns the status.
func doWith(t *testing.T, h *harness, path string, headers map[string]string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, path, nil)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := h.app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}
