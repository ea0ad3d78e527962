package written

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"sabaq/questions"
)

// Paper mode's defaults and limits: by default a paper offers five questions
// and asks for three, as the O Level paper asks for three of its five.
const (
	DefaultPaperOffered = 5
	DefaultPaperAnswer  = 3
	MinPaperOffered     = 2
	MaxPaperOffered     = 8
	// MinutesPerMark is the exam's pace: the time a mark is worth.
	MinutesPerMark = 1.5
)

// PaperSetup is what a learner chose for a paper: an era (empty for all),
// kinds of question (none for all), how many questions are offered and how
// many of them to answer.
type PaperSetup struct {
	Era     string
	Kinds   []Kind
	Offered int
	Answer  int
}

// Validate checks the setup, returning the problems by form field: era,
// kinds, offered and answer.
func (s PaperSetup) Validate() questions.FieldErrors {
	errs := questions.FieldErrors{}
	if s.Era != "" {
		if _, ok := questions.EraByID(s.Era); !ok {
			errs["era"] = "There is no era called “" + s.Era + "”. Pick an era from the list."
		}
	}
	for _, k := range s.Kinds {
		if !slices.Contains(Kinds, k) {
			errs["kinds"] = "There is no kind of question called “" + string(k) + "”. Pick kinds from the list."
			break
		}
	}
	offeredOK := s.Offered >= MinPaperOffered && s.Offered <= MaxPaperOffered
	if !offeredOK {
		errs["offered"] = "Offer between " + strconv.Itoa(MinPaperOffered) + " and " + strconv.Itoa(MaxPaperOffered) + " questions."
	}
	switch {
	case s.Answer < 1:
		errs["answer"] = "Answer at least 1 question."
	case offeredOK && s.Answer > s.Offered:
		errs["answer"] = "Answer at most as many questions as are offered (" + strconv.Itoa(s.Offered) + ")."
	case s.Answer > MaxPaperOffered:
		errs["answer"] = "Answer at most " + strconv.Itoa(MaxPaperOffered) + " questions."
	}
	return errs
}

// Matches reports whether a question is within the setup's era and kinds.
func (s PaperSetup) Matches(q Question) bool {
	return (s.Era == "" || slices.Contains(q.Eras, s.Era)) && (len(s.Kinds) == 0 || slices.Contains(s.Kinds, q.Kind))
}

// Pool is the questions of the bank a paper with this setup is drawn from.
func (s PaperSetup) Pool(b *Bank) []Question {
	var qs []Question
	for _, q := range b.Questions {
		if s.Matches(q) {
			qs = append(qs, q)
		}
	}
	return qs
}

// DrawPaper picks n questions from pool for a paper, the same ones for the
// same seed. The kinds take turns, starting from a random one, so that a
// paper of five from every kind is not five essays because essays are
// many; within a kind the pick is random. The paper lists them as an
// exam does: describe, explain, evaluate, then essays. Fewer than n are
// returned only when the pool has fewer.
func DrawPaper(pool []Question, n int, seed uint64) []Question {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	byKind := map[Kind][]Question{}
	var kinds []Kind
	for _, k := range Kinds {
		for _, q := range pool {
			if q.Kind == k {
				byKind[k] = append(byKind[k], q)
			}
		}
		if len(byKind[k]) > 0 {
			kinds = append(kinds, k)
		}
	}
	for _, k := range kinds {
		qs := byKind[k]
		r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	}
	var picked []Question
	if len(kinds) == 0 {
		return nil
	}
	for turn := r.IntN(len(kinds)); len(picked) < n && len(kinds) > 0; {
		turn %= len(kinds)
		k := kinds[turn]
		picked = append(picked, byKind[k][0])
		byKind[k] = byKind[k][1:]
		if len(byKind[k]) == 0 {
			kinds = slices.Delete(kinds, turn, turn+1)
			continue // the next kind has moved into this turn
		}
		turn++
	}
	slices.SortStableFunc(picked, func(a, b Question) int {
		return slices.Index(Kinds, a.Kind) - slices.Index(Kinds, b.Kind)
	})
	return picked
}

// TimeAllowed is the time a paper allows: 1.5 minutes a mark (the exam's
// pace) for the n questions with the most marks among those offered. The
// learner chooses which n to answer, so the time is enough for whichever
// they choose; choosing the shorter ones leaves time over, as in the exam.
func TimeAllowed(marks []int, n int) time.Duration {
	sorted := slices.Clone(marks)
	slices.Sort(sorted)
	slices.Reverse(sorted)
	total := 0
	for _, m := range sorted[:min(n, len(sorted))] {
		total += m
	}
	return time.Duration(float64(total) * MinutesPerMark * float64(time.Minute))
}

// CountRule says how the answers that count were chosen when a paper was
// finished.
type CountRule string

// The ways the counted answers are chosen.
const (
	// CountAll: no more than were asked for were answered, so all count.
	CountAll CountRule = "all"
	// CountChosen: more were answered, and the learner chose which count.
	CountChosen CountRule = "chosen"
	// CountFirst: more were answered and the time ran out before the
	// learner chose, so those answered in time count before those written
	// only after time, each in the paper's order: the first n.
	CountFirst CountRule = "first"
)

// Paper is a timed written paper: a learner answers Answer of the questions
// offered under one deadline, fixed when it starts by the server's clock.
// Text saved after the deadline is kept apart from the text saved in time,
// and marked late.
type Paper struct {
	ID         int64
	LearnerID  int64
	Setup      PaperSetup
	StartedAt  time.Time
	Deadline   time.Time
	FinishedAt time.Time // zero until finished; then its text is closed
	Rule       CountRule // how the counted answers were chosen, once finished
	Items      []PaperItem
}

// PaperItem is one question of a paper with the learner's text.
type PaperItem struct {
	Position   int // zero-based
	QuestionID string
	Marks      int // as the question had when the paper was drawn
	// Text is what was saved in time; SavedAt its saved_at (zero if never).
	Text    string
	SavedAt time.Time
	// LateText is what was saved after the deadline, kept apart so that it
	// never overwrites Text; HasLate is set once there is any.
	LateText    string
	LateSavedAt time.Time
	HasLate     bool
	// SubmissionID is the written submission this answer became when the
	// paper was finished and it counted; zero otherwise.
	SubmissionID int64
}

// InTime reports whether the question has an answer saved in time.
func (it PaperItem) InTime() bool { return strings.TrimSpace(it.Text) != "" }

// Answered reports whether the question has an answer, in time or after.
func (it PaperItem) Answered() bool { return it.InTime() || strings.TrimSpace(it.LateText) != "" }

// OnlyLate reports whether the question was answered only after the time.
func (it PaperItem) OnlyLate() bool { return !it.InTime() && it.Answered() }

// Current is the text the learner last saved: the late text once there is
// one, else the text saved in time.
func (it PaperItem) Current() string {
	if it.HasLate {
		return it.LateText
	}
	return it.Text
}

// Answer is the text that counts when the question is counted: the text
// saved in time, or, when there is none, the text written after time.
func (it PaperItem) Answer() (text string, late bool) {
	if it.InTime() {
		return it.Text, false
	}
	return it.LateText, true
}

// Finished reports whether the paper is over and its text closed.
func (p Paper) Finished() bool { return !p.FinishedAt.IsZero() }

// Expired reports whether the deadline has passed at now.
func (p Paper) Expired(now time.Time) bool { return questions.IsLate(p.Deadline, now) }

// Remaining is the time left at now, never negative.
func (p Paper) Remaining(now time.Time) time.Duration { return max(0, p.Deadline.Sub(now)) }

// Allowed is the time the paper allowed from its start.
func (p Paper) Allowed() time.Duration { return p.Deadline.Sub(p.StartedAt) }

// Answered counts the questions with an answer, in time or after.
func (p Paper) Answered() int {
	n := 0
	for _, it := range p.Items {
		if it.Answered() {
			n++
		}
	}
	return n
}

// Planned is the time the paper was set with: TimeAllowed for its
// questions' marks. It stays as it was if the deadline is moved.
func (p Paper) Planned() time.Duration {
	marks := make([]int, len(p.Items))
	for i, it := range p.Items {
		marks[i] = it.Marks
	}
	return TimeAllowed(marks, p.Setup.Answer)
}

// Warnings are the mock exam's warnings (questions.MockWarnings) shorter
// than the time the paper was set with (a 4-minute paper does not start
// with a warning that 5 minutes are left).
func (p Paper) Warnings() []time.Duration {
	var out []time.Duration
	for _, d := range questions.MockWarnings {
		if d < p.Planned() {
			out = append(out, d)
		}
	}
	return out
}

// Warning is the shortest of the paper's Warnings that the time left at now
// is within, or 0 when none is.
func (p Paper) Warning(now time.Time) time.Duration {
	left := p.Remaining(now)
	var w time.Duration
	for _, d := range p.Warnings() {
		if left > 0 && left <= d {
			w = d
		}
	}
	return w
}

// Counted decides which answers count when the paper is finished, as
// zero-based positions in order. When no more were answered than the paper
// asks for, all count (CountAll). Otherwise chosen decides: nil means the
// learner made no choice (the time ran out), and CountFirst applies; else
// it must name exactly Answer answered questions (CountChosen), or the
// error, EINVALID, says what is wrong. Empty answers never count.
func (p Paper) Counted(chosen []int) ([]int, CountRule, error) {
	var answered, inTime, onlyLate []int
	for _, it := range p.Items {
		switch {
		case it.InTime():
			inTime = append(inTime, it.Position)
		case it.Answered():
			onlyLate = append(onlyLate, it.Position)
		default:
			continue
		}
		answered = append(answered, it.Position)
	}
	n := p.Setup.Answer
	if len(answered) <= n {
		return answered, CountAll, nil
	}
	if chosen == nil {
		first := append(inTime, onlyLate...)[:n]
		slices.Sort(first)
		return first, CountFirst, nil
	}
	picked := slices.Clone(chosen)
	slices.Sort(picked)
	picked = slices.Compact(picked)
	for _, pos := range picked {
		if !slices.Contains(answered, pos) {
			return nil, "", questions.Errorf(questions.EINVALID,
				"Question %d has no answer, so it cannot count. Choose %s among those you answered.", pos+1, answersWord(n))
		}
	}
	if len(picked) != n {
		return nil, "", questions.Errorf(questions.EINVALID,
			"You answered %d questions and %s count: choose exactly %s (you chose %d).",
			len(answered), answersWord(n), strconv.Itoa(n), len(picked))
	}
	return picked, CountChosen, nil
}

func answersWord(n int) string {
	if n == 1 {
		return "1 answer"
	}
	return strconv.Itoa(n) + " answers"
}
