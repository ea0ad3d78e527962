package handlers

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/questions/revision"
	"sabaq/questions/srs"
)

// reviewForm reads the fields every review submit carries.
func reviewForm(c *fiber.Ctx) (version int64, durationMS int64, err error) {
	version, err = strconv.ParseInt(c.FormValue("version"), 10, 64)
	if err != nil || version < 0 {
		return 0, 0, badRequest("The form is missing the card's version. Reload the page and try again.")
	}
	shown, err := strconv.ParseInt(c.FormValue("shown_at"), 10, 64)
	if err == nil && shown > 0 {
		durationMS = time.Now().UnixMilli() - shown
	}
	return version, durationMS, nil
}

func parseRating(s string) (srs.Rating, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 4 {
		return 0, badRequest("A grade must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).")
	}
	return srs.Rating(n), nil
}

// gradeCard applies a flashcard grade. A stale or repeated submit (the card's
// version moved on) changes nothing and goes on to the next card.
func (a *App) gradeCard(c *fiber.Ctx) error {
	q, err := a.cardQuestion(c)
	if err != nil {
		return err
	}
	rating, err := parseRating(c.FormValue("rating"))
	if err != nil {
		return err
	}
	version, dur, err := reviewForm(c)
	if err != nil {
		return err
	}
	_, err = a.Revision.Review(c.UserContext(), who(c), revision.Grade{Question: q, Rating: rating,
		Mode: questions.ModeFlashcard, Version: version, DurationMS: dur})
	if err != nil && !errors.Is(err, revision.ErrStale) {
		return err
	}
	return c.Redirect("/review", fiber.StatusSeeOther)
}

// answerCard checks a quiz answer and grades it: right is Good, wrong Again.
func (a *App) answerCard(c *fiber.Ctx) error {
	ctx := c.UserContext()
	q, err := a.cardQuestion(c)
	if err != nil {
		return err
	}
	version, dur, err := reviewForm(c)
	if err != nil {
		return err
	}
	given, problem, err := parseAnswer(c, q)
	if err != nil {
		return err
	}
	if problem != "" {
		queue, err := a.Revision.Queue(ctx, who(c))
		if err != nil {
			return err
		}
		cur, err := a.Revision.Card(ctx, who(c), q.ID)
		if err != nil {
			return err
		}
		c.Status(fiber.StatusBadRequest)
		vm := a.reviewPage(c, queue)
		vm.Error = problem
		return a.renderCard(c, queue, q, cur, string(questions.ModeQuiz), false, vm)
	}
	id, err := a.Revision.Review(ctx, who(c), revision.Grade{Question: q, Rating: questions.QuizRating(q.Check(given)),
		Mode: questions.ModeQuiz, Version: version, DurationMS: dur, Answer: given})
	if errors.Is(err, revision.ErrStale) {
		// Already answered: show the feedback of the answer that counted.
		last, err := a.Revision.LastReview(ctx, who(c))
		if err == nil && last.QuestionID == q.ID && last.Mode == questions.ModeQuiz {
			return c.Redirect(fmt.Sprintf("/review/log/%d", last.ID), fiber.StatusSeeOther)
		}
		return c.Redirect("/review", fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	return c.Redirect(fmt.Sprintf("/review/log/%d", id), fiber.StatusSeeOther)
}

// regrade changes the grade of a quiz review.
func (a *App) regrade(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return notFound("review")
	}
	rating, err := parseRating(c.FormValue("rating"))
	if err != nil {
		return err
	}
	newID, err := a.Revision.Regrade(c.UserContext(), who(c), id, rating)
	switch {
	case errors.Is(err, revision.ErrStale):
		return c.Redirect("/review", fiber.StatusSeeOther)
	case questions.ErrorCode(err) == questions.ENOTFOUND:
		return notFound("review")
	case err != nil:
		return err
	}
	return c.Redirect(fmt.Sprintf("/review/log/%d", newID), fiber.StatusSeeOther)
}

// undo reverts the learner's last review and shows that card again.
func (a *App) undo(c *fiber.Ctx) error {
	qid, err := a.Revision.Undo(c.UserContext(), who(c))
	if err != nil {
		return err
	}
	if qid == "" {
		return c.Redirect("/review", fiber.StatusSeeOther)
	}
	return c.Redirect(cardURL(qid), fiber.StatusSeeOther)
}
