// Package written is Sabaq's bank of written questions: describe, explain
// why and evaluate questions in the style of Cambridge O Level Pakistan
// Studies (2059, Paper 1) and essay prompts in the style of the CSS Pakistan
// Affairs paper, each with a level-of-response mark scheme and indicative
// points linked to the timeline's events. It does no I/O beyond reading its
// embedded data.
package written

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"sabaq/questions"
)

// Kind is the sort of written question, which fixes its marks and its
// mark scheme's shape.
type Kind string

// The four kinds of written question.
const (
	Describe Kind = "describe" // O Level part (a): describe, about 4 marks
	Explain  Kind = "explain"  // O Level part (b): explain why, about 7 marks
	Evaluate Kind = "evaluate" // O Level part (c): how far, how successful, most important reason; about 14 marks
	Essay    Kind = "essay"    // CSS Pakistan Affairs essay, 20 marks
)

// Kinds lists the kinds in the order a paper asks them.
var Kinds = []Kind{Describe, Explain, Evaluate, Essay}

// MarkRange is the least and most marks a question of the kind may carry.
var MarkRange = map[Kind][2]int{
	Describe: {3, 5},
	Explain:  {6, 8},
	Evaluate: {10, 14},
	Essay:    {15, 20},
}

// MinPoints is the fewest indicative points a question of the kind needs.
var MinPoints = map[Kind]int{
	Describe: 4,
	Explain:  4,
	Evaluate: 8,
	Essay:    8,
}

// Side says which way an indicative point of an evaluate question argues.
type Side string

// The two sides of an evaluate question: for the proposition in the prompt
// (it was successful, it was the most important reason) or against it.
const (
	For     Side = "for"
	Against Side = "against"
)

// Level is one level of a level-of-response mark scheme: an answer that
// meets the descriptor earns between Min and Max marks.
type Level struct {
	Level      int    `json:"level"`
	Min        int    `json:"min"`
	Max        int    `json:"max"`
	Descriptor string `json:"descriptor"`
	// Exemplar is a short paragraph showing what an answer at this level
	// reads like, written in our own words, not quoted from a source or a
	// real mark scheme. At most MaxExemplar characters.
	Exemplar string `json:"exemplar"`
}

// MaxExemplar is the most characters a level's exemplar may run to: enough
// for a few sentences of an essay plan, short enough to read at a glance.
const MaxExemplar = 700

// Point is one indicative point of a mark scheme: a short sentence a good
// answer could make, linked to the events that bear it out.
type Point struct {
	ID     string   `json:"id"`
	Text   string   `json:"text"`
	Events []string `json:"events"`
	// Side is "for" or "against" on an evaluate question, empty otherwise.
	Side Side `json:"side"`
}

// Question is one written question with its mark scheme.
type Question struct {
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	Eras    []string `json:"eras"`
	Prompt  string   `json:"prompt"`
	Marks   int      `json:"marks"`
	Levels  []Level  `json:"levels"`
	Points  []Point  `json:"points"`
	Outline []string `json:"outline"`
}

// Bank is the validated set of written questions, in file order.
type Bank struct {
	Questions []Question `json:"questions"`
}

// Question finds a question by id.
func (b *Bank) Question(id string) (Question, bool) {
	i := slices.IndexFunc(b.Questions, func(q Question) bool { return q.ID == id })
	if i < 0 {
		return Question{}, false
	}
	return b.Questions[i], true
}

// ByKind returns the questions of one kind.
func (b *Bank) ByKind(k Kind) []Question {
	var qs []Question
	for _, q := range b.Questions {
		if q.Kind == k {
			qs = append(qs, q)
		}
	}
	return qs
}

// ByEra returns the questions that concern an era (an essay spanning several
// eras is returned for each).
func (b *Bank) ByEra(era string) []Question {
	var qs []Question
	for _, q := range b.Questions {
		if slices.Contains(q.Eras, era) {
			qs = append(qs, q)
		}
	}
	return qs
}

// The bank is kept in one file per era, with the essays, which span eras,
// in a file of their own.
//
//go:embed data/*.json
var bankFiles embed.FS

// Load reads the built-in bank and validates it against the timeline.
func Load(tl *questions.Timeline) (*Bank, error) {
	names, err := fs.Glob(bankFiles, "data/*.json")
	if err != nil {
		return nil, err
	}
	docs := make([][]byte, 0, len(names))
	for _, n := range names {
		b, err := bankFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		docs = append(docs, b)
	}
	return Parse(tl, docs...)
}

// Parse reads a bank from one or more JSON documents of the form
// {"questions": [...]}, merges them and validates the result against tl.
func Parse(tl *questions.Timeline, docs ...[]byte) (*Bank, error) {
	var b Bank
	for i, doc := range docs {
		var part Bank
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&part); err != nil {
			return nil, fmt.Errorf("written questions (document %d): %w", i+1, err)
		}
		b.Questions = append(b.Questions, part.Questions...)
	}
	if err := b.Validate(tl); err != nil {
		return nil, err
	}
	return &b, nil
}

// Validate checks every question against tl and reports all the problems
// found, each naming its question.
func (b *Bank) Validate(tl *questions.Timeline) error {
	var errs []error
	seen := map[string]bool{}
	for _, q := range b.Questions {
		if seen[q.ID] {
			errs = append(errs, fmt.Errorf("written question %q: duplicate id", q.ID))
		}
		seen[q.ID] = true
		if err := q.Validate(tl); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Validate checks one question: its kind and marks, the shape of its mark
// scheme, its indicative points and their events, and its outline. The
// error names the question.
func (q Question) Validate(tl *questions.Timeline) error {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if strings.TrimSpace(q.ID) == "" {
		bad("empty id")
	}
	rng, known := MarkRange[q.Kind]
	if !known {
		bad("unknown kind %q (known: %v)", q.Kind, Kinds)
	}
	if strings.TrimSpace(q.Prompt) == "" {
		bad("empty prompt")
	}
	if known && (q.Marks < rng[0] || q.Marks > rng[1]) {
		bad("%d marks, but a %s question carries %d to %d", q.Marks, q.Kind, rng[0], rng[1])
	}
	problems = append(problems, q.levelProblems()...)
	problems = append(problems, q.eraProblems(tl)...)
	problems = append(problems, q.pointProblems(tl)...)
	if len(q.Outline) == 0 {
		bad("no model answer outline")
	}
	for i, s := range q.Outline {
		if strings.TrimSpace(s) == "" {
			bad("outline step %d is empty", i+1)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("written question %q: %s", q.ID, strings.Join(problems, "; "))
}

// levelProblems checks the mark scheme: levels numbered 1, 2, 3... whose
// mark ranges run without gap or overlap from 1 to the question's marks,
// each with a descriptor and a short exemplar.
// (Zero marks, for an answer with nothing creditworthy, sits below Level 1,
// as in the O Level mark schemes.)
func (q Question) levelProblems() []string {
	var p []string
	if len(q.Levels) < 2 {
		return append(p, fmt.Sprintf("%d levels in the mark scheme, want at least 2", len(q.Levels)))
	}
	next := 1
	for i, l := range q.Levels {
		if l.Level != i+1 {
			p = append(p, fmt.Sprintf("level %d is numbered %d: levels run 1, 2, 3... in order", i+1, l.Level))
		}
		if l.Min > l.Max {
			p = append(p, fmt.Sprintf("level %d runs from %d to %d marks", l.Level, l.Min, l.Max))
		}
		switch {
		case l.Min < next:
			p = append(p, fmt.Sprintf("level %d (%d–%d marks) overlaps the level below, which ends at %d", l.Level, l.Min, l.Max, next-1))
		case l.Min > next:
			p = append(p, fmt.Sprintf("level %d starts at %d marks, leaving %d uncovered", l.Level, l.Min, next))
		}
		if strings.TrimSpace(l.Descriptor) == "" {
			p = append(p, fmt.Sprintf("level %d has no descriptor", l.Level))
		}
		if strings.TrimSpace(l.Exemplar) == "" {
			p = append(p, fmt.Sprintf("level %d has no exemplar", l.Level))
		} else if n := utf8.RuneCountInString(l.Exemplar); n > MaxExemplar {
			p = append(p, fmt.Sprintf("level %d's exemplar runs to %d characters, more than %d", l.Level, n, MaxExemplar))
		}
		next = l.Max + 1
	}
	if top := q.Levels[len(q.Levels)-1].Max; top != q.Marks {
		p = append(p, fmt.Sprintf("top level ends at %d marks, but the question carries %d", top, q.Marks))
	}
	return p
}

// eraProblems checks that the question names known eras and that each of
// them is borne out by at least one event its points link to.
func (q Question) eraProblems(tl *questions.Timeline) []string {
	var p []string
	if len(q.Eras) == 0 {
		return append(p, "no era")
	}
	linked := map[string]bool{}
	for _, pt := range q.Points {
		for _, id := range pt.Events {
			if e, ok := tl.Event(id); ok {
				linked[e.Era] = true
			}
		}
	}
	for _, era := range q.Eras {
		if _, ok := questions.EraByID(era); !ok {
			p = append(p, fmt.Sprintf("unknown era %q", era))
			continue
		}
		if !linked[era] {
			p = append(p, fmt.Sprintf("era %q, but no point links an event of that era", era))
		}
	}
	return p
}

// pointProblems checks the indicative points: enough of them, each with a
// unique id, text and at least one event that exists; on evaluate questions
// each point takes a side and both sides appear.
func (q Question) pointProblems(tl *questions.Timeline) []string {
	var p []string
	if min, ok := MinPoints[q.Kind]; ok && len(q.Points) < min {
		p = append(p, fmt.Sprintf("%d indicative points, but a %s question needs at least %d", len(q.Points), q.Kind, min))
	}
	ids := map[string]bool{}
	sides := map[Side]bool{}
	for i, pt := range q.Points {
		name := pt.ID
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
			p = append(p, fmt.Sprintf("point %s has no id", name))
		} else if ids[pt.ID] {
			p = append(p, fmt.Sprintf("point %q: duplicate id", pt.ID))
		}
		ids[pt.ID] = true
		if strings.TrimSpace(pt.Text) == "" {
			p = append(p, fmt.Sprintf("point %q has no text", name))
		}
		if len(pt.Events) == 0 {
			p = append(p, fmt.Sprintf("point %q links no event", name))
		}
		for _, id := range pt.Events {
			if _, ok := tl.Event(id); !ok {
				p = append(p, fmt.Sprintf("point %q links event %q, which is not in the timeline", name, id))
			}
		}
		switch {
		case q.Kind == Evaluate && pt.Side != For && pt.Side != Against:
			p = append(p, fmt.Sprintf("point %q has side %q: an evaluate question's points are %q or %q", name, pt.Side, For, Against))
		case q.Kind != Evaluate && pt.Side != "":
			p = append(p, fmt.Sprintf("point %q has side %q: only evaluate questions' points take sides", name, pt.Side))
		}
		sides[pt.Side] = true
	}
	if q.Kind == Evaluate && len(q.Points) > 0 && !(sides[For] && sides[Against]) {
		p = append(p, "an evaluate question needs points on both sides, for and against")
	}
	return p
}
