package handlers

import (
	"github.com/gofiber/fiber/v2"

	"sabaq/questions/media"
)

// serveMedia answers GET /media/<sha256>.<ext>: a teacher's picture. Its
// name is its content's hash, so it never changes: a year's cache, and an
// ETag of its name for a revalidating browser. nosniff (set app-wide) and
// the type recorded when the file was sniffed keep a browser from reading
// it as anything but a picture.
func (a *App) serveMedia(c *fiber.Ctx) error {
	name := c.Params("name")
	if !media.ValidName(name) {
		return fiber.ErrNotFound
	}
	etag := `"` + name + `"`
	h := &c.Response().Header
	h.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	h.Set(fiber.HeaderETag, etag)
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	f, err := a.Store.Media(c.UserContext(), name)
	if err != nil {
		h.Del(fiber.HeaderCacheControl)
		h.Del(fiber.HeaderETag)
		return err
	}
	h.Set(fiber.HeaderContentType, f.MIME)
	h.Set(fiber.HeaderContentDisposition, "inline")
	return c.Send(f.Data)
}
