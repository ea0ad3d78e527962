package handlers

import "github.com/gofiber/fiber/v2"

// routes lists every route of the app.
func (a *App) routes(app *fiber.App) {
	// Operations
	app.Get("/healthz", a.healthz)

	// Everything below knows the learner (a cookie is set on first visit)
	// and checks the CSRF token on every POST.
	app.Use(a.identify, a.checkCSRF)

	// Accounts
	app.Get("/signup", a.signupForm)
	app.Post("/signup", a.signup)
	app.Get("/login", a.loginForm)
	app.Post("/login", a.login)
	app.Post("/logout", a.logout)
	app.Get("/account", requireAccount, a.accountPage)
	app.Post("/account/password", requireAccount, a.changePassword)
	app.Post("/account/invites", requireTeacher, a.invite)

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

	// Mock exams: timed, marked at the end; answers feed the scheduler
	app.Get("/mock", a.mockSetup)
	app.Post("/mock", a.startMock)
	app.Get("/mock/:id", a.mockOverview)
	app.Get("/mock/:id/q/:n", a.mockQuestion)
	app.Post("/mock/:id/q/:n", a.answerMock)
	app.Post("/mock/:id/finish", a.finishMockExam)
	app.Get("/mock/:id/results", a.mockResults)
}
