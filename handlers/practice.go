package handlers

import (
	"crypto/rand"
	"encoding/binary"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/questions/revision"
	"sabaq/views"
)

// formValues returns every value of a repeated form field.
func formValues(c *fiber.Ctx, name string) []string {
	if form, err := c.MultipartForm(); err == nil {
		return form.Value[name]
	}
	var out []string
	for _, v := range c.Request().PostArgs().PeekMulti(name) {
		out = append(out, string(v))
	}
	return out
}

func (a *App) practiceSetup(c *fiber.Ctx) error {
	f := questions.PracticeFilters{Length: questions.DefaultLength}
	if id := c.Query("event"); id != "" {
		f.EventIDs = []string{id}
	}
	if err := f.Validate(a.Timeline); err != nil {
		return err
	}
	return render(c, views.PracticeSetup(a.setupView(c, f, "")))
}

func (a *App) setupView(c *fiber.Ctx, f questions.PracticeFilters, msg string) views.PracticeSetupPage {
	vm := views.PracticeSetupPage{Page: a.page(c, "Practise", "practice"), Length: f.Length, MaxLength: questions.MaxLength, Error: msg}
	for _, e := range questions.Eras {
		vm.Eras = append(vm.Eras, views.Option{Value: e.ID, Label: e.Name + " (" + e.Span + ")", Checked: slices.Contains(f.Eras, e.ID)})
	}
	for _, t := range questions.Themes {
		vm.Themes = append(vm.Themes, views.Option{Value: t.ID, Label: t.Name, Checked: slices.Contains(f.Themes, t.ID)})
	}
	for _, k := range questions.Kinds {
		vm.Kinds = append(vm.Kinds, views.Option{Value: string(k), Label: questions.KindNames[k], Checked: slices.Contains(f.Kinds, k)})
	}
	for _, id := range f.EventIDs {
		if e, ok := a.Timeline.Event(id); ok {
			vm.Events = append(vm.Events, eventLink(e))
		}
	}
	return vm
}

func (a *App) startPractice(c *fiber.Ctx) error {
	l, _ := learner(c)
	f := questions.PracticeFilters{
		Eras:     formValues(c, "era"),
		Themes:   formValues(c, "theme"),
		EventIDs: formValues(c, "event"),
		Length:   questions.DefaultLength,
	}
	for _, k := range formValues(c, "kind") {
		f.Kinds = append(f.Kinds, questions.Kind(k))
	}
	if s := c.FormValue("length"); s != "" {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return badRequest("The number of questions must be a whole number between 1 and %d.", questions.MaxLength)
		}
		f.Length = n
	}
	if err := f.Validate(a.Timeline); err != nil {
		return err
	}
	pool := a.Bank.Select(questions.Filter{Eras: f.Eras, Themes: f.Themes, Kinds: f.Kinds, EventIDs: f.EventIDs})
	if set := c.FormValue("set"); set != "" {
		// A practice of one set: an assigned one, or the teacher's own.
		var err error
		if pool, err = a.setQuestions(c, set); err != nil {
			return err
		}
	}
	if len(pool) == 0 {
		c.Status(fiber.StatusBadRequest)
		return render(c, views.PracticeSetup(a.setupView(c, f,
			"No questions match that combination of eras, themes and kinds. Choose fewer filters.")))
	}
	var b [8]byte
	rand.Read(b[:])
	seed := binary.LittleEndian.Uint64(b[:])
	picked := questions.PickQuestions(pool, f.Length, seed)
	ids := make([]string, len(picked))
	for i, q := range picked {
		ids[i] = q.ID
	}
	id, err := a.Store.CreatePracticeSession(c.UserContext(), l.ID, f, seed, ids)
	if err != nil {
		return err
	}
	return c.Redirect(questionPath(id, 0), fiber.StatusSeeOther)
}

func questionPath(session int64, position int) string {
	return "/practice/" + itoa64(session) + "/q/" + strconv.Itoa(position+1)
}

func summaryPath(session int64) string { return "/practice/" + itoa64(session) + "/summary" }

// loadSession reads the learner's session named in the URL; anyone else's is
// not found.
func (a *App) loadSession(c *fiber.Ctx) (questions.PracticeSession, error) {
	l, _ := learner(c)
	id, err := strconv.ParseInt(c.Params("session"), 10, 64)
	if err != nil || id <= 0 {
		return questions.PracticeSession{}, notFound("practice session")
	}
	ps, err := a.Store.PracticeSession(c.UserContext(), l.ID, id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return ps, notFound("practice session")
	}
	return ps, err
}

func (a *App) resumePractice(c *fiber.Ctx) error {
	ps, err := a.loadSession(c)
	if err != nil {
		return err
	}
	if n := ps.Next(); n >= 0 {
		return c.Redirect(questionPath(ps.ID, n), fiber.StatusSeeOther)
	}
	return c.Redirect(summaryPath(ps.ID), fiber.StatusSeeOther)
}

// sessionItem finds the session and the question at the 1-based position in
// the URL.
func (a *App) sessionItem(c *fiber.Ctx) (questions.PracticeSession, questions.SessionItem, questions.Question, error) {
	ps, err := a.loadSession(c)
	if err != nil {
		return ps, questions.SessionItem{}, questions.Question{}, err
	}
	n, err := strconv.Atoi(c.Params("n"))
	if err != nil || n < 1 || n > len(ps.Items) {
		return ps, questions.SessionItem{}, questions.Question{}, notFound("question in this session")
	}
	it := ps.Items[n-1]
	q, ok := a.Bank.Question(it.QuestionID)
	if !ok {
		// The timeline changed since the session began and this question
		// is gone; there is nothing sensible to show.
		return ps, it, q, notFound("question (it was removed from the question bank)")
	}
	return ps, it, q, nil
}

func (a *App) showQuestion(c *fiber.Ctx) error {
	ps, it, q, err := a.sessionItem(c)
	if err != nil {
		return err
	}
	if it.Attempt == nil {
		// Questions are answered in order: jumping ahead goes to the next one due.
		if next := ps.Next(); next >= 0 && next < it.Position {
			return c.Redirect(questionPath(ps.ID, next), fiber.StatusSeeOther)
		}
		if err := a.Store.MarkShown(c.UserContext(), ps.ID, it.Position); err != nil {
			return err
		}
	}
	return render(c, views.Question(a.questionView(c, ps, it, q, "", "")))
}

// displayOptions shuffles options per session, so a reload shows the same
// order, except for True/False and tone whose natural order helps.
func displayOptions(q questions.Question, ps questions.PracticeSession, position int) []string {
	if q.Kind == questions.KindTrueFalse || q.Kind == questions.KindTone {
		return q.Options
	}
	return q.Shuffled(ps.Seed + uint64(position))
}

func (a *App) questionView(c *fiber.Ctx, ps questions.PracticeSession, it questions.SessionItem, q questions.Question, msg, typed string) views.QuestionPage {
	vm := views.QuestionPage{
		Page:       a.page(c, "Question "+strconv.Itoa(it.Position+1), "practice"),
		SessionID:  ps.ID,
		Position:   it.Position,
		Total:      ps.Total,
		Answered:   ps.Answered,
		Score:      ps.Score,
		QuestionID: q.ID,
		Kind:       string(q.Kind),
		KindName:   questions.KindNames[q.Kind],
		Format:     string(q.Kind.Format()),
		Prompt:     q.Prompt,
		Options:    displayOptions(q, ps, it.Position),
		Lefts:      q.Lefts,
		Error:      msg,
		Typed:      typed,
		Rich:       q.Rich,
	}
	if it.Attempt == nil {
		return vm
	}
	f := a.feedback(c, q, vm.Options, it.Attempt.Answer, true, it.Attempt.Correct)
	f.NextURL, f.NextLabel = summaryPath(ps.ID), "See your summary"
	if next := ps.Next(); next >= 0 {
		f.NextURL, f.NextLabel = questionPath(ps.ID, next), "Next question"
	}
	vm.Feedback = &f
	return vm
}

// feedback is what a learner sees after answering q, or on its flashcard's
// back (not answered): a choice's options in the order shown, marked right
// and chosen, with the teacher's feedback on each; an order or matching
// answer place by place beside the learner's; a typed answer beside the
// accepted ones; then the explanation, sources and events.
func (a *App) feedback(c *fiber.Ctx, q questions.Question, shown, given []string, answered, correct bool) views.Feedback {
	f := views.Feedback{Correct: correct, Answered: answered, Format: string(q.Kind.Format()),
		Explanation: q.Explanation, Sources: sources(q.KeyFirst()), ReportURL: reportLink(c, q.ID), Rich: q.Rich}
	if !answered {
		given = nil
	}
	switch q.Kind.Format() {
	case questions.FormatChoice, questions.FormatMulti:
		for _, m := range q.Marked(shown, given) {
			f.Options = append(f.Options, views.MarkedOption{Text: m.Option, Right: m.Right, Chosen: m.Chosen, Note: m.Feedback})
		}
	case questions.FormatOrder, questions.FormatMatch:
		for _, p := range q.Places(given) {
			f.Places = append(f.Places, views.Placed{Item: p.Item, Right: p.Right, Place: p.Place, Picked: p.Picked, Correct: p.Correct})
		}
	default:
		f.Given, f.Answer = given, q.Answer
		if answered {
			m := q.Grade(given)
			f.Note = m.Feedback
			if m.Partial() {
				f.Share = m.Fraction
			}
		}
	}
	for _, id := range q.EventIDs {
		if e, ok := a.Timeline.Event(id); ok {
			f.Events = append(f.Events, eventLink(e))
		}
	}
	return f
}

func (a *App) answerQuestion(c *fiber.Ctx) error {
	ps, it, q, err := a.sessionItem(c)
	if err != nil {
		return err
	}
	if c.FormValue("question_id") != q.ID {
		return badRequest("That answer was for a different question than the one at this address. Go back to the question and answer it again.")
	}
	if it.Attempt != nil {
		// Already answered (a double click or a retry): show the feedback
		// for the first answer, which is the one that counts. Counting it
		// again finishes what a failure may have cut short, and changes
		// nothing otherwise.
		if err := a.countPractice(c, q, *it.Attempt); err != nil {
			return err
		}
		return c.Redirect(questionPath(ps.ID, it.Position), fiber.StatusSeeOther)
	}
	given, problem, err := parseAnswer(c, q)
	if err != nil {
		return err
	}
	if problem != "" {
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Question(a.questionView(c, ps, it, q, problem, strings.Join(given, ""))))
	}
	l, _ := learner(c)
	at, _, err := a.Store.RecordAttempt(c.UserContext(), questions.Attempt{
		LearnerID: l.ID, SessionID: ps.ID, QuestionID: q.ID, Answer: given, Correct: q.Check(given),
	})
	if err != nil {
		return err
	}
	if err := a.countPractice(c, q, at); err != nil {
		return err
	}
	return c.Redirect(questionPath(ps.ID, it.Position), fiber.StatusSeeOther)
}

// countPractice puts a practice answer in the learner's ledger, as a review
// of the question's card (right is Good, wrong Again), once per attempt and
// only while their settings say practice counts toward revision.
func (a *App) countPractice(c *fiber.Ctx, q questions.Question, at questions.Attempt) error {
	_, err := a.Revision.Answered(c.UserContext(), who(c), revision.Answer{Question: q, Correct: at.Correct,
		Given: at.Answer, DurationMS: at.TimeMS, Source: revision.PracticeSource(at.ID)})
	return err
}

// maxTyped bounds a typed answer; no accepted answer is near it.
const maxTyped = 200

// parseAnswer reads the answer from the form. A problem the learner can fix
// (nothing chosen, two events in one place) is returned as a message to show
// beside the question; a value no form of ours could send is an error.
func parseAnswer(c *fiber.Ctx, q questions.Question) (given []string, problem string, err error) {
	switch q.Kind.Format() {
	case questions.FormatChoice:
		v := c.FormValue("answer")
		if v == "" {
			return nil, "Choose one of the answers.", nil
		}
		if !slices.Contains(q.Options, v) {
			return nil, "", badRequest("That answer is not one of this question's options.")
		}
		return []string{v}, "", nil
	case questions.FormatMulti:
		chosen := formValues(c, "answer")
		if len(chosen) == 0 {
			return nil, "Choose at least one answer.", nil
		}
		for _, v := range chosen {
			if !slices.Contains(q.Options, v) {
				return nil, "", badRequest("That answer is not one of this question's options.")
			}
		}
		return chosen, "", nil
	case questions.FormatMatch:
		picked := formValues(c, "match")
		if len(picked) != len(q.Lefts) {
			return nil, "", badRequest("The pairs sent back are not the ones in this question.")
		}
		for _, v := range picked {
			if v == "" {
				return nil, "Match every item on the left with one on the right.", nil
			}
			if !slices.Contains(q.Options, v) {
				return nil, "", badRequest("That answer is not one of this question's options.")
			}
		}
		return picked, "", nil
	case questions.FormatNumber:
		v := strings.TrimSpace(c.FormValue("answer"))
		if len(v) > 40 {
			return nil, "", badRequest("That answer is too long for a number.")
		}
		if _, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", ""), 64); err != nil {
			return nil, "Type a number, such as 1965.", nil
		}
		return []string{v}, "", nil
	case questions.FormatOrder:
		items, positions := formValues(c, "item"), formValues(c, "position")
		if len(items) != len(q.Options) || len(positions) != len(items) || !samePermutation(items, q.Options) {
			return nil, "", badRequest("The events sent back are not the ones in this question.")
		}
		ordered := make([]string, len(items))
		for i, p := range positions {
			n, err := strconv.Atoi(p)
			if p == "" || err != nil || n < 1 || n > len(items) || ordered[n-1] != "" {
				return nil, "Give each event a different place, from 1 for the earliest to " + strconv.Itoa(len(items)) + " for the latest.", nil
			}
			ordered[n-1] = items[i]
		}
		return ordered, "", nil
	default:
		v := strings.TrimSpace(c.FormValue("answer"))
		if len(v) > maxTyped {
			return nil, "", badRequest("That answer is too long: at most %d characters.", maxTyped)
		}
		if v == "" {
			return nil, "Type your answer in the box.", nil
		}
		return []string{v}, "", nil
	}
}

func samePermutation(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

func (a *App) summary(c *fiber.Ctx) error {
	ps, err := a.loadSession(c)
	if err != nil {
		return err
	}
	vm := views.SummaryPage{
		Page:      a.page(c, "Summary", "practice"),
		SessionID: ps.ID,
		Score:     ps.Score,
		Answered:  ps.Answered,
		Total:     ps.Total,
		Finished:  !ps.FinishedAt.IsZero(),
	}
	if n := ps.Next(); n >= 0 {
		vm.ResumeURL = questionPath(ps.ID, n)
	}
	var attempts []questions.Attempt
	for _, it := range ps.Items {
		if it.Attempt == nil {
			continue
		}
		attempts = append(attempts, *it.Attempt)
		q, ok := a.Bank.Question(it.QuestionID)
		if !ok || it.Attempt.Correct {
			continue
		}
		vm.Missed = append(vm.Missed, views.MissedQuestion{
			Number: it.Position + 1, Prompt: q.Prompt,
			Given: answerText(q, it.Attempt.Answer), Answer: answerText(q, q.Answer),
			Feedback: a.feedback(c, q, displayOptions(q, ps, it.Position), it.Attempt.Answer, true, false),
		})
	}
	_, eras, _ := questions.Accuracy(a.Timeline, a.Bank, attempts)
	vm.Eras = scoreRows(eras)
	return render(c, views.Summary(vm))
}
