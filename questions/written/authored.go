package written

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sabaq/questions"
)

// A teacher's own written question lives in one of their question sets.
// It follows the built-in bank's rules where a teacher can meet them (a
// known kind, marks in the kind's range, levels that cover 1 to the marks
// without gap or overlap, evaluate points that take a side and argue both
// ways, linked events that exist) and relaxes the rest: one indicative
// point is enough, a point may be free text with no event (the answer
// matcher then never ticks it), one level is enough, a level's exemplar
// and the outline are optional, and its eras are those of the events its
// points link.

// Limits on a teacher's written question, so that one form or one import
// cannot store an unbounded question.
const (
	MaxAuthoredPrompt   = 5000 // characters
	MaxAuthoredText     = 2000 // characters of a descriptor, point or outline step
	MaxAuthoredLevels   = 10
	MaxAuthoredPoints   = 40
	MaxAuthoredOutline  = 40
	MaxAuthoredEvents   = 10 // events linked to one point
	minAuthoredLevelCnt = 1
	minAuthoredPoints   = 1
)

// AuthoredPrefix starts the id of every teacher's written question ("t12"),
// which no built-in id (an era, a kind and a slug joined by "-") does.
const AuthoredPrefix = "t"

// AuthoredID is the public id of the teacher's written question stored
// under row id.
func AuthoredID(row int64) string { return AuthoredPrefix + strconv.FormatInt(row, 10) }

// AuthoredRow is the row id of a teacher's written question from its
// public id ("t12" is 12); false for any other id.
func AuthoredRow(id string) (int64, bool) {
	s, ok := strings.CutPrefix(id, AuthoredPrefix)
	if !ok || s == "" || s[0] == '0' || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

// FieldError is one problem with a teacher's written question, named by
// the form field it belongs to (prompt, kind, marks, levels, points,
// outline), so the form shows it beside that field.
type FieldError struct {
	Field   string
	Message string
}

// FieldErrors are the problems of one teacher's written question.
type FieldErrors []FieldError

func (e FieldErrors) Error() string {
	msgs := make([]string, len(e))
	for i, fe := range e {
		msgs[i] = fe.Field + ": " + fe.Message
	}
	return "written question: " + strings.Join(msgs, "; ")
}

// ByField gathers the messages by field, those of one field joined in
// one sentence list, as a form shows them.
func (e FieldErrors) ByField() map[string]string {
	if len(e) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, fe := range e {
		if out[fe.Field] != "" {
			out[fe.Field] += " "
		}
		out[fe.Field] += fe.Message
	}
	return out
}

// Tidy puts a teacher's question in the form it is stored in: texts
// trimmed with line breaks as \n, empty outline steps and empty event ids
// dropped, levels numbered 1, 2, 3..., points given the ids p1, p2..., and
// the eras those of the events its points link, in the timeline's order.
// It keeps q.ID and does not validate.
func Tidy(tl *questions.Timeline, q Question) Question {
	clean := func(s string) string {
		s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(strings.ToValidUTF8(s, "\uFFFD"))
		// Control characters (but line breaks and tabs) have no place in a
		// question, and Moodle XML cannot carry them.
		s = strings.Map(func(r rune) rune {
			if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r == 0xFFFE || r == 0xFFFF) {
				return -1
			}
			return r
		}, s)
		return strings.TrimSpace(s)
	}
	out := Question{ID: q.ID, Kind: Kind(strings.TrimSpace(string(q.Kind))), Prompt: clean(q.Prompt), Marks: q.Marks}
	for i, l := range q.Levels {
		l.Level, l.Descriptor, l.Exemplar = i+1, clean(l.Descriptor), clean(l.Exemplar)
		out.Levels = append(out.Levels, l)
	}
	eras := map[string]bool{}
	for i, p := range q.Points {
		pt := Point{ID: "p" + strconv.Itoa(i+1), Text: clean(p.Text), Side: Side(strings.TrimSpace(string(p.Side)))}
		for _, id := range p.Events {
			if id = strings.TrimSpace(id); id != "" && !slices.Contains(pt.Events, id) {
				pt.Events = append(pt.Events, id)
				if e, ok := tl.Event(id); ok {
					eras[e.Era] = true
				}
			}
		}
		out.Points = append(out.Points, pt)
	}
	for _, s := range q.Outline {
		if s = clean(s); s != "" {
			out.Outline = append(out.Outline, s)
		}
	}
	for _, e := range questions.Eras {
		if eras[e.ID] {
			out.Eras = append(out.Eras, e.ID)
		}
	}
	return out
}

// ValidateAuthored checks a teacher's written question (as Tidy leaves
// it) against tl, each problem named by its field; nil when it is valid.
func (q Question) ValidateAuthored(tl *questions.Timeline) FieldErrors {
	var errs FieldErrors
	bad := func(field, format string, args ...any) {
		errs = append(errs, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	long := func(s string, n int) bool { return utf8.RuneCountInString(s) > n }

	if strings.TrimSpace(q.Prompt) == "" {
		bad("prompt", "Write the question.")
	} else if long(q.Prompt, MaxAuthoredPrompt) {
		bad("prompt", "Keep the question under %d characters.", MaxAuthoredPrompt)
	}
	rng, known := MarkRange[q.Kind]
	if !known {
		bad("kind", "Choose the kind: describe, explain, evaluate or essay.")
	} else if q.Marks < rng[0] || q.Marks > rng[1] {
		bad("marks", "%s %s question carries %d to %d marks, not %d.", article(q.Kind), q.Kind, rng[0], rng[1], q.Marks)
	}
	for _, m := range q.authoredLevelProblems() {
		bad("levels", "%s", m)
	}
	for _, m := range q.authoredPointProblems(tl) {
		bad("points", "%s", m)
	}
	if len(q.Outline) > MaxAuthoredOutline {
		bad("outline", "Give at most %d steps in the outline.", MaxAuthoredOutline)
	}
	for i, s := range q.Outline {
		if strings.TrimSpace(s) == "" {
			bad("outline", "Step %d of the outline is empty.", i+1)
		} else if long(s, MaxAuthoredText) {
			bad("outline", "Keep step %d of the outline under %d characters.", i+1, MaxAuthoredText)
		}
	}
	return errs
}

// article is "A" or "An" before the kind's name.
func article(k Kind) string {
	if k != "" && strings.ContainsRune("aeiou", rune(k[0])) {
		return "An"
	}
	return "A"
}

// authoredLevelProblems is levelProblems with one level enough: levels in
// order whose mark ranges run from 1 to the marks without gap or overlap.
func (q Question) authoredLevelProblems() []string {
	var p []string
	switch {
	case len(q.Levels) < minAuthoredLevelCnt:
		return append(p, "Give the mark scheme at least one level, from 1 mark to the question's marks.")
	case len(q.Levels) > MaxAuthoredLevels:
		return append(p, fmt.Sprintf("Give at most %d levels.", MaxAuthoredLevels))
	}
	next := 1
	for i, l := range q.Levels {
		n := i + 1
		if l.Level != n {
			p = append(p, fmt.Sprintf("Level %d is numbered %d: levels run 1, 2, 3... in order.", n, l.Level))
		}
		switch {
		case l.Min > l.Max:
			p = append(p, fmt.Sprintf("Level %d runs from %d down to %d marks: give the lower mark first.", n, l.Min, l.Max))
		case l.Min < next && n == 1:
			p = append(p, fmt.Sprintf("Level 1 starts at %d marks: it starts at 1 (an answer with nothing creditworthy gets 0).", l.Min))
		case l.Min < next:
			p = append(p, fmt.Sprintf("Level %d (%d–%d marks) overlaps level %d, which ends at %d.", n, l.Min, l.Max, n-1, next-1))
		case l.Min > next:
			p = append(p, fmt.Sprintf("Level %d starts at %d marks, leaving %d uncovered.", n, l.Min, next))
		}
		if strings.TrimSpace(l.Descriptor) == "" {
			p = append(p, fmt.Sprintf("Level %d has no descriptor: say what an answer at that level does.", n))
		} else if utf8.RuneCountInString(l.Descriptor) > MaxAuthoredText {
			p = append(p, fmt.Sprintf("Keep level %d's descriptor under %d characters.", n, MaxAuthoredText))
		}
		if utf8.RuneCountInString(l.Exemplar) > MaxExemplar {
			p = append(p, fmt.Sprintf("Keep level %d's exemplar under %d characters.", n, MaxExemplar))
		}
		next = l.Max + 1
	}
	if top := q.Levels[len(q.Levels)-1].Max; top != q.Marks {
		p = append(p, fmt.Sprintf("The top level ends at %d marks, but the question carries %d.", top, q.Marks))
	}
	return p
}

// authoredPointProblems is pointProblems with one point enough and an
// event link optional: each point has text, its linked events exist, and
// on an evaluate question each takes a side and both sides appear.
func (q Question) authoredPointProblems(tl *questions.Timeline) []string {
	var p []string
	switch {
	case len(q.Points) < minAuthoredPoints:
		return append(p, "Give at least one indicative point: something a good answer would say.")
	case len(q.Points) > MaxAuthoredPoints:
		return append(p, fmt.Sprintf("Give at most %d indicative points.", MaxAuthoredPoints))
	}
	sides := map[Side]bool{}
	for i, pt := range q.Points {
		n := i + 1
		if strings.TrimSpace(pt.Text) == "" {
			p = append(p, fmt.Sprintf("Point %d has no text.", n))
		} else if utf8.RuneCountInString(pt.Text) > MaxAuthoredText {
			p = append(p, fmt.Sprintf("Keep point %d under %d characters.", n, MaxAuthoredText))
		}
		if len(pt.Events) > MaxAuthoredEvents {
			p = append(p, fmt.Sprintf("Point %d links %d events: link at most %d.", n, len(pt.Events), MaxAuthoredEvents))
		}
		for _, id := range pt.Events {
			if _, ok := tl.Event(id); !ok {
				p = append(p, fmt.Sprintf("Point %d links the event %q, which is not in the timeline.", n, id))
			}
		}
		switch {
		case q.Kind == Evaluate && pt.Side != For && pt.Side != Against:
			p = append(p, fmt.Sprintf("Point %d of an evaluate question argues for or against: choose its side.", n))
		case q.Kind != Evaluate && pt.Side != "":
			p = append(p, fmt.Sprintf("Point %d has a side, but only evaluate questions' points take sides.", n))
		}
		sides[pt.Side] = true
	}
	if q.Kind == Evaluate && !(sides[For] && sides[Against]) {
		p = append(p, "An evaluate question needs points on both sides, for and against.")
	}
	return p
}

// KindForMarks is the kind whose mark range holds marks, or the kind whose
// range is nearest and the marks it takes there, for a question from
// elsewhere that says only how many marks it carries (a Moodle essay).
// Evaluate is never chosen: its points need sides, which such a question
// does not give. ok is false when the marks had to change.
func KindForMarks(marks int) (k Kind, m int, ok bool) {
	best, bestMarks, bestDist := Describe, 0, -1
	for _, k := range []Kind{Describe, Explain, Essay} {
		r := MarkRange[k]
		m := min(max(marks, r[0]), r[1])
		d := m - marks
		if d < 0 {
			d = -d
		}
		if bestDist < 0 || d < bestDist {
			best, bestMarks, bestDist = k, m, d
		}
	}
	return best, bestMarks, bestDist == 0
}
