package handlers

import (
	"github.com/gofiber/fiber/v2"

	"sabaq/questions/written"
)

// authoredWrittenStore is what teachers' own written questions need from
// storage.
type authoredWrittenStore interface{}

// authoredWrittenRoutes registers the routes of teachers' own written questions.
func (a *App) authoredWrittenRoutes(app *fiber.App) {}

// authoredWritten finds a teacher's own written question by id, for the
// viewer of c when they may see it.
func (a *App) authoredWritten(c *fiber.Ctx, qid string) (written.Question, bool, error) {
	return written.Question{}, false, nil
}

// teacherWrittenChoices lists the teacher's own written questions, which
// they may assign to a class beside the built-in bank's.
func (a *App) teacherWrittenChoices(c *fiber.Ctx) ([]written.Question, error) {
	return nil, nil
}
