package handlers

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/views"
)

// mockResults marks the exam: the score, by era and theme, and each
// question in a line that opens to its feedback.
func (a *App) mockResults(c *fiber.Ctx) error {
	e, err := a.loadMock(c)
	if err != nil {
		return err
	}
	if !e.Finished() && !e.Expired(time.Now()) {
		return c.Redirect(mockPath(e.ID), fiber.StatusSeeOther)
	}
	// Finishing again is a no-op but completes any feeding a failure cut short.
	if e, err = a.finishMock(c, e); err != nil {
		return err
	}
	eras, themes := e.Scores(a.Timeline, a.Bank)
	total := questions.MockScore{Marks: e.Score, Total: len(e.Items)}
	vm := views.MockResultsPage{
		Page: a.page(c, "Mock exam results", "mock"), Score: marksText(e.Score), Total: total.Total, Pct: total.Pct(),
		Answered: e.Answered(), Minutes: e.Setup.Minutes,
		Eras: mockScoreRows(eras), Themes: mockScoreRows(themes),
	}
	for _, it := range e.Items {
		q, ok := a.Bank.Question(it.QuestionID)
		if !ok {
			continue
		}
		r := views.MockResult{Number: it.Position + 1, Prompt: q.Prompt, Answer: answerText(q, q.Answer)}
		var given []string
		if it.Answer != nil {
			given = it.Answer.Given
			r.Given, r.Correct, r.Late = answerText(q, given), it.Answer.Correct, it.Answer.Late
			if !r.Correct && it.Answer.Credit > 0 {
				r.Share = it.Answer.Credit
			}
		}
		// The options in the order the exam showed them.
		shown := displayOptions(q, questions.PracticeSession{Seed: e.Seed}, it.Position)
		r.Feedback = a.feedback(c, q, shown, given, it.Answer != nil, r.Correct)
		// The share the exam gave, which counts, even if the teacher has
		// since changed the question's weights.
		r.Feedback.Share = r.Share
		if r.Late {
			vm.Late = append(vm.Late, r)
		}
		if !r.Correct {
			vm.Missed = append(vm.Missed, r)
		} else {
			vm.Right = append(vm.Right, r)
		}
	}
	return render(c, views.MockResults(vm))
}

func mockScoreRows(scores []questions.MockScore) []views.MockScoreRow {
	out := make([]views.MockScoreRow, 0, len(scores))
	for _, s := range scores {
		out = append(out, views.MockScoreRow{Name: s.Name, Marks: marksText(s.Marks), Total: s.Total, Pct: s.Pct()})
	}
	return out
}
