package handlers

import "github.com/gofiber/fiber/v2"

// routes lists every route of the app.
func (a *App) routes(app *fiber.App) {
	// Operations
	app.Get("/healthz", a.healthz)

	// The timeline as a visitor sees it, kept ready (publiccache.go): it
	// needs no learner, so it comes before identify; anyone else goes on.
	public := newPublicPages(a)
	app.Get("/timeline", public.timeline)

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

	// A learner's own data
	app.Get("/data", a.myData)
	app.Get("/data/export", a.exportData)
	app.Post("/data/delete", a.deleteData)

	// Reading
	app.Get("/", a.home)
	app.Get("/timeline", a.timeline)
	app.Get("/timeline/:id", public.event) // kept, for a learner not logged in
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
	app.Get("/mock/:id", a.mockSummary) // checked before submitting
	app.Get("/mock/:id/q/:n", a.mockQuestion)
	app.Post("/mock/:id/q/:n", a.answerMock)
	app.Post("/mock/:id/q/:n/flag", a.flagMock)
	app.Post("/mock/:id/finish", a.finishMockExam)
	app.Get("/mock/:id/results", a.mockResults)

	// Written answers: a draft kept as the student types (a later saved_at
	// wins), answers submitted, shown with what Sabaq found in them, and
	// marked by the student against the mark scheme. Only the owner sees an
	// answer; anyone else gets 404.
	a.paperRoutes(app) // paper mode: /write/paper…, before /write/:qid
	app.Get("/write", a.writeList)
	app.Get("/write/random", a.writeRandom) // ?era=&kind=, before :qid
	app.Get("/write/answers/:id", a.writtenAnswer)
	app.Post("/write/answers/:id/level", a.setWrittenLevel)
	app.Get("/write/:qid", a.writeQuestion)
	app.Post("/write/:qid/draft", a.saveDraft)
	app.Post("/write/:qid/submit", a.submitWritten)

	// Reporting a problem with a question: anyone who may see the question
	// may report it (one report per learner). Teachers see the reports of
	// the timeline's questions and of their own sets' (students get 403,
	// anonymous visitors the log-in); only admin teachers hide the
	// timeline's questions from every queue.
	app.Get("/report/:qid", a.reportForm)
	app.Post("/report/:qid", a.report)
	app.Get("/reports", requireTeacher, a.reportQueue)
	app.Post("/reports/:qid/hide", requireTeacher, a.hideQuestion)
	app.Post("/reports/:qid/unhide", requireTeacher, a.unhideQuestion)
	app.Post("/reports/:qid/resolve", requireTeacher, a.resolveReports)

	// Teachers: classes, assignments and dashboards. Another teacher's class
	// is not found on every route; students get 403, anonymous visitors the log-in.
	app.Get("/teach", requireTeacher, a.teachHome)
	a.teachWrittenRoutes(app)    // written questions assigned and marked
	a.authoredWrittenRoutes(app) // teachers' own written questions
	app.Get("/teach/classes", requireTeacher, a.classList)
	app.Post("/teach/classes", requireTeacher, a.createClass)
	app.Get("/teach/classes/:id", requireTeacher, a.classPage)
	app.Post("/teach/classes/:id/assignments", requireTeacher, a.assign)
	app.Post("/teach/classes/:id/assignments/:assignment/delete", requireTeacher, a.unassign)
	app.Get("/teach/classes/:id/assignments/:assignment/answers", requireTeacher, a.assignmentAnswers)
	app.Get("/teach/classes/:id/students/remove", requireTeacher, a.removeStudentForm) // ?student=<account id>
	app.Post("/teach/classes/:id/students/remove", requireTeacher, a.removeStudent)
	app.Get("/teach/classes/:id/code", requireTeacher, a.resetCodeForm)
	app.Post("/teach/classes/:id/code", requireTeacher, a.resetCode)
	app.Get("/teach/classes/:id/dashboard", requireTeacher, a.dashboard)
	app.Get("/teach/classes/:id/roster.csv", requireTeacher, a.rosterCSV)
	app.Get("/teach/classes/:id/items.csv", requireTeacher, a.itemsCSV)

	// Students: joining a class by its link or its code, and a class as its
	// student sees it (anyone else gets 404)
	app.Get("/join/:code", a.joinLink)
	app.Post("/join", a.join)
	app.Get("/classes/:id", requireAccount, a.studentClass)

	// Teachers: question sets, import and export. Another teacher's set is
	// not found on every route; students get 403, anonymous visitors the log-in.
	app.Get("/teach/sets", requireTeacher, a.setList)
	app.Get("/teach/sets/new", requireTeacher, a.newSetForm)
	app.Post("/teach/sets/new", requireTeacher, a.createSet)
	app.Get("/teach/sets/:id", requireTeacher, a.setPage)
	app.Get("/teach/sets/:id/edit", requireTeacher, a.editSetForm)
	app.Post("/teach/sets/:id/edit", requireTeacher, a.updateSet)
	app.Get("/teach/sets/:id/delete", requireTeacher, a.deleteSetForm)
	app.Post("/teach/sets/:id/delete", requireTeacher, a.deleteSet)
	app.Get("/teach/sets/:id/items/new", requireTeacher, a.newItemForm)
	app.Post("/teach/sets/:id/items/new", requireTeacher, a.createItem)
	app.Get("/teach/sets/:id/items/:item/edit", requireTeacher, a.editItemForm)
	app.Post("/teach/sets/:id/items/:item/edit", requireTeacher, a.updateItem)
	app.Get("/teach/sets/:id/items/:item/delete", requireTeacher, a.deleteItemForm)
	app.Post("/teach/sets/:id/items/:item/delete", requireTeacher, a.deleteItem) // undone for a while: see sets.UndoDelete
	app.Post("/teach/sets/:id/items/:item/restore", requireTeacher, a.restoreItem)
	app.Post("/teach/sets/:id/items/:item/move", requireTeacher, a.moveItem)
	app.Post("/teach/sets/:id/items/:item/duplicate", requireTeacher, a.duplicateItem)
	app.Get("/teach/sets/:id/preview", requireTeacher, a.previewStart)
	app.Get("/teach/sets/:id/preview/:n", requireTeacher, a.previewQuestion) // as a student sees it;
	app.Post("/teach/sets/:id/preview/:n", requireTeacher, a.previewAnswer)  // nothing recorded
	app.Get("/teach/sets/:id/build", requireTeacher, a.buildForm)
	app.Post("/teach/sets/:id/build", requireTeacher, a.build)
	app.Get("/teach/sets/:id/export", requireTeacher, a.export)
	app.Get("/teach/sets/:id/import", requireTeacher, a.importForm)
	app.Post("/teach/sets/:id/import", requireTeacher, a.previewImport) // up to MaxUpload: see limitBody
	app.Post("/teach/sets/:id/import/confirm", requireTeacher, a.confirmImport)
	app.Post("/teach/sets/:id/import/cancel", requireTeacher, a.cancelImport)
	app.Get("/teach/import", requireTeacher, a.importForm)
	app.Post("/teach/import", requireTeacher, a.previewImport) // up to MaxUpload: see limitBody
	app.Post("/teach/import/confirm", requireTeacher, a.confirmImport)
	app.Post("/teach/import/cancel", requireTeacher, a.cancelImport)
}
