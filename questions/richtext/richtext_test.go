package richtext

import (
	"slices"
	"strings"
	"testing"
)

func TestSanitize_KeepsTeachingMarkup(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<p>Which <b>treaty</b> was <i>signed</i>?</p>`, `<p>Which <b>treaty</b> was <i>signed</i>?</p>`},
		{`H<sub>2</sub>O and x<sup>2</sup>`, `H<sub>2</sub>O and x<sup>2</sup>`},
		{`<ul><li>one</li><li>two</li></ul>`, `<ul><li>one</li><li>two</li></ul>`},
		{`line<br>break`, `line<br/>break`},
		{`<table><tr><th scope="col">Year</th><td colspan="2">1966</td></tr></table>`,
			`<table><tbody><tr><th scope="col">Year</th><td colspan="2">1966</td></tr></tbody></table>`},
		{`<a href="https://en.wikipedia.org/wiki/Tashkent_Declaration">more</a>`,
			`<a href="https://en.wikipedia.org/wiki/Tashkent_Declaration" rel="nofollow noreferrer">more</a>`},
		{`<a href="mailto:t@example.org">mail</a>`, `<a href="mailto:t@example.org" rel="nofollow noreferrer">mail</a>`},
		{`<img src="/media/abc123.png" alt="Map of the Durand Line">`, `<img src="/media/abc123.png" alt="Map of the Durand Line"/>`},
		{`<p dir="rtl">اردو</p>`, `<p dir="rtl">اردو</p>`},
		{`<pre><code>x := 1</code></pre>`, `<pre><code>x := 1</code></pre>`},
	} {
		if got := string(Sanitize(tc.in)); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if d := Dropped(tc.in); len(d) > 0 {
			t.Errorf("Dropped(%q) = %q, want nothing", tc.in, d)
		}
	}
}

func TestSanitize_DropsWhatCouldRunOrLeave(t *testing.T) {
	for _, tc := range []struct{ in, want, dropped string }{
		{`<img src=x onerror=alert(1)>`, ``, `a picture from "x"`},
		{`<img src="/media/a.png" alt="a" onerror="alert(1)">`, `<img src="/media/a.png" alt="a"/>`, `onerror on <img>`},
		{`<a href="javascript:alert(1)">x</a>`, `x`, `a link to "javascript:alert(1)"`},
		{`<a href="&#106;avascript&#58;alert(1)">x</a>`, `x`, `a link to "javascript:alert(1)"`},
		{`<a href="JaVaScRiPt:alert(1)">x</a>`, `x`, `a link to`},
		{`<a href="//evil.example/x">x</a>`, `x`, `a link to "//evil.example/x"`},
		{`<a href="/settings">x</a>`, `x`, `a link to "/settings"`},
		{`<svg onload=alert(1)><circle/></svg>ok`, `ok`, `<svg>`},
		{`<style>body{display:none}</style>ok`, `ok`, `<style>`},
		{`<script>alert(1)</script>ok`, `ok`, `<script>`},
		{`<p style="background:url(x)">ok</p>`, `<p>ok</p>`, `style on <p>`},
		{`<img src="data:image/svg+xml;base64,PHN2Zz4=">`, ``, `a picture from "data:`},
		{`<img src="https://tracker.example/p.gif" alt="p">`, ``, `a picture from "https://tracker.example/p.gif"`},
		{`<iframe src="https://evil.example"></iframe>ok`, `ok`, `<iframe>`},
		{`<form action="/x"><input name=a></form>`, ``, `<form>`},
		{`<b><i>x</b></i> after`, `<b><i>x</i></b> after`, ``},
		{`<table><tr><td>open`, `<table><tbody><tr><td>open</td></tr></tbody></table>`, ``},
		{`<<script>script>alert(1)<</script>/script>`, `&lt;/script&gt;`, `<script>`},
		{`<div onclick="x">a</div>`, `a`, `<div>`},
		{`<!-- hi -->ok`, `ok`, `a comment`},
	} {
		got := string(Sanitize(tc.in))
		if got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		for _, bad := range []string{"<script", "onerror", "onload", "onclick", "javascript:", "<style", "<svg", "style=", "data:", "evil"} {
			if strings.Contains(strings.ToLower(got), bad) {
				t.Errorf("Sanitize(%q) = %q keeps %q", tc.in, got, bad)
			}
		}
		d := Dropped(tc.in)
		if tc.dropped != "" && !slices.ContainsFunc(d, func(s string) bool { return strings.HasPrefix(s, tc.dropped) }) {
			t.Errorf("Dropped(%q) = %q, want an entry starting %q", tc.in, d, tc.dropped)
		}
	}
}

func TestFromMarkdown_CommonMarkThroughThePolicy(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`*Tashkent*`, `<p><em>Tashkent</em></p>`},
		{"**Ayub** Khan\n\n- a\n- b", "<p><strong>Ayub</strong> Khan</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"},
		{`[x](javascript:alert(1))`, `<p> x </p>`},
		{`<b onclick="x">raw</b> html`, `<p>raw html</p>`},
		{`![map](https://evil.example/m.png)`, `<p></p>`},
	} {
		if got := string(FromMarkdown(tc.in)); got != tc.want {
			t.Errorf("FromMarkdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRender_PlainTextIsEscapedText(t *testing.T) {
	for _, f := range []string{"plain", "", "unknown"} {
		if got := Render(`<b>1965</b> & after`, f); got != `&lt;b&gt;1965&lt;/b&gt; &amp; after` {
			t.Errorf("Render(%q) = %q", f, got)
		}
	}
	if got := Render(`<b>1965</b>`, "html"); got != `<b>1965</b>` {
		t.Errorf("Render html = %q", got)
	}
	if got := Render(`*1965*`, "markdown"); got != `<em>1965</em>` {
		t.Errorf("Render markdown = %q", got)
	}
	if got := Render("one\n\ntwo", "markdown"); got != "<p>one</p>\n<p>two</p>" {
		t.Errorf("Render of two paragraphs = %q", got)
	}
}

func TestDroppedFrom_SaysWhatEachFormatLoses(t *testing.T) {
	for _, tc := range []struct {
		in, format string
		want       []string
	}{
		{`<p onclick="x">a</p><script>b</script>`, "html", []string{"onclick on <p>", "<script>"}},
		{`*a* <span>b</span>`, "markdown", []string{"HTML written in the markdown"}},
		{`![m](https://evil.example/m.png)`, "markdown", []string{`a picture from "https://evil.example/m.png" (only pictures stored in Sabaq are shown)`}},
		{`<script>x</script>`, "plain", nil},
	} {
		if got := DroppedFrom(tc.in, tc.format); !slices.Equal(got, tc.want) {
			t.Errorf("DroppedFrom(%q, %s) = %q, want %q", tc.in, tc.format, got, tc.want)
		}
	}
}
