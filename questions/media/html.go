package media

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Image is a picture an HTML text shows.
type Image struct {
	Src string
	Alt string
	// HasAlt is false when the img element has no alt attribute at all, or
	// an empty one.
	HasAlt bool
}

// HasImages reports, cheaply, whether s may hold a picture.
func HasImages(s string) bool { return strings.Contains(strings.ToLower(s), "<img") }

// Images lists the pictures of the HTML text s, in order.
func Images(s string) []Image {
	var out []Image
	Rewrite(s, func(im *Image) { out = append(out, *im) })
	return out
}

// Rewrite calls f for each picture of the HTML text s and returns s with
// what f set: a new src, an alt text. A text without pictures is returned
// as it is; one with pictures is parsed and written back, which may
// normalise its markup (as a browser would read it).
func Rewrite(s string, f func(im *Image)) string {
	if !HasImages(s) {
		return s
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return s
	}
	changed := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Img {
			im := Image{Src: attr(n, "src"), Alt: attr(n, "alt")}
			im.HasAlt = strings.TrimSpace(im.Alt) != ""
			before := im
			f(&im)
			if im != before {
				changed = true
				setAttr(n, "src", im.Src)
				setAttr(n, "alt", im.Alt)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	if !changed {
		return s
	}
	var b strings.Builder
	for _, n := range nodes {
		if err := html.Render(&b, n); err != nil {
			return s
		}
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
