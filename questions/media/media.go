// Package media holds the pictures teachers put in their questions: which
// files are accepted (sniffed from their bytes, never from their names), how
// they are named (by the SHA-256 of their content, so a picture imported
// twice is stored once) and how a question's HTML refers to them. Plain Go:
// the store is in package db, the route in handlers.
package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"
)

// Limits on pictures.
const (
	// MaxBytes is the most one picture may be: a photograph or a map saved
	// for the web is well under it.
	MaxBytes = 2 << 20
	// Quota is the most a teacher's pictures may hold in all.
	Quota = 100 << 20
)

// File is one stored picture.
type File struct {
	Name string // "<sha256 hex>.<ext>": its name in the store and in /media/ URLs
	MIME string // image/png, image/jpeg, image/gif or image/webp
	Data []byte
}

// URL is where the page finds the picture.
func (f File) URL() string { return Prefix + f.Name }

// Prefix starts every picture's address.
const Prefix = "/media/"

// types are the accepted pictures by their first bytes.
var types = []struct {
	mime, ext string
	match     func([]byte) bool
}{
	{"image/png", "png", func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) }},
	{"image/jpeg", "jpg", func(b []byte) bool { return bytes.HasPrefix(b, []byte("\xff\xd8\xff")) }},
	{"image/gif", "gif", func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
	}},
	{"image/webp", "webp", func(b []byte) bool {
		return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP"
	}},
}

// Errors a teacher can act on; each says what to do.
var (
	ErrTooLarge = fmt.Errorf("the picture is larger than %d MB; save it smaller (a width of 1,600 pixels is plenty)", MaxBytes>>20)
	ErrSVG      = errors.New("SVG drawings are not accepted (they can carry scripts); save it as PNG")
	ErrType     = errors.New("only PNG, JPEG, GIF and WebP pictures are accepted")
	ErrEmpty    = errors.New("the picture file is empty")
)

// New checks data is an accepted picture and names it.
func New(data []byte) (File, error) {
	if len(data) == 0 {
		return File{}, ErrEmpty
	}
	if len(data) > MaxBytes {
		return File{}, ErrTooLarge
	}
	for _, t := range types {
		if t.match(data) {
			sum := sha256.Sum256(data)
			return File{Name: hex.EncodeToString(sum[:]) + "." + t.ext, MIME: t.mime, Data: data}, nil
		}
	}
	if isSVG(data) {
		return File{}, ErrSVG
	}
	return File{}, ErrType
}

// isSVG reports whether data looks like an SVG drawing (XML with an <svg>
// element near its start), so that the refusal names it.
func isSVG(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 1024)])
	return bytes.Contains(head, []byte("<svg"))
}

// nameRE is what a stored picture's name looks like; anything else is not
// looked up.
var nameRE = regexp.MustCompile(`^[0-9a-f]{64}\.(png|jpg|gif|webp)$`)

// ValidName reports whether name could be a stored picture's name.
func ValidName(name string) bool { return nameRE.MatchString(name) }

// NameOf is the stored picture's name in a /media/ address, or "".
func NameOf(src string) string {
	if n, ok := strings.CutPrefix(src, Prefix); ok && ValidName(n) {
		return n
	}
	return ""
}

// AltFromName is the alt text an imported picture without one gets: its
// file name without the folder and suffix, with dashes and underscores as
// spaces ("durand_line-map.png" → "durand line map").
func AltFromName(name string) string {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	base = strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r == '+' || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, base)
	base = strings.Join(strings.Fields(base), " ")
	if base == "" {
		return "picture"
	}
	return base
}
