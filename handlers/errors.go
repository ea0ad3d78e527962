package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/media"
	"sabaq/views"
)

// statusOf maps an application error to an HTTP status: the one table.
func statusOf(err error) int {
	var fe *fiber.Error
	if errors.As(err, &fe) {
		return fe.Code
	}
	switch questions.ErrorCode(err) {
	case questions.ENOTFOUND:
		return http.StatusNotFound
	case questions.EINVALID:
		return http.StatusBadRequest
	case questions.EFORBIDDEN:
		return http.StatusForbidden
	case questions.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case questions.ECONFLICT:
		return http.StatusConflict
	default:
		return http.StatusInternalServerError
	}
}

// fiberMessages are what users read for Fiber's own errors; Fiber's raw text
// is never shown.
var fiberMessages = map[int]string{
	http.StatusNotFound:              "There is no page at this address. It may have been mistyped.",
	http.StatusMethodNotAllowed:      "This page cannot be used that way.",
	http.StatusRequestEntityTooLarge: "What you sent is too large. Forms on Sabaq take at most 64 KiB.",
	http.StatusBadRequest:            "The request could not be understood.",
}

// handleError renders every error as a page with the right status. Only
// internal errors are logged, and their text is never shown.
func (a *App) handleError(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	msg := questions.ErrorMessage(err)
	var fe *fiber.Error
	if errors.As(err, &fe) {
		msg = fiberMessages[fe.Code]
		if msg == "" {
			msg = http.StatusText(fe.Code)
		}
		if fe.Code == http.StatusRequestEntityTooLarge && importUpload.MatchString(c.Path()) {
			msg = "That file is too large: imports take at most 5 MB."
		}
		if fe.Code == http.StatusRequestEntityTooLarge && itemUpload.MatchString(c.Path()) {
			msg = fmt.Sprintf("That is too much to send at once: a question's pictures take at most %d MB each and %d MB together. Save them smaller.",
				media.MaxBytes>>20, MaxItemUpload>>20)
		}
	}
	if db.Unavailable(err) {
		// A full or read-only disk: say so plainly, so that whoever runs the
		// server can act, and log it loudly.
		status = http.StatusServiceUnavailable
		a.Logger.Error("storage unavailable: disk full or read-only", "method", c.Method(), "path", c.Path(), "err", err)
		msg = "Sabaq cannot save anything right now: the server’s disk is full or read-only. Nothing from this request was saved. Tell whoever runs Sabaq; your earlier work is safe."
	} else if status >= 500 {
		a.Logger.Error("internal error", "method", c.Method(), "path", c.Path(), "err", err)
		msg = questions.ErrorMessage(errors.New("internal"))
	}
	heading := map[int]string{
		http.StatusNotFound:           "Not found",
		http.StatusBadRequest:         "That did not work",
		http.StatusForbidden:          "Not allowed",
		http.StatusServiceUnavailable: "Cannot save right now",
	}[status]
	if heading == "" {
		heading = http.StatusText(status)
	}
	c.Status(status)
	return render(c, views.ErrorView(views.ErrorPage{
		Page:    views.Page{Title: heading},
		Status:  status,
		Heading: heading,
		Message: msg,
	}))
}

func notFound(what string) error {
	return questions.Errorf(questions.ENOTFOUND, "There is no %s at this address.", what)
}

func badRequest(format string, a ...any) error {
	return questions.Errorf(questions.EINVALID, format, a...)
}
