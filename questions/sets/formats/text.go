package formats

import (
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"strings"

	"sabaq/questions/media"
	"sabaq/questions/sets"
	"sabaq/questions/written"
)

// TextOptions are the separators of a flashcard site's text export (Quizlet's
// "Export" and "Import": between term and definition, and between rows).
type TextOptions struct {
	TermSep string // between term and definition: "\t" when empty; ",", ";", "-" or any text
	RowSep  string // between rows (cards): "\n" when empty; ";" or any text
	// Media are the stored pictures the items show, by name (see
	// MediaNames), for the formats that carry files (Moodle XML, the Anki
	// package); the others keep the pictures' /media/ addresses.
	Media map[string]media.File
	// Written are a set's written questions, which Moodle XML writes as
	// essays after the items (essay.go); the other formats leave them out.
	Written []written.Question
}

// txMaxProblems is where the Aiken, text, Anki and CSV parsers stop listing
// problems, as the GIFT parser does: a teacher fixes the first ones and
// imports again, and a garbage file stays cheap.
const txMaxProblems = 100

// txStop reports whether a parser should stop before the question at line:
// past MaxItems (finish reports it) or txMaxProblems (noted here).
func txStop(res *Result, line int) bool {
	if len(res.Items) > MaxItems {
		return true
	}
	if len(res.Errors)+len(res.Unsupported) >= txMaxProblems {
		res.Errors = append(res.Errors, Problem{Line: line,
			Message: fmt.Sprintf("stopped reading after %d problems; fix these and import again", txMaxProblems)})
		return true
	}
	return false
}

// TextTermMaxWords is the longest term, in words, that Sabaq asks for by its
// definition; a longer term is itself the question.
const TextTermMaxWords = 8

func (o TextOptions) withDefaults() TextOptions {
	if o.TermSep == "" {
		o.TermSep = "\t"
	}
	if o.RowSep == "" {
		o.RowSep = "\n"
	}
	// Files are read with "\r\n" turned into "\n"; so are the separators.
	o.TermSep = strings.ReplaceAll(o.TermSep, "\r\n", "\n")
	o.RowSep = strings.ReplaceAll(o.RowSep, "\r\n", "\n")
	return o
}

// ParseText reads a term/definition text export (Quizlet's, or any site's
// with the same shape): one card per row, "term<TermSep>definition". Each
// card becomes a plain-text short-answer item:
//
//   - a term ending in "?" is a question: the prompt is the term and the
//     accepted answer the definition;
//   - otherwise a term of at most TextTermMaxWords words ("Tashkent
//     Declaration") is what the learner recalls: the prompt is the definition
//     ("Soviet-brokered agreement of January 1966 ending the 1965 war") and the
//     accepted answer the term, which typed checking can match;
//   - a longer term is asked as it stands and its definition is the accepted
//     answer, flashcard style (typed checking of a long definition is
//     lenient at best).
//
// A row is split at the first TermSep, so a definition may contain it but a
// term may not. Blank rows are skipped; a row without TermSep, or with an
// empty term or definition, is reported in Result.Errors with its line.
//
// Quizlet's cards may show a picture, which its export gives as an address
// (https://o.quizlet.com/….jpg, or an <img> tag). Sabaq cannot fetch from
// the internet, so the address is taken out of the card and named in
// Result.NotKept for the teacher to add the picture in the question's form;
// a term or definition that was only a picture is an error. The error is
// only for reading r or a file over MaxBytes.
func ParseText(r io.Reader, opts TextOptions) (Result, error) {
	b, err := readAll(r)
	if err != nil {
		return Result{}, err
	}
	opts = opts.withDefaults()
	var res Result
	if opts.TermSep == opts.RowSep {
		res.Errors = append(res.Errors, Problem{Message: "the separator between term and definition must differ from the one between rows"})
		return res, nil
	}
	data := strings.ReplaceAll(strings.TrimPrefix(string(b), "\uFEFF"), "\r\n", "\n")
	// Trim spaces and line breaks around a row, but never the term separator.
	cutset := strings.Map(func(r rune) rune {
		if strings.ContainsRune(opts.TermSep, r) {
			return -1
		}
		return r
	}, " \t\r\n")
	line, counted := 1, 0 // line number at byte offset counted
	for pos := 0; pos <= len(data); {
		end := strings.Index(data[pos:], opts.RowSep)
		if end < 0 {
			end = len(data) - pos
		}
		row := data[pos : pos+end]
		start := pos + len(row) - len(strings.TrimLeft(row, cutset))
		pos += end + len(opts.RowSep)
		row = strings.Trim(row, cutset)
		if row == "" {
			continue
		}
		line += strings.Count(data[counted:start], "\n")
		counted = start
		if txStop(&res, line) {
			break
		}
		term, def, ok := strings.Cut(row, opts.TermSep)
		term, def = strings.TrimSpace(term), strings.TrimSpace(def)
		switch {
		case !ok:
			res.Errors = append(res.Errors, Problem{Line: line, Question: firstWords(row),
				Message: fmt.Sprintf("no %s between the term and the definition", textSepName(opts.TermSep))})
		case term == "":
			res.Errors = append(res.Errors, Problem{Line: line, Question: firstWords(def), Message: "the term is empty"})
		case def == "":
			res.Errors = append(res.Errors, Problem{Line: line, Question: firstWords(term), Message: "the definition is empty"})
		default:
			textAdd(&res, term, def, line)
		}
	}
	res.finish()
	return res, nil
}

// textAdd adds the card term/def at line, its pictures taken out (see
// ParseText).
func textAdd(res *Result, term, def string, line int) {
	term, termPics := textWithoutPictures(term)
	def, defPics := textWithoutPictures(def)
	switch {
	case term == "" && len(termPics) > 0:
		res.Errors = append(res.Errors, Problem{Line: line, Question: firstWords(def),
			Message: fmt.Sprintf("the term is only the picture at %s, which Sabaq cannot fetch from the internet: write the term in words (you can add the picture in the question's form after importing)", termPics[0])})
		return
	case def == "" && len(defPics) > 0:
		res.Errors = append(res.Errors, Problem{Line: line, Question: firstWords(term),
			Message: fmt.Sprintf("the definition is only the picture at %s, which Sabaq cannot fetch from the internet: write the definition in words (you can add the picture in the question's form after importing)", defPics[0])})
		return
	}
	n := len(res.Items)
	it := textCard(term, def, line)
	res.add(it)
	if len(res.Items) == n {
		return // not valid: its errors say why
	}
	for _, pic := range append(termPics, defPics...) {
		res.NotKept = append(res.NotKept, Problem{Line: line, Question: Name(it),
			Message: "not kept: the picture at " + pic + " (Sabaq cannot fetch pictures from the internet: add it in the question's form)"})
	}
}

var (
	textImgRe = regexp.MustCompile(`(?i)<img\b[^>]*>`)
	textSrcRe = regexp.MustCompile(`(?i)\bsrc\s*=\s*["']?([^"'\s>]+)`)
	textURLRe = regexp.MustCompile(`(?i)https?://[^\s<>"']+`)
)

// textPictureExts are the suffixes of a picture's address.
var textPictureExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true}

// textIsPicture reports whether the address u is a picture: its path ends
// in a picture's suffix, or it is on Quizlet's (or Flickr's, which Quizlet
// used) picture hosts.
func textIsPicture(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	host := strings.ToLower(p.Hostname())
	return textPictureExts[strings.ToLower(path.Ext(p.Path))] ||
		host == "o.quizlet.com" || strings.HasSuffix(host, ".staticflickr.com")
}

// textWithoutPictures takes the pictures out of a card's side: <img> tags
// showing an http(s) address and bare picture addresses. It returns the text left, its spaces
// collapsed when something was taken out, and the pictures' addresses.
func textWithoutPictures(s string) (string, []string) {
	var pics []string
	out := textImgRe.ReplaceAllStringFunc(s, func(tag string) string {
		m := textSrcRe.FindStringSubmatch(tag)
		if m == nil || !textURLRe.MatchString(m[1]) || textURLRe.FindString(m[1]) != m[1] {
			return tag // not a picture from the internet: left as text
		}
		pics = append(pics, m[1])
		return " "
	})
	out = textURLRe.ReplaceAllStringFunc(out, func(u string) string {
		trimmed := strings.TrimRight(u, ".,;:!?)")
		if !textIsPicture(trimmed) {
			return u
		}
		pics = append(pics, trimmed)
		return " " + u[len(trimmed):]
	})
	if len(pics) == 0 {
		return s, nil
	}
	return strings.Join(strings.Fields(out), " "), pics
}

// textCard is the item for one card, by the rules of ParseText.
func textCard(term, def string, line int) sets.Item {
	it := sets.Item{Kind: sets.ShortAnswer, Format: sets.Plain, Line: line}
	if !strings.HasSuffix(term, "?") && len(strings.Fields(term)) <= TextTermMaxWords {
		it.Prompt, it.Accepted = def, []string{term}
	} else {
		it.Prompt, it.Accepted = term, []string{def}
	}
	return it
}

// textSepName names a separator in a message.
func textSepName(sep string) string {
	switch sep {
	case "\t":
		return "tab"
	case "\n":
		return "line break"
	case ",":
		return "comma"
	case ";":
		return "semicolon"
	}
	return fmt.Sprintf("%q", sep)
}

// WriteText writes short-answer items as term/definition rows that ParseText
// (and Quizlet's import, given the same separators) reads back as the same
// items: a question (prompt ending in "?") or a long prompt with a longer
// answer is written as "prompt<TermSep>answer", any other item as
// "answer<TermSep>prompt". Only the first fully right accepted answer is
// written (never a partly right one, which would read back as fully
// right); the other answers, their feedback, the explanation, tags and
// other metadata are left out (OneAnswerLoses names them). An item whose prompt is
// short and whose answer is longer than TextTermMaxWords words is written as
// "answer<TermSep>prompt", which reads back with the two swapped. It returns
// an error naming the first item that is not short answer, or whose text
// holds the row separator (or the term separator, in the term).
func WriteText(w io.Writer, items []sets.Item, opts TextOptions) error {
	opts = opts.withDefaults()
	if opts.TermSep == opts.RowSep {
		return fmt.Errorf("formats: the separator between term and definition must differ from the one between rows")
	}
	var b strings.Builder
	for i, it := range items {
		fail := func(why string) error {
			return unsupported(i, it, "flashcard text", why)
		}
		if it.Kind != sets.ShortAnswer {
			return fail(fmt.Sprintf("is %s; a term/definition list holds only short-answer questions", itemKindPhrase(it.Kind)))
		}
		full := FullyRightOnly([]sets.Item{it})[0].Accepted
		if len(full) == 0 {
			return fail("has no fully right accepted answer")
		}
		prompt := strings.TrimSpace(strings.ReplaceAll(it.Prompt, "\r\n", "\n"))
		answer := strings.TrimSpace(strings.ReplaceAll(full[0], "\r\n", "\n"))
		term, def := answer, prompt
		if strings.HasSuffix(prompt, "?") ||
			(len(strings.Fields(answer)) > TextTermMaxWords || strings.HasSuffix(answer, "?")) && len(strings.Fields(prompt)) > TextTermMaxWords {
			term, def = prompt, answer
		}
		switch {
		case strings.Contains(term, opts.RowSep) || strings.Contains(def, opts.RowSep):
			return fail(fmt.Sprintf("contains the row separator (%s)", textSepName(opts.RowSep)))
		case strings.Contains(term, opts.TermSep):
			return fail(fmt.Sprintf("contains the term separator (%s) in %q", textSepName(opts.TermSep), term))
		}
		b.WriteString(term)
		b.WriteString(opts.TermSep)
		b.WriteString(def)
		b.WriteString(opts.RowSep)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// FullyRightOnly returns items with only their fully right (100%) typed
// answers, without the answers' feedback or the feedback for other
// answers: what a format with one plain answer a card (flashcards, Anki
// notes) may hold without making a partly right answer fully right. Items
// are copied; an item with no weighted or noted answer is returned as is.
func FullyRightOnly(items []sets.Item) []sets.Item {
	out := make([]sets.Item, len(items))
	for i, it := range items {
		if len(it.AcceptedWeights) > 0 || len(it.AcceptedFeedback) > 0 || it.OtherFeedback != "" {
			var full []sets.TypedAnswer
			for _, a := range it.TypedAnswers() {
				if a.Weight == 100 {
					full = append(full, sets.TypedAnswer{Text: a.Text, Weight: 100})
				}
			}
			it.SetTypedAnswers(full)
			it.OtherFeedback = ""
		}
		out[i] = it
	}
	return out
}

// OneAnswerLoses names what a format that writes one fully right answer a
// card (flashcard text, Anki notes) drops from a short-answer or cloze
// item: its other accepted answers, the partly right ones, and feedback.
func OneAnswerLoses(it sets.Item) []string {
	if it.Kind != sets.ShortAnswer && it.Kind != sets.Cloze {
		return nil
	}
	var out, others []string
	kept, noted := false, it.OtherFeedback != ""
	for _, a := range it.TypedAnswers() {
		noted = noted || a.Feedback != ""
		switch {
		case a.Weight != 100:
			out = append(out, fmt.Sprintf("the partly right answer “%s” (%s%%)", a.Text, giftFormatWeight(a.Weight)))
		case kept:
			others = append(others, "“"+a.Text+"”")
		default:
			kept = true
		}
	}
	if len(others) > 0 {
		out = append(out, "the other accepted answers "+strings.Join(others, ", "))
	}
	if noted {
		out = append(out, "the feedback on its answers")
	}
	return out
}
