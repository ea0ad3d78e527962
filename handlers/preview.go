// The student preview of a set: a teacher answers its questions as a
// student would, through the same forms and feedback, and nothing is
// recorded.

package handlers

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/views"
)

func previewURL(setID int64, n int) string { return setURL(setID) + "/preview/" + strconv.Itoa(n) }

// previewStart opens a set's preview at its first question.
func (a *App) previewStart(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	if si.Items == 0 {
		return render(c, views.Preview(views.PreviewPage{Page: a.page(c, "Preview: "+si.Title, "teach"), SetID: si.ID, SetTitle: si.Title}))
	}
	return c.Redirect(previewURL(si.ID, 1), fiber.StatusSeeOther)
}

// previewItem reads the set and the question at the 1-based place in the URL.
func (a *App) previewItem(c *fiber.Ctx) (questions.SetInfo, questions.Question, int, int, error) {
	si, err := a.ownSet(c)
	if err != nil {
		return si, questions.Question{}, 0, 0, err
	}
	items, err := a.Store.SetItems(c.UserContext(), si.ID)
	if err != nil {
		return si, questions.Question{}, 0, 0, err
	}
	n, err := strconv.Atoi(c.Params("n"))
	if err != nil || n < 1 || n > len(items) {
		return si, questions.Question{}, 0, 0, notFound("question in this set")
	}
	return si, authoredQuestion(a.Timeline, items[n-1]), n, len(items), nil
}

// previewQuestion shows a question as a student sees it.
func (a *App) previewQuestion(c *fiber.Ctx) error {
	si, q, n, total, err := a.previewItem(c)
	if err != nil {
		return err
	}
	return render(c, views.Preview(a.previewPage(c, si, q, n, total)))
}

// previewAnswer marks the teacher's answer and shows the feedback a student
// would see. Nothing is written: no attempt, no review, no count.
func (a *App) previewAnswer(c *fiber.Ctx) error {
	si, q, n, total, err := a.previewItem(c)
	if err != nil {
		return err
	}
	if c.FormValue("question_id") != q.ID {
		return badRequest("The set changed since this question was shown. Go back to the preview and answer it again.")
	}
	vm := a.previewPage(c, si, q, n, total)
	given, problem, err := parseAnswer(c, q)
	if err != nil {
		return err
	}
	if problem != "" {
		vm.Question.Error, vm.Question.Typed = problem, strings.Join(given, "")
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Preview(vm))
	}
	f := a.feedback(c, q, vm.Question.Options, given, true, q.Check(given))
	f.ReportURL = "" // a report would be recorded
	f.NextURL, f.NextLabel = setURL(si.ID), "End the preview"
	if n < total {
		f.NextURL, f.NextLabel = previewURL(si.ID, n+1), "Next question"
	}
	vm.Question.Feedback = &f
	return render(c, views.Preview(vm))
}

// previewPage is the question as the practice page shows it, options
// shuffled the same way on every visit.
func (a *App) previewPage(c *fiber.Ctx, si questions.SetInfo, q questions.Question, n, total int) views.PreviewPage {
	vm := views.PreviewPage{Page: a.page(c, "Preview: "+si.Title, "teach"), SetID: si.ID, SetTitle: si.Title,
		Number: n, Total: total, Action: previewURL(si.ID, n)}
	if n < total {
		vm.SkipURL = previewURL(si.ID, n+1)
	}
	options := q.Options
	if q.Kind != questions.KindTrueFalse && q.Kind != questions.KindTone {
		options = q.Shuffled(questions.Seed(q.ID, "preview"))
	}
	vm.Question = views.QuestionPage{Page: vm.Page, Position: n - 1, Total: total, QuestionID: q.ID, Kind: string(q.Kind),
		KindName: questions.KindNames[q.Kind], Format: string(q.Kind.Format()), Prompt: q.Prompt, Options: options, Lefts: q.Lefts, Rich: q.Rich}
	return vm
}
