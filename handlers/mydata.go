package handlers

import (
	"encoding/json"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/views"
)

func (a *App) myData(c *fiber.Ctx) error {
	_, hasAccount := account(c)
	return render(c, views.MyData(views.MyDataPage{Page: a.page(c, "Your data", "account"), HasAccount: hasAccount}))
}

// exportData sends everything kept about the learner as one JSON file.
func (a *App) exportData(c *fiber.Ctx) error {
	l, _ := learner(c)
	d, err := a.Store.ExportLearner(c.UserContext(), l.ID)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="sabaq-data-`+time.Now().Format("2006-01-02")+`.json"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(b)
}

// deleteData deletes the learner, and their account after checking its
// password, then forgets their cookies.
func (a *App) deleteData(c *fiber.Ctx) error {
	l, _ := learner(c)
	acc, hasAccount := account(c)
	vm := views.MyDataPage{Page: a.page(c, "Your data", "account"), HasAccount: hasAccount}
	if c.FormValue("confirm") != "yes" {
		vm.Error = "Tick the box to confirm."
		c.Status(fiber.StatusBadRequest)
		return render(c, views.MyData(vm))
	}
	if hasAccount {
		_, hash, err := a.Store.AccountByUsername(c.UserContext(), acc.Username)
		if err != nil {
			return err
		}
		if !questions.CheckPassword(hash, c.FormValue("password")) {
			vm.Error = "That is not your password. Nothing was deleted."
			c.Status(fiber.StatusBadRequest)
			return render(c, views.MyData(vm))
		}
	}
	if err := a.Store.DeleteLearner(c.UserContext(), l.ID); err != nil {
		return err
	}
	a.clearCookie(c, sessionCookie)
	a.clearCookie(c, learnerCookie)
	return c.Redirect("/?deleted=1", fiber.StatusSeeOther)
}
