package formats

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"sabaq/questions/media"
	"sabaq/questions/richtext"
	"sabaq/questions/sets"
)

// xmlQuestion is one <question> of a Moodle XML file, read and written.
// Elements Sabaq does not use are skipped when reading.
type xmlQuestion struct {
	XMLName         xml.Name    `xml:"question"`
	Type            string      `xml:"type,attr"`
	Category        *xmlText    `xml:"category,omitempty"`
	Name            *xmlText    `xml:"name,omitempty"`
	QuestionText    *xmlText    `xml:"questiontext,omitempty"`
	GeneralFeedback *xmlText    `xml:"generalfeedback,omitempty"`
	DefaultGrade    string      `xml:"defaultgrade,omitempty"`
	Penalty         string      `xml:"penalty,omitempty"`
	Hidden          string      `xml:"hidden,omitempty"`
	Single          string      `xml:"single,omitempty"`
	ShuffleAnswers  string      `xml:"shuffleanswers,omitempty"`
	AnswerNumbering string      `xml:"answernumbering,omitempty"`
	UseCase         string      `xml:"usecase,omitempty"`
	LayoutType      string      `xml:"layouttype,omitempty"`
	SelectType      string      `xml:"selecttype,omitempty"`
	SelectCount     string      `xml:"selectcount,omitempty"`
	GradingType     string      `xml:"gradingtype,omitempty"`
	ShowGrading     string      `xml:"showgrading,omitempty"`
	Subquestions    []xmlSub    `xml:"subquestion"`
	Answers         []xmlAnswer `xml:"answer"`
	Tags            *xmlTags    `xml:"tags,omitempty"`
	// Read only for the pictures they carry: Sabaq has no such feedback.
	CorrectFeedback   *xmlText `xml:"correctfeedback,omitempty"`
	PartialFeedback   *xmlText `xml:"partiallycorrectfeedback,omitempty"`
	IncorrectFeedback *xmlText `xml:"incorrectfeedback,omitempty"`
	// An essay's (Sabaq's written questions: essay.go).
	ResponseFormat      string   `xml:"responseformat,omitempty"`
	ResponseRequired    string   `xml:"responserequired,omitempty"`
	ResponseFieldLines  string   `xml:"responsefieldlines,omitempty"`
	Attachments         string   `xml:"attachments,omitempty"`
	AttachmentsRequired string   `xml:"attachmentsrequired,omitempty"`
	GraderInfo          *xmlText `xml:"graderinfo,omitempty"`
	ResponseTemplate    *xmlText `xml:"responsetemplate,omitempty"`
}

type xmlTags struct {
	Tag []xmlText `xml:"tag"`
}

// xmlText is an element holding <text>, with an optional format attribute
// and the files its text shows.
type xmlText struct {
	Format string    `xml:"format,attr,omitempty"`
	Text   string    `xml:"text"`
	Files  []xmlFile `xml:"file"`
}

// xmlFile is a file Moodle embeds in the element whose text shows it, as
// <file name="map.png" path="/" encoding="base64">; the text calls it
// @@PLUGINFILE@@/ and the path (without its leading /) and name, URL-encoded.
type xmlFile struct {
	Name     string `xml:"name,attr"`
	Path     string `xml:"path,attr,omitempty"`
	Encoding string `xml:"encoding,attr,omitempty"`
	Data     string `xml:",chardata"`
}

type xmlAnswer struct {
	Fraction  string    `xml:"fraction,attr"`
	Format    string    `xml:"format,attr,omitempty"`
	Text      string    `xml:"text"`
	Files     []xmlFile `xml:"file"`
	Tolerance string    `xml:"tolerance,omitempty"`
	Feedback  *xmlText  `xml:"feedback,omitempty"`
}

type xmlSub struct {
	Format string    `xml:"format,attr,omitempty"`
	Text   string    `xml:"text"`
	Files  []xmlFile `xml:"file"`
	Answer struct {
		Text string `xml:"text"`
	} `xml:"answer"`
}

func (t *xmlText) text() string {
	if t == nil {
		return ""
	}
	return strings.TrimSpace(t.Text)
}

// xmlUnsupported names the Moodle types Sabaq skips, for the teacher.
var xmlUnsupported = map[string]string{
	"description":      "Description",
	"multianswer":      "Embedded answers (Cloze)",
	"calculated":       "Calculated",
	"calculatedsimple": "Simple calculated",
	"calculatedmulti":  "Calculated multichoice",
	"ddwtos":           "Drag and drop into text",
	"ddimageortext":    "Drag and drop onto image",
	"ddmarker":         "Drag and drop markers",
	"gapselect":        "Select missing words",
	"randomsamatch":    "Random short-answer matching",
	"random":           "Random",
}

// ParseXML reads questions in Moodle XML format
// (https://docs.moodle.org/en/Moodle_XML_format): multichoice (single or
// multiple answer), truefalse, shortanswer (a cloze item when its text has
// one blank "____"), numerical, matching, ordering and category; essays
// become written questions in Result.Written (see essay.go). Other types
// are listed as Unsupported. The error is only for reading and the
// 5 MB limit; problems with the questions are in the Result.
//
// The pictures a question's texts embed (<file> elements) are kept in
// Result.Media and the texts point at them. An answer or feedback written
// in another format than its question text is rewritten in the question's
// (see xmlOneFormat).
func ParseXML(r io.Reader) (Result, error) {
	b, err := readAll(r)
	if err != nil {
		return Result{}, err
	}
	var res Result
	d := xml.NewDecoder(bytes.NewReader(b))
	// Moodle's HTML often carries &nbsp; and friends. The decoder never
	// fetches or expands DTD entities, so a DOCTYPE is harmless.
	d.Entity = xml.HTMLEntity
	var charset error
	d.CharsetReader = func(label string, _ io.Reader) (io.Reader, error) {
		charset = fmt.Errorf("the file is in the %s encoding; save it as UTF-8 and import it again", label)
		return nil, charset
	}
	fail := func(err error) {
		line, _ := d.InputPos()
		msg := "the file is not valid Moodle XML: " + err.Error()
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			line, msg = se.Line, "the file is not valid Moodle XML: "+se.Msg
		} else if charset != nil {
			msg = charset.Error()
		}
		res.Errors = append(res.Errors, Problem{Line: line, Message: msg})
	}
	category, depth, quiz := "", 0, false
	for len(res.Items) <= MaxItems && len(res.Errors) < giftMaxErrors {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(err)
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case depth == 0 && t.Name.Local == "quiz":
				quiz = true
				depth++
			case depth == 1 && t.Name.Local == "question":
				line, _ := d.InputPos()
				var q xmlQuestion
				if err := d.DecodeElement(&q, &t); err != nil {
					fail(err)
					res.finish()
					return res, nil
				}
				lost := xmlPictures(&res, &q, line)
				xmlOneFormat(&q)
				n := len(res.Items)
				xmlItem(&res, q, line, &category)
				if len(res.Items) > n && len(lost) > 0 {
					res.NotKept = append(res.NotKept, Problem{Line: line, Question: Name(res.Items[n]), Message: "not kept: " + strings.Join(lost, "; ")})
				}
			default:
				if depth == 0 {
					res.Errors = append(res.Errors, Problem{Line: 1, Message: fmt.Sprintf(
						"this is not a Moodle XML quiz: it starts with <%s> instead of <quiz>", t.Name.Local)})
					res.finish()
					return res, nil
				}
				if err := d.Skip(); err != nil {
					fail(err)
					res.finish()
					return res, nil
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if len(res.Errors) >= giftMaxErrors {
		line, _ := d.InputPos()
		res.Errors = append(res.Errors, Problem{Line: line, Message: fmt.Sprintf(
			"stopped reading after %d problems; fix these and import again", giftMaxErrors)})
	}
	if !quiz && len(res.Errors) == 0 {
		res.Errors = append(res.Errors, Problem{Line: 1, Message: "this is not a Moodle XML quiz: there is no <quiz> element"})
	}
	res.finish()
	return res, nil
}

// xmlItem turns one <question> into an item, a category change or a problem.
func xmlItem(res *Result, q xmlQuestion, line int, category *string) {
	if q.Type == "category" {
		*category = q.Category.text()
		return
	}
	it := sets.Item{
		Line:        line,
		Title:       q.Name.text(),
		Category:    *category,
		Prompt:      q.QuestionText.text(),
		Explanation: q.GeneralFeedback.text(),
	}
	if q.QuestionText != nil {
		it.Format = xmlFormat(q.QuestionText.Format)
	}
	if it.Title == firstWords(it.Prompt) {
		it.Title = "" // WriteXML's stand-in for a missing title
	}
	if q.Tags != nil {
		for _, t := range q.Tags.Tag {
			if s := strings.TrimSpace(t.Text); s != "" {
				it.Tags = append(it.Tags, s)
			}
		}
	}
	if q.Type == "essay" {
		xmlEssay(res, q, line, Name(it)) // a written question: essay.go
		return
	}
	if name, ok := xmlUnsupported[q.Type]; ok {
		res.Unsupported = append(res.Unsupported, Problem{Line: line, Question: Name(it),
			Message: fmt.Sprintf("Sabaq does not support %s questions; this one will be skipped", name)})
		return
	}
	problem := func(format string, a ...any) {
		res.Errors = append(res.Errors, Problem{Line: line, Question: Name(it), Message: fmt.Sprintf(format, a...)})
	}
	fractions := make([]float64, len(q.Answers))
	for i, a := range q.Answers {
		f, err := xmlNumber(a.Fraction, 0)
		if err != nil {
			problem("the fraction %q of the answer %q is not a number", a.Fraction, firstWords(a.Text))
			return
		}
		fractions[i] = f
	}
	switch q.Type {
	case "multichoice":
		it.Kind = sets.MultipleChoice
		switch strings.TrimSpace(strings.ToLower(q.Single)) {
		case "false", "0":
			it.Kind = sets.MultipleAnswer
		}
		for i, a := range q.Answers {
			it.Choices = append(it.Choices, sets.Choice{Text: strings.TrimSpace(a.Text), Weight: fractions[i], Feedback: a.Feedback.text()})
		}
	case "truefalse":
		it.Kind = sets.TrueFalse
		seen := 0
		for i, a := range q.Answers {
			switch strings.ToLower(strings.TrimSpace(a.Text)) {
			case "true":
				seen |= 1
				it.Truth = fractions[i] > 0
				it.FeedbackTrue = a.Feedback.text()
			case "false":
				seen |= 2
				it.FeedbackFalse = a.Feedback.text()
			}
		}
		if seen != 3 {
			problem("a true/false question needs the answers true and false")
			return
		}
	case "shortanswer":
		it.Kind = sets.ShortAnswer
		if strings.Count(it.Prompt, sets.Blank) == 1 {
			it.Kind = sets.Cloze
		}
		// Answers that earn marks are accepted with their share and
		// feedback; "*" is Moodle's wildcard, whose feedback is for any
		// other answer. Other answers worth nothing are dropped.
		var accepted []sets.TypedAnswer
		for i, a := range q.Answers {
			text := strings.TrimSpace(a.Text)
			switch {
			case text == "*":
				it.OtherFeedback = a.Feedback.text()
			case fractions[i] > 0:
				accepted = append(accepted, sets.TypedAnswer{Text: text, Weight: fractions[i], Feedback: a.Feedback.text()})
			}
		}
		it.SetTypedAnswers(accepted)
	case "numerical":
		it.Kind = sets.Numerical
		for i, a := range q.Answers {
			text := strings.TrimSpace(a.Text)
			if text == "*" {
				it.OtherFeedback = a.Feedback.text() // Moodle's "any other answer"
				continue
			}
			v, err := xmlNumber(text, 0)
			if err != nil {
				problem("the answer %q is not a number", firstWords(text))
				return
			}
			tol, err := xmlNumber(a.Tolerance, 0)
			if err != nil {
				problem("the tolerance %q of the answer %s is not a number", firstWords(a.Tolerance), text)
				return
			}
			it.Numbers = append(it.Numbers, sets.NumericAnswer{Value: v, Tolerance: tol, Weight: fractions[i], Feedback: a.Feedback.text()})
		}
	case "matching":
		it.Kind = sets.Matching
		for _, s := range q.Subquestions {
			l, r := strings.TrimSpace(s.Text), strings.TrimSpace(s.Answer.Text)
			if l == "" {
				continue // Moodle's extra wrong answers; Sabaq pairs need both sides
			}
			it.Pairs = append(it.Pairs, sets.Pair{Left: l, Right: r})
		}
	case "ordering":
		it.Kind = sets.Ordering
		order := make([]int, len(q.Answers))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(i, j int) bool { return fractions[order[i]] < fractions[order[j]] })
		for _, i := range order {
			it.Sequence = append(it.Sequence, strings.TrimSpace(q.Answers[i].Text))
		}
	case "":
		problem("the question has no type; Moodle writes <question type=\"multichoice\"> and so on")
		return
	default:
		res.Unsupported = append(res.Unsupported, Problem{Line: line, Question: Name(it),
			Message: fmt.Sprintf("Sabaq does not support %q questions; this one will be skipped", q.Type)})
		return
	}
	res.add(it)
}

// xmlNumber parses a decimal number; blank is def.
func xmlNumber(s string, def float64) (float64, error) {
	if strings.TrimSpace(s) == "" {
		return def, nil
	}
	return giftNumber(s)
}

// xmlFormat maps Moodle's format names to Sabaq's.
func xmlFormat(f string) sets.TextFormat {
	switch f {
	case "html":
		return sets.HTML
	case "plain_text":
		return sets.Plain
	case "markdown":
		return sets.Markdown
	}
	return "" // moodle_auto_format, or none
}

// xmlFormatName maps Sabaq's text formats to Moodle's names.
func xmlFormatName(f sets.TextFormat) string {
	switch f {
	case sets.HTML:
		return "html"
	case sets.Plain:
		return "plain_text"
	case sets.Markdown:
		return "markdown"
	}
	return "moodle_auto_format"
}

// WriteXML writes items as a Moodle XML quiz, which ParseXML reads back to
// the same items, with two exceptions: a numerical range is written as its
// middle ± half its width (the numbers accepted are the same), and an
// item's EventID is not written. A cloze item is written as a short-answer
// question whose text keeps its blank "____"; an ordering item as Moodle's
// ordering question. An item without a title gets its first words as its
// <name>, which Moodle requires. Pictures keep their /media/ addresses;
// WriteXMLWith carries their files.
func WriteXML(w io.Writer, items []sets.Item) error {
	return WriteXMLWith(w, items, TextOptions{})
}

// WriteXMLWith is WriteXML that also writes the written questions
// o.Written, after the items, as essays (see essay.go), and carries the
// pictures o.Media: in an
// HTML item, a picture /media/NAME whose file is in o.Media is written as
// Moodle does, @@PLUGINFILE@@/NAME with a <file> in the same text element;
// a picture missing from o.Media keeps its address.
func WriteXMLWith(w io.Writer, items []sets.Item, o TextOptions) error {
	var quiz struct {
		XMLName   xml.Name `xml:"quiz"`
		Questions []xmlQuestion
	}
	category := ""
	for i, it := range items {
		if it.Category != category {
			quiz.Questions = append(quiz.Questions, xmlQuestion{Type: "category", Category: &xmlText{Text: it.Category}})
			category = it.Category
		}
		q, err := xmlFromItem(it)
		if err != nil {
			return unsupported(i, it, "Moodle XML", "cannot be written as Moodle XML: "+err.Error())
		}
		if it.Format == sets.HTML && len(o.Media) > 0 {
			xmlEmbed(&q, o.Media)
		}
		quiz.Questions = append(quiz.Questions, q)
	}
	for i, wq := range o.Written { // as essays: essay.go
		if s, bad := writtenBadText(wq); bad {
			return fmt.Errorf("formats: written question %d: the text %q has a character XML cannot hold", i+1, firstWords(s))
		}
		tl, _ := timeline()
		quiz.Questions = append(quiz.Questions, xmlFromWritten(wq, tl))
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	e := xml.NewEncoder(&b)
	e.Indent("", "  ")
	if err := e.Encode(quiz); err != nil {
		return fmt.Errorf("formats: writing Moodle XML: %w", err)
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

func xmlFromItem(it sets.Item) (xmlQuestion, error) {
	if s, ok := xmlBadText(it); ok {
		return xmlQuestion{}, fmt.Errorf("the text %q has a character XML cannot hold", firstWords(s))
	}
	name := it.Title
	if name == "" {
		name = firstWords(it.Prompt)
	}
	format := xmlFormatName(it.Format)
	q := xmlQuestion{
		Name:            &xmlText{Text: name},
		QuestionText:    &xmlText{Format: format, Text: it.Prompt},
		GeneralFeedback: &xmlText{Format: format, Text: it.Explanation},
		DefaultGrade:    "1",
		Penalty:         "0.3333333",
		Hidden:          "0",
	}
	if len(it.Tags) > 0 {
		q.Tags = &xmlTags{}
		for _, t := range it.Tags {
			q.Tags.Tag = append(q.Tags.Tag, xmlText{Text: t})
		}
	}
	feedback := func(s string) *xmlText {
		if s == "" {
			return nil
		}
		return &xmlText{Format: format, Text: s}
	}
	answer := func(fraction float64, text, fb string) xmlAnswer {
		return xmlAnswer{Fraction: giftFormatWeight(fraction), Format: format, Text: text, Feedback: feedback(fb)}
	}
	switch it.Kind {
	case sets.MultipleChoice, sets.MultipleAnswer:
		q.Type, q.Single, q.ShuffleAnswers, q.AnswerNumbering = "multichoice", "true", "true", "abc"
		if it.Kind == sets.MultipleAnswer {
			q.Single = "false"
		}
		for _, c := range it.Choices {
			q.Answers = append(q.Answers, answer(c.Weight, c.Text, c.Feedback))
		}
	case sets.TrueFalse:
		q.Type = "truefalse"
		t, f := 100.0, 0.0
		if !it.Truth {
			t, f = 0, 100
		}
		q.Answers = []xmlAnswer{answer(t, "true", it.FeedbackTrue), answer(f, "false", it.FeedbackFalse)}
	case sets.ShortAnswer, sets.Cloze:
		if it.Kind == sets.ShortAnswer && strings.Count(it.Prompt, sets.Blank) == 1 {
			return q, fmt.Errorf("its text has one blank %s, which reads back as a cloze item; make it a cloze item", sets.Blank)
		}
		q.Type, q.UseCase = "shortanswer", "0"
		for _, a := range it.TypedAnswers() {
			if strings.TrimSpace(a.Text) == "*" {
				return q, fmt.Errorf("the answer * is Moodle's wildcard for any other answer")
			}
			q.Answers = append(q.Answers, answer(a.Weight, a.Text, a.Feedback))
		}
		if it.OtherFeedback != "" {
			q.Answers = append(q.Answers, answer(0, "*", it.OtherFeedback))
		}
	case sets.Numerical:
		q.Type = "numerical"
		for _, n := range it.Numbers {
			v, tol := n.Value, n.Tolerance
			if n.IsRange {
				v, tol = n.Min+(n.Max-n.Min)/2, (n.Max-n.Min)/2
			}
			a := answer(n.Weight, giftFormatNumber(v), n.Feedback)
			a.Tolerance = giftFormatNumber(tol)
			q.Answers = append(q.Answers, a)
		}
		if it.OtherFeedback != "" {
			q.Answers = append(q.Answers, answer(0, "*", it.OtherFeedback))
		}
	case sets.Matching:
		q.Type, q.ShuffleAnswers = "matching", "true"
		for _, p := range it.Pairs {
			s := xmlSub{Format: format, Text: p.Left}
			s.Answer.Text = p.Right
			q.Subquestions = append(q.Subquestions, s)
		}
	case sets.Ordering:
		q.Type = "ordering"
		q.LayoutType, q.SelectType, q.SelectCount = "VERTICAL", "ALL", "0"
		q.GradingType, q.ShowGrading = "ABSOLUTE_POSITION", "SHOW"
		for i, s := range it.Sequence {
			q.Answers = append(q.Answers, answer(float64(i+1), s, ""))
		}
	default:
		return q, fmt.Errorf("%q is not a question kind", it.Kind)
	}
	return q, nil
}

// xmlBadText finds a text of it that XML 1.0 cannot carry unchanged.
func xmlBadText(it sets.Item) (string, bool) {
	texts := []string{it.Title, it.Category, it.Prompt, it.Explanation, it.FeedbackTrue, it.FeedbackFalse, it.OtherFeedback}
	texts = append(texts, it.Accepted...)
	texts = append(texts, it.AcceptedFeedback...)
	texts = append(texts, it.Sequence...)
	texts = append(texts, it.Tags...)
	for _, c := range it.Choices {
		texts = append(texts, c.Text, c.Feedback)
	}
	for _, n := range it.Numbers {
		texts = append(texts, n.Feedback)
	}
	for _, p := range it.Pairs {
		texts = append(texts, p.Left, p.Right)
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

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// xmlPart is one text of a question, with the format it is written in (the
// question's when the element names none, as Moodle reads it) and the files
// embedded beside it.
type xmlPart struct {
	format string
	text   *string
	files  *[]xmlFile
	// rich is whether Sabaq shows the text formatted: not a typed or
	// numerical answer, nor the feedback kinds Sabaq does not read.
	rich bool
}

// xmlParts lists the texts of q.
func xmlParts(q *xmlQuestion) []xmlPart {
	qf := ""
	if q.QuestionText != nil {
		qf = q.QuestionText.Format
	}
	own := func(f string) string {
		if f == "" {
			return qf
		}
		return f
	}
	var out []xmlPart
	el := func(t *xmlText, rich bool) {
		if t != nil {
			out = append(out, xmlPart{own(t.Format), &t.Text, &t.Files, rich})
		}
	}
	el(q.QuestionText, true)
	el(q.GeneralFeedback, true)
	el(q.CorrectFeedback, false)
	el(q.PartialFeedback, false)
	el(q.IncorrectFeedback, false)
	for i := range q.Answers {
		a := &q.Answers[i]
		out = append(out, xmlPart{own(a.Format), &a.Text, &a.Files, q.Type == "multichoice"})
		el(a.Feedback, true)
	}
	for i := range q.Subquestions {
		s := &q.Subquestions[i]
		out = append(out, xmlPart{own(s.Format), &s.Text, &s.Files, true})
	}
	return out
}

// xmlRef is where an embedded file went: its key in Result.Files, or why
// it could not be read.
type xmlRef struct {
	key string
	err error
}

// xmlPictures reads the files q's texts carry into res.Files and points
// each picture of q's HTML texts at its file's key there, for finish to
// store: a text's own files first, then those of q's other texts. A file
// whose data cannot be read leaves its pictures pointing nowhere; they are
// returned, for the teacher.
//
// A name carried by two questions with different pictures gets a second
// key, so that each question shows its own.
func xmlPictures(res *Result, q *xmlQuestion, line int) []string {
	parts := xmlParts(q)
	all := map[string]xmlRef{}
	own := make([]map[string]xmlRef, len(parts))
	for i, p := range parts {
		for _, f := range *p.files {
			name := xmlFileName(f)
			if name == "" {
				continue
			}
			var ref xmlRef
			if data, err := xmlFileData(f); err != nil {
				ref.err = err
			} else {
				ref.key = res.xmlFileKey(name, data, line)
			}
			if own[i] == nil {
				own[i] = map[string]xmlRef{}
			}
			if _, dup := own[i][name]; !dup {
				own[i][name] = ref
			}
			if _, dup := all[name]; !dup {
				all[name] = ref
			}
		}
	}
	if len(all) == 0 {
		return nil
	}
	var lost []string
	for i, p := range parts {
		if !p.rich || p.format != "html" {
			continue
		}
		*p.text = media.Rewrite(*p.text, func(im *media.Image) {
			name, ref, ok := xmlFind(im.Src, own[i])
			if !ok {
				name, ref, ok = xmlFind(im.Src, all)
			}
			if !ok {
				return
			}
			if ref.err != nil {
				im.Src = ""
				if msg := fmt.Sprintf("the picture %q (%v)", name, ref.err); !slices.Contains(lost, msg) {
					lost = append(lost, msg)
				}
				return
			}
			im.Src = ref.key
		})
	}
	return lost
}

// xmlFileName is the name a question's text gives f: its path, without
// the leading /, and its name.
func xmlFileName(f xmlFile) string {
	name := strings.TrimSpace(f.Name)
	if name == "" {
		return ""
	}
	if dir := strings.Trim(strings.TrimSpace(f.Path), "/"); dir != "" {
		name = dir + "/" + name
	}
	return name
}

// xmlFileData decodes f's base64 data, whatever its line breaks and padding.
func xmlFileData(f xmlFile) ([]byte, error) {
	if enc := strings.ToLower(strings.TrimSpace(f.Encoding)); enc != "" && enc != "base64" {
		return nil, fmt.Errorf("its data is in the %q encoding, not base64", f.Encoding)
	}
	data := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, f.Data)
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(data, "="))
	if err != nil {
		return nil, errors.New("its data in the file is damaged: it is not valid base64")
	}
	return b, nil
}

// xmlFileKey files data under name in r.Files, or under name and the line
// when another question's picture has that name; the same picture under
// the same name is filed once.
func (r *Result) xmlFileKey(name string, data []byte, line int) string {
	if r.Files == nil {
		r.Files = map[string][]byte{}
	}
	key := name
	for n := 1; ; n++ {
		b, taken := r.Files[key]
		if !taken {
			r.Files[key] = data
			return key
		}
		if bytes.Equal(b, data) {
			return key
		}
		// The suffix keeps the extension first and the base name whole, so
		// the alt text made from the key is the file's name.
		key = fmt.Sprintf("%s (line %d, %d)", name, line, n)
		if n == 1 {
			key = fmt.Sprintf("%s (line %d)", name, line)
		}
	}
}

// xmlFind finds the file a picture's src names, as Result.file does (see
// fileNames).
func xmlFind(src string, files map[string]xmlRef) (string, xmlRef, bool) {
	if len(files) == 0 || src == "" {
		return "", xmlRef{}, false
	}
	for _, c := range fileNames(src) {
		if ref, ok := files[c]; ok {
			return c, ref, true
		}
	}
	return "", xmlRef{}, false
}

// xmlKind is the kind of text a Moodle format names: "html", "markdown" or
// "plain" (plain_text, moodle_auto_format or none).
func xmlKind(format string) string {
	switch format {
	case "html", "markdown":
		return format
	}
	return "plain"
}

// xmlOneFormat writes every formatted text of q in the one format a Sabaq
// item has: its question text's. Moodle lets an answer or a feedback have
// its own (a plain-text answer in an HTML question): plain text is escaped
// into HTML, markdown rendered into it. Where a plain or markdown question
// has an HTML text with markup (a picture, a table), turning that HTML into
// plain text would lose it, so the question becomes HTML instead.
func xmlOneFormat(q *xmlQuestion) {
	if q.QuestionText == nil {
		return
	}
	parts := xmlParts(q)
	target := xmlKind(q.QuestionText.Format)
	if target != "html" {
		for _, p := range parts {
			if p.rich && xmlKind(p.format) == "html" && strings.ContainsAny(*p.text, "<&") {
				target = "html"
				break
			}
		}
	}
	for _, p := range parts {
		if p.rich {
			*p.text = xmlConvert(*p.text, xmlKind(p.format), target)
		}
	}
	if target != xmlKind(q.QuestionText.Format) {
		q.QuestionText.Format = target
	}
}

// xmlConvert rewrites s from one kind of text to another (see xmlKind).
// HTML is only turned into plain text or markdown when it has no markup.
func xmlConvert(s, from, to string) string {
	if from == to {
		return s
	}
	s = strings.TrimSpace(s)
	switch {
	case to == "html" && from == "markdown":
		return strings.TrimSpace(string(richtext.FromMarkdown(s)))
	case to == "html":
		s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(html.EscapeString(s))
		return strings.ReplaceAll(s, "\n", "<br>")
	case to == "markdown":
		return xmlMarkdownText(s)
	}
	return s // markdown reads as plain text; the HTML here has no markup
}

// xmlMarkdownText is plain text as markdown that shows it as it is: the
// characters markdown acts on escaped, line breaks kept.
func xmlMarkdownText(s string) string {
	lines := strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s), "\n")
	for i, l := range lines {
		var b strings.Builder
		l = strings.TrimLeft(l, " \t")
		for j, r := range l {
			switch {
			case strings.ContainsRune("\\`*_[]<>#!|~&", r),
				j == 0 && strings.ContainsRune("-+=", r),
				(r == '.' || r == ')') && j > 0 && strings.Trim(l[:j], "0123456789") == "":
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\\\n")
}

// xmlEmbed carries the stored pictures q's texts show, as Moodle does: the
// src @@PLUGINFILE@@/NAME and a <file> in the same element.
func xmlEmbed(q *xmlQuestion, pictures map[string]media.File) {
	for _, p := range xmlParts(q) {
		if !p.rich {
			continue
		}
		var added []string
		*p.text = media.Rewrite(*p.text, func(im *media.Image) {
			n := media.NameOf(im.Src)
			f, ok := pictures[n]
			if n == "" || !ok {
				return
			}
			im.Src = "@@PLUGINFILE@@/" + n
			if !slices.Contains(added, n) {
				added = append(added, n)
				*p.files = append(*p.files, xmlFile{Name: n, Path: "/", Encoding: "base64", Data: base64.StdEncoding.EncodeToString(f.Data)})
			}
		})
	}
}
