package richtext

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Dropped lists, in order and once each, what Sanitize would remove from s:
// elements the policy does not allow, attributes it strips, links and
// pictures whose address it refuses. An import preview shows it as "not
// kept".
func Dropped(s string) []string {
	var out []string
	note := func(n string) {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.CommentToken:
			note("a comment")
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			attrs, ok := allowed[t.Data]
			if !ok {
				note("<" + t.Data + ">")
				continue
			}
			for _, a := range t.Attr {
				switch {
				case a.Key == "href" && t.Data == "a" && !linkURL.MatchString(a.Val):
					note("a link to " + quote(a.Val))
				case a.Key == "src" && t.Data == "img" && a.Val == "":
					// a picture whose file the import refused, and said so
				case a.Key == "src" && t.Data == "img" && !mediaURL.MatchString(a.Val):
					note("a picture from " + quote(a.Val) + " (only pictures stored in Sabaq are shown)")
				case a.Key == "dir" && dir.MatchString(a.Val):
				case unseen[a.Key] || strings.HasPrefix(a.Key, "data-") || strings.HasPrefix(a.Key, "aria-"):
				case !slices.Contains(attrs, a.Key):
					note(a.Key + " on <" + t.Data + ">")
				}
			}
		}
	}
}

// DroppedFrom is Dropped for s written in format f: for markdown, the HTML
// written in it (which is left out, not shown) and what the policy removes
// from the rendered markdown; nothing for plain text.
func DroppedFrom(s, f string) []string {
	switch f {
	case "html":
		return Dropped(s)
	case "markdown":
		var b bytes.Buffer
		if err := markdown.Convert([]byte(s), &b); err != nil {
			return nil
		}
		var out []string
		for _, d := range Dropped(b.String()) {
			if d == "a comment" {
				d = "HTML written in the markdown"
			}
			out = append(out, d)
		}
		return out
	}
	return nil
}

// quote shortens a long address for a message.
func quote(v string) string {
	if r := []rune(v); len(r) > 60 {
		v = string(r[:60]) + "…"
	}
	return `"` + v + `"`
}
