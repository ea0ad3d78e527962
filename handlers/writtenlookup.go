package handlers

import (
	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
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

// lookupAnswered finds the question of an answer the viewer wrote: as
// lookupWritten, but a teacher's own question is found whether or not it is
// still assigned to the viewer, so that a student keeps their answer, and
// its marking, after the assignment is removed.
func (a *App) lookupAnswered(c *fiber.Ctx, qid string) (written.Question, bool, error) {
	if q, ok := a.Written.Question(qid); ok {
		return q, true, nil
	}
	if _, ok := written.AuthoredRow(qid); !ok {
		return written.Question{}, false, nil
	}
	aw, err := a.Store.AuthoredWrittenQuestion(c.UserContext(), qid)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return written.Question{}, false, nil
	}
	return aw.Question, err == nil, err
}
