// Package richtext turns a teacher's HTML or markdown into HTML that is safe
// to show: one allow-list policy (bluemonday) decides what survives, and
// markdown is rendered by a CommonMark parser (goldmark) and then passed
// through the same policy.
//
// It sits under questions, not views, because the bank's questions carry
// their safe rendering (sanitised once, when an item is loaded) and the
// domain imports no web package; it is plain Go the views merely show.
package richtext

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML is markup that has been through the policy (or escaped text). Views
// write it unescaped, so values come only from this package's functions:
// nothing else converts a string to HTML.
type HTML string

// allowed lists each element the policy keeps and the attributes it keeps on
// it. Dropped reads the same table, so what it reports is what the policy
// removes.
var allowed = map[string][]string{
	"p": nil, "br": nil, "hr": nil, "strong": nil, "b": nil, "em": nil, "i": nil,
	"u": nil, "s": nil, "del": nil, "sub": nil, "sup": nil, "blockquote": nil,
	"code": nil, "pre": nil, "ul": nil, "ol": nil, "li": nil,
	"h3": nil, "h4": nil, "h5": nil, "h6": nil,
	"table": nil, "caption": nil, "thead": nil, "tbody": nil, "tfoot": nil, "tr": nil,
	"th": {"colspan", "rowspan", "scope"}, "td": {"colspan", "rowspan"},
	"a":   {"href"},
	"img": {"src", "alt", "width", "height"},
}

// unseen are attributes whose loss a reader would not notice (Moodle's and
// Bootstrap's classes, ids, language tags, tooltips): the policy drops
// them, and Dropped does not name them.
var unseen = map[string]bool{"class": true, "id": true, "lang": true, "title": true, "role": true}

var (
	// linkURL: links leave Sabaq only to the web or a mail program; a
	// protocol-relative "//host" or a "javascript:" URL is not a link.
	linkURL = regexp.MustCompile(`(?i)^(https?://[^/\s]|mailto:)\S*$`)
	// mediaURL: pictures come from Sabaq's own media store only (the page's
	// CSP allows no other origin, and a foreign image would tell another
	// server who is studying).
	mediaURL = regexp.MustCompile(`^/media/[A-Za-z0-9][A-Za-z0-9._-]*$`)
	span     = regexp.MustCompile(`^[1-9][0-9]?$`)
	size     = regexp.MustCompile(`^[1-9][0-9]{0,3}$`)
	scope    = regexp.MustCompile(`^(row|col|rowgroup|colgroup)$`)
	dir      = regexp.MustCompile(`^(ltr|rtl|auto)$`)
)

var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	for el := range allowed {
		if el != "a" && el != "img" { // these two are kept only with a good href or src
			p.AllowElements(el)
		}
	}
	p.AllowAttrs("colspan", "rowspan").Matching(span).OnElements("th", "td")
	p.AllowAttrs("scope").Matching(scope).OnElements("th")
	p.AllowAttrs("href").Matching(linkURL).OnElements("a")
	p.AllowAttrs("src").Matching(mediaURL).OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	// A picture's size, so the page keeps its place while it loads; the
	// stylesheet's max-width and height: auto still shrink it to the screen.
	p.AllowAttrs("width", "height").Matching(size).OnElements("img")
	p.AllowAttrs("dir").Matching(dir).Globally()
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true) // for /media/ only: the patterns above decide
	p.RequireParseableURLs(true)
	// noreferrer implies noopener (HTML standard); bluemonday adds noopener
	// only with target=_blank, which we do not set.
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddSpaceWhenStrippingTag(true)
	return p
})

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// Sanitize keeps of s what the allow-list policy allows. s is first parsed
// as the body of a page and written back, so that broken or misnested tags
// are closed where a browser would close them and cannot spill into the page
// around it.
func Sanitize(s string) HTML {
	return HTML(strings.TrimSpace(policy().Sanitize(balanced(s))))
}

// balanced is s parsed as HTML body content and written out again.
func balanced(s string) string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return html.EscapeString(s)
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	dropForeignImages(body)
	var b strings.Builder
	for n := body.FirstChild; n != nil; n = n.NextSibling {
		if err := html.Render(&b, n); err != nil {
			return html.EscapeString(s)
		}
	}
	return b.String()
}

// dropForeignImages removes from n's tree every image not in Sabaq's media
// store. (The policy alone would keep such an image, its src removed, for
// its alt text.)
func dropForeignImages(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.DataAtom == atom.Img && !mediaURL.MatchString(attr(c, "src")) {
			n.RemoveChild(c)
		} else {
			dropForeignImages(c)
		}
		c = next
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Elements are the elements the policy keeps, for a checker of pages.
func Elements() []string {
	out := make([]string, 0, len(allowed))
	for el := range allowed {
		out = append(out, el)
	}
	slices.Sort(out)
	return out
}

// FromMarkdown renders CommonMark (with tables) and sanitises the result; raw
// HTML in the markdown is left out by the renderer, not passed through.
func FromMarkdown(s string) HTML {
	var b bytes.Buffer
	if err := markdown.Convert([]byte(s), &b); err != nil {
		return Text(s)
	}
	return Sanitize(b.String())
}

// Text is plain text as HTML: escaped, nothing else.
func Text(s string) HTML { return HTML(html.EscapeString(s)) }

// Render is s, written in format f ("plain", "html" or "markdown"), as safe
// HTML. An unknown format is plain text.
func Render(s, f string) HTML {
	var h HTML
	switch f {
	case "html":
		h = Sanitize(s)
	case "markdown":
		h = FromMarkdown(s)
	default:
		return Text(s)
	}
	// A single paragraph is shown as its content, so that it reads inline
	// in an option's label as in a heading.
	if inner, ok := strings.CutPrefix(string(h), "<p>"); ok && strings.HasSuffix(inner, "</p>") && !strings.Contains(inner, "<p>") {
		h = HTML(strings.TrimSuffix(inner, "</p>"))
	}
	return h
}

// Texts maps each of a question's plain texts (prompt, explanation, options,
// matching lefts, feedback) to its safe HTML, for a question written in HTML
// or markdown. A nil Texts (plain and generated questions) has none, and a
// page shows the plain text as before.
type Texts map[string]HTML

// Of is the HTML of the plain text p, or "" when p has none.
func (t Texts) Of(p string) HTML { return t[p] }

// block elements end a run of words: their text is set apart by a space.
var block = map[atom.Atom]bool{atom.P: true, atom.Br: true, atom.Hr: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Blockquote: true, atom.Pre: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Table: true,
	atom.Caption: true, atom.Tr: true, atom.Th: true, atom.Td: true, atom.Img: true}

// PlainText is the text a reader reads in s, HTML written by a teacher: what
// Sanitize keeps, without its tags, a picture as "[picture: alt text]", words in
// separate blocks set apart by a space and all runs of space made one.
func PlainText(s string) string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(string(Sanitize(s))), body)
	if err != nil {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if block[n.DataAtom] {
				b.WriteByte(' ')
			}
			if n.DataAtom == atom.Img {
				// Marked as a picture, so that a list of questions or an
				// answer line does not read its description as words of
				// the text.
				if alt := strings.TrimSpace(attr(n, "alt")); alt != "" {
					b.WriteString("[picture: " + alt + "]")
				} else {
					b.WriteString("[picture]")
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			if block[n.DataAtom] {
				b.WriteByte(' ')
			}
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
