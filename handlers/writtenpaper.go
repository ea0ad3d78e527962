package handlers

import "github.com/gofiber/fiber/v2"

// paperStore is what paper mode needs from storage.
type paperStore interface{}

// paperRoutes registers paper mode's routes; they come before /write/:qid.
func (a *App) paperRoutes(app *fiber.App) {}
