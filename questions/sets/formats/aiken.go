package formats

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"sabaq/questions/sets"
)

// The Aiken format (Moodle's) holds multiple-choice questions only:
//
//	Which city hosted the 1966 talks that ended the India–Pakistan war?
//	A) Moscow
//	B) Tashkent
//	C) Kabul
//	ANSWER: B
//
// The question may run over several lines; the options are a capital letter
// followed by ")" or "." and a space; "ANSWER:" names the correct letter; a
// blank line ends a question. The first line of a question is always
// question text, even if it starts like an option ("A. Q. Khan …").
var (
	aikenOption = regexp.MustCompile(`^([A-Z])[.)](?:[ \t]+(.*))?$`)
	aikenAnswer = regexp.MustCompile(`^(?i:answer)[ \t]*:[ \t]*(.*)$`)
)

// aikenQuestion is a question being read.
type aikenQuestion struct {
	line    int
	prompt  []string
	options []aikenChoice
	broken  bool // a problem is already reported; skip to its end
}

type aikenChoice struct {
	letter string
	text   string
}

// ParseAiken reads questions in the Aiken format. Every item is multiple
// choice, in plain text, with the correct option weighted 100 and the others 0.
// A question without an ANSWER line, with fewer than two options, or whose
// answer is not one of its letters is reported in Result.Errors by line. The
// error is only for reading r or a file over MaxBytes.
func ParseAiken(r io.Reader) (Result, error) {
	b, err := readAll(r)
	if err != nil {
		return Result{}, err
	}
	var res Result
	var q *aikenQuestion
	bad := func(line int, format string, a ...any) {
		res.Errors = append(res.Errors, Problem{Line: line, Question: firstWords(strings.Join(q.prompt, " ")), Message: fmt.Sprintf(format, a...)})
		q.broken = true
	}
	// end closes the question at a blank line or the end of the file.
	end := func() {
		if q != nil && !q.broken {
			if len(q.options) < 2 {
				bad(q.line, "give at least two options (A) … B) …) and an ANSWER line")
			} else {
				bad(q.line, `the ANSWER line (like "ANSWER: B") is missing after the options`)
			}
		}
		q = nil
	}
	for i, raw := range aikenLines(b) {
		n := i + 1
		line := strings.TrimSpace(raw)
		if line != "" && (q == nil || !q.broken) && txStop(&res, n) {
			q = nil
			break
		}
		var answer, option []string
		if line != "" {
			answer = aikenAnswer.FindStringSubmatch(line)
			option = aikenOption.FindStringSubmatch(line)
		}
		switch {
		case line == "":
			end()
		case q == nil:
			if answer != nil {
				res.Errors = append(res.Errors, Problem{Line: n, Message: "this ANSWER line has no question and options before it"})
				continue
			}
			q = &aikenQuestion{line: n, prompt: []string{line}}
		case q.broken:
			if answer != nil {
				q = nil
			}
		case answer != nil:
			q.answer(&res, n, answer[1], bad)
			q = nil
		case option != nil:
			for _, o := range q.options {
				if o.letter == option[1] {
					bad(n, "option %s appears twice", option[1])
				}
			}
			if !q.broken {
				q.options = append(q.options, aikenChoice{letter: option[1], text: strings.TrimSpace(option[2])})
			}
		case len(q.options) == 0:
			q.prompt = append(q.prompt, line)
		default:
			bad(n, `expected another option (like "C) …") or the ANSWER line; is the ANSWER line of this question missing?`)
		}
	}
	end()
	res.finish()
	return res, nil
}

// answer closes the question at its ANSWER line (number n, value v).
func (q *aikenQuestion) answer(res *Result, n int, v string, bad func(int, string, ...any)) {
	v = strings.ToUpper(strings.TrimSpace(v))
	if len(q.options) < 2 {
		bad(q.line, "give at least two options (A) … B) …) before the ANSWER line")
		return
	}
	if len(v) != 1 || v[0] < 'A' || v[0] > 'Z' {
		bad(n, `the ANSWER line must name one option letter, like "ANSWER: B"`)
		return
	}
	it := sets.Item{Kind: sets.MultipleChoice, Prompt: strings.Join(q.prompt, "\n"), Format: sets.Plain, Line: q.line}
	found := false
	letters := make([]string, 0, len(q.options))
	for _, o := range q.options {
		c := sets.Choice{Text: o.text}
		if o.letter == v {
			c.Weight = 100
			found = true
		}
		it.Choices = append(it.Choices, c)
		letters = append(letters, o.letter)
	}
	if !found {
		bad(n, "the answer %s is not one of the options (%s)", v, strings.Join(letters, ", "))
		return
	}
	res.add(it)
}

// aikenLines splits a file into lines, without a byte-order mark or "\r".
func aikenLines(b []byte) []string {
	s := strings.TrimPrefix(string(b), "\uFEFF")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// WriteAiken writes multiple-choice items in the Aiken format, options
// lettered "A)", "B)", …. Aiken holds no explanation, feedback, weights or
// tags: they are left out. It returns an error naming the first item that is
// not multiple choice or whose text Aiken cannot hold (a blank line in the
// question, a question line that reads as an option, an option over several
// lines, not exactly one correct option or more than 26 options).
func WriteAiken(w io.Writer, items []sets.Item) error {
	bw := bufio.NewWriter(w)
	for i, it := range items {
		fail := func(why string) error {
			return unsupported(i, it, "Aiken", why)
		}
		if it.Kind != sets.MultipleChoice {
			return fail(fmt.Sprintf("is %s; Aiken holds only multiple-choice questions", itemKindPhrase(it.Kind)))
		}
		if len(it.Choices) > 26 {
			return fail("has more than 26 options; Aiken letters them A to Z")
		}
		correct := -1
		for j, c := range it.Choices {
			if c.Correct() {
				if correct >= 0 {
					return fail("has more than one correct option; Aiken has one")
				}
				correct = j
			}
			if strings.ContainsAny(c.Text, "\r\n") {
				return fail("has an option over several lines; Aiken options are one line each")
			}
		}
		if correct < 0 {
			return fail("has no correct option")
		}
		for j, l := range strings.Split(strings.TrimSpace(it.Prompt), "\n") {
			l = strings.TrimSpace(l)
			switch {
			case l == "":
				return fail("has a blank line in its text, which Aiken reads as the end of the question")
			case aikenAnswer.MatchString(l) || (j > 0 && aikenOption.MatchString(l)):
				return fail(fmt.Sprintf("has a line that Aiken would read as an option or answer: %q", l))
			}
			fmt.Fprintln(bw, l)
		}
		for j, c := range it.Choices {
			fmt.Fprintf(bw, "%c) %s\n", 'A'+j, strings.TrimSpace(c.Text))
		}
		fmt.Fprintf(bw, "ANSWER: %c\n\n", 'A'+correct)
	}
	return bw.Flush()
}

// itemKindPhrase is a kind's label with an article, for writers' errors.
func itemKindPhrase(k sets.Kind) string {
	name, ok := sets.KindNames[k]
	if !ok {
		return fmt.Sprintf("of kind %q", k)
	}
	name = strings.ToLower(name)
	if strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name + " question"
	}
	return "a " + name + " question"
}

// AikenLoses names what WriteAiken drops from a multiple-choice item it
// writes: its options' feedback and the marks a wrong option takes away
// (Aiken knows one right option and wrong ones worth nothing).
func AikenLoses(it sets.Item) []string {
	if it.Kind != sets.MultipleChoice {
		return nil
	}
	var out []string
	noted := false
	for _, c := range it.Choices {
		noted = noted || c.Feedback != ""
		if c.Weight < 0 {
			out = append(out, fmt.Sprintf("the penalty for the wrong option “%s” (%s%%)", c.Text, giftFormatWeight(c.Weight)))
		}
	}
	if noted {
		out = append(out, "the feedback on its options")
	}
	return out
}
