package handlers

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/views"
)

// reportStore is what reporting problems with questions needs from storage.
type reportStore interface {
	SaveReport(ctx context.Context, r db.Report) (db.Report, error)
	LearnerReport(ctx context.Context, learnerID int64, questionID string) (db.Report, error)
	ReportQueue(ctx context.Context, teacherID int64) ([]db.ReportSummary, error)
	ResolveReports(ctx context.Context, questionID string) (int64, error)
	HideQuestion(ctx context.Context, questionID string, by int64, reason string) error
	UnhideQuestion(ctx context.Context, questionID string) error
	AccountAdmin(ctx context.Context, accountID int64) (bool, error)
	HiddenSource
}

// HiddenSource is where the hidden questions are read from, at start-up and
// after each hide or unhide.
type HiddenSource interface {
	HiddenQuestions(ctx context.Context) ([]string, error)
}

// LoadHidden tells the bank which questions are hidden, so that no queue
// draws them.
func LoadHidden(ctx context.Context, src HiddenSource, bank *questions.Bank) error {
	ids, err := src.HiddenQuestions(ctx)
	if err != nil {
		return err
	}
	bank.SetHidden(ids)
	return nil
}

// reportedFlag is the query flag a page is shown with after a report: the
// layout thanks the learner (see page).
const reportedFlag = "reported"

// reportThanks is what a learner reads after sending a report.
const reportThanks = "Thanks: a teacher will look at it."

// reportLink is the address of the form that reports question id, which
// returns to the page being made once the report is sent.
func reportLink(c *fiber.Ctx, questionID string) string {
	back := "/"
	if u, err := url.Parse(c.OriginalURL()); err == nil {
		q := u.Query()
		q.Del(reportedFlag)
		u.RawQuery = q.Encode()
		back = u.RequestURI()
	}
	return "/report/" + url.PathEscape(questionID) + "?next=" + url.QueryEscape(safeNext(back))
}

// withFlag adds name=1 to a same-site address, or goes home if it is not one.
func withFlag(next, name string) string {
	u, err := url.Parse(safeNext(next))
	if err != nil {
		return "/?" + name + "=1"
	}
	q := u.Query()
	q.Set(name, "1")
	u.RawQuery = q.Encode()
	return safeNext(u.RequestURI())
}

// questionParam reads the question id in the URL.
func questionParam(c *fiber.Ctx) (string, bool) {
	id, err := url.PathUnescape(c.Params("qid"))
	return id, err == nil && id != "" && len(id) <= 200
}

// reportedQuestion is the question named in the URL, if whoever asks may
// see it: every learner may see the timeline's questions; a teacher's only
// their owner and the students of a class it is assigned to. Anything else
// is not found.
func (a *App) reportedQuestion(c *fiber.Ctx) (questions.Question, error) {
	id, ok := questionParam(c)
	if !ok {
		return questions.Question{}, notFound("question")
	}
	q, ok := a.Bank.Question(id)
	if !ok {
		return q, notFound("question")
	}
	if q.SetID != 0 {
		ok, err := a.maySeeSet(c, q.SetID)
		if err != nil {
			return q, err
		}
		if !ok {
			return questions.Question{}, notFound("question")
		}
	}
	return q, nil
}

// reportForm shows a question and the form to report a problem with it.
func (a *App) reportForm(c *fiber.Ctx) error {
	q, err := a.reportedQuestion(c)
	if err != nil {
		return err
	}
	l, _ := learner(c)
	r, err := a.Store.LearnerReport(c.UserContext(), l.ID, q.ID)
	again := err == nil
	if err != nil && questions.ErrorCode(err) != questions.ENOTFOUND {
		return err
	}
	if !again {
		r = db.Report{}
	}
	vm := a.reportView(c, q, safeNext(c.Query("next")), r, nil)
	vm.Again = again
	return render(c, views.ReportForm(vm))
}

// report stores a learner's report, replacing any earlier one of theirs,
// and goes back to where they came from. A form with a mistake comes back
// with the message beside the field, and nothing is written.
func (a *App) report(c *fiber.Ctx) error {
	q, err := a.reportedQuestion(c)
	if err != nil {
		return err
	}
	l, _ := learner(c)
	next := safeNext(c.FormValue("next"))
	r := db.Report{QuestionID: q.ID, LearnerID: l.ID, Reason: db.ReportReason(c.FormValue("reason")),
		Comment: cleanText(c.FormValue("comment"))}
	if errs := r.Validate(); errs != nil {
		if errs["reason"] != "" {
			r.Reason = "" // never show back a reason no form offers
		}
		c.Status(fiber.StatusBadRequest)
		return render(c, views.ReportForm(a.reportView(c, q, next, r, errs)))
	}
	if _, err := a.Store.SaveReport(c.UserContext(), r); err != nil {
		return err
	}
	return c.Redirect(withFlag(next, reportedFlag), fiber.StatusSeeOther)
}

// cleanText is typed text as stored: valid UTF-8, line breaks as browsers
// count them (one character each), no space around.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(s)
}

func (a *App) reportView(c *fiber.Ctx, q questions.Question, next string, r db.Report, errs questions.FieldErrors) views.ReportPage {
	vm := views.ReportPage{
		Page:     a.page(c, "Report a problem with a question", ""),
		Action:   "/report/" + url.PathEscape(q.ID),
		Prompt:   q.Prompt,
		KindName: questions.KindNames[q.Kind],
		Next:     next,
		Comment:  r.Comment,
		Max:      db.MaxReportComment,
		Errors:   errs,
	}
	for _, reason := range db.ReportReasons {
		vm.Reasons = append(vm.Reasons, views.Option{Value: string(reason), Label: reason.Label(), Checked: reason == r.Reason})
	}
	return vm
}

// ---- the teachers' queue ----

// isAdmin reports whether the logged-in teacher is an admin, who may hide
// the timeline's questions.
func (a *App) isAdmin(c *fiber.Ctx) (bool, error) {
	acc, ok := account(c)
	if !ok || acc.Role != questions.Teacher {
		return false, nil
	}
	admin, err := a.Store.AccountAdmin(c.UserContext(), acc.ID)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return false, nil
	}
	return admin, err
}

var errNotAdmin = questions.Errorf(questions.EFORBIDDEN,
	"Only an admin teacher (one made from the shell with `sabaq user add --role teacher`) can hide, show again or resolve questions of the timeline bank.")

// reportQueue lists the reported (and the hidden) questions the teacher may
// see: the timeline's and their own sets', open reports first, most
// reported first.
func (a *App) reportQueue(c *fiber.Ctx) error {
	ctx := c.UserContext()
	acc, _ := account(c)
	admin, err := a.isAdmin(c)
	if err != nil {
		return err
	}
	queue, err := a.Store.ReportQueue(ctx, acc.ID)
	if err != nil {
		return err
	}
	own, err := a.Store.SetsByOwner(ctx, acc.ID)
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	for _, si := range own {
		titles[si.ID] = si.Title
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return stamp(t, loc)
	}
	vm := views.ReportsPage{Page: a.page(c, "Reported questions", "teach"), Admin: admin, TimeZone: loc.String(),
		Done: map[string]string{"hidden": "The question is hidden from every queue.", "shown": "The question is back in the queues.",
			"resolved": "The reports are marked resolved."}[c.Query("done")]}
	for _, rs := range queue {
		row := views.ReportRow{QuestionID: rs.QuestionID, Action: "/reports/" + url.PathEscape(rs.QuestionID),
			Reporters: rs.Reporters, Open: rs.Open, First: when(rs.First), Last: when(rs.Last)}
		q, inBank := a.Bank.Question(rs.QuestionID)
		switch {
		case !inBank && strings.HasPrefix(rs.QuestionID, "set:"):
			continue // a deleted question of a set: nothing to act on
		case !inBank:
			row.Gone = true
			row.Where = "Timeline bank (no longer generated)"
		case q.SetID != 0:
			title, ok := titles[q.SetID]
			if !ok {
				continue // not the teacher's: the store leaves these out already
			}
			row.Where = "Your set: " + title
			if i := strings.LastIndexByte(q.ID, ':'); i >= 0 {
				if item, err := strconv.ParseInt(q.ID[i+1:], 10, 64); err == nil {
					row.EditURL = itemURL(q.SetID, item) + "/edit"
				}
			}
		default:
			row.Where = "Timeline bank"
		}
		row.Prompt, row.KindName = q.Prompt, questions.KindNames[q.Kind]
		timeline := q.SetID == 0
		row.CanHide = timeline && admin && !row.Gone
		row.CanResolve = rs.Open > 0 && (!timeline || admin)
		for _, reason := range db.ReportReasons {
			if n := rs.ByReason[reason]; n > 0 {
				row.Reasons = append(row.Reasons, views.ReasonCount{Label: reason.Label(), Count: n})
			}
		}
		for _, cm := range rs.Comments {
			row.Comments = append(row.Comments, views.ReportCommentRow{Reason: cm.Reason.Label(), Text: cm.Comment,
				When: when(cm.CreatedAt), Resolved: cm.Resolved})
		}
		if h := rs.Hidden; h != nil {
			row.Hidden = true
			row.HiddenBy, row.HiddenAt, row.HiddenNote = h.HiddenBy, when(h.HiddenAt), h.Reason
			row.CanUnhide = admin
		}
		vm.Rows = append(vm.Rows, row)
	}
	return render(c, views.Reports(vm))
}

// teacherQuestion is the question named in a queue action's URL: one of
// the timeline's, or one of the teacher's own sets'; another teacher's is
// not found. With gone, a timeline id no longer in the bank is accepted
// too (its reports can still be resolved, or the question shown again).
func (a *App) teacherQuestion(c *fiber.Ctx, gone bool) (questions.Question, error) {
	id, ok := questionParam(c)
	if !ok {
		return questions.Question{}, notFound("question")
	}
	q, ok := a.Bank.Question(id)
	switch {
	case !ok && gone && !strings.HasPrefix(id, "set:"):
		return questions.Question{ID: id}, nil
	case !ok:
		return q, notFound("question")
	case q.SetID != 0:
		mine, err := a.maySeeSet(c, q.SetID) // for a teacher: the owner only
		if err != nil {
			return q, err
		}
		if !mine {
			return questions.Question{}, notFound("question")
		}
	}
	return q, nil
}

// hideQuestion withholds a timeline question from every queue (admins only).
func (a *App) hideQuestion(c *fiber.Ctx) error { return a.setHidden(c, true) }

// unhideQuestion brings a hidden question back (admins only).
func (a *App) unhideQuestion(c *fiber.Ctx) error { return a.setHidden(c, false) }

func (a *App) setHidden(c *fiber.Ctx, hide bool) error {
	ctx := c.UserContext()
	acc, _ := account(c)
	q, err := a.teacherQuestion(c, !hide)
	if err != nil {
		return err
	}
	if q.SetID != 0 {
		return badRequest("Only questions of the timeline bank can be hidden. Edit or delete your own question in its set instead.")
	}
	admin, err := a.isAdmin(c)
	if err != nil {
		return err
	}
	if !admin {
		return errNotAdmin
	}
	note := cleanText(c.FormValue("note"))
	if n := utf8.RuneCountInString(note); hide && n > db.MaxHideNote {
		return badRequest("Keep the note to %d characters; it has %d. Nothing was hidden.", db.MaxHideNote, n)
	}
	// One change at a time, so that the bank ends up with the set the
	// database holds whatever order concurrent changes commit in.
	a.hiding.Lock()
	defer a.hiding.Unlock()
	done := "hidden"
	if hide {
		err = a.Store.HideQuestion(ctx, q.ID, acc.ID, note)
	} else {
		err, done = a.Store.UnhideQuestion(ctx, q.ID), "shown"
	}
	if err != nil {
		return err
	}
	if err := LoadHidden(ctx, a.Store, a.Bank); err != nil {
		return err
	}
	return c.Redirect("/reports?done="+done, fiber.StatusSeeOther)
}

// resolveReports marks a question's reports dealt with: the owner of a
// set's question, or an admin for the timeline's.
func (a *App) resolveReports(c *fiber.Ctx) error {
	q, err := a.teacherQuestion(c, true)
	if err != nil {
		return err
	}
	if q.SetID == 0 {
		admin, err := a.isAdmin(c)
		if err != nil {
			return err
		}
		if !admin {
			return errNotAdmin
		}
	}
	if _, err := a.Store.ResolveReports(c.UserContext(), q.ID); err != nil {
		return err
	}
	return c.Redirect("/reports?done=resolved", fiber.StatusSeeOther)
}
