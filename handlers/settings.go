package handlers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/questions/srs"
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
	assigned, err := a.studentAssignments(c)
	if err != nil {
		return err
	}
	vm := a.settingsView(c, rs, assigned, nil)
	vm.Saved = c.Query("saved") == "1"
	if vm.Current, err = a.workload(c, l); err != nil {
		return err
	}
	if vm.Current != nil {
		vm.Current.SettingsURL = "" // the form is right here
	}
	if vm.Choices, err = a.retentionChoices(c, l, rs, assigned, time.Now()); err != nil {
		return err
	}
	return render(c, views.RevisionSettings(vm))
}

func (a *App) settingsView(c *fiber.Ctx, rs questions.ReviewSettings, assigned []questions.Assignment, errs questions.FieldErrors) views.SettingsForm {
	vm := views.SettingsForm{
		Page:           a.page(c, "Revision settings", "review"),
		Retention:      strconv.FormatFloat(rs.DesiredRetention, 'f', 2, 64),
		NewPerDay:      strconv.Itoa(rs.NewPerDay),
		ReviewsPerDay:  strconv.Itoa(rs.ReviewsPerDay),
		TimeZone:       rs.TimeZone,
		TimeZones:      timeZones,
		ExamDate:       rs.ExamDate,
		Mode:           string(rs.Mode),
		PracticeCounts: rs.PracticeCounts,
		ScopeKind:      string(rs.ExamScope.Kind),
		Errors:         errs,
	}
	vm.Model = views.ModelFit{Source: rs.Model.Source(),
		DefaultLogLoss:  strconv.FormatFloat(rs.Model.DefaultLogLoss, 'f', 3, 64),
		FittedLogLoss:   strconv.FormatFloat(rs.Model.FittedLogLoss, 'f', 3, 64),
		MinClassReviews: questions.Thousands(srs.MinClassReviews), MinLearnerReviews: questions.Thousands(srs.MinLearnerReviews)}
	if !slices.Contains(vm.TimeZones, rs.TimeZone) && rs.TimeZone != "" {
		vm.TimeZones = append([]string{rs.TimeZone}, vm.TimeZones...)
	}
	for _, e := range questions.Eras {
		label := e.Name + " (" + e.Span + ")"
		vm.Eras = append(vm.Eras, views.Option{Value: e.ID, Label: label, Checked: slices.Contains(rs.Eras, e.ID)})
		vm.ScopeEras = append(vm.ScopeEras, views.Option{Value: e.ID, Label: label, Checked: slices.Contains(rs.ExamScope.Eras, e.ID)})
	}
	for _, t := range questions.Themes {
		vm.Themes = append(vm.Themes, views.Option{Value: t.ID, Label: t.Name, Checked: slices.Contains(rs.Themes, t.ID)})
		vm.ScopeThemes = append(vm.ScopeThemes, views.Option{Value: t.ID, Label: t.Name, Checked: slices.Contains(rs.ExamScope.Themes, t.ID)})
	}
	for _, as := range assigned {
		label := as.SetTitle + " (" + as.ClassName + ")"
		if as.ExamDate != "" {
			label += ", exam " + as.ExamDate
		}
		vm.Assignments = append(vm.Assignments, views.Option{Value: strconv.FormatInt(as.ID, 10), Label: label,
			Checked: rs.ExamScope.Kind == questions.ScopeAssignment && rs.ExamScope.AssignmentID == as.ID})
	}
	vm.ScopeGone = rs.ExamScope.Kind == questions.ScopeAssignment &&
		!slices.ContainsFunc(assigned, func(as questions.Assignment) bool { return as.ID == rs.ExamScope.AssignmentID })
	return vm
}

// saveSettings validates the whole form; on any error it is shown again with
// each message beside its field, and nothing is saved. A changed exam date
// or scope is not saved at once: the page comes back with what the exam
// would cost (its workload) and the choices, each a submit of the same form
// that saves: as it is (confirm=save or accept), or with a raised limit
// (raise_new, raise_reviews; see examChoice).
func (a *App) saveSettings(c *fiber.Ctx) error {
	l, _ := learner(c)
	ctx := c.UserContext()
	// Settings the form does not carry keep their stored values.
	stored, err := a.Store.ReviewSettings(ctx, l.ID)
	if err != nil {
		return err
	}
	assigned, err := a.studentAssignments(c)
	if err != nil {
		return err
	}
	now := time.Now()
	rs, errs := readSettings(c, stored, assigned)
	for k, v := range rs.Validate(now) {
		if _, ok := errs[k]; !ok {
			errs[k] = v
		}
	}
	if len(errs) > 0 {
		return a.settingsInvalid(c, rs, assigned, errs)
	}
	// The choices carry the key of the form they were shown with: on a form
	// changed since, they show its own preview instead of saving.
	if examChanged(stored, rs) && !(confirmed(c) && c.FormValue("previewed") == previewKey(rs)) {
		return a.previewExam(c, l, rs, assigned, now)
	}
	if errs := examChoice(c, &rs); len(errs) > 0 {
		return a.settingsInvalid(c, rs, assigned, errs)
	}
	if err := a.Store.SaveReviewSettings(ctx, l.ID, rs); err != nil {
		return err
	}
	return c.Redirect("/settings?saved=1", fiber.StatusSeeOther)
}

// settingsInvalid shows the form again, as it was given, with each problem
// beside its field: 400, nothing saved.
func (a *App) settingsInvalid(c *fiber.Ctx, rs questions.ReviewSettings, assigned []questions.Assignment, errs questions.FieldErrors) error {
	c.Status(fiber.StatusBadRequest)
	vm := a.settingsView(c, rs, assigned, errs)
	vm.Retention = c.FormValue("retention")
	vm.NewPerDay = c.FormValue("new_per_day")
	vm.ReviewsPerDay = c.FormValue("reviews_per_day")
	return render(c, views.RevisionSettings(vm))
}

// readSettings reads the form over the stored settings, with the problems
// found by field; Validate checks the rest.
func readSettings(c *fiber.Ctx, stored questions.ReviewSettings, assigned []questions.Assignment) (questions.ReviewSettings, questions.FieldErrors) {
	rs := stored
	errs := questions.FieldErrors{}
	var err error
	rs.TimeZone = strings.TrimSpace(c.FormValue("timezone"))
	rs.ExamDate = strings.TrimSpace(c.FormValue("exam_date"))
	rs.Mode = questions.ReviewMode(c.FormValue("mode"))
	rs.Eras, rs.Themes = formValues(c, "era"), formValues(c, "theme")
	if rs.DesiredRetention, err = strconv.ParseFloat(strings.TrimSpace(c.FormValue("retention")), 64); err != nil {
		errs["retention"] = "Give the desired retention as a number such as 0.90."
	}
	if rs.NewPerDay, err = strconv.Atoi(strings.TrimSpace(c.FormValue("new_per_day"))); err != nil {
		errs["new_per_day"] = "Give a whole number of new cards a day."
	}
	if rs.ReviewsPerDay, err = strconv.Atoi(strings.TrimSpace(c.FormValue("reviews_per_day"))); err != nil {
		errs["reviews_per_day"] = "Give a whole number of reviews a day."
	}
	// An unticked box sends nothing: the hidden field says the box was there.
	if c.FormValue("practice_counts_shown") != "" {
		rs.PracticeCounts = c.FormValue("practice_counts") == "on"
	}
	if kind := c.FormValue("exam_scope"); kind != "" {
		rs.ExamScope = questions.ExamScope{Kind: questions.ExamScopeKind(kind),
			Eras: formValues(c, "exam_era"), Themes: formValues(c, "exam_theme")}
		if rs.ExamScope.Kind == questions.ScopeAssignment {
			id, err := strconv.ParseInt(c.FormValue("exam_assignment"), 10, 64)
			switch {
			case err != nil || id <= 0:
				errs["exam_scope"] = "Choose one of your class assignments."
			case !slices.ContainsFunc(assigned, func(as questions.Assignment) bool { return as.ID == id }):
				// Another class's assignment, or one since removed: never
				// saved, whatever its id.
				errs["exam_scope"] = "That assignment is not one of your classes'. Choose one from the list."
			}
			rs.ExamScope.AssignmentID = id
		}
		rs.ExamScope = rs.ExamScope.Normalized()
	}
	return rs, errs
}

// examChoice applies a choice made on the workload preview that raises a
// limit: the new-card limit that covers the scope, or the review limit the
// busiest day needs.
func examChoice(c *fiber.Ctx, rs *questions.ReviewSettings) questions.FieldErrors {
	errs := questions.FieldErrors{}
	if v := c.FormValue("raise_new"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > questions.MaxPerDay {
			errs["new_per_day"] = "New cards a day must be between 0 and 9999."
		}
		rs.NewPerDay = n
	}
	if v := c.FormValue("raise_reviews"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > questions.MaxPerDay {
			errs["reviews_per_day"] = "Reviews a day must be between 1 and 9999."
		}
		rs.ReviewsPerDay = n
	}
	return errs
}

// confirmed reports whether the form was sent by one of the preview's
// choices that save.
func confirmed(c *fiber.Ctx) bool {
	switch c.FormValue("confirm") {
	case "save", "accept":
		return true
	}
	return c.FormValue("raise_new") != "" || c.FormValue("raise_reviews") != ""
}

// examChanged reports whether the form sets an exam date or scope other than
// the stored one: those are shown with their workload before being saved.
// Clearing the date needs no preview.
func examChanged(stored, rs questions.ReviewSettings) bool {
	return rs.ExamDate != "" && (rs.ExamDate != stored.ExamDate || !rs.ExamScope.Equal(stored.ExamScope))
}

// previewKey identifies the settings a workload preview is made for.
func previewKey(rs questions.ReviewSettings) string {
	sorted := func(s []string) string {
		s = slices.Clone(s)
		slices.Sort(s)
		return strings.Join(s, ",")
	}
	s := rs.ExamScope.Normalized()
	return fmt.Sprintf("%s|%s|%s|%s|%d|%d|%d|%.2f|%s|%s|%s", rs.ExamDate, s.Kind, sorted(s.Eras), sorted(s.Themes),
		s.AssignmentID, rs.NewPerDay, rs.ReviewsPerDay, rs.DesiredRetention, rs.TimeZone, sorted(rs.Eras), sorted(rs.Themes))
}

// previewExam shows the form again, nothing saved, with what the exam date
// and scope given would cost and the choices.
func (a *App) previewExam(c *fiber.Ctx, l questions.Learner, rs questions.ReviewSettings, assigned []questions.Assignment, now time.Time) error {
	e, ok := questions.LearnerExam(rs, assigned, now)
	if !ok {
		// Validate has checked the date is to come; the day may have
		// turned since.
		return badRequest("The exam date must be after today.")
	}
	w, err := a.examWorkload(c, l, rs, e, now)
	if err != nil {
		return err
	}
	p := &views.ExamPreview{Workload: workloadView(w, e, rs), Previewed: previewKey(rs)}
	if !w.Covered() && w.DaysLeft > 0 && w.NeededNewPerDay <= questions.MaxPerDay {
		more := rs
		more.NewPerDay = w.NeededNewPerDay
		mw, err := a.examWorkload(c, l, more, e, now)
		if err != nil {
			return err
		}
		p.RaiseNewTo, p.RaisedReviews, p.RaisedPeak = w.NeededNewPerDay, mw.AvgReviews, mw.PeakReviews
	}
	if w.Covered() && w.OverReviewLimit() && w.PeakCapped <= questions.MaxPerDay {
		p.RaiseReviewsTo = w.PeakCapped
	}
	vm := a.settingsView(c, rs, assigned, nil)
	vm.Preview = p
	return render(c, views.RevisionSettings(vm))
}
