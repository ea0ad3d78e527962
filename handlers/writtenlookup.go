package handlers

import (
	"github.com/gofiber/fiber/v2"

	"sabaq/questions/written"
)

// lookupWritten finds a written question by id: the built-in bank's, or a
// teacher's own that the viewer of c may see (authoredwritten.go).
func (a *App) lookupWritten(c *fiber.Ctx, qid string) (written.Question, bool, error) {
	if q, ok := a.Written.Question(qid); ok {
		return q, true, nil
	}
	return a.authoredWritten(c, qid)
}
