package handlers

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"slices"
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

// paperStore is what paper mode needs from storage.
type paperStore interface {
	CreateWrittenPaper(ctx context.Context, learnerID int64, formKey string, setup written.PaperSetup, qs []written.Question, allowed time.Duration) (int64, error)
	WrittenPaper(ctx context.Context, learnerID, id int64) (written.Paper, error)
	WrittenPapers(ctx context.Context, learnerID int64, limit int) ([]written.Paper, error)
	SavePaperTexts(ctx context.Context, learnerID, paperID int64, texts map[int]string, savedAt time.Time) (db.PaperSave, error)
	FinishWrittenPaper(ctx context.Context, learnerID, id int64, chosen []int) (written.Paper, error)
}

// paperRoutes registers paper mode's routes; they come before /write/:qid.
// Paper mode is the exam's choice: answer N of the M written questions
// offered, under one deadline kept by the server. Only the owner sees a
// paper; anyone else gets 404.
func (a *App) paperRoutes(app *fiber.App) {
	app.Get("/write/paper", a.paperSetup)
	app.Post("/write/paper", a.startPaper)
	app.Get("/write/paper/:id", a.showPaper) // the paper while it runs, its results once finished
	app.Post("/write/paper/:id/save", a.savePaper)
	app.Get("/write/paper/:id/finish", a.paperFinishForm) // confirmed here; the choice of which count
	app.Post("/write/paper/:id/finish", a.finishPaper)
}

func paperPath(id int64) string       { return "/write/paper/" + itoa64(id) }
func paperSavePath(id int64) string   { return paperPath(id) + "/save" }
func paperFinishPath(id int64) string { return paperPath(id) + "/finish" }

// paperTextField is the form field of the box of the question at a
// zero-based position.
func paperTextField(pos int) string { return "text-" + strconv.Itoa(pos+1) }

// minutesText shows a duration in minutes: "61.5 minutes", "1 minute".
func minutesText(d time.Duration) string {
	m := strconv.FormatFloat(d.Minutes(), 'f', -1, 64)
	if m == "1" {
		return "1 minute"
	}
	return m + " minutes"
}

func (a *App) paperSetup(c *fiber.Ctx) error {
	vm, err := a.paperSetupView(c, written.PaperSetup{Offered: written.DefaultPaperOffered, Answer: written.DefaultPaperAnswer}, nil)
	if err != nil {
		return err
	}
	return render(c, views.PaperSetup(vm))
}

func (a *App) paperSetupView(c *fiber.Ctx, s written.PaperSetup, errs questions.FieldErrors) (views.PaperSetupPage, error) {
	vm := views.PaperSetupPage{
		Page: a.page(c, "Sit a paper", "write"), FormKey: randomKey(),
		Offered: strconv.Itoa(s.Offered), Answer: strconv.Itoa(s.Answer),
		MinOffered: written.MinPaperOffered, MaxOffered: written.MaxPaperOffered, Errors: errs,
	}
	vm.Eras = append(vm.Eras, views.Option{Label: "All eras", Checked: s.Era == ""})
	for _, e := range questions.Eras {
		vm.Eras = append(vm.Eras, views.Option{Value: e.ID, Label: e.Name + " (" + e.Span + ")", Checked: e.ID == s.Era})
	}
	for _, k := range written.Kinds {
		vm.Kinds = append(vm.Kinds, views.Option{Value: string(k), Label: writtenKindName(k), Checked: slices.Contains(s.Kinds, k)})
	}
	l, _ := learner(c)
	papers, err := a.Store.WrittenPapers(c.UserContext(), l.ID, 10)
	if err != nil {
		return vm, err
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return vm, err
	}
	now := time.Now()
	for _, p := range papers {
		row := views.PaperRow{Started: stamp(p.StartedAt, loc),
			Title: "Answer " + strconv.Itoa(p.Setup.Answer) + " of " + strconv.Itoa(p.Setup.Offered)}
		switch {
		case p.Finished():
			counted := 0
			for _, it := range p.Items {
				if it.SubmissionID != 0 {
					counted++
				}
			}
			row.Status = "Finished: " + plural(counted, "answer counts", "answers count")
			row.URL, row.Link = paperPath(p.ID), "Results"
		case p.Expired(now):
			row.Status = "Time is up"
			row.URL, row.Link = paperPath(p.ID), "Results"
		default:
			row.Status = "In progress: " + timeLeft(p.Remaining(now))
			row.URL, row.Link = paperPath(p.ID), "Carry on"
		}
		vm.Papers = append(vm.Papers, row)
	}
	return vm, nil
}

// startPaper draws the paper's questions and starts its clock. An invalid
// form is shown again with each problem beside its field, and nothing is
// written. A resubmitted form (a double click, a retry) carries the same
// form key and finds the paper it started.
func (a *App) startPaper(c *fiber.Ctx) error {
	l, _ := learner(c)
	s := written.PaperSetup{Era: strings.TrimSpace(c.FormValue("era"))}
	for _, k := range formValues(c, "kind") {
		s.Kinds = append(s.Kinds, written.Kind(k))
	}
	errs := questions.FieldErrors{}
	var err error
	if s.Offered, err = strconv.Atoi(strings.TrimSpace(c.FormValue("offered"))); err != nil {
		errs["offered"] = "Give the number of questions offered as a whole number."
	}
	if s.Answer, err = strconv.Atoi(strings.TrimSpace(c.FormValue("answer"))); err != nil {
		errs["answer"] = "Give the number of questions to answer as a whole number."
	}
	for k, v := range s.Validate() {
		if _, ok := errs[k]; !ok {
			errs[k] = v
		}
	}
	key := c.FormValue("form_key")
	if len(key) > maxFormKey {
		return badRequest("This form is not one of Sabaq's. Reload the page and try again.")
	}
	var pool []written.Question
	if len(errs) == 0 {
		pool = s.Pool(a.Written)
		switch {
		case len(pool) == 0:
			errs["offered"] = "No written questions match that era and those kinds. Choose all eras or more kinds."
		case len(pool) < s.Offered:
			errs["offered"] = "Only " + strconv.Itoa(len(pool)) + " questions match that era and those kinds: offer at most that many, or choose all eras or more kinds."
		}
	}
	if len(errs) > 0 {
		vm, err := a.paperSetupView(c, s, errs)
		if err != nil {
			return err
		}
		vm.Offered, vm.Answer = c.FormValue("offered"), c.FormValue("answer")
		c.Status(fiber.StatusBadRequest)
		return render(c, views.PaperSetup(vm))
	}
	var b [8]byte
	rand.Read(b[:])
	picked := written.DrawPaper(pool, s.Offered, binary.LittleEndian.Uint64(b[:]))
	marks := make([]int, len(picked))
	for i, q := range picked {
		marks[i] = q.Marks
	}
	id, err := a.Store.CreateWrittenPaper(c.UserContext(), l.ID, key, s, picked, written.TimeAllowed(marks, s.Answer))
	if err != nil {
		return err
	}
	return c.Redirect(paperPath(id), fiber.StatusSeeOther)
}

// loadPaper reads the learner's paper named in the URL; anyone else's is
// not found.
func (a *App) loadPaper(c *fiber.Ctx) (written.Paper, error) {
	l, _ := learner(c)
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 || l.ID == 0 {
		return written.Paper{}, notFound("paper")
	}
	p, err := a.Store.WrittenPaper(c.UserContext(), l.ID, id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return p, notFound("paper")
	}
	return p, err
}

// closePaperIfOver finishes a paper whose time is up when the learner next
// opens it, as a mock exam is: the learner made no choice, so if more were
// answered than count, written.CountFirst applies.
func (a *App) closePaperIfOver(c *fiber.Ctx, p written.Paper) (written.Paper, error) {
	if p.Finished() || !p.Expired(time.Now()) {
		return p, nil
	}
	l, _ := learner(c)
	p, err := a.Store.FinishWrittenPaper(c.UserContext(), l.ID, p.ID, nil)
	if err != nil {
		return p, err
	}
	return p, a.pullPaperMissed(c, p)
}

// paperQuestion is the question at an item of a paper; one that has left
// the bank since is shown as such rather than failing the whole paper.
func (a *App) paperQuestion(c *fiber.Ctx, it written.PaperItem) (written.Question, error) {
	q, ok, err := a.lookupWritten(c, it.QuestionID)
	if err != nil {
		return q, err
	}
	if !ok {
		q = written.Question{ID: it.QuestionID, Prompt: "(This question is no longer in the bank.)"}
	}
	q.Marks = it.Marks // the marks the time was worked out from
	return q, nil
}

func paperClock(p written.Paper, now time.Time, loc *time.Location) views.MockClock {
	left := p.Remaining(now)
	mc := views.MockClock{TimeLeft: timeLeft(left), Ends: clock(p.Deadline, loc), RemainingMS: left.Milliseconds(),
		TimeUp: "Time is up. Saving your answers and closing the paper.", EndURL: paperPath(p.ID)}
	for _, d := range p.Warnings() {
		mc.Warnings = append(mc.Warnings, views.MockWarning{Seconds: int(d / time.Second), Text: paperWarningText(d)})
	}
	if w := p.Warning(now); w > 0 {
		mc.Warning = paperWarningText(w)
	}
	return mc
}

// paperWarningText is what a running paper says when d or less is left.
func paperWarningText(d time.Duration) string {
	if d <= time.Minute {
		return "Less than 1 minute left. Anything saved after the time is up is marked as written after time."
	}
	return "Less than " + strconv.Itoa(int(d/time.Minute)) + " minutes left. Finish the answer you are writing, then finish the paper."
}

// showPaper shows a running paper, or a finished one's results. A paper
// whose time is up is finished first.
func (a *App) showPaper(c *fiber.Ctx) error {
	p, err := a.loadPaper(c)
	if err != nil {
		return err
	}
	if p, err = a.closePaperIfOver(c, p); err != nil {
		return err
	}
	if p.Finished() {
		vm, err := a.paperResultsView(c, p)
		if err != nil {
			return err
		}
		return render(c, views.PaperResults(vm))
	}
	vm, err := a.paperView(c, p, nil, nil)
	if err != nil {
		return err
	}
	if c.Query("saved") == "1" {
		vm.Status = "Saved."
	}
	return render(c, views.Paper(vm))
}

// paperView is the running paper; sent, when not nil, are the texts just
// sent by position (shown instead of the stored ones, so nothing typed is
// lost), and problems the message beside each box not saved.
func (a *App) paperView(c *fiber.Ctx, p written.Paper, sent map[int]string, problems map[int]string) (views.PaperPage, error) {
	loc, err := a.accountLocation(c)
	if err != nil {
		return views.PaperPage{}, err
	}
	now := time.Now()
	vm := views.PaperPage{
		Page:   a.page(c, "Paper: answer "+strconv.Itoa(p.Setup.Answer)+" of "+strconv.Itoa(len(p.Items)), "write"),
		Answer: p.Setup.Answer, Offered: len(p.Items), Answered: p.Answered(),
		Allowed: minutesText(p.Allowed()), Clock: paperClock(p, now, loc),
		SaveURL: paperSavePath(p.ID), FinishURL: paperFinishPath(p.ID), SavedAt: now.UnixMilli(), MaxChars: "50,000",
	}
	for _, it := range p.Items {
		q, err := a.paperQuestion(c, it)
		if err != nil {
			return vm, err
		}
		text, late := it.Current(), it.HasLate
		if s, ok := sent[it.Position]; ok {
			text = s
		}
		vm.Questions = append(vm.Questions, views.PaperQuestion{Number: it.Position + 1, Prompt: q.Prompt,
			Kind: writtenKindName(q.Kind), Marks: q.Marks, Text: text, Words: len(strings.Fields(text)),
			Late: late, Error: problems[it.Position]})
	}
	return vm, nil
}

// postedValue is a form field's value and whether it was sent at all: a
// box sent empty is a text to save, a box not sent is left alone.
func postedValue(c *fiber.Ctx, name string) (string, bool) {
	if form, err := c.MultipartForm(); err == nil {
		v, ok := form.Value[name]
		if !ok || len(v) == 0 {
			return "", false
		}
		return v[0], true
	}
	args := c.Request().PostArgs()
	if !args.Has(name) {
		return "", false
	}
	return string(args.Peek(name)), true
}

// paperTexts reads the boxes sent, by position. A form sends a box's line
// breaks as CRLF and the script as LF: they are stored as LF, so that the
// same text sent both ways is the same (and not saved again as late text).
func paperTexts(c *fiber.Ctx, p written.Paper) map[int]string {
	texts := map[int]string{}
	for _, it := range p.Items {
		if v, ok := postedValue(c, paperTextField(it.Position)); ok {
			texts[it.Position] = strings.ReplaceAll(v, "\r\n", "\n")
		}
	}
	return texts
}

// savePaper saves the boxes sent: the page's script sends the one being
// typed in, the Save button all of them. Before the deadline each replaces
// the text saved in time; after it, the text is kept apart and marked
// late. A box whose stored text was saved later (another tab) is refused
// with 409, and any box over 50,000 characters refuses the whole request
// with 413; either way nothing stored is overwritten, and the page shows
// the text as sent.
func (a *App) savePaper(c *fiber.Ctx) error {
	p, err := a.loadPaper(c)
	if err != nil {
		return err
	}
	l, _ := learner(c)
	texts := paperTexts(c, p)
	problems := map[int]string{}
	for pos, t := range texts {
		if utf8.RuneCountInString(t) > MaxWrittenChars {
			problems[pos] = questions.ErrorMessage(errWrittenTooLong)
		}
	}
	ms, perr := strconv.ParseInt(strings.TrimSpace(c.FormValue("saved_at")), 10, 64)
	var res db.PaperSave
	switch {
	case len(problems) > 0:
		err = errWrittenTooLong
	case perr != nil || ms <= 0:
		err = badRequest("These answers did not say when they were written, so they were not saved. Reload the page and try again.")
	default:
		res, err = a.Store.SavePaperTexts(c.UserContext(), l.ID, p.ID, texts, time.UnixMilli(ms))
	}
	if err == nil && len(res.Stale) > 0 {
		err = db.ErrDraftStale
		for _, pos := range res.Stale {
			problems[pos] = questions.ErrorMessage(db.ErrDraftStale)
		}
	}
	status := fiber.StatusOK
	if err != nil {
		status = statusOf(err)
		if errors.Is(err, errWrittenTooLong) {
			status = fiber.StatusRequestEntityTooLarge
		}
		if status >= 500 {
			return err
		}
	}
	if fromScript(c) {
		switch {
		case err != nil:
			return c.Status(status).SendString(questions.ErrorMessage(err))
		case res.Late && len(res.Saved) > 0:
			return c.SendString("Saved after the time was up: kept, and marked as written after time")
		}
		return c.SendString("Saved")
	}
	if errors.Is(err, db.ErrPaperFinished) {
		sent := make([]views.PaperQuestion, 0, len(texts))
		for _, it := range p.Items {
			if t, ok := texts[it.Position]; ok {
				sent = append(sent, views.PaperQuestion{Number: it.Position + 1, Text: t})
			}
		}
		c.Status(fiber.StatusConflict)
		return render(c, views.PaperClosed(a.page(c, "Paper finished", "write"), sent, paperPath(p.ID)))
	}
	if err != nil {
		vm, verr := a.paperView(c, p, texts, problems)
		if verr != nil {
			return verr
		}
		vm.Error = questions.ErrorMessage(err)
		if len(res.Saved) > 0 {
			vm.Error += " The other answers were saved."
		}
		c.Status(status)
		return render(c, views.Paper(vm))
	}
	if c.FormValue("next") == "finish" {
		return c.Redirect(paperFinishPath(p.ID), fiber.StatusSeeOther)
	}
	return c.Redirect(paperPath(p.ID)+"?saved=1", fiber.StatusSeeOther)
}

// paperFinishForm is the last page before a paper is finished: what is
// answered and, when more were answered than the paper asks for, the
// choice of which count (the ones the rule would pick already ticked).
func (a *App) paperFinishForm(c *fiber.Ctx) error {
	p, err := a.loadPaper(c)
	if err != nil {
		return err
	}
	if p, err = a.closePaperIfOver(c, p); err != nil {
		return err
	}
	if p.Finished() {
		return c.Redirect(paperPath(p.ID), fiber.StatusSeeOther)
	}
	vm, err := a.paperFinishView(c, p, nil, "")
	if err != nil {
		return err
	}
	return render(c, views.PaperFinish(vm))
}

func (a *App) paperFinishView(c *fiber.Ctx, p written.Paper, chosen []int, problem string) (views.PaperFinishPage, error) {
	loc, err := a.accountLocation(c)
	if err != nil {
		return views.PaperFinishPage{}, err
	}
	vm := views.PaperFinishPage{
		Page:   a.page(c, "Finish the paper", "write"),
		Answer: p.Setup.Answer, Offered: len(p.Items), Clock: paperClock(p, time.Now(), loc),
		PaperURL: paperPath(p.ID), FinishURL: paperFinishPath(p.ID), Error: problem,
	}
	if chosen == nil {
		chosen, _, _ = p.Counted(nil) // the rule's pick, ticked to start with
	}
	for _, it := range p.Items {
		if !it.Answered() {
			vm.Unanswered++
			continue
		}
		q, err := a.paperQuestion(c, it)
		if err != nil {
			return vm, err
		}
		text, late := it.Answer()
		vm.Answered = append(vm.Answered, views.PaperChoice{Position: it.Position, Number: it.Position + 1, Prompt: q.Prompt,
			Words: len(strings.Fields(text)), Late: late, Checked: slices.Contains(chosen, it.Position)})
	}
	vm.Choose = len(vm.Answered) > p.Setup.Answer
	return vm, nil
}

// finishPaper finishes the paper from its finish page with the learner's
// choice of which answers count, and shows the results; sent after the
// deadline with no choice, written.CountFirst decides. A second finish (a
// double click, a retry) finds it finished and changes nothing.
func (a *App) finishPaper(c *fiber.Ctx) error {
	p, err := a.loadPaper(c)
	if err != nil {
		return err
	}
	if p.Finished() {
		return c.Redirect(paperPath(p.ID), fiber.StatusSeeOther)
	}
	chosen := []int{} // not nil: the learner was asked
	for _, v := range formValues(c, "count") {
		pos, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || pos < 0 || pos >= len(p.Items) {
			return badRequest("That choice is not a question of this paper. Go back to the paper and finish it again.")
		}
		chosen = append(chosen, pos)
	}
	if len(chosen) == 0 && p.Expired(time.Now()) {
		chosen = nil // the time ran out without a choice: the rule decides
	}
	l, _ := learner(c)
	done, err := a.Store.FinishWrittenPaper(c.UserContext(), l.ID, p.ID, chosen)
	if questions.ErrorCode(err) == questions.EINVALID {
		vm, verr := a.paperFinishView(c, p, chosen, questions.ErrorMessage(err))
		if verr != nil {
			return verr
		}
		c.Status(fiber.StatusBadRequest)
		return render(c, views.PaperFinish(vm))
	}
	if err != nil {
		return err
	}
	if err := a.pullPaperMissed(c, done); err != nil {
		return err
	}
	return c.Redirect(paperPath(p.ID), fiber.StatusSeeOther)
}

// paperRuleText says how the answers that count were chosen.
func paperRuleText(p written.Paper) string {
	n := strconv.Itoa(p.Setup.Answer)
	switch p.Rule {
	case written.CountChosen:
		return "You answered more than " + n + " and chose which " + n + " count."
	case written.CountFirst:
		return "The time ran out with more than " + n + " answered and no choice made, so the first " + n +
			" answered in time count, in the paper’s order, then any written only after time."
	}
	if p.Answered() == 0 {
		return "No question was answered, so there is nothing to mark."
	}
	return "You answered no more than " + n + ", so every answer you wrote counts."
}

func (a *App) paperResultsView(c *fiber.Ctx, p written.Paper) (views.PaperResultsPage, error) {
	loc, err := a.accountLocation(c)
	if err != nil {
		return views.PaperResultsPage{}, err
	}
	vm := views.PaperResultsPage{
		Page:   a.page(c, "Your paper", "write"),
		Answer: p.Setup.Answer, Offered: len(p.Items), Finished: stamp(p.FinishedAt, loc), Rule: paperRuleText(p),
	}
	for _, it := range p.Items {
		q, err := a.paperQuestion(c, it)
		if err != nil {
			return vm, err
		}
		r := views.PaperResult{Number: it.Position + 1, Prompt: q.Prompt, Kind: writtenKindName(q.Kind), Marks: q.Marks}
		_, late := it.Answer()
		switch {
		case it.SubmissionID != 0:
			vm.Counted++
			r.Counted, r.Late, r.AnswerURL = true, late, writtenAnswerPath(it.SubmissionID)
			r.Status = "Counts"
			if late {
				r.Status = "Counts, written after time"
			}
		case it.Answered():
			r.Status = "Not counted"
			if it.InTime() {
				r.Text = it.Text
			}
		default:
			r.Status = "Not answered"
		}
		// Text saved after the time is shown apart, marked, unless it is
		// the same as the text in time.
		if it.HasLate && strings.TrimSpace(it.LateText) != "" && it.LateText != it.Text {
			r.LateText = it.LateText
		}
		vm.Questions = append(vm.Questions, r)
	}
	return vm, nil
}
