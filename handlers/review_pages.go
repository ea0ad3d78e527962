package handlers

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/questions/revision"
	"sabaq/questions/srs"
	"sabaq/views"
)

func cardURL(questionID string) string { return "/review/card/" + url.PathEscape(questionID) }

// reviewPage is the review page's frame: the learner's counts and what the
// queue has left today.
func (a *App) reviewPage(c *fiber.Ctx, q revision.Queue) views.ReviewPage {
	return views.ReviewPage{Page: a.page(c, "Review", "review"), Counts: countsView(q.Counts),
		NewToday: q.Summary.New, CanUndo: q.CanUndo}
}

// reviewNext shows the next card of the queue.
func (a *App) reviewNext(c *fiber.Ctx) error {
	q, err := a.Revision.Queue(c.UserContext(), who(c))
	if err != nil {
		return err
	}
	vm := a.reviewPage(c, q)
	vm.ExamBanner = strings.TrimSpace(q.ExamCountdown + " " + q.ExamForecast)
	if !q.Found {
		vm.Empty = true
		vm.EmptyNote = "No cards are due. Come back tomorrow, or practise freely in the meantime."
		if !q.Summary.NextLearning.IsZero() {
			vm.EmptyNote = "The next learning card is due at " + clock(q.Summary.NextLearning, q.Settings.Location()) + "."
		}
		return render(c, views.Review(vm))
	}
	qn, _ := a.Bank.Question(q.Item.QuestionID)
	// The queue chose the card from the learner's cards: no need to read it again.
	return a.renderCard(c, q, qn, q.Item.Card, string(q.Settings.Mode), false, vm)
}

// reviewCard shows a given card: its front, or with ?reveal=1 its back.
func (a *App) reviewCard(c *fiber.Ctx) error {
	qn, err := a.cardQuestion(c)
	if err != nil {
		return err
	}
	mode := c.Query("mode")
	switch mode {
	case "", string(questions.ModeFlashcard), string(questions.ModeQuiz):
	default:
		return badRequest("There is no review mode called %q.", mode)
	}
	q, err := a.Revision.Queue(c.UserContext(), who(c))
	if err != nil {
		return err
	}
	if mode == "" {
		mode = string(q.Settings.Mode)
	}
	cur, err := a.Revision.Card(c.UserContext(), who(c), qn.ID)
	if err != nil {
		return err
	}
	return a.renderCard(c, q, qn, cur, mode, c.Query("reveal") == "1", a.reviewPage(c, q))
}

// cardQuestion is the question of the card named in the URL.
func (a *App) cardQuestion(c *fiber.Ctx) (questions.Question, error) {
	id, err := url.PathUnescape(c.Params("id"))
	if err != nil {
		return questions.Question{}, notFound("card")
	}
	q, ok := a.Bank.Question(id)
	if !ok {
		return questions.Question{}, notFound("card")
	}
	if q.SetID != 0 {
		// A teacher's question, answer and all: only for those who may see
		// its set, and not found, like a missing one, for anyone else.
		ok, err := a.maySeeSet(c, q.SetID)
		if err != nil {
			return questions.Question{}, err
		}
		if !ok {
			return questions.Question{}, notFound("card")
		}
	}
	return q, nil
}

// renderCard shows qn with cur, the learner's card for it (nil when new).
func (a *App) renderCard(c *fiber.Ctx, q revision.Queue, qn questions.Question, cur *questions.CardRecord, mode string, reveal bool, vm views.ReviewPage) error {
	l, _ := learner(c)
	vm.CardURL = cardURL(qn.ID)
	vm.QuestionID = qn.ID
	vm.IsNew = cur == nil
	vm.Mode = mode
	vm.KindName = questions.KindNames[qn.Kind]
	vm.Format = string(qn.Kind.Format())
	vm.Prompt, vm.Rich = qn.Prompt, qn.Rich
	vm.Lefts = qn.Lefts
	vm.Options = reviewOptions(qn, l.ID)
	vm.ShownAt = q.Now.UnixMilli()
	if s, err := strconv.ParseInt(c.Query("shown"), 10, 64); err == nil && s > 0 && s <= vm.ShownAt {
		vm.ShownAt = s
	}
	if cur != nil {
		vm.Version = cur.Version
	}
	vm.Revealed = reveal && mode == string(questions.ModeFlashcard)
	if vm.Revealed {
		vm.Back = a.back(c, qn, true, nil)
		card := srs.NewCard(q.Now)
		if cur != nil {
			card = cur.Card
		}
		grades, err := gradeButtons(q.Scheduler, card, q.Now, 0)
		if err != nil {
			return err
		}
		vm.Grades = grades
	}
	return render(c, views.Review(vm))
}

// back is a card's back: the feedback on a quiz answer (given), or on a
// flashcard the answer alone (given nil), with the options in the order
// the learner sees them.
func (a *App) back(c *fiber.Ctx, q questions.Question, correct bool, given []string) *views.Feedback {
	l, _ := learner(c)
	f := a.feedback(c, q, reviewOptions(q, l.ID), given, given != nil, correct)
	return &f
}

// reviewOptions are q's options in the order the learner sees them on its
// card: shuffled for them, but for True/False and tone whose natural order
// helps.
func reviewOptions(q questions.Question, learnerID int64) []string {
	if q.Kind == questions.KindTrueFalse || q.Kind == questions.KindTone {
		return q.Options
	}
	return q.Shuffled(questions.Seed(q.ID, strconv.FormatInt(learnerID, 10)))
}

var gradeLabels = map[srs.Rating]string{srs.Again: "Again", srs.Hard: "Hard", srs.Good: "Good", srs.Easy: "Easy"}

// gradeButtons labels each grade with the interval it would give, as Anki does.
func gradeButtons(sched *srs.Scheduler, card srs.Card, now time.Time, current srs.Rating) ([]views.GradeButton, error) {
	preview, err := sched.Preview(card, now)
	if err != nil {
		return nil, err
	}
	out := make([]views.GradeButton, 0, 4)
	for _, r := range srs.Ratings {
		out = append(out, views.GradeButton{Rating: int(r), Label: gradeLabels[r],
			Interval: srs.FormatInterval(preview[r].Due.Sub(now)), Current: r == current})
	}
	return out, nil
}

// reviewLog shows the feedback on a quiz review, with the grade to change.
func (a *App) reviewLog(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return notFound("review")
	}
	ctx := c.UserContext()
	rec, err := a.Revision.ReviewRecord(ctx, who(c), id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return notFound("review")
	}
	if err != nil {
		return err
	}
	qn, ok := a.Bank.Question(rec.QuestionID)
	if !ok {
		return notFound("card")
	}
	q, err := a.Revision.Queue(ctx, who(c))
	if err != nil {
		return err
	}
	vm := a.reviewPage(c, q)
	vm.CardURL, vm.QuestionID, vm.Mode, vm.Revealed = cardURL(qn.ID), qn.ID, string(questions.ModeQuiz), true
	vm.KindName, vm.Format, vm.Prompt, vm.Rich = questions.KindNames[qn.Kind], string(qn.Kind.Format()), qn.Prompt, qn.Rich
	vm.LogID, vm.Rating, vm.Back = rec.ID, int(rec.Rating), a.back(c, qn, qn.Check(rec.Answer), rec.Answer)
	before := srs.NewCard(rec.ReviewedAt)
	if rec.Before != nil {
		before = *rec.Before
	}
	if vm.Grades, err = gradeButtons(q.Scheduler, before, rec.ReviewedAt, rec.Rating); err != nil {
		return err
	}
	return render(c, views.Review(vm))
}
