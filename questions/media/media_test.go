package media

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// picture encodes a 2×2 picture with enc.
func picture(t *testing.T, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := enc(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestNew(t *testing.T) {
	pngData := picture(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) })
	jpegData := picture(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) })
	gifData := picture(t, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) })
	// A WebP file's header: RIFF, its size, WEBP, then a chunk.
	webpData := append([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00"), make([]byte, 14)...)
	tests := []struct {
		name     string
		data     []byte
		wantMIME string
		wantExt  string
		wantErr  error
	}{
		{"png", pngData, "image/png", ".png", nil},
		{"jpeg", jpegData, "image/jpeg", ".jpg", nil},
		{"gif", gifData, "image/gif", ".gif", nil},
		{"webp", webpData, "image/webp", ".webp", nil},
		{"svg is refused by name", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "", "", ErrSVG},
		{"svg without a prolog", []byte(`<SVG><script>alert(1)</script></SVG>`), "", "", ErrSVG},
		{"html named .png is not a picture", []byte(`<html><script>alert(1)</script></html>`), "", "", ErrType},
		{"empty", nil, "", "", ErrEmpty},
		{"too large", append(pngData, make([]byte, MaxBytes)...), "", "", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := New(tt.data)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if f.MIME != tt.wantMIME || !strings.HasSuffix(f.Name, tt.wantExt) || !ValidName(f.Name) {
				t.Errorf("got %s %q", f.MIME, f.Name)
			}
			if f.URL() != "/media/"+f.Name || NameOf(f.URL()) != f.Name {
				t.Errorf("URL %q, NameOf %q", f.URL(), NameOf(f.URL()))
			}
			if again, _ := New(bytes.Clone(tt.data)); again.Name != f.Name {
				t.Errorf("the same bytes named %q then %q", f.Name, again.Name)
			}
		})
	}
}

func TestValidNameRefusesPaths(t *testing.T) {
	for _, n := range []string{"", "../etc/passwd", strings.Repeat("a", 64) + ".svg", strings.Repeat("A", 64) + ".png",
		strings.Repeat("a", 63) + ".png", strings.Repeat("a", 64) + ".png/x"} {
		if ValidName(n) {
			t.Errorf("ValidName(%q) = true", n)
		}
	}
}

func TestAltFromName(t *testing.T) {
	tests := map[string]string{
		"durand_line-map.png":        "durand line map",
		"maps/Ayub Khan 1965.JPG":    "Ayub Khan 1965",
		`C:\pics\tashkent+1966.webp`: "tashkent 1966",
		".png":                       "picture",
		"":                           "picture",
	}
	for in, want := range tests {
		if got := AltFromName(in); got != want {
			t.Errorf("AltFromName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRewrite(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no picture is left byte for byte", "<p>Who signed  <b>it</b>?", "<p>Who signed  <b>it</b>?"},
		{"src and a missing alt set", `<p>Map: <img src="map.png"></p>`, `<p>Map: <img src="/media/x.png" alt="map"/></p>`},
		{"an alt kept", `<img src="map.png" alt="The Durand Line">`, `<img src="/media/x.png" alt="The Durand Line"/>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Rewrite(tt.in, func(im *Image) {
				im.Src = "/media/x.png"
				if !im.HasAlt {
					im.Alt = AltFromName("map.png")
				}
			})
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	if ims := Images(`<p><IMG SRC="a.png" alt=" "><img src="b.gif" alt="B"></p>`); len(ims) != 2 || ims[0].HasAlt || !ims[1].HasAlt || ims[1].Src != "b.gif" {
		t.Errorf("Images = %+v", ims)
	}
}
