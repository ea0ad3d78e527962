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
}
