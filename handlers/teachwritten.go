package handlers

import "github.com/gofiber/fiber/v2"

// teachWrittenStore is what assigning and marking written answers needs
// from storage.
type teachWrittenStore interface{}

// teachWrittenRoutes registers the routes of written assignments and marking.
func (a *App) teachWrittenRoutes(app *fiber.App) {}
