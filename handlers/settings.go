package handlers

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/views"
)

// timeZones are offered in the settings form: where Sabaq's learners are.
var timeZones = []string{
	"Asia/Karachi", "Asia/Kolkata", "Asia/Dubai", "Asia/Riyadh", "Asia/Qatar", "Asia/Kabul", "Asia/Tehran",
	"Asia/Almaty", "Asia/Tashkent", "Asia/Shanghai", "Asia/Kuala_Lumpur", "Asia/Tokyo", "Europe/Istanbul",
	"Europe/Moscow", "Europe/London", "Europe/Berlin", "Africa/Cairo", "America/New_York", "America/Chicago",
	"America/Los_Angeles", "America/Toronto", "Australia/Sydney", "UTC",
}

func (a *App) settings(c *fiber.Ctx) error {
	l, _ := learner(c)
	rs, err := a.Store.ReviewSettings(c.UserContext(), l.ID)
	if err != nil {
		return err
	}
	vm := a.settingsView(c, rs, nil)
	vm.Saved = c.Query("saved") == "1"
	return render(c, views.Settings(vm))
}

func (a *App) settingsView(c *fiber.Ctx, rs questions.ReviewSettings, errs questions.FieldErrors) views.SettingsPage {
	vm := views.SettingsPage{
		Page:          a.page(c, "Revision settings", "review"),
		Retention:     strconv.FormatFloat(rs.DesiredRetention, 'f', 2, 64),
		NewPerDay:     strconv.Itoa(rs.NewPerDay),
		ReviewsPerDay: strconv.Itoa(rs.ReviewsPerDay),
		TimeZone:      rs.TimeZone,
		TimeZones:     timeZones,
		ExamDate:      rs.ExamDate,
		Mode:          string(rs.Mode),
		Errors:        errs,
	}
	if !slices.Contains(vm.TimeZones, rs.TimeZone) && rs.TimeZone != "" {
		vm.TimeZones = append([]string{rs.TimeZone}, vm.TimeZones...)
	}
	for _, e := range questions.Eras {
		vm.Eras = append(vm.Eras, views.Option{Value: e.ID, Label: e.Name + " (" + e.Span + ")", Checked: slices.Contains(rs.Eras, e.ID)})
	}
	for _, t := range questions.Themes {
		vm.Themes = append(vm.Themes, views.Option{Value: t.ID, Label: t.Name, Checked: slices.Contains(rs.Themes, t.ID)})
	}
	return vm
}

// saveSettings validates the whole form; on any error it is shown again with
// each message beside its field, and nothing is saved.
func (a *App) saveSettings(c *fiber.Ctx) error {
	l, _ := learner(c)
	// Settings the form does not carry keep their stored values.
	rs, err := a.Store.ReviewSettings(c.UserContext(), l.ID)
	if err != nil {
		return err
	}
	rs.TimeZone = strings.TrimSpace(c.FormValue("timezone"))
	rs.ExamDate = strings.TrimSpace(c.FormValue("exam_date"))
	rs.Mode = questions.ReviewMode(c.FormValue("mode"))
	rs.Eras, rs.Themes = formValues(c, "era"), formValues(c, "theme")
	errs := questions.FieldErrors{}
	if rs.DesiredRetention, err = strconv.ParseFloat(strings.TrimSpace(c.FormValue("retention")), 64); err != nil {
		errs["retention"] = "Give the desired retention as a number such as 0.90."
	}
	if rs.NewPerDay, err = strconv.Atoi(strings.TrimSpace(c.FormValue("new_per_day"))); err != nil {
		errs["new_per_day"] = "Give a whole number of new cards a day."
	}
	if rs.ReviewsPerDay, err = strconv.Atoi(strings.TrimSpace(c.FormValue("reviews_per_day"))); err != nil {
		errs["reviews_per_day"] = "Give a whole number of reviews a day."
	}
	for k, v := range rs.Validate(time.Now()) {
		if _, ok := errs[k]; !ok {
			errs[k] = v
		}
	}
	if len(errs) > 0 {
		c.Status(fiber.StatusBadRequest)
		vm := a.settingsView(c, rs, errs)
		vm.Retention = c.FormValue("retention")
		vm.NewPerDay = c.FormValue("new_per_day")
		vm.ReviewsPerDay = c.FormValue("reviews_per_day")
		return render(c, views.Settings(vm))
	}
	if err := a.Store.SaveReviewSettings(c.UserContext(), l.ID, rs); err != nil {
		return err
	}
	return c.Redirect("/settings?saved=1", fiber.StatusSeeOther)
}
