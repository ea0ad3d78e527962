package handlers

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/media"
	"sabaq/questions/sets"
	"sabaq/views"
)

// Limits of a set's own fields, and of one "build from the timeline".
const (
	maxSetTitle       = 200
	maxSetDescription = 1000
	maxBuild          = 100
)

func setURL(id int64) string { return "/teach/sets/" + itoa64(id) }

func itemURL(setID, itemID int64) string { return setURL(setID) + "/items/" + itoa64(itemID) }

// ownSet reads the set named in the URL. Another teacher's set is not found,
// exactly like a missing one, so that ids reveal nothing.
func (a *App) ownSet(c *fiber.Ctx) (questions.SetInfo, error) {
	acc, _ := account(c)
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return questions.SetInfo{}, notFound("question set")
	}
	si, err := a.Store.SetInfo(c.UserContext(), id)
	if questions.ErrorCode(err) == questions.ENOTFOUND || (err == nil && si.OwnerID != acc.ID) {
		return questions.SetInfo{}, notFound("question set")
	}
	return si, err
}

// ownItem reads the set and the item named in the URL: one of the
// teacher's sets, and an item of it.
func (a *App) ownItem(c *fiber.Ctx) (questions.SetInfo, db.SetItem, error) {
	si, err := a.ownSet(c)
	if err != nil {
		return si, db.SetItem{}, err
	}
	id, err := strconv.ParseInt(c.Params("item"), 10, 64)
	if err != nil || id <= 0 {
		return si, db.SetItem{}, notFound("question")
	}
	items, err := a.Store.SetItems(c.UserContext(), si.ID)
	if err != nil {
		return si, db.SetItem{}, err
	}
	for _, it := range items {
		if it.ID == id {
			return si, it, nil
		}
	}
	return si, db.SetItem{}, notFound("question")
}

// putItems tells the bank about items just written, so that they resolve by
// id in reviews, practice and mock exams at once.
func (a *App) putItems(setID int64, ids []int64, items []sets.Item) {
	qs := make([]questions.Question, 0, len(ids))
	for i, id := range ids {
		qs = append(qs, authoredQuestion(a.Timeline, db.SetItem{ID: id, SetID: setID, Item: items[i]}))
	}
	a.Bank.PutAuthored(qs...)
}

// ---- sets ----

func (a *App) setList(c *fiber.Ctx) error {
	acc, _ := account(c)
	list, err := a.Store.SetsByOwner(c.UserContext(), acc.ID)
	if err != nil {
		return err
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	vm := views.SetsPage{Page: a.page(c, "Question sets", "teach")}
	if c.Query("deleted") == "1" {
		vm.Notice = "The set and its questions were deleted."
	}
	for _, s := range list {
		vm.Sets = append(vm.Sets, views.SetRow{ID: s.ID, Title: s.Title, Description: s.Description, Items: s.Items,
			Updated: stamp(s.UpdatedAt, loc)})
	}
	return render(c, views.SetList(vm))
}

// validateSet checks a set's title and description, by field.
func validateSet(title, description string) map[string]string {
	errs := map[string]string{}
	switch {
	case title == "":
		errs["title"] = "Give the set a title."
	case utf8.RuneCountInString(title) > maxSetTitle:
		errs["title"] = fmt.Sprintf("Keep the title under %d characters.", maxSetTitle)
	}
	if utf8.RuneCountInString(description) > maxSetDescription {
		errs["description"] = fmt.Sprintf("Keep the description under %d characters.", maxSetDescription)
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func (a *App) newSetForm(c *fiber.Ctx) error {
	return render(c, views.SetForm(views.SetFormPage{Page: a.page(c, "New question set", "teach"),
		Action: "/teach/sets/new", Heading: "New question set"}))
}

// createSet makes an empty set; on an error the form comes back with it
// beside the field, and nothing is saved.
func (a *App) createSet(c *fiber.Ctx) error {
	acc, _ := account(c)
	title, desc := strings.TrimSpace(c.FormValue("title")), strings.TrimSpace(c.FormValue("description"))
	if errs := validateSet(title, desc); errs != nil {
		c.Status(fiber.StatusBadRequest)
		return render(c, views.SetForm(views.SetFormPage{Page: a.page(c, "New question set", "teach"),
			Action: "/teach/sets/new", Heading: "New question set", Title: title, Description: desc, Errors: errs}))
	}
	id, _, err := a.Store.CreateSet(c.UserContext(), acc.ID, title, desc, nil)
	if err != nil {
		return err
	}
	return c.Redirect(setURL(id), fiber.StatusSeeOther)
}

func (a *App) setPage(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	items, err := a.Store.SetItems(c.UserContext(), si.ID)
	if err != nil {
		return err
	}
	vm := views.SetPage{Page: a.page(c, si.Title, "teach"), ID: si.ID, Title: si.Title, Description: si.Description,
		Full: len(items) >= sets.MaxItems, Max: sets.MaxItems}
	for _, k := range sets.Kinds {
		vm.Kinds = append(vm.Kinds, views.Option{Value: string(k), Label: sets.KindNames[k]})
	}
	n, _ := strconv.Atoi(c.Query("n"))
	item, _ := strconv.ParseInt(c.Query("item"), 10, 64)
	switch c.Query("done") {
	case "added":
		vm.Notice = "Added " + plural(n, "question", "questions") + "."
	case "imported":
		vm.Notice = "Imported " + plural(n, "question", "questions") + "."
	case "saved":
		vm.Notice = "Question saved."
	case "deleted":
		vm.Notice = "Question deleted." // unless the undo banner says so
	case "restored":
		vm.Notice = "Question restored."
	case "moved":
		vm.Notice = "Question moved."
	case "duplicated":
		vm.Notice = "Question duplicated: the copy is right below the original."
		if slices.ContainsFunc(items, func(it db.SetItem) bool { return it.ID == item }) {
			vm.NoticeLink = &views.Link{URL: itemURL(si.ID, item) + "/edit", Label: "Edit the copy"}
		}
	case "renamed":
		vm.Notice = "Set saved."
	}
	if err := a.writtenSection(c, &vm); err != nil { // authoredwritten.go
		return err
	}
	if vm.Deleted, err = a.undoBanner(c, si.ID); err != nil {
		return err
	}
	if vm.Deleted != nil && c.Query("done") == "deleted" {
		vm.Notice = "" // the undo banner says it
	}
	for i, it := range items {
		row := a.itemRow(si.ID, i+1, it)
		if i > 0 {
			row.Up = i
		}
		if i < len(items)-1 {
			row.Down = i + 2
		}
		if c.Query("done") == "moved" && it.ID == item {
			row.Focus = movedFocus(c.Query("dir"), row)
		}
		row.CopyKey = randomKey()
		vm.Items = append(vm.Items, row)
	}
	return render(c, views.SetView(vm))
}

// undoBanner offers to bring back the set's question deleted last, while
// it can be; nil when there is none.
func (a *App) undoBanner(c *fiber.Ctx, setID int64) (*views.DeletedItem, error) {
	d, err := a.Store.DeletedItem(c.UserContext(), setID)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return nil, err
	}
	return &views.DeletedItem{Prompt: shorten(d.Item.Question(setID, d.ID).Prompt, 200),
		RestoreURL: itemURL(setID, d.ID) + "/restore", Until: clock(d.DeletedAt.Add(sets.UndoDelete), loc)}, nil
}

// movedFocus is the move button that has the focus once a question moved
// dir: the same one while the question can go on that way, so that the
// keyboard moves it on, and the other at the top or the bottom.
func movedFocus(dir string, row views.ItemRow) string {
	switch {
	case dir == "up" && row.Up > 0, dir == "down" && row.Down == 0 && row.Up > 0:
		return "up"
	case dir == "down" && row.Down > 0, dir == "up" && row.Up == 0 && row.Down > 0:
		return "down"
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// itemRow is how the set page lists an item: its prompt and answer as a
// learner would see them.
func (a *App) itemRow(setID int64, number int, it db.SetItem) views.ItemRow {
	q := it.Item.Question(setID, it.ID)
	row := views.ItemRow{ID: it.ID, Number: number, KindName: sets.KindNames[it.Item.Kind], Title: it.Item.Title,
		Prompt: shorten(q.Prompt, 300)}
	switch it.Item.Kind {
	case sets.Matching:
		var pairs []string
		for i, l := range q.Lefts {
			pairs = append(pairs, l+" → "+q.Answer[i])
		}
		row.Answer = strings.Join(pairs, "; ")
	case sets.Ordering:
		row.Answer = strings.Join(q.Answer, " → ")
	default:
		row.Answer = strings.Join(q.Answer, "; ")
	}
	row.Answer = shorten(row.Answer, 300)
	if e, ok := a.Timeline.Event(it.Item.EventID); ok {
		l := eventLink(e)
		row.Event = &l
	}
	return row
}

// shorten cuts s to at most n characters, on a character boundary.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}

func (a *App) editSetForm(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	return render(c, views.SetForm(views.SetFormPage{Page: a.page(c, "Edit "+si.Title, "teach"),
		Action: setURL(si.ID) + "/edit", Heading: "Rename or describe the set", Title: si.Title, Description: si.Description}))
}

func (a *App) updateSet(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	title, desc := strings.TrimSpace(c.FormValue("title")), strings.TrimSpace(c.FormValue("description"))
	if errs := validateSet(title, desc); errs != nil {
		c.Status(fiber.StatusBadRequest)
		return render(c, views.SetForm(views.SetFormPage{Page: a.page(c, "Edit "+si.Title, "teach"),
			Action: setURL(si.ID) + "/edit", Heading: "Rename or describe the set", Title: title, Description: desc, Errors: errs}))
	}
	if err := a.Store.UpdateSet(c.UserContext(), si.ID, title, desc); err != nil {
		return err
	}
	return c.Redirect(setURL(si.ID)+"?done=renamed", fiber.StatusSeeOther)
}

// setCrumbs lead back to the set's list and the set.
func setCrumbs(si questions.SetInfo) []views.Link {
	return []views.Link{{URL: "/teach/sets", Label: "Question sets"}, {URL: setURL(si.ID), Label: si.Title}}
}

// deleteSetForm asks before deleting a set (in a dialog, with scripts).
func (a *App) deleteSetForm(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	return render(c, views.Confirm(views.ConfirmPage{Page: a.page(c, "Delete "+si.Title, "teach"), Crumbs: setCrumbs(si),
		Heading: "Delete “" + si.Title + "”?",
		Lines: []string{"The set, its " + plural(si.Items, "question", "questions") + " and its assignments to classes will be deleted. This cannot be undone.",
			"Students keep their own answers and reviews."},
		Action: setURL(si.ID) + "/delete", Button: "Delete the set", Cancel: views.Link{URL: setURL(si.ID), Label: "Keep it"}}))
}

// deleteSet deletes a set with its items and assignments, and takes its
// questions out of the bank.
func (a *App) deleteSet(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	items, err := a.Store.SetItems(c.UserContext(), si.ID)
	if err != nil {
		return err
	}
	if err := a.Store.DeleteSet(c.UserContext(), si.ID); err != nil {
		return err
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = sets.QuestionID(si.ID, it.ID)
	}
	a.Bank.RemoveAuthored(ids...)
	return c.Redirect("/teach/sets?deleted=1", fiber.StatusSeeOther)
}

// ---- items ----

func (a *App) newItemForm(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	if si.Items >= sets.MaxItems {
		return setFull()
	}
	kind := sets.Kind(c.Query("kind", string(sets.MultipleChoice)))
	if _, ok := sets.KindNames[kind]; !ok {
		return badRequest("There is no question kind called %q.", kind)
	}
	vm := a.itemForm(c, si, 0, itemFields(sets.Item{Kind: kind, Format: sets.Plain, Truth: true}), nil)
	if n, _ := strconv.Atoi(c.Query("added")); n > 0 {
		vm.Notice = "Question added. Add another, or go back to the set."
	}
	return render(c, views.ItemForm(vm))
}

func setFull() error {
	return questions.Errorf(questions.ECONFLICT, "This set already holds %d questions, the most a set may hold. Start another set.", sets.MaxItems)
}

// createItem adds an item; on any error the form comes back with each
// message beside its field, and nothing is saved.
func (a *App) createItem(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	if si.Items >= sets.MaxItems {
		return setFull()
	}
	f := fieldsFromForm(c)
	if _, ok := sets.KindNames[sets.Kind(f.Kind)]; !ok {
		return badRequest("There is no question kind called %q.", f.Kind)
	}
	it, status, errs, err := a.itemWithPictures(c, &f, nil)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		c.Status(status)
		return render(c, views.ItemForm(a.itemForm(c, si, 0, f, errs)))
	}
	ids, err := a.Store.AddItems(c.UserContext(), si.ID, []sets.Item{it})
	if err != nil {
		return err
	}
	a.putItems(si.ID, ids, []sets.Item{it})
	if c.FormValue("then") == "another" {
		return c.Redirect(setURL(si.ID)+"/items/new?kind="+string(it.Kind)+"&added=1", fiber.StatusSeeOther)
	}
	return c.Redirect(setURL(si.ID)+"?done=added&n=1#item-"+itoa64(ids[0]), fiber.StatusSeeOther)
}

func (a *App) editItemForm(c *fiber.Ctx) error {
	si, it, err := a.ownItem(c)
	if err != nil {
		return err
	}
	return render(c, views.ItemForm(a.itemForm(c, si, it.ID, itemFields(it.Item), nil)))
}

func (a *App) updateItem(c *fiber.Ctx) error {
	si, old, err := a.ownItem(c)
	if err != nil {
		return err
	}
	f := fieldsFromForm(c)
	f.Kind = string(old.Item.Kind) // an item keeps its kind
	it, status, errs, err := a.itemWithPictures(c, &f, &old.Item)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		c.Status(status)
		return render(c, views.ItemForm(a.itemForm(c, si, old.ID, f, errs)))
	}
	if err := a.Store.UpdateItem(c.UserContext(), si.ID, old.ID, it); err != nil {
		return err
	}
	a.putItems(si.ID, []int64{old.ID}, []sets.Item{it})
	return c.Redirect(setURL(si.ID)+"?done=saved#item-"+itoa64(old.ID), fiber.StatusSeeOther)
}

// deleteItemForm asks before deleting a question (in a dialog, with scripts).
func (a *App) deleteItemForm(c *fiber.Ctx) error {
	si, it, err := a.ownItem(c)
	if err != nil {
		return err
	}
	return render(c, views.Confirm(views.ConfirmPage{Page: a.page(c, "Delete this question?", "teach"), Crumbs: setCrumbs(si),
		Heading: "Delete this question?", Quote: shorten(it.Item.Question(si.ID, it.ID).Prompt, 300),
		Lines: []string{fmt.Sprintf("You can undo this for %d minutes, or until you delete another question of this set. "+
			"Students keep their answers and reviews of it, as their own history.", int(sets.UndoDelete.Minutes()))},
		Action: itemURL(si.ID, it.ID) + "/delete", Button: "Delete the question",
		Cancel: views.Link{URL: setURL(si.ID) + "#item-" + itoa64(it.ID), Label: "Keep it"}}))
}

// deleteItem deletes a question, which can be undone for a while (see
// db.DeleteItem); it leaves the bank at once. Deleting it again, as a
// double click would, changes nothing.
func (a *App) deleteItem(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Params("item"), 10, 64)
	if err != nil || id <= 0 {
		return notFound("question")
	}
	err = a.Store.DeleteItem(c.UserContext(), si.ID, id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return notFound("question")
	}
	if err != nil {
		return err
	}
	a.Bank.RemoveAuthored(sets.QuestionID(si.ID, id))
	return c.Redirect(setURL(si.ID)+"?done=deleted", fiber.StatusSeeOther)
}

// restoreItem undoes a question's deletion, in its old place.
func (a *App) restoreItem(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Params("item"), 10, 64)
	if err != nil || id <= 0 {
		return notFound("question")
	}
	it, err := a.Store.RestoreItem(c.UserContext(), si.ID, id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return questions.Errorf(questions.ECONFLICT, "This question can no longer be brought back: a deletion can be undone for %d minutes, "+
			"and only until another question of the set is deleted.", int(sets.UndoDelete.Minutes()))
	}
	if err != nil {
		return err
	}
	a.putItems(si.ID, []int64{it.ID}, []sets.Item{it.Item})
	return c.Redirect(setURL(si.ID)+"?done=restored#item-"+itoa64(it.ID), fiber.StatusSeeOther)
}

// moveItem moves a question to the place the form names; sent twice, the
// question is already there.
func (a *App) moveItem(c *fiber.Ctx) error {
	si, it, err := a.ownItem(c)
	if err != nil {
		return err
	}
	to, err := strconv.Atoi(strings.TrimSpace(c.FormValue("to")))
	if err != nil {
		return badRequest("Say which place to move the question to, as a number.")
	}
	if err := a.Store.MoveItem(c.UserContext(), si.ID, it.ID, to); err != nil {
		return err
	}
	dir := c.FormValue("dir")
	if dir != "up" && dir != "down" {
		dir = ""
	}
	// No #item- fragment: a browser does not autofocus on a page opened at
	// one, and the moved question's button has the focus (and so is in view).
	return c.Redirect(setURL(si.ID)+"?done=moved&dir="+dir+"&item="+itoa64(it.ID), fiber.StatusSeeOther)
}

// duplicateItem copies a question into the place right after it, once per
// form (see db.DuplicateItem).
func (a *App) duplicateItem(c *fiber.Ctx) error {
	si, it, err := a.ownItem(c)
	if err != nil {
		return err
	}
	key := c.FormValue("form_key")
	if key == "" || len(key) > maxFormKey {
		return badRequest("The form was not sent whole. Go back to the set and try again.")
	}
	if si.Items >= sets.MaxItems {
		return setFull()
	}
	id, _, err := a.Store.DuplicateItem(c.UserContext(), si.ID, it.ID, key)
	if err != nil {
		return err
	}
	a.putItems(si.ID, []int64{id}, []sets.Item{it.Item})
	return c.Redirect(setURL(si.ID)+"?done=duplicated&item="+itoa64(id)+"#item-"+itoa64(id), fiber.StatusSeeOther)
}

// itemForm is the add or edit page for fields f.
func (a *App) itemForm(c *fiber.Ctx, si questions.SetInfo, itemID int64, f views.ItemFields, errs map[string]string) views.ItemFormPage {
	f.KindName = sets.KindNames[sets.Kind(f.Kind)]
	f.Grades = sets.Grades
	for _, l := range strings.Split(f.Accepted, "\n") { // sent one a line, by an older page or a script
		if l = strings.TrimSpace(l); l != "" {
			f.Answers = append(f.Answers, views.AnswerRow{Text: l})
		}
	}
	f.Accepted = ""
	used := 0
	for i, r := range f.Answers {
		if strings.TrimSpace(r.Text) != "" || strings.TrimSpace(r.Feedback) != "" {
			used = i + 1
		}
	}
	for len(f.Answers) < used+spareAnswers {
		f.Answers = append(f.Answers, views.AnswerRow{})
	}
	vm := views.ItemFormPage{SetID: si.ID, SetTitle: si.Title, Fields: f, Errors: errs, New: itemID == 0}
	if vm.New {
		vm.Page = a.page(c, "Add a question", "teach")
		vm.Action = setURL(si.ID) + "/items/new"
		for _, k := range sets.Kinds {
			vm.Kinds = append(vm.Kinds, views.Option{Value: string(k), Label: sets.KindNames[k], Checked: string(k) == f.Kind})
		}
	} else {
		vm.Page = a.page(c, "Edit question", "teach")
		vm.Action = itemURL(si.ID, itemID) + "/edit"
	}
	vm.Events = a.eventOptions(f.EventID)
	return vm
}

// eventOptions lists every event, for linking a question to one.
func (a *App) eventOptions(selected ...string) []views.Option {
	out := make([]views.Option, 0, len(a.Timeline.Events))
	for _, e := range a.Timeline.Events {
		out = append(out, views.Option{Value: e.ID, Label: e.Date.Human() + " · " + e.Title, Checked: slices.Contains(selected, e.ID)})
	}
	return out
}

// spareRows is how many empty rows a form offers for more options or pairs;
// spareAnswers, for more typed answers.
const (
	spareRows    = 2
	spareAnswers = 3
)

// maxAnswerRows is the most typed answer rows a form is read with.
const maxAnswerRows = 100

// itemFields shows an item in the form, with spare empty rows.
func itemFields(it sets.Item) views.ItemFields {
	sf := sets.FormOf(it)
	f := views.ItemFields{Kind: sf.Kind, Title: sf.Title, Prompt: sf.Prompt, Format: sf.Format,
		PromptPicture: views.PictureField{Src: sf.PromptPicture.Src, Alt: sf.PromptPicture.Alt},
		Explanation:   sf.Explanation, EventID: sf.EventID, Category: sf.Category, Tags: sf.Tags,
		Truth: sf.Truth, FeedbackTrue: sf.FeedbackTrue, FeedbackFalse: sf.FeedbackFalse,
		OtherFeedback: sf.OtherFeedback, Sequence: sf.Sequence}
	for _, o := range sf.Options {
		f.Options = append(f.Options, views.OptionRow{Text: o.Text, Correct: o.Correct, Feedback: o.Feedback, Weight: o.Weight,
			Picture: views.PictureField{Src: o.Picture.Src, Alt: o.Picture.Alt}})
	}
	for _, a := range sf.Answers {
		f.Answers = append(f.Answers, views.AnswerRow(a)) // spare rows: see itemForm
	}
	for _, n := range sf.Numbers {
		f.Numbers = append(f.Numbers, views.NumberRow(n))
	}
	for _, p := range sf.Pairs {
		f.Pairs = append(f.Pairs, views.PairRow{Left: p.Left, Right: p.Right})
	}
	for len(f.Options) < max(4, len(it.Choices)+spareRows) && len(f.Options) < sets.MaxOptions {
		f.Options = append(f.Options, views.OptionRow{})
	}
	for len(f.Numbers) < len(it.Numbers)+1 || len(f.Numbers) < 2 {
		f.Numbers = append(f.Numbers, views.NumberRow{})
	}
	for len(f.Pairs) < max(4, len(it.Pairs)+spareRows) && len(f.Pairs) < sets.MaxOptions {
		f.Pairs = append(f.Pairs, views.PairRow{})
	}
	return f
}

// fieldsFromForm reads the form as typed, rows included, so that it can be
// shown again unchanged beside any errors.
func fieldsFromForm(c *fiber.Ctx) views.ItemFields {
	v := func(name string) string { return c.FormValue(name) }
	f := views.ItemFields{Kind: v("kind"), Title: v("title"), Prompt: v("prompt"), Format: v("format"),
		PromptPicture: views.PictureField{Src: v("prompt_picture_src"), Alt: v("prompt_alt"), Remove: v("prompt_picture_remove") != ""},
		Explanation:   v("explanation"), EventID: v("event_id"), Category: v("category"), Tags: v("tags"),
		Truth: v("truth"), FeedbackTrue: v("feedback_true"), FeedbackFalse: v("feedback_false"),
		Accepted: v("accepted"), OtherFeedback: v("other_feedback"), Sequence: v("sequence")}
	texts, feedback, weights := formValues(c, "option_text"), formValues(c, "option_feedback"), formValues(c, "option_weight")
	correct, removed := formValues(c, "option_correct"), formValues(c, "option_picture_remove")
	srcs, alts := formValues(c, "option_picture_src"), formValues(c, "option_alt")
	for i := range min(len(texts), sets.MaxOptions+spareRows) {
		f.Options = append(f.Options, views.OptionRow{Text: texts[i], Feedback: at(feedback, i), Weight: at(weights, i),
			Correct: slices.Contains(correct, strconv.Itoa(i)),
			Picture: views.PictureField{Src: at(srcs, i), Alt: at(alts, i), Remove: slices.Contains(removed, strconv.Itoa(i))}})
	}
	answers, aweights, afeedback := formValues(c, "answer_text"), formValues(c, "answer_weight"), formValues(c, "answer_feedback")
	for i := range min(len(answers), maxAnswerRows) {
		f.Answers = append(f.Answers, views.AnswerRow{Text: answers[i], Weight: at(aweights, i), Feedback: at(afeedback, i)})
	}
	answers, tols, nfeedback, nweights := formValues(c, "number_answer"), formValues(c, "number_tolerance"), formValues(c, "number_feedback"), formValues(c, "number_weight")
	for i := range min(len(answers), sets.MaxOptions+spareRows) {
		f.Numbers = append(f.Numbers, views.NumberRow{Answer: answers[i], Tolerance: at(tols, i), Feedback: at(nfeedback, i), Weight: at(nweights, i)})
	}
	lefts, rights := formValues(c, "pair_left"), formValues(c, "pair_right")
	for i := range min(len(lefts), sets.MaxOptions+spareRows) {
		f.Pairs = append(f.Pairs, views.PairRow{Left: lefts[i], Right: at(rights, i)})
	}
	return f
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// itemFromFields builds an item from the form by the rules of
// sets.ItemForm, and checks what only the app knows: that a linked event
// is one of the timeline's. old is the item being edited, or nil.
func (a *App) itemFromFields(f views.ItemFields, old *sets.Item) (sets.Item, map[string]string) {
	picture := func(p views.PictureField) sets.FormPicture {
		return sets.FormPicture{Src: p.Src, Alt: p.Alt, Remove: p.Remove}
	}
	sf := sets.ItemForm{Kind: f.Kind, Title: f.Title, Prompt: f.Prompt, Format: f.Format, PromptPicture: picture(f.PromptPicture),
		Explanation: f.Explanation, EventID: f.EventID, Category: f.Category, Tags: f.Tags,
		Truth: f.Truth, FeedbackTrue: f.FeedbackTrue, FeedbackFalse: f.FeedbackFalse,
		Accepted: f.Accepted, OtherFeedback: f.OtherFeedback, Sequence: f.Sequence}
	for _, o := range f.Options {
		sf.Options = append(sf.Options, sets.FormOption{Text: o.Text, Correct: o.Correct, Feedback: o.Feedback, Weight: o.Weight,
			Picture: picture(o.Picture)})
	}
	for _, a := range f.Answers {
		sf.Answers = append(sf.Answers, sets.FormAnswer(a))
	}
	for _, n := range f.Numbers {
		sf.Numbers = append(sf.Numbers, sets.FormNumber(n))
	}
	for _, p := range f.Pairs {
		sf.Pairs = append(sf.Pairs, sets.Pair{Left: p.Left, Right: p.Right})
	}
	it, errs := sf.Item(old)
	if it.EventID != "" {
		if _, ok := a.Timeline.Event(it.EventID); !ok {
			// Before the item's own errors of the field, as before the move.
			errs["event_id"] = "Choose an event from the list, or none."
		}
	}
	return it, errs
}

// itemWithPictures builds the item from the form f (see itemFromFields)
// with the pictures chosen in it, and stores those pictures: the item is
// saved only after them, so that it never shows a missing one. A picture
// the form says the item keeps must be one the item has (old; none for a
// new item). A refused file or one over the quota is an error beside its
// field, with the status to send; when there are any errors, nothing is
// stored and each chosen file must be chosen again.
func (a *App) itemWithPictures(c *fiber.Ctx, f *views.ItemFields, old *sets.Item) (sets.Item, int, map[string]string, error) {
	type slot struct {
		key string // the file input's name
		p   *views.PictureField
	}
	slots := []slot{{"prompt_picture", &f.PromptPicture}}
	for i := range f.Options {
		slots = append(slots, slot{"option_picture_" + strconv.Itoa(i), &f.Options[i].Picture})
	}
	has := map[string]bool{}
	if old != nil {
		of := sets.FormOf(*old)
		has[of.PromptPicture.Src] = true
		for _, o := range of.Options {
			has[o.Picture.Src] = true
		}
	}
	status, fileErrs := fiber.StatusBadRequest, map[string]string{}
	var files []media.File
	var chosen []slot
	kept := map[*views.PictureField]string{}
	for _, s := range slots {
		if s.p.Src == "" || !has[s.p.Src] {
			s.p.Src = ""
		}
		fh, err := c.FormFile(s.key)
		if err != nil || fh.Size == 0 {
			continue
		}
		file, err := readPicture(fh.Size, fh.Open)
		if err != nil {
			if !errors.Is(err, media.ErrTooLarge) && !errors.Is(err, media.ErrSVG) && !errors.Is(err, media.ErrType) && !errors.Is(err, media.ErrEmpty) {
				return sets.Item{}, 0, nil, err
			}
			if errors.Is(err, media.ErrTooLarge) {
				status = fiber.StatusRequestEntityTooLarge
			}
			fileErrs[s.key] = asSentence(err.Error())
			continue
		}
		kept[s.p] = s.p.Src
		s.p.Src, s.p.Remove = file.URL(), false
		chosen = append(chosen, s)
		if !slices.ContainsFunc(files, func(g media.File) bool { return g.Name == file.Name }) {
			files = append(files, file)
		}
	}
	it, errs := a.itemFromFields(*f, old)
	for k, msg := range fileErrs {
		errs[k] = msg
	}
	if len(errs) == 0 {
		acc, _ := account(c)
		err := a.Store.PutMedia(c.UserContext(), acc.ID, files)
		var quota *db.QuotaError
		switch {
		case errors.As(err, &quota):
			errs[chosen[0].key] = asSentence(quota.Error())
		case err != nil:
			return sets.Item{}, 0, nil, err
		}
	}
	if len(errs) > 0 {
		for _, s := range chosen { // not stored: shown as before, to be chosen again
			s.p.Src, s.p.Rechoose = kept[s.p], true
		}
		return it, status, errs, nil
	}
	return it, 0, nil, nil
}

// readPicture reads an uploaded picture of size bytes and checks it.
func readPicture(size int64, open func() (multipart.File, error)) (media.File, error) {
	if size > media.MaxBytes {
		return media.File{}, media.ErrTooLarge
	}
	r, err := open()
	if err != nil {
		return media.File{}, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, media.MaxBytes+1))
	if err != nil {
		return media.File{}, err
	}
	return media.New(data)
}

// asSentence is a domain message ("the picture is …") as a sentence for a form.
func asSentence(msg string) string {
	if msg == "" {
		return msg
	}
	r, n := utf8.DecodeRuneInString(msg)
	return strings.ToUpper(string(r)) + msg[n:] + "."
}

// ---- building from the timeline ----

func (a *App) buildForm(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	return render(c, views.Build(a.buildView(c, si, questions.PracticeFilters{}, "10", nil)))
}

func (a *App) buildView(c *fiber.Ctx, si questions.SetInfo, f questions.PracticeFilters, count string, errs map[string]string) views.BuildPage {
	vm := views.BuildPage{Page: a.page(c, "Build from the timeline", "teach"), SetID: si.ID, SetTitle: si.Title,
		Count: count, MaxCount: maxBuild, Errors: errs, Events: a.eventOptions(f.EventIDs...)}
	for _, e := range questions.Eras {
		vm.Eras = append(vm.Eras, views.Option{Value: e.ID, Label: e.Name + " (" + e.Span + ")", Checked: slices.Contains(f.Eras, e.ID)})
	}
	for _, t := range questions.Themes {
		vm.Themes = append(vm.Themes, views.Option{Value: t.ID, Label: t.Name, Checked: slices.Contains(f.Themes, t.ID)})
	}
	for _, k := range questions.Kinds {
		vm.Kinds = append(vm.Kinds, views.Option{Value: string(k), Label: questions.KindNames[k], Checked: slices.Contains(f.Kinds, k)})
	}
	return vm
}

// build adds questions generated from the timeline to a set, as items the
// teacher can then edit. Questions whose prompt the set already has are
// not added again.
func (a *App) build(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	f := questions.PracticeFilters{Eras: formValues(c, "era"), Themes: formValues(c, "theme"), EventIDs: formValues(c, "event"), Length: 1}
	for _, k := range formValues(c, "kind") {
		f.Kinds = append(f.Kinds, questions.Kind(k))
	}
	count := strings.TrimSpace(c.FormValue("count"))
	errs := map[string]string{}
	if err := f.Validate(a.Timeline); err != nil {
		if questions.ErrorCode(err) != questions.EINVALID {
			return err
		}
		errs["filters"] = questions.ErrorMessage(err)
	}
	n, err := strconv.Atoi(count)
	room := sets.MaxItems - si.Items
	switch {
	case err != nil || n < 1 || n > maxBuild:
		errs["count"] = fmt.Sprintf("Choose between 1 and %d questions.", maxBuild)
	case n > room:
		errs["count"] = fmt.Sprintf("This set has room for %s more.", plural(room, "question", "questions"))
	}
	var pool []questions.Question
	if len(errs) == 0 {
		items, err := a.Store.SetItems(c.UserContext(), si.ID)
		if err != nil {
			return err
		}
		have := map[string]bool{}
		for _, it := range items {
			have[it.Item.Prompt] = true
		}
		for _, q := range a.Bank.Select(questions.Filter{Eras: f.Eras, Themes: f.Themes, Kinds: f.Kinds, EventIDs: f.EventIDs}) {
			if !have[q.Prompt] {
				pool = append(pool, q)
			}
		}
		if len(pool) == 0 {
			errs["filters"] = "No new questions match these choices (the set may have them all already). Choose more eras, themes, events or kinds."
		}
	}
	if len(errs) > 0 {
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Build(a.buildView(c, si, f, count, errs)))
	}
	var b [8]byte
	rand.Read(b[:])
	var items []sets.Item
	for _, q := range questions.PickQuestions(pool, n, binary.LittleEndian.Uint64(b[:])) {
		if it := sets.FromQuestion(q); len(it.Validate()) == 0 {
			items = append(items, it)
		}
	}
	ids, err := a.Store.AddItems(c.UserContext(), si.ID, items)
	if err != nil {
		return err
	}
	a.putItems(si.ID, ids, items)
	return c.Redirect(setURL(si.ID)+"?done=added&n="+strconv.Itoa(len(items)), fiber.StatusSeeOther)
}
