package handlers

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/written"
	"sabaq/views"
)

// writtenStore is what written answers need from storage.
type writtenStore interface {
	WrittenDraft(ctx context.Context, learnerID int64, questionID string) (db.WrittenDraft, error)
	SaveWrittenDraft(ctx context.Context, learnerID int64, questionID, text string, savedAt time.Time) error
	SubmitWritten(ctx context.Context, learnerID int64, questionID, text string) (int64, error)
	WrittenSubmission(ctx context.Context, learnerID, id int64) (db.WrittenSubmission, error)
	SetWrittenLevel(ctx context.Context, learnerID, id int64, level int) error
}

// MaxWrittenChars (50,000, as the pages say) is the longest written answer or draft, in characters.
const MaxWrittenChars = 50_000

// minutesPerMark is the exam's pace: the time a mark is worth.
const minutesPerMark = 1.5

var (
	errWrittenTooLong = questions.Errorf(questions.EINVALID,
		"Your answer is longer than 50,000 characters, so it was not saved. Shorten it and try again; nothing already saved was changed.")
	errWrittenEmpty = questions.Errorf(questions.EINVALID,
		"Your answer is empty. Write something before you submit it.")
)

func writePath(qid string) string       { return "/write/" + url.PathEscape(qid) }
func writtenAnswerPath(id int64) string { return "/write/answers/" + itoa64(id) }
func writtenLevelPath(id int64) string  { return writtenAnswerPath(id) + "/level" }
func writtenKindName(k written.Kind) string {
	switch k {
	case written.Describe:
		return "Describe"
	case written.Explain:
		return "Explain why"
	case written.Evaluate:
		return "Evaluate"
	case written.Essay:
		return "Essay"
	}
	return string(k)
}

// writtenFilter is the era and kind a list of written questions is
// narrowed to; an unknown value is ignored.
func writtenFilter(c *fiber.Ctx) (era string, kind written.Kind) {
	if _, ok := questions.EraByID(c.Query("era")); ok {
		era = c.Query("era")
	}
	if k := written.Kind(c.Query("kind")); slices.Contains(written.Kinds, k) {
		kind = k
	}
	return era, kind
}

func (a *App) writtenMatching(era string, kind written.Kind) []written.Question {
	var qs []written.Question
	for _, q := range a.Written.Questions {
		if (era == "" || slices.Contains(q.Eras, era)) && (kind == "" || q.Kind == kind) {
			qs = append(qs, q)
		}
	}
	return qs
}

func filterQuery(era string, kind written.Kind) string {
	v := url.Values{}
	if era != "" {
		v.Set("era", era)
	}
	if kind != "" {
		v.Set("kind", string(kind))
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// writeList lists the written questions, narrowed by era and kind.
func (a *App) writeList(c *fiber.Ctx) error {
	era, kind := writtenFilter(c)
	vm := views.WriteListPage{Page: a.page(c, "Write exam answers", "write"),
		RandomURL: "/write/random" + filterQuery(era, kind)}
	vm.Eras = append(vm.Eras, views.Option{Label: "All eras", Checked: era == ""})
	for _, e := range questions.Eras {
		vm.Eras = append(vm.Eras, views.Option{Value: e.ID, Label: e.Name + " (" + e.Span + ")", Checked: e.ID == era})
	}
	vm.Kinds = append(vm.Kinds, views.Option{Label: "All kinds", Checked: kind == ""})
	for _, k := range written.Kinds {
		vm.Kinds = append(vm.Kinds, views.Option{Value: string(k), Label: writtenKindName(k), Checked: k == kind})
	}
	for _, q := range a.writtenMatching(era, kind) {
		vm.Questions = append(vm.Questions, views.WriteRow{URL: writePath(q.ID), Prompt: q.Prompt,
			Kind: writtenKindName(q.Kind), Marks: q.Marks})
	}
	return render(c, views.WriteList(vm))
}

// writeRandom sends the learner to a random question within the filter.
func (a *App) writeRandom(c *fiber.Ctx) error {
	era, kind := writtenFilter(c)
	qs := a.writtenMatching(era, kind)
	if len(qs) == 0 {
		return notFound("written question of that era and kind")
	}
	return c.Redirect(writePath(qs[rand.IntN(len(qs))].ID), fiber.StatusSeeOther)
}

func (a *App) writtenQuestion(c *fiber.Ctx) (written.Question, error) {
	qid, err := url.PathUnescape(c.Params("qid"))
	if err != nil {
		return written.Question{}, notFound("written question")
	}
	q, ok, err := a.lookupWritten(c, qid)
	if err != nil {
		return q, err
	}
	if !ok {
		return q, notFound("written question")
	}
	return q, nil
}

// writeQuestion shows a question with the learner's draft in its box.
func (a *App) writeQuestion(c *fiber.Ctx) error {
	q, err := a.writtenQuestion(c)
	if err != nil {
		return err
	}
	l, _ := learner(c)
	text := ""
	if l.ID != 0 {
		d, err := a.Store.WrittenDraft(c.UserContext(), l.ID, q.ID)
		switch {
		case err == nil:
			text = d.Text
		case !errors.Is(err, questions.ErrNotFound):
			return err
		}
	}
	vm := a.writeQuestionView(c, q, text)
	if c.Query("saved") == "1" {
		vm.Status = "Saved."
	}
	return render(c, views.WriteQuestion(vm))
}

func (a *App) writeQuestionView(c *fiber.Ctx, q written.Question, text string) views.WriteQuestionPage {
	minutes := float64(q.Marks) * minutesPerMark
	return views.WriteQuestionPage{
		Page: a.page(c, "Write an answer", "write"), Prompt: q.Prompt, Kind: writtenKindName(q.Kind), Marks: q.Marks,
		Minutes: strconv.FormatFloat(minutes, 'f', -1, 64), Seconds: int(minutes * 60),
		Text: text, Words: len(strings.Fields(text)), SavedAt: time.Now().UnixMilli(),
		DraftURL: writePath(q.ID) + "/draft", SubmitURL: writePath(q.ID) + "/submit", MaxChars: "50,000",
		Assignment: a.writtenAssignmentNote(c, q), // teachwritten.go
	}
}

// fromScript reports whether the request is the page's script saving a
// draft as the student types; it gets a short text answer, not a page.
func fromScript(c *fiber.Ctx) bool { return c.Get("X-Requested-With") == "fetch" }

// saveDraft stores the draft unless one saved at a later time is stored.
func (a *App) saveDraft(c *fiber.Ctx) error {
	q, err := a.writtenQuestion(c)
	if err != nil {
		return err
	}
	l, _ := learner(c)
	text := c.FormValue("text")
	ms, perr := strconv.ParseInt(strings.TrimSpace(c.FormValue("saved_at")), 10, 64)
	switch {
	case utf8.RuneCountInString(text) > MaxWrittenChars:
		err = errWrittenTooLong
	case perr != nil || ms <= 0:
		err = badRequest("This draft did not say when it was written, so it was not saved. Reload the page and try again.")
	default:
		err = a.Store.SaveWrittenDraft(c.UserContext(), l.ID, q.ID, text, time.UnixMilli(ms))
	}
	if fromScript(c) {
		if err != nil {
			status := statusOf(err)
			if errors.Is(err, errWrittenTooLong) {
				status = fiber.StatusRequestEntityTooLarge
			}
			if status >= 500 {
				a.Logger.Error("save draft", "err", err)
			}
			return c.Status(status).SendString(questions.ErrorMessage(err))
		}
		return c.SendString("Saved")
	}
	if err != nil {
		// Shown again with the text as sent, so nothing typed is lost; the
		// stored draft is as it was.
		status := statusOf(err)
		if errors.Is(err, errWrittenTooLong) {
			status = fiber.StatusRequestEntityTooLarge
		}
		if status >= 500 {
			return err
		}
		vm := a.writeQuestionView(c, q, text)
		vm.Error = questions.ErrorMessage(err)
		c.Status(status)
		return render(c, views.WriteQuestion(vm))
	}
	return c.Redirect(writePath(q.ID)+"?saved=1", fiber.StatusSeeOther)
}

// submitWritten stores the answer and shows it marked. The draft is kept
// as it is, so the student can improve the answer and submit it again.
func (a *App) submitWritten(c *fiber.Ctx) error {
	q, err := a.writtenQuestion(c)
	if err != nil {
		return err
	}
	l, _ := learner(c)
	text := c.FormValue("text")
	var problem string
	switch {
	case strings.TrimSpace(text) == "":
		problem = questions.ErrorMessage(errWrittenEmpty)
	case utf8.RuneCountInString(text) > MaxWrittenChars:
		problem = questions.ErrorMessage(errWrittenTooLong)
	}
	if problem != "" {
		vm := a.writeQuestionView(c, q, text)
		vm.Error = problem
		c.Status(fiber.StatusBadRequest)
		return render(c, views.WriteQuestion(vm))
	}
	id, err := a.storeWrittenAnswer(c, q, l.ID, text) // handed in for the student's assignment of q, if any: teachwritten.go
	if err != nil {
		return err
	}
	if err := a.pullMissed(c, id, q, text); err != nil {
		return err
	}
	return c.Redirect(writtenAnswerPath(id), fiber.StatusSeeOther)
}

// loadWritten reads the learner's submission named in the URL; anyone
// else's is not found.
func (a *App) loadWritten(c *fiber.Ctx) (db.WrittenSubmission, written.Question, error) {
	l, _ := learner(c)
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 || l.ID == 0 {
		return db.WrittenSubmission{}, written.Question{}, notFound("answer")
	}
	w, err := a.Store.WrittenSubmission(c.UserContext(), l.ID, id)
	if errors.Is(err, questions.ErrNotFound) {
		return w, written.Question{}, notFound("answer")
	}
	if err != nil {
		return w, written.Question{}, err
	}
	q, ok, err := a.lookupAnswered(c, w.QuestionID)
	if err != nil {
		return w, q, err
	}
	if !ok {
		return w, q, notFound("answer") // its question has left the bank
	}
	return w, q, nil
}

// writtenAnswer shows a submitted answer with what Sabaq found in it, the
// mark scheme and the self-assessment form.
func (a *App) writtenAnswer(c *fiber.Ctx) error {
	w, q, err := a.loadWritten(c)
	if err != nil {
		return err
	}
	return render(c, views.WrittenAnswer(a.writtenAnswerView(c, w, q)))
}

func (a *App) writtenAnswerView(c *fiber.Ctx, w db.WrittenSubmission, q written.Question) views.WrittenAnswerPage {
	credited, phrases := a.creditWritten(q, w.Text)
	vm := views.WrittenAnswerPage{
		Page: a.page(c, "Your answer", "write"), Prompt: q.Prompt, Kind: writtenKindName(q.Kind), Marks: q.Marks,
		Answer: highlight(w.Text, phrases), Total: len(q.Points), Outline: q.Outline,
		QuestionURL: writePath(q.ID), LevelURL: writtenLevelPath(w.ID), SelfLevel: w.SelfLevel, Late: w.Late,
		Teacher: a.teacherMark(c, w, q), // teachwritten.go
	}
	if n := w.Pulled; n > 0 {
		vm.Pulled = n
		vm.PulledNote = plural(n, "card", "cards") + " on the events of the points not found " +
			map[bool]string{true: "was", false: "were"}[n == 1] + " brought into your review, due now."
	}
	if c.Query("assessed") == "1" && w.SelfLevel != 0 {
		vm.Notice = "Your level was saved."
	}
	groups := map[written.Side]*views.PointGroup{}
	for i, p := range q.Points {
		hit := credited[i]
		if hit {
			vm.Found++
		}
		g := groups[p.Side]
		if g == nil {
			g = &views.PointGroup{}
			switch {
			case q.Kind == written.Evaluate && p.Side == written.For:
				g.Name = "For"
			case q.Kind == written.Evaluate && p.Side == written.Against:
				g.Name = "Against"
			}
			groups[p.Side] = g
		}
		g.Points = append(g.Points, views.PointRow{Text: p.Text, Found: hit})
	}
	for _, side := range []written.Side{"", written.For, written.Against} {
		if g := groups[side]; g != nil {
			vm.Groups = append(vm.Groups, *g)
		}
	}
	for _, lv := range q.Levels {
		vm.Levels = append(vm.Levels, views.LevelRow{Level: lv.Level, Marks: strconv.Itoa(lv.Min) + "–" + strconv.Itoa(lv.Max),
			Descriptor: lv.Descriptor, Exemplar: lv.Exemplar})
	}
	return vm
}

// setWrittenLevel records the level the learner gives their own answer.
func (a *App) setWrittenLevel(c *fiber.Ctx) error {
	w, q, err := a.loadWritten(c)
	if err != nil {
		return err
	}
	level, err := strconv.Atoi(strings.TrimSpace(c.FormValue("level")))
	if err != nil || !slices.ContainsFunc(q.Levels, func(lv written.Level) bool { return lv.Level == level }) {
		vm := a.writtenAnswerView(c, w, q)
		vm.Error = "Choose one of the mark scheme's levels, from " + strconv.Itoa(q.Levels[0].Level) +
			" to " + strconv.Itoa(q.Levels[len(q.Levels)-1].Level) + "."
		c.Status(fiber.StatusBadRequest)
		return render(c, views.WrittenAnswer(vm))
	}
	l, _ := learner(c)
	if err := a.Store.SetWrittenLevel(c.UserContext(), l.ID, w.ID, level); err != nil {
		return err
	}
	return c.Redirect(writtenAnswerPath(w.ID)+"?assessed=1", fiber.StatusSeeOther)
}

// highlight splits text into pieces, marking every occurrence of the
// phrases the matcher found; overlapping marks are merged.
func highlight(text string, phrases []string) []views.Segment {
	type span struct{ from, to int }
	var spans []span
	for _, p := range phrases {
		if p == "" {
			continue
		}
		for i := 0; i < len(text); {
			j := strings.Index(text[i:], p)
			if j < 0 {
				break
			}
			spans = append(spans, span{i + j, i + j + len(p)})
			i += j + len(p)
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	var out []views.Segment
	at := 0
	for i := 0; i < len(spans); {
		s := spans[i]
		for i++; i < len(spans) && spans[i].from <= s.to; i++ {
			s.to = max(s.to, spans[i].to)
		}
		if s.from > at {
			out = append(out, views.Segment{Text: text[at:s.from]})
		}
		out = append(out, views.Segment{Text: text[s.from:s.to], Mark: true})
		at = s.to
	}
	if at < len(text) {
		out = append(out, views.Segment{Text: text[at:]})
	}
	return out
}
