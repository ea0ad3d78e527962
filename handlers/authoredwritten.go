package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/media"
	"sabaq/questions/sets"
	"sabaq/questions/sets/formats"
	"sabaq/questions/written"
	"sabaq/views"
)

// authoredWrittenStore is what teachers' own written questions need from
// storage.
type authoredWrittenStore interface {
	SetWritten(ctx context.Context, setID int64) ([]written.Question, error)
	WrittenByOwner(ctx context.Context, ownerID int64) ([]written.Question, error)
	AuthoredWrittenQuestion(ctx context.Context, qid string) (db.AuthoredWritten, error)
	WrittenAssignedTo(ctx context.Context, qid string, accountID int64) (bool, error)
	AddWritten(ctx context.Context, setID int64, q written.Question) (string, error)
	UpdateWritten(ctx context.Context, setID int64, qid string, q written.Question) error
	DeleteWritten(ctx context.Context, setID int64, qid string) error
	ImportSetWritten(ctx context.Context, ownerID int64, title, description string, items []sets.Item, files []media.File,
		ws []written.Question) (int64, []int64, []string, error)
	ImportItemsWritten(ctx context.Context, setID int64, items []sets.Item, files []media.File,
		ws []written.Question) ([]int64, int, []string, error)
}

// authoredWrittenRoutes registers the routes of teachers' own written
// questions, which live in their sets: only the set's owner reaches them
// (another teacher gets 404, a student 403).
func (a *App) authoredWrittenRoutes(app *fiber.App) {
	app.Get("/teach/sets/:id/written/new", requireTeacher, a.newWrittenForm)
	app.Post("/teach/sets/:id/written/new", requireTeacher, a.createWritten)
	app.Get("/teach/sets/:id/written/:qid/edit", requireTeacher, a.editWrittenForm)
	app.Post("/teach/sets/:id/written/:qid/edit", requireTeacher, a.updateWritten)
	app.Get("/teach/sets/:id/written/:qid/delete", requireTeacher, a.deleteWrittenForm)
	app.Post("/teach/sets/:id/written/:qid/delete", requireTeacher, a.deleteWritten)
}

// authoredWritten finds a teacher's own written question by id, for the
// viewer of c when they may see it: the teacher whose set holds it, or a
// student (or teacher) of a class it is assigned to.
func (a *App) authoredWritten(c *fiber.Ctx, qid string) (written.Question, bool, error) {
	if _, ok := written.AuthoredRow(qid); !ok {
		return written.Question{}, false, nil
	}
	acc, ok := account(c)
	if !ok {
		return written.Question{}, false, nil
	}
	ctx := c.UserContext()
	aw, err := a.Store.AuthoredWrittenQuestion(ctx, qid)
	switch {
	case questions.ErrorCode(err) == questions.ENOTFOUND:
		return written.Question{}, false, nil
	case err != nil:
		return written.Question{}, false, err
	case aw.OwnerID == acc.ID:
		return aw.Question, true, nil
	}
	assigned, err := a.Store.WrittenAssignedTo(ctx, qid, acc.ID)
	if err != nil || !assigned {
		return written.Question{}, false, err
	}
	return aw.Question, true, nil
}

// teacherWrittenChoices lists the teacher's own written questions, which
// they may assign to a class beside the built-in bank's.
func (a *App) teacherWrittenChoices(c *fiber.Ctx) ([]written.Question, error) {
	acc, ok := account(c)
	if !ok || acc.Role != questions.Teacher {
		return nil, nil
	}
	return a.Store.WrittenByOwner(c.UserContext(), acc.ID)
}

func writtenBase(setID int64) string            { return setURL(setID) + "/written" }
func writtenURL(setID int64, qid string) string { return writtenBase(setID) + "/" + qid }

// writtenSection fills the set page's "Written questions" section, and its
// notice after a change to one of them.
func (a *App) writtenSection(c *fiber.Ctx, vm *views.SetPage) error {
	qs, err := a.Store.SetWritten(c.UserContext(), vm.ID)
	if err != nil {
		return err
	}
	vm.Written = views.AuthoredWrittenSection{SetID: vm.ID}
	for i, q := range qs {
		row := views.AuthoredWrittenRow{ID: q.ID, Number: i + 1, KindName: writtenKindName(q.Kind), Marks: q.Marks,
			Prompt: shorten(q.Prompt, 200), Levels: len(q.Levels), Points: len(q.Points),
			WriteURL: writePath(q.ID), EditURL: writtenURL(vm.ID, q.ID) + "/edit", DeleteURL: writtenURL(vm.ID, q.ID) + "/delete"}
		for _, p := range q.Points {
			if len(p.Events) == 0 {
				row.Free++
			}
		}
		vm.Written.Questions = append(vm.Written.Questions, row)
	}
	switch c.Query("done") {
	case "written-added":
		vm.Notice = "Written question added."
	case "written-saved":
		vm.Notice = "Written question saved."
	case "written-deleted":
		vm.Notice = "Written question deleted."
	}
	return nil
}

// ownWritten reads the set and the written question named in the URL: one
// of the teacher's sets, and a written question of it.
func (a *App) ownWritten(c *fiber.Ctx) (questions.SetInfo, written.Question, error) {
	si, err := a.ownSet(c)
	if err != nil {
		return si, written.Question{}, err
	}
	qid := c.Params("qid")
	aw, err := a.Store.AuthoredWrittenQuestion(c.UserContext(), qid)
	if questions.ErrorCode(err) == questions.ENOTFOUND || (err == nil && aw.SetID != si.ID) {
		return si, written.Question{}, notFound("written question")
	}
	return si, aw.Question, err
}

// Spare rows the form offers beyond those filled, and the most rows it is
// read with.
const (
	spareLevels = 2
	sparePoints = 3
	maxFormRows = 60
)

func (a *App) newWrittenForm(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	f := views.AuthoredWrittenFields{Kind: string(written.Explain), Marks: "7"}
	return render(c, views.AuthoredWrittenFormView(a.writtenForm(c, si, "", f, nil)))
}

// createWritten adds a written question to the set; a form with mistakes
// comes back (400) with each message beside its field, nothing saved.
func (a *App) createWritten(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	f := writtenFieldsFromForm(c)
	q, errs := a.writtenFromFields(f)
	if len(errs) > 0 {
		c.Status(fiber.StatusBadRequest)
		return render(c, views.AuthoredWrittenFormView(a.writtenForm(c, si, "", f, errs)))
	}
	qid, err := a.Store.AddWritten(c.UserContext(), si.ID, q)
	if err != nil {
		return err
	}
	return c.Redirect(setURL(si.ID)+"?done=written-added#written-"+qid, fiber.StatusSeeOther)
}

func (a *App) editWrittenForm(c *fiber.Ctx) error {
	si, q, err := a.ownWritten(c)
	if err != nil {
		return err
	}
	return render(c, views.AuthoredWrittenFormView(a.writtenForm(c, si, q.ID, writtenFields(q), nil)))
}

func (a *App) updateWritten(c *fiber.Ctx) error {
	si, old, err := a.ownWritten(c)
	if err != nil {
		return err
	}
	f := writtenFieldsFromForm(c)
	q, errs := a.writtenFromFields(f)
	if len(errs) > 0 {
		c.Status(fiber.StatusBadRequest)
		return render(c, views.AuthoredWrittenFormView(a.writtenForm(c, si, old.ID, f, errs)))
	}
	err = a.Store.UpdateWritten(c.UserContext(), si.ID, old.ID, q)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return notFound("written question")
	}
	if err != nil {
		return err
	}
	return c.Redirect(setURL(si.ID)+"?done=written-saved#written-"+old.ID, fiber.StatusSeeOther)
}

// deleteWrittenForm asks before deleting a written question.
func (a *App) deleteWrittenForm(c *fiber.Ctx) error {
	si, q, err := a.ownWritten(c)
	if err != nil {
		return err
	}
	return render(c, views.Confirm(views.ConfirmPage{Page: a.page(c, "Delete this written question?", "teach"), Crumbs: setCrumbs(si),
		Heading: "Delete this written question?", Quote: shorten(q.Prompt, 300),
		Lines:  []string{"This cannot be undone. Classes it is assigned to lose it; students keep the answers they wrote, as their own history."},
		Action: writtenURL(si.ID, q.ID) + "/delete", Button: "Delete the written question",
		Cancel: views.Link{URL: setURL(si.ID) + "#written-" + q.ID, Label: "Keep it"}}))
}

// deleteWritten deletes a written question; deleting it again, as a double
// click would, finds nothing and goes back to the set.
func (a *App) deleteWritten(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	err = a.Store.DeleteWritten(c.UserContext(), si.ID, c.Params("qid"))
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return notFound("written question")
	}
	if err != nil {
		return err
	}
	return c.Redirect(setURL(si.ID)+"?done=written-deleted#written-questions", fiber.StatusSeeOther)
}

// writtenForm is the form's page for f, with spare rows and errs beside
// their fields.
func (a *App) writtenForm(c *fiber.Ctx, si questions.SetInfo, qid string, f views.AuthoredWrittenFields, errs map[string]string) views.AuthoredWrittenForm {
	vm := views.AuthoredWrittenForm{SetID: si.ID, SetTitle: si.Title, New: qid == "", Errors: errs}
	if vm.New {
		vm.Page = a.page(c, "Add a written question", "teach")
		vm.Action = writtenBase(si.ID) + "/new"
	} else {
		vm.Page = a.page(c, "Edit written question", "teach")
		vm.Action = writtenURL(si.ID, qid) + "/edit"
	}
	for _, k := range written.Kinds {
		r := written.MarkRange[k]
		vm.Kinds = append(vm.Kinds, views.Option{Value: string(k), Checked: string(k) == f.Kind,
			Label: fmt.Sprintf("%s (%d–%d marks)", writtenKindName(k), r[0], r[1])})
	}
	for i := range f.Points {
		f.Points[i].Linked = nil
		for _, id := range splitIDs(f.Points[i].Events) {
			if e, ok := a.Timeline.Event(id); ok {
				f.Points[i].Linked = append(f.Points[i].Linked, e.Date.Human()+" · "+e.Title)
			} else {
				f.Points[i].Linked = append(f.Points[i].Linked, id+": not in the timeline")
			}
		}
	}
	for len(f.Levels) < lastFilled(len(f.Levels), func(i int) bool { return f.Levels[i] != views.WrittenLevelRow{} })+spareLevels {
		f.Levels = append(f.Levels, views.WrittenLevelRow{})
	}
	for len(f.Points) < lastFilled(len(f.Points), func(i int) bool {
		p := f.Points[i]
		return p.Text != "" || p.Events != "" || p.Side != ""
	})+sparePoints {
		f.Points = append(f.Points, views.WrittenPointRow{})
	}
	vm.Fields = f
	vm.Events = a.eventOptions()
	return vm
}

// lastFilled is one past the last of n rows that filled says is filled.
func lastFilled(n int, filled func(int) bool) int {
	for i := n - 1; i >= 0; i-- {
		if filled(i) {
			return i + 1
		}
	}
	return 0
}

// writtenFields shows a stored question in the form.
func writtenFields(q written.Question) views.AuthoredWrittenFields {
	f := views.AuthoredWrittenFields{Kind: string(q.Kind), Prompt: q.Prompt, Marks: strconv.Itoa(q.Marks), Outline: strings.Join(q.Outline, "\n")}
	for _, l := range q.Levels {
		f.Levels = append(f.Levels, views.WrittenLevelRow{Min: strconv.Itoa(l.Min), Max: strconv.Itoa(l.Max), Descriptor: l.Descriptor, Exemplar: l.Exemplar})
	}
	for _, p := range q.Points {
		f.Points = append(f.Points, views.WrittenPointRow{Text: p.Text, Events: strings.Join(p.Events, ", "), Side: string(p.Side)})
	}
	return f
}

// writtenFieldsFromForm reads the posted form, rows aligned by position.
func writtenFieldsFromForm(c *fiber.Ctx) views.AuthoredWrittenFields {
	f := views.AuthoredWrittenFields{Kind: strings.TrimSpace(c.FormValue("kind")), Prompt: c.FormValue("prompt"),
		Marks: strings.TrimSpace(c.FormValue("marks")), Outline: c.FormValue("outline")}
	mins, maxs, descs, exs := formValues(c, "level_min"), formValues(c, "level_max"), formValues(c, "level_descriptor"), formValues(c, "level_exemplar")
	for i := range min(maxFormRows, max(len(mins), len(maxs), len(descs), len(exs))) {
		f.Levels = append(f.Levels, views.WrittenLevelRow{Min: strings.TrimSpace(at(mins, i)), Max: strings.TrimSpace(at(maxs, i)),
			Descriptor: at(descs, i), Exemplar: at(exs, i)})
	}
	texts, events, sides := formValues(c, "point_text"), formValues(c, "point_events"), formValues(c, "point_side")
	for i := range min(maxFormRows, max(len(texts), len(events), len(sides))) {
		f.Points = append(f.Points, views.WrittenPointRow{Text: at(texts, i), Events: strings.TrimSpace(at(events, i)), Side: strings.TrimSpace(at(sides, i))})
	}
	return f
}

// splitIDs reads event ids separated by commas, semicolons or spaces.
func splitIDs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' })
}

// writtenFromFields turns the form into a question (Tidy's shape) and
// validates it; errs are by field. Empty rows are dropped; a side on a
// question that is not an evaluate one is ignored, since the form offers
// the side on every kind.
func (a *App) writtenFromFields(f views.AuthoredWrittenFields) (written.Question, map[string]string) {
	errs := map[string]string{}
	q := written.Question{Kind: written.Kind(f.Kind), Prompt: f.Prompt, Outline: strings.Split(f.Outline, "\n")}
	marks, err := strconv.Atoi(f.Marks)
	if err != nil {
		errs["marks"] = "Give the marks as a whole number."
	}
	q.Marks = marks
	for i, r := range f.Levels {
		if r.Min == "" && r.Max == "" && strings.TrimSpace(r.Descriptor) == "" && strings.TrimSpace(r.Exemplar) == "" {
			continue
		}
		lo, err1 := strconv.Atoi(r.Min)
		hi, err2 := strconv.Atoi(r.Max)
		if err1 != nil || err2 != nil {
			if errs["levels"] == "" {
				errs["levels"] = fmt.Sprintf("Give row %d's marks from and to as whole numbers.", i+1)
			}
			continue
		}
		q.Levels = append(q.Levels, written.Level{Min: lo, Max: hi, Descriptor: r.Descriptor, Exemplar: r.Exemplar})
	}
	for _, r := range f.Points {
		if strings.TrimSpace(r.Text) == "" && r.Events == "" && r.Side == "" {
			continue
		}
		p := written.Point{Text: r.Text, Events: splitIDs(r.Events)}
		if q.Kind == written.Evaluate {
			p.Side = written.Side(r.Side)
		}
		q.Points = append(q.Points, p)
	}
	q = written.Tidy(a.Timeline, q)
	for field, msg := range q.ValidateAuthored(a.Timeline).ByField() {
		if errs[field] == "" {
			errs[field] = msg
		}
	}
	if len(errs) > 0 {
		return q, errs
	}
	return q, nil
}

// importedWritten are the written questions of an import, for the store.
func importedWritten(res formats.Result) []written.Question {
	var out []written.Question
	for _, w := range res.Written {
		out = append(out, w.Question)
	}
	return out
}

// writesWritten reports whether f writes a set's written questions: only
// Moodle XML does, as essays.
func writesWritten(f formats.Format) bool { return f.Key == "xml" }

// writtenLeftOut adds to left, after the set's n items, the written
// questions f does not write, for the export page and its count.
func writtenLeftOut(f formats.Format, n int, ws []written.Question, left []views.LeftOut) []views.LeftOut {
	if writesWritten(f) {
		return left
	}
	for i, q := range ws {
		name := shorten(q.Prompt, 60)
		left = append(left, views.LeftOut{Number: n + i + 1, Name: name,
			Reason: fmt.Sprintf("Written question %d (%s) is exported only to Moodle XML, as an essay.", i+1, name)})
	}
	return left
}
