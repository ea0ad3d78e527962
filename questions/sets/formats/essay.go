package formats

import (
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sabaq/questions"
	"sabaq/questions/written"
)

// Teachers' own written questions travel in Moodle XML as essay questions
// (https://docs.moodle.org/en/Essay_question_type): the prompt is the
// question text, the marks its default grade, the model outline its
// general feedback, and the mark scheme its grader information, in HTML a
// Moodle teacher reads as it stands (a table of levels, a list of
// indicative points) whose classes and data-* attributes ParseXML reads
// back exactly:
//
//	<div class="sabaq-markscheme" data-sabaq-kind="explain">
//	  <table class="sabaq-levels">… <tr class="sabaq-level" data-min="1" data-max="3">
//	    <td>Level 1</td><td>1–3 marks</td><td class="sabaq-descriptor">…</td>
//	    <td class="sabaq-exemplar">…</td></tr> …</table>
//	  <ul class="sabaq-points"><li class="sabaq-point" data-side="for" data-events="tashkent-declaration">
//	    <span class="sabaq-side">For:</span> <span class="sabaq-text">…</span>
//	    <span class="sabaq-events">(events: …)</span></li> …</ul>
//	</div>
//
// A line break in a text is a <br>. An essay from elsewhere (no such
// mark scheme) is kept as well as it can be; see xmlForeignEssay.

// WrittenQuestion is a written question read from an import: where it
// starts, its name there, the question (without an id: the store gives
// it one) and what the import made of it, for the preview.
type WrittenQuestion struct {
	Line     int
	Name     string
	Question written.Question
	Note     string
}

// timeline is the curated timeline, loaded once, against which imported
// written questions' events are checked and exported ones' are named.
var timeline = sync.OnceValues(questions.Load)

// xmlEssay reads a Moodle essay question into res.Written, or a problem.
func xmlEssay(res *Result, q xmlQuestion, line int, name string) {
	if len(res.Items)+len(res.Written) >= MaxItems {
		res.Errors = append(res.Errors, Problem{Line: line, Question: name,
			Message: fmt.Sprintf("the file has more than %d questions; split it into smaller files", MaxItems)})
		return
	}
	tl, err := timeline()
	if err != nil {
		res.Errors = append(res.Errors, Problem{Line: line, Question: name, Message: "Sabaq could not load its timeline: " + err.Error()})
		return
	}
	grade, err := xmlNumber(q.DefaultGrade, 1) // Moodle's default grade is 1
	if err != nil || grade < 0 || grade > 1000 {
		res.Errors = append(res.Errors, Problem{Line: line, Question: name, Message: fmt.Sprintf("the default grade %q is not a number of marks", q.DefaultGrade)})
		return
	}
	marks := int(math.Round(grade))
	var wq written.Question
	var note string
	if ms := markScheme(q.GraderInfo); ms != nil {
		wq, err = xmlOwnEssay(q, ms, marks)
		if err != nil {
			res.Errors = append(res.Errors, Problem{Line: line, Question: name, Message: err.Error()})
			return
		}
		note = fmt.Sprintf("a written question (%s, %d marks) with Sabaq's mark scheme: %s and %s",
			wq.Kind, wq.Marks, plural(len(wq.Levels), "level", "levels"), plural(len(wq.Points), "indicative point", "indicative points"))
	} else {
		var ok bool
		if wq, note, ok = xmlForeignEssay(q, marks); !ok {
			res.Unsupported = append(res.Unsupported, Problem{Line: line, Question: name, Message: note})
			return
		}
	}
	wq = written.Tidy(tl, wq)
	if errs := wq.ValidateAuthored(tl); len(errs) > 0 {
		for i, fe := range errs {
			if i == maxItemProblems {
				break
			}
			res.Errors = append(res.Errors, Problem{Line: line, Question: name, Message: fe.Field + ": " + fe.Message})
		}
		return
	}
	for _, t := range []*xmlText{q.QuestionText, q.GeneralFeedback, q.GraderInfo} {
		if t != nil && strings.Contains(strings.ToLower(t.Text), "<img") {
			note += "; its pictures are not kept: a written question is text only"
			break
		}
	}
	res.Written = append(res.Written, WrittenQuestion{Line: line, Name: name, Question: wq, Note: note})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// xmlOwnEssay reads back an essay Sabaq wrote: its mark scheme ms from the
// grader information, the prompt from the question text and the outline
// from the general feedback.
func xmlOwnEssay(q xmlQuestion, ms *nethtml.Node, marks int) (written.Question, error) {
	wq := written.Question{Kind: written.Kind(attr(ms, "data-sabaq-kind")), Marks: marks}
	if q.QuestionText != nil {
		wq.Prompt = textOf(q.QuestionText.Text, q.QuestionText.Format)
	}
	var problem error
	walk(ms, func(n *nethtml.Node) bool {
		switch {
		case hasClass(n, "sabaq-level"):
			lo, err1 := strconv.Atoi(attr(n, "data-min"))
			hi, err2 := strconv.Atoi(attr(n, "data-max"))
			if err1 != nil || err2 != nil {
				problem = fmt.Errorf("level %d of the mark scheme has no marks Sabaq can read (data-min, data-max)", len(wq.Levels)+1)
			}
			l := written.Level{Min: lo, Max: hi}
			if d := find(n, "sabaq-descriptor"); d != nil {
				l.Descriptor = nodeText(d)
			}
			if e := find(n, "sabaq-exemplar"); e != nil {
				l.Exemplar = nodeText(e)
			}
			wq.Levels = append(wq.Levels, l)
			return false
		case hasClass(n, "sabaq-point"):
			p := written.Point{Side: written.Side(attr(n, "data-side")), Events: strings.Fields(attr(n, "data-events"))}
			if t := find(n, "sabaq-text"); t != nil {
				p.Text = nodeText(t)
			}
			wq.Points = append(wq.Points, p)
			return false
		}
		return true
	})
	if problem != nil {
		return wq, problem
	}
	if q.GeneralFeedback != nil {
		wq.Outline = outlineOf(q.GeneralFeedback.Text, q.GeneralFeedback.Format)
	}
	return wq, nil
}

// xmlForeignEssay keeps an essay written elsewhere as well as it can:
//   - its kind and marks from its default grade: the kind whose range holds
//     it, else the nearest, the marks changed to fit (never evaluate, whose
//     points need sides);
//   - its grader information's list items, or else its paragraphs, as
//     free-text indicative points (no event is linked, so Sabaq's matcher
//     never ticks them);
//   - one level from 1 mark to the marks, whose descriptor is the grader
//     information's text outside its lists, or a sentence saying to mark
//     the answer as a whole against the points;
//   - its general feedback's list items or paragraphs as the outline.
//
// An essay without grader information has no points to keep: ok is false
// and note says why it is skipped.
func xmlForeignEssay(q xmlQuestion, grade int) (wq written.Question, note string, ok bool) {
	var items, rest []string
	if q.GraderInfo != nil {
		items, rest = blocksOf(q.GraderInfo.Text, q.GraderInfo.Format)
	}
	points := items
	if len(points) == 0 {
		points, rest = rest, nil
	}
	if len(points) == 0 {
		return wq, "Sabaq keeps a Moodle essay with its grader information as a written question, but this one has none: it will be skipped", false
	}
	kind, marks, exact := written.KindForMarks(grade)
	wq = written.Question{Kind: kind, Marks: marks}
	if q.QuestionText != nil {
		wq.Prompt = textOf(q.QuestionText.Text, q.QuestionText.Format)
	}
	var cut int
	if len(points) > written.MaxAuthoredPoints {
		cut += len(points) - written.MaxAuthoredPoints
		points = points[:written.MaxAuthoredPoints]
	}
	for _, p := range points {
		wq.Points = append(wq.Points, written.Point{Text: clip(p)})
	}
	descriptor := clip(strings.Join(rest, "\n"))
	if descriptor == "" {
		descriptor = "Mark the answer as a whole against the indicative points."
	}
	wq.Levels = []written.Level{{Min: 1, Max: marks, Descriptor: descriptor}}
	if q.GeneralFeedback != nil {
		wq.Outline = outlineOf(q.GeneralFeedback.Text, q.GeneralFeedback.Format)
		if len(wq.Outline) > written.MaxAuthoredOutline {
			wq.Outline = wq.Outline[:written.MaxAuthoredOutline]
		}
		for i := range wq.Outline {
			wq.Outline[i] = clip(wq.Outline[i])
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "a Moodle essay kept as a written question (%s, %d marks", kind, marks)
	if !exact {
		fmt.Fprintf(&b, "; Moodle gave it %d, which no kind Sabaq knows carries", grade)
	}
	fmt.Fprintf(&b, "): its grader information became one level and %s with no event linked, which Sabaq cannot tick in an answer; check them after importing",
		plural(len(wq.Points), "indicative point", "indicative points"))
	if cut > 0 {
		fmt.Fprintf(&b, " (%d more were left out: a question holds at most %d)", cut, written.MaxAuthoredPoints)
	}
	return wq, b.String(), true
}

// clip shortens s to the longest text a teacher's question holds.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= written.MaxAuthoredText {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:written.MaxAuthoredText-1])) + "…"
}

// markScheme finds Sabaq's mark scheme in grader information, or nil.
func markScheme(t *xmlText) *nethtml.Node {
	if t == nil || !strings.Contains(t.Text, "sabaq-markscheme") {
		return nil
	}
	root := parseFragment(t.Text)
	if root == nil {
		return nil
	}
	return find(root, "sabaq-markscheme")
}

// parseFragment parses HTML as the content of a <div>.
func parseFragment(s string) *nethtml.Node {
	ctx := &nethtml.Node{Type: nethtml.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := nethtml.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return nil
	}
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	return ctx
}

// walk visits n and its descendants in order; visit returns whether to go
// into a node's children.
func walk(n *nethtml.Node, visit func(*nethtml.Node) bool) {
	if !visit(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

// find is the first element under n (or n) with the class, or nil.
func find(n *nethtml.Node, class string) *nethtml.Node {
	var out *nethtml.Node
	walk(n, func(m *nethtml.Node) bool {
		if out == nil && hasClass(m, class) {
			out = m
		}
		return out == nil
	})
	return out
}

func attr(n *nethtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *nethtml.Node, class string) bool {
	return n.Type == nethtml.ElementNode && strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
}

// nodeText is the text of n, a <br> a line break, trimmed.
func nodeText(n *nethtml.Node) string {
	var b strings.Builder
	walk(n, func(m *nethtml.Node) bool {
		switch {
		case m.Type == nethtml.TextNode:
			b.WriteString(m.Data)
		case m.DataAtom == atom.Br:
			b.WriteByte('\n')
		}
		return true
	})
	return strings.TrimSpace(b.String())
}

// blockAtoms end a line of text when they open or close.
var blockAtoms = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Tr: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true,
	atom.Pre: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dd: true, atom.Dt: true}

// blocksOf splits a Moodle text into its list items and its other lines
// (paragraphs, lines, table rows), each as plain text, empty ones dropped.
func blocksOf(s, format string) (items, rest []string) {
	if xmlKind(format) != "html" {
		for _, l := range strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s), "\n") {
			l = strings.TrimSpace(l)
			if t, ok := listLine(l); ok {
				items = append(items, t)
			} else if l != "" {
				rest = append(rest, l)
			}
		}
		return items, rest
	}
	root := parseFragment(s)
	if root == nil {
		return nil, nil
	}
	var line strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(line.String()), " "); t != "" {
			rest = append(rest, t)
		}
		line.Reset()
	}
	var visit func(n *nethtml.Node)
	visit = func(n *nethtml.Node) {
		switch {
		case n.Type == nethtml.TextNode:
			line.WriteString(n.Data)
			return
		case n.DataAtom == atom.Li:
			flush()
			var own strings.Builder
			walk(n, func(m *nethtml.Node) bool {
				if m != n && (m.DataAtom == atom.Ul || m.DataAtom == atom.Ol) {
					return false // a nested list's items are items of their own
				}
				if m.Type == nethtml.TextNode {
					own.WriteString(m.Data)
				} else if m.DataAtom == atom.Br {
					own.WriteByte(' ')
				}
				return true
			})
			if t := strings.Join(strings.Fields(own.String()), " "); t != "" {
				items = append(items, t)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Ul || c.DataAtom == atom.Ol {
					visit(c)
				}
			}
			return
		case n.DataAtom == atom.Script || n.DataAtom == atom.Style:
			return
		}
		if blockAtoms[n.DataAtom] {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if blockAtoms[n.DataAtom] {
			flush()
		}
	}
	visit(root)
	flush()
	return items, rest
}

// listLine reads a plain-text list item ("- a point", "* a point", "1. a
// point").
func listLine(l string) (string, bool) {
	for _, p := range []string{"- ", "* ", "• "} {
		if t, ok := strings.CutPrefix(l, p); ok {
			return strings.TrimSpace(t), strings.TrimSpace(t) != ""
		}
	}
	if i := strings.IndexAny(l, ".)"); i > 0 && i < 4 && strings.Trim(l[:i], "0123456789") == "" && len(l) > i+1 && l[i+1] == ' ' {
		return strings.TrimSpace(l[i+1:]), true
	}
	return "", false
}

// textOf is a Moodle text as plain text: an HTML one's line breaks and
// paragraphs as line breaks.
func textOf(s, format string) string {
	if xmlKind(format) != "html" {
		return strings.TrimSpace(s)
	}
	if !strings.Contains(strings.ReplaceAll(s, "<br>", ""), "<") {
		// Sabaq's own (htmlText): escaped text with <br> for line breaks,
		// read exactly.
		if root := parseFragment(s); root != nil {
			return nodeText(root)
		}
	}
	items, rest := blocksOf(s, format)
	return strings.Join(append(rest, items...), "\n")
}

// outlineOf is a general feedback as outline steps: Sabaq's ordered list,
// or any list's items, or else the text's lines.
func outlineOf(s, format string) []string {
	if xmlKind(format) == "html" && strings.Contains(s, "sabaq-outline") {
		var steps []string
		if root := parseFragment(s); root != nil {
			walk(root, func(n *nethtml.Node) bool {
				if n.DataAtom == atom.Li {
					steps = append(steps, nodeText(n))
					return false
				}
				return true
			})
		}
		return steps
	}
	items, rest := blocksOf(s, format)
	if len(items) > 0 {
		return items
	}
	return rest
}

// ---- writing ----

// htmlText is plain text as HTML: escaped, line breaks as <br>.
func htmlText(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
}

// xmlFromWritten writes a written question as a Moodle essay; tl (may be
// nil) names the linked events for the Moodle teacher.
func xmlFromWritten(q written.Question, tl *questions.Timeline) xmlQuestion {
	var outline strings.Builder
	if len(q.Outline) > 0 {
		outline.WriteString(`<p><strong>Model answer outline</strong></p><ol class="sabaq-outline">`)
		for _, s := range q.Outline {
			outline.WriteString("<li>" + htmlText(s) + "</li>")
		}
		outline.WriteString("</ol>")
	}
	return xmlQuestion{
		Type:                "essay",
		Name:                &xmlText{Text: firstWords(q.Prompt)},
		QuestionText:        &xmlText{Format: "html", Text: htmlText(q.Prompt)},
		GeneralFeedback:     &xmlText{Format: "html", Text: outline.String()},
		DefaultGrade:        strconv.Itoa(q.Marks),
		Penalty:             "0",
		Hidden:              "0",
		ResponseFormat:      "editor",
		ResponseRequired:    "1",
		ResponseFieldLines:  strconv.Itoa(min(40, max(5, (2*q.Marks+4)/5*5))), // Moodle offers 5, 10 … 40
		Attachments:         "0",
		AttachmentsRequired: "0",
		GraderInfo:          &xmlText{Format: "html", Text: markSchemeHTML(q, tl)},
		ResponseTemplate:    &xmlText{Format: "html"},
	}
}

// markSchemeHTML is q's mark scheme as the grader information's HTML.
func markSchemeHTML(q written.Question, tl *questions.Timeline) string {
	var b strings.Builder
	a := html.EscapeString
	fmt.Fprintf(&b, `<div class="sabaq-markscheme" data-sabaq-kind="%s">`, a(string(q.Kind)))
	fmt.Fprintf(&b, `<p><strong>Mark scheme</strong> (%s question, %d marks; an answer with nothing creditworthy gets 0)</p>`, a(string(q.Kind)), q.Marks)
	exemplars := slices.ContainsFunc(q.Levels, func(l written.Level) bool { return l.Exemplar != "" })
	b.WriteString(`<table class="sabaq-levels"><thead><tr><th>Level</th><th>Marks</th><th>Descriptor</th>`)
	if exemplars {
		b.WriteString(`<th>Exemplar</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	for i, l := range q.Levels {
		fmt.Fprintf(&b, `<tr class="sabaq-level" data-min="%d" data-max="%d"><td>Level %d</td><td>%d–%d marks</td><td class="sabaq-descriptor">%s</td>`,
			l.Min, l.Max, i+1, l.Min, l.Max, htmlText(l.Descriptor))
		if exemplars {
			fmt.Fprintf(&b, `<td class="sabaq-exemplar">%s</td>`, htmlText(l.Exemplar))
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table>`)
	if len(q.Points) > 0 {
		b.WriteString(`<p><strong>Indicative points</strong></p><ul class="sabaq-points">`)
		for _, p := range q.Points {
			fmt.Fprintf(&b, `<li class="sabaq-point" data-side="%s" data-events="%s">`, a(string(p.Side)), a(strings.Join(p.Events, " ")))
			switch p.Side {
			case written.For:
				b.WriteString(`<span class="sabaq-side">For:</span> `)
			case written.Against:
				b.WriteString(`<span class="sabaq-side">Against:</span> `)
			}
			fmt.Fprintf(&b, `<span class="sabaq-text">%s</span>`, htmlText(p.Text))
			if len(p.Events) > 0 {
				names := make([]string, len(p.Events))
				for i, id := range p.Events {
					names[i] = id
					if tl != nil {
						if e, ok := tl.Event(id); ok {
							names[i] = e.Title + ", " + e.Date.Human()
						}
					}
				}
				fmt.Fprintf(&b, ` <span class="sabaq-events">(events: %s)</span>`, a(strings.Join(names, "; ")))
			}
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ul>`)
	}
	b.WriteString(`</div>`)
	return b.String()
}

// writtenBadText finds a text of q that XML 1.0 cannot carry unchanged.
func writtenBadText(q written.Question) (string, bool) {
	texts := append([]string{q.Prompt}, q.Outline...)
	for _, l := range q.Levels {
		texts = append(texts, l.Descriptor, l.Exemplar)
	}
	for _, p := range q.Points {
		texts = append(texts, p.Text)
		texts = append(texts, p.Events...)
	}
	for _, s := range texts {
		if !utf8.ValidString(s) {
			return s, true
		}
		for _, r := range s {
			if !xmlChar(r) {
				return s, true
			}
		}
	}
	return "", false
}
