package formats

import (
	"fmt"
	"io"
	"strings"

	"sabaq/questions/sets"
)

// TextOptions are the separators of a flashcard site's text export (Quizlet's
// "Export" and "Import": between term and definition, and between rows).
type TextOptions struct {
	TermSep string // between term and definition: "\t" when empty; ",", ";", "-" or any text
	RowSep  string // between rows (cards): "\n" when empty; ";" or any text
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
// empty term or definition, is reported in Result.Errors with its line. The
// error is only for reading r or a file over MaxBytes.
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
			res.add(textCard(term, def, line))
		}
	}
	res.finish()
	return res, nil
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
// "answer<TermSep>prompt". Only the first accepted answer is written; the
// explanation, tags and other metadata are left out. An item whose prompt is
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
		if len(it.Accepted) == 0 {
			return fail("has no accepted answer")
		}
		prompt := strings.TrimSpace(strings.ReplaceAll(it.Prompt, "\r\n", "\n"))
		answer := strings.TrimSpace(strings.ReplaceAll(it.Accepted[0], "\r\n", "\n"))
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
