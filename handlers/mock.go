package handlers

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/questions/revision"
	"sabaq/views"
)

func mockPath(id int64) string { return "/mock/" + itoa64(id) }

func mockQuestionPath(id int64, position int) string {
	return mockPath(id) + "/q/" + strconv.Itoa(position+1)
}

func mockResultsPath(id int64) string { return mockPath(id) + "/results" }

func mockFlagPath(id int64, position int) string { return mockQuestionPath(id, position) + "/flag" }

// timeLeft says how long is left, in whole minutes rounded up.
func timeLeft(d time.Duration) string {
	switch {
	case d <= 0:
		return "Time is up"
	case d < time.Minute:
		return "Less than a minute left"
	default:
		return strconv.Itoa(int((d+time.Minute-1)/time.Minute)) + " min left"
	}
}

// marksText shows marks as a number of at most two decimals and none for
// whole marks: "17.5", "18", "16.33".
func marksText(m float64) string {
	return strconv.FormatFloat(math.Round(m*100)/100, 'f', -1, 64)
}

// warningText is what a running exam says when d or less is left.
func warningText(d time.Duration) string {
	if d <= time.Minute {
		return "Less than 1 minute left. An answer saved after the time is up does not count."
	}
	return "Less than " + strconv.Itoa(int(d/time.Minute)) + " minutes left. Check your unanswered and flagged questions, then submit."
}

// mockClock is the exam's time left for a page: as text for a page without
// JavaScript, and for the script's countdown and warnings.
func mockClock(e questions.MockExam, now time.Time, loc *time.Location) views.MockClock {
	left := e.Remaining(now)
	mc := views.MockClock{TimeLeft: timeLeft(left), Ends: clock(e.Deadline, loc), RemainingMS: left.Milliseconds(),
		TimeUp: "Time is up. Taking you to your results.", EndURL: mockResultsPath(e.ID)}
	for _, d := range e.Warnings() {
		mc.Warnings = append(mc.Warnings, views.MockWarning{Seconds: int(d / time.Second), Text: warningText(d)})
	}
	if w := e.Warning(now); w > 0 {
		mc.Warning = warningText(w)
	}
	return mc
}

// randomKey is an unguessable token for a form.
func randomKey() string {
	var b [16]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func (a *App) mockSetup(c *fiber.Ctx) error {
	vm, err := a.mockSetupView(c, questions.MockSetup{Length: questions.DefaultMockLength, Minutes: questions.DefaultMockMinutes}, nil)
	if err != nil {
		return err
	}
	return render(c, views.MockSetup(vm))
}

func (a *App) mockSetupView(c *fiber.Ctx, s questions.MockSetup, errs questions.FieldErrors) (views.MockSetupPage, error) {
	l, _ := learner(c)
	vm := views.MockSetupPage{
		Page: a.page(c, "Mock exam", "mock"), FormKey: randomKey(),
		Length: strconv.Itoa(s.Length), Minutes: strconv.Itoa(s.Minutes),
		MinLength: questions.MinMockLength, MaxLength: questions.MaxMockLength,
		MinMinutes: questions.MinMockMinutes, MaxMinutes: questions.MaxMockMinutes,
		Errors: errs,
	}
	for _, e := range questions.Eras {
		vm.Eras = append(vm.Eras, views.Option{Value: e.ID, Label: e.Name + " (" + e.Span + ")", Checked: slices.Contains(s.Eras, e.ID)})
	}
	exams, err := a.Store.MockExams(c.UserContext(), l.ID, 10)
	if err != nil {
		return vm, err
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return vm, err
	}
	now := time.Now()
	for _, e := range exams {
		row := views.MockExamRow{Started: stamp(e.StartedAt, loc), Total: e.Setup.Length}
		switch {
		case e.Finished():
			row.Status = "Scored " + marksText(e.Score) + " out of " + strconv.Itoa(e.Setup.Length)
			row.URL, row.Link = mockResultsPath(e.ID), "Results"
		case e.Expired(now):
			row.Status = "Time is up"
			row.URL, row.Link = mockResultsPath(e.ID), "Results"
		default:
			row.Status = "In progress: " + timeLeft(e.Remaining(now))
			row.URL, row.Link = mockPath(e.ID), "Carry on"
		}
		vm.Exams = append(vm.Exams, row)
	}
	return vm, nil
}

// maxFormKey bounds the setup form's idempotency key; ours are 22 characters.
const maxFormKey = 64

// startMock draws the exam's questions and starts its clock. An invalid form
// is shown again with each problem beside its field, and nothing is written.
func (a *App) startMock(c *fiber.Ctx) error {
	l, _ := learner(c)
	s := questions.MockSetup{Eras: formValues(c, "era")}
	errs := questions.FieldErrors{}
	var err error
	if s.Length, err = strconv.Atoi(strings.TrimSpace(c.FormValue("length"))); err != nil {
		errs["length"] = "Give the number of questions as a whole number."
	}
	if s.Minutes, err = strconv.Atoi(strings.TrimSpace(c.FormValue("minutes"))); err != nil {
		errs["minutes"] = "Give the time allowed as a whole number of minutes."
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
	var pool []questions.Question
	if len(errs) == 0 {
		pool = a.Bank.Select(questions.Filter{Eras: s.Eras})
		if len(pool) < s.Length {
			errs["length"] = "Those eras have " + strconv.Itoa(len(pool)) + " questions: choose at most that many, or more eras."
		}
	}
	if len(errs) > 0 {
		vm, err := a.mockSetupView(c, s, errs)
		if err != nil {
			return err
		}
		vm.Length, vm.Minutes = c.FormValue("length"), c.FormValue("minutes")
		c.Status(fiber.StatusBadRequest)
		return render(c, views.MockSetup(vm))
	}
	var b [8]byte
	rand.Read(b[:])
	seed := binary.LittleEndian.Uint64(b[:])
	picked := questions.DrawMock(a.Timeline, pool, s.Eras, s.Length, seed)
	ids := make([]string, len(picked))
	for i, q := range picked {
		ids[i] = q.ID
	}
	id, err := a.Store.CreateMockExam(c.UserContext(), l.ID, key, s, seed, ids)
	if err != nil {
		return err
	}
	return c.Redirect(mockQuestionPath(id, 0), fiber.StatusSeeOther)
}

// loadMock reads the learner's exam named in the URL; anyone else's is not
// found.
func (a *App) loadMock(c *fiber.Ctx) (questions.MockExam, error) {
	l, _ := learner(c)
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return questions.MockExam{}, notFound("mock exam")
	}
	e, err := a.Store.MockExam(c.UserContext(), l.ID, id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return e, notFound("mock exam")
	}
	return e, err
}

// mockItem finds the exam and the question at the 1-based position in the
// URL.
func (a *App) mockItem(c *fiber.Ctx) (questions.MockExam, questions.MockItem, questions.Question, error) {
	e, err := a.loadMock(c)
	if err != nil {
		return e, questions.MockItem{}, questions.Question{}, err
	}
	n, err := strconv.Atoi(c.Params("n"))
	if err != nil || n < 1 || n > len(e.Items) {
		return e, questions.MockItem{}, questions.Question{}, notFound("question in this exam")
	}
	it := e.Items[n-1]
	q, ok := a.Bank.Question(it.QuestionID)
	if !ok {
		return e, it, q, notFound("question (it was removed from the question bank)")
	}
	return e, it, q, nil
}

// closeIfOver finishes an exam whose time is up when the learner next opens
// it, and reports whether the exam is finished.
func (a *App) closeIfOver(c *fiber.Ctx, e questions.MockExam) (questions.MockExam, bool, error) {
	if !e.Finished() && !e.Expired(time.Now()) {
		return e, false, nil
	}
	e, err := a.finishMock(c, e)
	return e, true, err
}

// finishMock closes the exam, scores it, and puts each answer in the
// learner's ledger (see revision.Service.Answered). Safe to repeat: an
// answer already there is not counted again, so a retry picks up where a
// failed attempt stopped.
func (a *App) finishMock(c *fiber.Ctx, e questions.MockExam) (questions.MockExam, error) {
	l, _ := learner(c)
	if !e.Finished() {
		var err error
		if e, err = a.Store.FinishMockExam(c.UserContext(), l.ID, e.ID); err != nil {
			return e, err
		}
	}
	for _, it := range e.Items {
		if it.Answer == nil || it.ReviewID != 0 {
			continue
		}
		q, ok := a.Bank.Question(it.QuestionID)
		if !ok {
			continue
		}
		_, err := a.Revision.Answered(c.UserContext(), who(c), revision.Answer{Question: q, Correct: it.Answer.Correct,
			Given: it.Answer.Given, DurationMS: it.Answer.TimeMS, Source: revision.MockSource(e.ID, it.Position)})
		if err != nil {
			return e, err
		}
	}
	return e, nil
}

func (a *App) mockNav(e questions.MockExam, current int) []views.MockNavItem {
	out := make([]views.MockNavItem, 0, len(e.Items))
	for _, it := range e.Items {
		q, _ := a.Bank.Question(it.QuestionID)
		out = append(out, views.MockNavItem{Number: it.Position + 1, URL: mockQuestionPath(e.ID, it.Position),
			Prompt: q.Prompt, Answered: it.Answer != nil, Flagged: it.Flagged, Current: it.Position == current})
	}
	return out
}

// mockSummary is the last page before submitting: the questions still
// unanswered and those flagged for later, each a link back to it, and the
// submit button.
func (a *App) mockSummary(c *fiber.Ctx) error {
	e, err := a.loadMock(c)
	if err != nil {
		return err
	}
	e, over, err := a.closeIfOver(c, e)
	if err != nil {
		return err
	}
	if over {
		return c.Redirect(mockResultsPath(e.ID), fiber.StatusSeeOther)
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	nav := a.mockNav(e, -1)
	vm := views.MockSummaryPage{
		Page: a.page(c, "Mock exam: check before you submit", "mock"), ExamID: e.ID, Total: len(e.Items),
		Answered: e.Answered(), Clock: mockClock(e, time.Now(), loc), Nav: nav,
		BackURL: mockQuestionPath(e.ID, 0), SubmitURL: mockPath(e.ID) + "/finish",
	}
	for _, p := range e.Unanswered() {
		vm.Unanswered = append(vm.Unanswered, nav[p])
	}
	for _, p := range e.Flagged() {
		vm.Flagged = append(vm.Flagged, nav[p])
	}
	switch {
	case len(vm.Unanswered) > 0:
		vm.BackURL = vm.Unanswered[0].URL
	case len(vm.Flagged) > 0:
		vm.BackURL = vm.Flagged[0].URL
	}
	return render(c, views.MockSummary(vm))
}

func (a *App) mockQuestion(c *fiber.Ctx) error {
	e, it, q, err := a.mockItem(c)
	if err != nil {
		return err
	}
	e, over, err := a.closeIfOver(c, e)
	if err != nil {
		return err
	}
	if over {
		return c.Redirect(mockResultsPath(e.ID), fiber.StatusSeeOther)
	}
	if it.ShownAt.IsZero() {
		if err := a.Store.MarkMockShown(c.UserContext(), e.ID, it.Position); err != nil {
			return err
		}
	}
	vm, err := a.mockQuestionView(c, e, it, q, "")
	if err != nil {
		return err
	}
	return render(c, views.MockQuestion(vm))
}

func (a *App) mockQuestionView(c *fiber.Ctx, e questions.MockExam, it questions.MockItem, q questions.Question, msg string) (views.MockQuestionPage, error) {
	loc, err := a.accountLocation(c)
	if err != nil {
		return views.MockQuestionPage{}, err
	}
	vm := views.MockQuestionPage{
		Page:       a.page(c, "Mock exam: question "+strconv.Itoa(it.Position+1), "mock"),
		ExamID:     e.ID,
		Position:   it.Position,
		Total:      len(e.Items),
		Answered:   e.Answered(),
		Clock:      mockClock(e, time.Now(), loc),
		Nav:        a.mockNav(e, it.Position),
		QuestionID: q.ID,
		KindName:   questions.KindNames[q.Kind],
		Format:     string(q.Kind.Format()),
		Prompt:     q.Prompt,
		// The exam's seed shuffles options as a practice session's does.
		Options:    displayOptions(q, questions.PracticeSession{Seed: e.Seed}, it.Position),
		Lefts:      q.Lefts,
		Error:      msg,
		Flagged:    it.Flagged,
		FlagURL:    mockFlagPath(e.ID, it.Position),
		SummaryURL: mockPath(e.ID),
		Rich:       q.Rich,
	}
	if it.Answer == nil || len(it.Answer.Given) == 0 {
		return vm, nil
	}
	given := it.Answer.Given
	vm.Given = given
	if q.Kind.Format() == questions.FormatOrder {
		vm.Positions = make([]int, len(vm.Options))
		for i, o := range vm.Options {
			vm.Positions[i] = slices.Index(given, o) + 1
		}
	}
	return vm, nil
}

// flagMock flags a question for later or removes its flag, and shows the
// question again. The form says which it wants ("1" or "0") rather than
// toggling, so a double click or a retry flags once.
func (a *App) flagMock(c *fiber.Ctx) error {
	e, it, _, err := a.mockItem(c)
	if err != nil {
		return err
	}
	if e.Finished() {
		return a.mockClosed(c, e)
	}
	var flagged bool
	switch c.FormValue("flagged") {
	case "1":
		flagged = true
	case "0":
	default:
		return badRequest("That flag was neither set nor removed. Go back to the question and use its button.")
	}
	l, _ := learner(c)
	err = a.Store.FlagMockItem(c.UserContext(), l.ID, e.ID, it.Position, flagged)
	if questions.ErrorCode(err) == questions.ECONFLICT {
		return a.mockClosed(c, e) // finished while the flag was on its way
	}
	if err != nil {
		return err
	}
	return c.Redirect(mockQuestionPath(e.ID, it.Position), fiber.StatusSeeOther)
}

// answerMock saves an answer without marking it, and goes on to the next
// unanswered question. An answer after the deadline is kept and marked late;
// a finished exam takes none (409).
func (a *App) answerMock(c *fiber.Ctx) error {
	e, it, q, err := a.mockItem(c)
	if err != nil {
		return err
	}
	if e.Finished() {
		return a.mockClosed(c, e)
	}
	if c.FormValue("question_id") != q.ID {
		return badRequest("That answer was for a different question than the one at this address. Go back to the question and answer it again.")
	}
	given, problem, err := parseAnswer(c, q)
	if err != nil {
		return err
	}
	if problem != "" {
		vm, err := a.mockQuestionView(c, e, it, q, problem)
		if err != nil {
			return err
		}
		c.Status(fiber.StatusBadRequest)
		return render(c, views.MockQuestion(vm))
	}
	l, _ := learner(c)
	// Graded as practice grades it: a teacher's near miss earns its share.
	saved, _, err := a.Store.SaveMockMark(c.UserContext(), l.ID, e.ID, it.Position, q.ID, given, q.Grade(given).Fraction)
	if questions.ErrorCode(err) == questions.ECONFLICT {
		return a.mockClosed(c, e) // finished while this answer was on its way
	}
	if err != nil {
		return err
	}
	e.Items[it.Position].Answer = &saved
	if next := e.NextUnanswered(it.Position); next >= 0 {
		return c.Redirect(mockQuestionPath(e.ID, next), fiber.StatusSeeOther)
	}
	return c.Redirect(mockPath(e.ID), fiber.StatusSeeOther)
}

func (a *App) mockClosed(c *fiber.Ctx, e questions.MockExam) error {
	c.Status(fiber.StatusConflict)
	return render(c, views.MockClosed(views.MockClosedPage{Page: a.page(c, "Exam finished", "mock"), ResultsURL: mockResultsPath(e.ID)}))
}

// finishMockExam ends the exam when the learner submits it from the
// summary. A second submit (a double click, a retry) finds it finished and
// goes to the same results.
func (a *App) finishMockExam(c *fiber.Ctx) error {
	e, err := a.loadMock(c)
	if err != nil {
		return err
	}
	if _, err := a.finishMock(c, e); err != nil {
		return err
	}
	return c.Redirect(mockResultsPath(e.ID), fiber.StatusSeeOther)
}

// answerText shows an answer as one line.
func answerText(q questions.Question, answer []string) string {
	switch q.Kind.Format() {
	case questions.FormatOrder:
		return strings.Join(answer, " → ")
	case questions.FormatTyped:
		if len(answer) > 0 {
			return answer[0]
		}
		return ""
	default:
		return strings.Join(answer, ", ")
	}
}
