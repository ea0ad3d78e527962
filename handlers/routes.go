package handlers

import "github.com/gofiber/fiber/v2"

// routes lists every route of the app.
func (a *App) routes(app *fiber.App) {
	// Operations
	app.Get("/healthz", a.healthz)

	// Everything below knows the learner (a cookie is set on first visit)
	// and checks the CSRF token on every POST.
	app.Use(a.identify, a.checkCSRF)

	// Reading
	app.Get("/", a.home)
	app.Get("/timeline", a.timeline)
	app.Get("/timeline/:id", a.event)
	app.Get("/progress", a.progress)

	// Practice
	app.Get("/practice", a.practiceSetup)
	app.Post("/practice", a.startPractice)
	app.Get("/practice/:session", a.resumePractice)
	app.Get("/practice/:session/q/:n", a.showQuestion)
	app.Post("/practice/:session/q/:n", a.answerQuestion)
	app.Get("/practice/:session/summary", a.summary)

	// Revision: the spaced-repetition queue and its settings
	app.Get("/review", a.reviewNext)
	app.Get("/review/card/:id", a.reviewCard)
	app.Post("/review/card/:id/grade", a.gradeCard)
	app.Post("/review/card/:id/answer", a.answerCard)
	app.Get("/review/log/:id", a.reviewLog)
	app.Post("/review/log/:id/regrade", a.regrade)
	app.Post("/review/undo", a.undo)
	app.Get("/settings", a.settings)
	app.Post("/settings", a.saveSettings)
}
