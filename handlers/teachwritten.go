package handlers

import (
	"context"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/written"
	"sabaq/views"
)

// teachWrittenStore is what assigning and marking written answers needs
// from storage.
type teachWrittenStore interface {
	AssignWritten(ctx context.Context, classID int64, questionID, due string) (int64, error)
	UnassignWritten(ctx context.Context, classID, id int64) error
	ClassWrittenAssignments(ctx context.Context, classID int64) ([]db.WrittenAssignment, error)
	ClassWrittenAssignment(ctx context.Context, classID, id int64) (db.WrittenAssignment, error)
	StudentWrittenAssignments(ctx context.Context, accountID int64) ([]db.StudentWrittenAssignment, error)
	SubmitWrittenAssignment(ctx context.Context, learnerID, assignmentID int64, questionID, text string) (int64, error)
	AssignmentSubmissions(ctx context.Context, assignmentID int64) (map[int64]db.AssignmentSubmission, error)
	MarkWritten(ctx context.Context, teacherID, assignmentID, submissionID int64, level, mark int, comment string) error
	WrittenFeedback(ctx context.Context, learnerID, submissionID int64) (db.WrittenFeedback, error)
}

// teachWrittenRoutes registers the routes of written assignments and marking.
// Every one reads the class through ownClass: another teacher's class is
// not found, and requireTeacher turns students away (403).
func (a *App) teachWrittenRoutes(app *fiber.App) {
	app.Post("/teach/classes/:id/written", requireTeacher, a.assignWritten)
	app.Get("/teach/classes/:id/written", requireTeacher, a.writtenDashboard)
	app.Get("/teach/classes/:id/written.csv", requireTeacher, a.writtenCSV)
	app.Get("/teach/classes/:id/written-marks.csv", requireTeacher, a.writtenMarksCSV)
	app.Get("/teach/classes/:id/written/:assignment", requireTeacher, a.writtenAssignment)
	app.Get("/teach/classes/:id/written/:assignment/delete", requireTeacher, a.unassignWrittenForm)
	app.Post("/teach/classes/:id/written/:assignment/delete", requireTeacher, a.unassignWritten)
	app.Post("/teach/classes/:id/written/:assignment/marks", requireTeacher, a.markWritten) // the form names the submission
}

// MaxMarkComment is the longest comment on a marked answer, in characters.
const MaxMarkComment = 5_000

func writtenAssignmentURL(classID, id int64) string {
	return classURL(classID) + "/written/" + itoa64(id)
}

// creditWritten is what Sabaq finds in an answer: the phrases it
// recognised, and which of the question's points they earn.
func (a *App) creditWritten(q written.Question, text string) (credited []bool, phrases []string) {
	events := map[string]bool{}
	for _, m := range a.Mentions.Find(text) {
		events[m.EventID] = true
		phrases = append(phrases, m.Phrases...)
	}
	return q.Credited(events, text), phrases
}

// levelMarks is a level's range of marks: "3–4", or "3" for one mark.
func levelMarks(lv written.Level) string {
	if lv.Min == lv.Max {
		return strconv.Itoa(lv.Min)
	}
	return strconv.Itoa(lv.Min) + "–" + strconv.Itoa(lv.Max)
}

// classWritten is the written-assignments section of a class's page.
func (a *App) classWritten(c *fiber.Ctx, cl questions.Class, form views.WrittenAssignForm, errs map[string]string) (views.ClassWritten, error) {
	vm := views.ClassWritten{AssignURL: classURL(cl.ID) + "/written", Form: form, Errors: errs}
	own, err := a.teacherWrittenChoices(c)
	if err != nil {
		return vm, err
	}
	vm.Choices = writtenChoices(a.Written.Questions, own, form.Question)
	assigned, err := a.Store.ClassWrittenAssignments(c.UserContext(), cl.ID)
	if err != nil {
		return vm, err
	}
	for _, wa := range assigned {
		row := views.WrittenAssignmentRow{Prompt: "This question is no longer available.", Due: humanDate(wa.Due),
			Submitted: wa.Submitted, Members: wa.Members, Marked: wa.Marked,
			URL: writtenAssignmentURL(cl.ID, wa.ID), RemoveURL: writtenAssignmentURL(cl.ID, wa.ID) + "/delete"}
		if q, ok, err := a.lookupWritten(c, wa.QuestionID); err != nil {
			return vm, err
		} else if ok {
			row.Prompt, row.Marks = q.Prompt, q.Marks
		}
		vm.Assignments = append(vm.Assignments, row)
	}
	return vm, nil
}

// writtenChoices groups the questions a teacher may assign by the era each
// begins in, in the timeline's order: the bank's first, then the teacher's
// own, marked as theirs.
func writtenChoices(bank, own []written.Question, chosen string) []views.ChoiceGroup {
	byEra := map[string][]views.Option{}
	add := func(q written.Question, mine bool) {
		era := ""
		if len(q.Eras) > 0 {
			if _, ok := questions.EraByID(q.Eras[0]); ok {
				era = q.Eras[0]
			}
		}
		text := clip(q.Prompt, 90) + " (" + nounCount(q.Marks, "mark", "marks") + ")"
		if mine {
			text = "Yours: " + text
		}
		byEra[era] = append(byEra[era], views.Option{Value: q.ID, Label: text, Checked: q.ID == chosen})
	}
	for _, q := range bank {
		add(q, false)
	}
	for _, q := range own {
		add(q, true)
	}
	var groups []views.ChoiceGroup
	for _, e := range questions.Eras {
		if opts := byEra[e.ID]; len(opts) > 0 {
			groups = append(groups, views.ChoiceGroup{Label: e.Name + " (" + e.Span + ")", Options: opts})
		}
	}
	if opts := byEra[""]; len(opts) > 0 {
		groups = append(groups, views.ChoiceGroup{Label: "Other", Options: opts})
	}
	return groups
}

// assignWritten gives a written question to the class with a due date;
// assigning it again changes the date.
func (a *App) assignWritten(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	form := views.WrittenAssignForm{Question: strings.TrimSpace(c.FormValue("question")), Due: strings.TrimSpace(c.FormValue("due"))}
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	errs := map[string]string{}
	own, err := a.teacherWrittenChoices(c)
	if err != nil {
		return err
	}
	if _, ok := a.Written.Question(form.Question); !ok && !slices.ContainsFunc(own, func(q written.Question) bool { return q.ID == form.Question }) {
		errs["question"] = "Choose one of the written questions listed."
	}
	if form.Due == "" {
		errs["written-due"] = "Give a due date."
	} else if msg := assignmentDate(form.Due, time.Now().In(loc)); msg != "" {
		errs["written-due"] = msg
	}
	if len(errs) > 0 {
		vm, err := a.classView(c, cl, views.AssignForm{}, nil)
		if err != nil {
			return err
		}
		if vm.Written, err = a.classWritten(c, cl, form, errs); err != nil {
			return err
		}
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Class(vm))
	}
	if _, err := a.Store.AssignWritten(c.UserContext(), cl.ID, form.Question, form.Due); err != nil {
		return err
	}
	return c.Redirect(classURL(cl.ID)+"#written", fiber.StatusSeeOther)
}

// ownWrittenAssignment reads the class and its written assignment named in
// the URL, with its question; another teacher's is not found.
func (a *App) ownWrittenAssignment(c *fiber.Ctx) (questions.Class, db.WrittenAssignment, written.Question, error) {
	var wa db.WrittenAssignment
	var q written.Question
	cl, err := a.ownClass(c)
	if err != nil {
		return cl, wa, q, err
	}
	id, err := strconv.ParseInt(c.Params("assignment"), 10, 64)
	if err != nil || id <= 0 {
		return cl, wa, q, notFound("written assignment")
	}
	wa, err = a.Store.ClassWrittenAssignment(c.UserContext(), cl.ID, id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return cl, wa, q, notFound("written assignment")
	}
	if err != nil {
		return cl, wa, q, err
	}
	q, ok, err := a.lookupWritten(c, wa.QuestionID)
	if err == nil && !ok {
		err = questions.Errorf(questions.ENOTFOUND,
			"The question of this assignment is no longer available. You can remove the assignment from the class’s page.")
	}
	return cl, wa, q, err
}

// unassignWrittenForm asks before removing a written assignment.
func (a *App) unassignWrittenForm(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Params("assignment"), 10, 64)
	if err != nil || id <= 0 {
		return notFound("written assignment")
	}
	wa, err := a.Store.ClassWrittenAssignment(c.UserContext(), cl.ID, id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return notFound("written assignment")
	}
	if err != nil {
		return err
	}
	prompt := "a question no longer available"
	if q, ok, err := a.lookupWritten(c, wa.QuestionID); err != nil {
		return err
	} else if ok {
		prompt = q.Prompt
	}
	return render(c, views.Confirm(views.ConfirmPage{Page: a.page(c, "Remove a written assignment", "teach"), Crumbs: classCrumbs(cl),
		Heading: "Remove this written assignment from " + cl.Name + "?", Quote: prompt,
		Lines: []string{"Students no longer see it among their assignments, and you no longer see their answers here. " +
			"Answers already handed in (" + strconv.Itoa(wa.Submitted) + " of " + strconv.Itoa(wa.Members) +
			") stay their students’, with your marks and comments.", "You can assign the question again later."},
		Action: writtenAssignmentURL(cl.ID, wa.ID) + "/delete", Button: "Remove the assignment",
		Cancel: views.Link{URL: classURL(cl.ID) + "#written", Label: "Keep it"}}))
}

// unassignWritten removes a written assignment; sent twice, it is gone already.
func (a *App) unassignWritten(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Params("assignment"), 10, 64)
	if err != nil || id <= 0 {
		return notFound("written assignment")
	}
	err = a.Store.UnassignWritten(c.UserContext(), cl.ID, id)
	if err != nil && questions.ErrorCode(err) != questions.ENOTFOUND {
		return err
	}
	return c.Redirect(classURL(cl.ID)+"#written", fiber.StatusSeeOther)
}

// markInput is a marking form as sent, for one submission.
type markInput struct {
	submission     int64
	level, mark    string
	comment, error string
}

// writtenAssignment lists each student's latest answer to a written
// assignment with the form to mark it.
func (a *App) writtenAssignment(c *fiber.Ctx) error {
	cl, wa, q, err := a.ownWrittenAssignment(c)
	if err != nil {
		return err
	}
	vm, err := a.writtenAssignmentView(c, cl, wa, q, markInput{})
	if err != nil {
		return err
	}
	if who := c.Query("marked"); slices.ContainsFunc(vm.Students, func(st views.WrittenStudent) bool { return st.Marked && st.Username == who }) {
		vm.Notice = "Your mark of " + who + "’s answer was saved. They see it with their answer."
	}
	return render(c, views.WrittenAssignment(vm))
}

func (a *App) writtenAssignmentView(c *fiber.Ctx, cl questions.Class, wa db.WrittenAssignment, q written.Question, in markInput) (views.WrittenAssignmentPage, error) {
	ctx := c.UserContext()
	loc, err := a.accountLocation(c)
	if err != nil {
		return views.WrittenAssignmentPage{}, err
	}
	vm := views.WrittenAssignmentPage{
		Page: a.page(c, "Written answers: "+clip(q.Prompt, 60), "teach"), Crumbs: classCrumbs(cl),
		Prompt: q.Prompt, Kind: writtenKindName(q.Kind), Marks: q.Marks, Due: humanDate(wa.Due),
		Members: wa.Members, TimeZone: loc.String(), DashboardURL: classURL(cl.ID) + "/written",
	}
	for _, lv := range q.Levels {
		vm.Levels = append(vm.Levels, views.LevelRow{Level: lv.Level, Marks: levelMarks(lv), Descriptor: lv.Descriptor})
	}
	members, err := a.Store.Members(ctx, cl.ID)
	if err != nil {
		return vm, err
	}
	subs, err := a.Store.AssignmentSubmissions(ctx, wa.ID)
	if err != nil {
		return vm, err
	}
	for i, m := range members {
		st := views.WrittenStudent{Username: m.Username, Anchor: "student-" + strconv.Itoa(i+1), Total: len(q.Points)}
		s, ok := subs[m.LearnerID]
		if !ok {
			vm.Students = append(vm.Students, st)
			continue
		}
		vm.Submitted++
		credited, phrases := a.creditWritten(q, s.Text)
		st.Submitted, st.At, st.Late = true, stamp(s.SubmittedAt, loc), late(s.SubmittedAt, wa.Due, loc)
		st.Answer, st.Words, st.SelfLevel = highlight(s.Text, phrases), len(strings.Fields(s.Text)), s.SelfLevel
		for i, p := range q.Points {
			if credited[i] {
				st.Found++
			} else {
				st.Missed = append(st.Missed, p.Text)
			}
		}
		// The fragment brings the teacher back to the card, a refused mark included.
		st.MarkURL, st.SubmissionID = writtenAssignmentURL(cl.ID, wa.ID)+"/marks#"+st.Anchor, s.ID
		if s.Mark != nil {
			vm.Marked++
			st.Marked, st.Level, st.Mark, st.Comment = true, s.Mark.Level, strconv.Itoa(s.Mark.Mark), s.Mark.Comment
			st.MarkedAt = stamp(s.Mark.MarkedAt, loc)
			st.MarkedLevel = "Level " + strconv.Itoa(s.Mark.Level) + ", " + strconv.Itoa(s.Mark.Mark) + " of " + nounCount(q.Marks, "mark", "marks")
		}
		if in.submission == s.ID {
			// The form as sent, with what is wrong with it.
			st.Level, _ = strconv.Atoi(in.level)
			st.Mark, st.Comment, st.Error = in.mark, in.comment, in.error
		}
		vm.Students = append(vm.Students, st)
	}
	return vm, nil
}

// late reports whether an answer came after the end of its due date in loc.
func late(at time.Time, due string, loc *time.Location) bool {
	return at.In(loc).Format(time.DateOnly) > due
}

// markWritten records the teacher's level, mark and comment for a
// student's latest answer; marking again replaces the mark.
func (a *App) markWritten(c *fiber.Ctx) error {
	cl, wa, q, err := a.ownWrittenAssignment(c)
	if err != nil {
		return err
	}
	sub, err := strconv.ParseInt(strings.TrimSpace(c.FormValue("submission")), 10, 64)
	if err != nil || sub <= 0 {
		return badRequest("The form did not say which answer it marks. Go back to the assignment and try again.")
	}
	subs, err := a.Store.AssignmentSubmissions(c.UserContext(), wa.ID)
	if err != nil {
		return err
	}
	var student db.AssignmentSubmission
	for _, s := range subs {
		if s.ID == sub {
			student = s
		}
	}
	if student.ID == 0 {
		return questions.Errorf(questions.ENOTFOUND,
			"That answer is not the latest one handed in for this assignment by a student of the class; the student may have handed in a newer one. Go back to the assignment and mark that.")
	}
	in := markInput{submission: sub, level: strings.TrimSpace(c.FormValue("level")), mark: strings.TrimSpace(c.FormValue("mark")),
		comment: strings.TrimSpace(c.FormValue("comment"))}
	level, lerr := strconv.Atoi(in.level)
	i := slices.IndexFunc(q.Levels, func(lv written.Level) bool { return lv.Level == level })
	mark, merr := strconv.Atoi(in.mark)
	switch {
	case len(q.Levels) == 0:
		in.error = "This question has no mark scheme to mark it by."
	case lerr != nil || i < 0:
		in.error = "Choose one of the mark scheme’s levels, from " + strconv.Itoa(q.Levels[0].Level) + " to " +
			strconv.Itoa(q.Levels[len(q.Levels)-1].Level) + "."
	case merr != nil || mark < q.Levels[i].Min || mark > q.Levels[i].Max:
		lv := q.Levels[i]
		in.error = "Level " + strconv.Itoa(lv.Level) + " is " + levelMarks(lv) + " marks: give a mark from " +
			strconv.Itoa(lv.Min) + " to " + strconv.Itoa(lv.Max) + ", or choose another level."
		if lv.Min == lv.Max {
			in.error = "Level " + strconv.Itoa(lv.Level) + " is " + nounCount(lv.Min, "mark", "marks") + ": give " +
				strconv.Itoa(lv.Min) + ", or choose another level."
		}
	case utf8.RuneCountInString(in.comment) > MaxMarkComment:
		in.error = "Keep the comment to 5,000 characters."
	case !utf8.ValidString(in.comment):
		in.error = "The comment has characters that are not text."
	}
	if in.error != "" {
		vm, err := a.writtenAssignmentView(c, cl, wa, q, in)
		if err != nil {
			return err
		}
		c.Status(fiber.StatusBadRequest)
		return render(c, views.WrittenAssignment(vm))
	}
	acc, _ := account(c)
	err = a.Store.MarkWritten(c.UserContext(), acc.ID, wa.ID, sub, level, mark, in.comment)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return notFound("answer to this assignment")
	}
	if err != nil {
		return err
	}
	name := ""
	members, err := a.Store.Members(c.UserContext(), cl.ID)
	if err != nil {
		return err
	}
	anchor := ""
	for i, m := range members {
		if m.LearnerID == student.LearnerID {
			name, anchor = m.Username, "#student-"+strconv.Itoa(i+1)
		}
	}
	return c.Redirect(writtenAssignmentURL(cl.ID, wa.ID)+"?marked="+url.QueryEscape(name)+anchor, fiber.StatusSeeOther)
}

// writtenStats is one written assignment's figures for the dashboard.
type writtenStats struct {
	assignment db.WrittenAssignment
	question   written.Question
	available  bool
	submitted  int
	marks      []float64
	gaps       []float64        // teacher's level minus the student's own, where both are given
	answers    []written.Marked // each answer with the points it earned
	rows       []writtenMarkRow
}

// writtenMarkRow is one student's latest answer to one assignment.
type writtenMarkRow struct {
	username string
	sub      db.AssignmentSubmission
	found    int
}

// classWrittenStats gathers the figures of each of the class's written
// assignments from each student's latest answer.
func (a *App) classWrittenStats(c *fiber.Ctx, cl questions.Class) ([]writtenStats, error) {
	ctx := c.UserContext()
	assigned, err := a.Store.ClassWrittenAssignments(ctx, cl.ID)
	if err != nil {
		return nil, err
	}
	members, err := a.Store.Members(ctx, cl.ID)
	if err != nil {
		return nil, err
	}
	out := make([]writtenStats, 0, len(assigned))
	for _, wa := range assigned {
		st := writtenStats{assignment: wa}
		q, ok, err := a.lookupWritten(c, wa.QuestionID)
		if err != nil {
			return nil, err
		}
		st.question, st.available = q, ok
		subs, err := a.Store.AssignmentSubmissions(ctx, wa.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range members {
			s, ok := subs[m.LearnerID]
			if !ok {
				continue
			}
			st.submitted++
			row := writtenMarkRow{username: m.Username, sub: s}
			credited, _ := a.creditWritten(q, s.Text)
			for _, hit := range credited {
				if hit {
					row.found++
				}
			}
			st.answers = append(st.answers, written.Marked{Question: q, Credited: credited})
			if s.Mark != nil {
				st.marks = append(st.marks, float64(s.Mark.Mark))
				if s.SelfLevel != 0 {
					st.gaps = append(st.gaps, float64(s.Mark.Level-s.SelfLevel))
				}
			}
			st.rows = append(st.rows, row)
		}
		out = append(out, st)
	}
	return out, nil
}

// meanSD is the mean and the (population) standard deviation of xs.
func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(xs)))
}

// topMissed is the (at most) three points most answers missed, most first.
func (st writtenStats) topMissed() []views.MissedPoint {
	var out []views.MissedPoint
	for _, m := range written.MostMissed(st.answers, 3) {
		out = append(out, views.MissedPoint{Text: m.Point.Text, Count: m.Missed, Of: m.Answers,
			Detail: "missed by " + strconv.Itoa(m.Missed) + " of " + nounCount(m.Answers, "answer", "answers")})
	}
	return out
}

// gapText says how far the teacher's levels are from the students' own.
func gapText(gaps []float64) string {
	if len(gaps) == 0 {
		return "–"
	}
	g, _ := meanSD(gaps)
	s := decimal(math.Abs(g), 1)
	switch {
	case s == "0.0":
		return "0.0 (levels agree on average)"
	case g > 0:
		return "+" + s + " (your levels higher)"
	default:
		return "−" + s + " (students’ own levels higher)"
	}
}

// writtenDashboard is the class's written answers, question by question:
// submissions, marks, the gap between students' own levels and the
// teacher's, and the points most answers missed.
func (a *App) writtenDashboard(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	stats, err := a.classWrittenStats(c, cl)
	if err != nil {
		return err
	}
	base := classURL(cl.ID)
	vm := views.WrittenDashboardPage{Page: a.page(c, "Written answers: "+cl.Name, "teach"),
		Crumbs: append(classCrumbs(cl), views.Link{URL: base + "/dashboard", Label: "Dashboard"}), ClassName: cl.Name,
		CSV: base + "/written.csv", MarksCSV: base + "/written-marks.csv", TimeZone: loc.String(), AssignmentsAnchor: base + "#written"}
	for _, st := range stats {
		row := views.WrittenStatRow{Prompt: "This question is no longer available.", URL: writtenAssignmentURL(cl.ID, st.assignment.ID),
			Due: humanDate(st.assignment.Due), Members: st.assignment.Members, Submitted: st.submitted,
			Marked: len(st.marks), Mean: "–", Range: "–", SD: "–", Gap: gapText(st.gaps), Missed: st.topMissed()}
		if st.available {
			row.Prompt, row.OutOf = st.question.Prompt, st.question.Marks
		}
		if len(st.marks) > 0 {
			mean, sd := meanSD(st.marks)
			row.Mean, row.SD = decimal(mean, 1), decimal(sd, 1)
			row.Range = marksText(slices.Min(st.marks)) + "–" + marksText(slices.Max(st.marks))
		}
		vm.Questions = append(vm.Questions, row)
	}
	return render(c, views.WrittenDashboard(vm))
}

// writtenCSV exports the written-answers view: one row per assigned question.
func (a *App) writtenCSV(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	stats, err := a.classWrittenStats(c, cl)
	if err != nil {
		return err
	}
	rows := [][]string{{"Question", "Question id", "Due", "Out of", "Students", "Submitted", "Marked", "Mean mark",
		"Lowest mark", "Highest mark", "Standard deviation", "Mean level gap (teacher minus student)",
		"Answers with both levels", "Most missed points"}}
	for _, st := range stats {
		mean, lo, hi, sd, gap, outOf := "", "", "", "", "", ""
		if st.available {
			outOf = strconv.Itoa(st.question.Marks)
		}
		if len(st.marks) > 0 {
			m, s := meanSD(st.marks)
			mean, sd = decimal(m, 2), decimal(s, 2)
			lo, hi = marksText(slices.Min(st.marks)), marksText(slices.Max(st.marks))
		}
		if len(st.gaps) > 0 {
			g, _ := meanSD(st.gaps)
			gap = decimal(g, 2)
		}
		var missed []string
		for _, p := range st.topMissed() {
			missed = append(missed, p.Text+": "+strconv.Itoa(p.Count))
		}
		rows = append(rows, []string{st.question.Prompt, st.assignment.QuestionID, st.assignment.Due, outOf,
			strconv.Itoa(st.assignment.Members), strconv.Itoa(st.submitted), strconv.Itoa(len(st.marks)), mean, lo, hi, sd,
			gap, strconv.Itoa(len(st.gaps)), strings.Join(missed, "; ")})
	}
	return sendCSV(c, csvName(cl, "written"), rows)
}

// writtenMarksCSV exports each student's latest answer to each written
// assignment with its mark: one row per answer.
func (a *App) writtenMarksCSV(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	stats, err := a.classWrittenStats(c, cl)
	if err != nil {
		return err
	}
	rows := [][]string{{"Question", "Due", "Student", "Submitted (UTC)", "Late", "Points found", "Points",
		"Self-assessed level", "Teacher's level", "Mark", "Out of", "Comment", "Marked (UTC)"}}
	for _, st := range stats {
		for _, r := range st.rows {
			self, level, mark, comment, marked, lateText := "", "", "", "", "", "no"
			if r.sub.SelfLevel != 0 {
				self = strconv.Itoa(r.sub.SelfLevel)
			}
			if m := r.sub.Mark; m != nil {
				level, mark, comment, marked = strconv.Itoa(m.Level), strconv.Itoa(m.Mark), m.Comment, m.MarkedAt.UTC().Format(time.RFC3339)
			}
			if late(r.sub.SubmittedAt, st.assignment.Due, loc) {
				lateText = "yes"
			}
			rows = append(rows, []string{st.question.Prompt, st.assignment.Due, r.username,
				r.sub.SubmittedAt.UTC().Format(time.RFC3339), lateText, strconv.Itoa(r.found), strconv.Itoa(len(st.question.Points)),
				self, level, mark, strconv.Itoa(st.question.Marks), comment, marked})
		}
	}
	return sendCSV(c, csvName(cl, "written-marks"), rows)
}

// studentWritten lists the written assignments of the student's classes
// (of one class, unless classID is 0) for their home or class page.
func (a *App) studentWritten(c *fiber.Ctx, classID int64) ([]views.StudentWritten, error) {
	acc, ok := account(c)
	if !ok || acc.Role == questions.Teacher {
		return nil, nil
	}
	assigned, err := a.Store.StudentWrittenAssignments(c.UserContext(), acc.ID)
	if err != nil || len(assigned) == 0 {
		return nil, err
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return nil, err
	}
	today := time.Now().In(loc).Format(time.DateOnly)
	var out []views.StudentWritten
	for _, wa := range assigned {
		if classID != 0 && wa.ClassID != classID {
			continue
		}
		q, ok, err := a.lookupWritten(c, wa.QuestionID)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		row := views.StudentWritten{Prompt: q.Prompt, Marks: q.Marks, ClassName: wa.ClassName, ClassURL: studentClassURL(wa.ClassID),
			Due: humanDate(wa.Due), URL: writePath(q.ID) + "?assignment=" + itoa64(wa.ID), State: "Not handed in yet"}
		switch {
		case wa.SubmissionID == 0:
			row.Overdue = wa.Due < today
		case wa.Marked:
			row.State, row.AnswerURL = "Marked: see your mark and your teacher’s comment", writtenAnswerPath(wa.SubmissionID)
		default:
			row.State, row.AnswerURL = "Handed in "+stamp(wa.SubmittedAt, loc), writtenAnswerPath(wa.SubmissionID)
		}
		out = append(out, row)
	}
	return out, nil
}

// studentAssignmentFor is the written assignment an answer to q is handed
// in for: the one the form names, else the earliest due of the student's
// assignments of q; 0 for none (a visitor, a teacher, a question not
// assigned). The one a form names must be of one of the student's classes
// and of this question.
func (a *App) studentAssignmentFor(c *fiber.Ctx, q written.Question, strict bool) (db.StudentWrittenAssignment, error) {
	var none db.StudentWrittenAssignment
	var assigned []db.StudentWrittenAssignment
	if acc, ok := account(c); ok && acc.Role != questions.Teacher {
		var err error
		if assigned, err = a.Store.StudentWrittenAssignments(c.UserContext(), acc.ID); err != nil {
			return none, err
		}
	}
	if raw := strings.TrimSpace(c.FormValue("assignment")); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		i := slices.IndexFunc(assigned, func(wa db.StudentWrittenAssignment) bool { return wa.ID == id })
		switch {
		case err != nil || i < 0:
			if strict {
				return none, errNotYourAssignment
			}
		case assigned[i].QuestionID != q.ID:
			if strict {
				return none, questions.Errorf(questions.EFORBIDDEN,
					"That assignment is for another question, so this answer was not handed in and nothing was saved. Open the question from your class’s assignments.")
			}
		default:
			return assigned[i], nil
		}
	}
	for _, wa := range assigned { // earliest due first
		if wa.QuestionID == q.ID {
			return wa, nil
		}
	}
	return none, nil
}

var errNotYourAssignment = questions.Errorf(questions.ENOTFOUND,
	"That assignment is not one of your classes’, so this answer was not handed in and nothing was saved. Open the question from your class’s assignments.")

// writtenAssignmentNote says on a question's page which assignment an
// answer will be handed in for; nil for none. A problem finding it only
// leaves the note out: submitting checks again.
func (a *App) writtenAssignmentNote(c *fiber.Ctx, q written.Question) *views.WrittenAssignmentNote {
	wa, err := a.studentAssignmentFor(c, q, false)
	if err != nil {
		a.Logger.Error("written assignment note", "err", err)
		return nil
	}
	if wa.ID == 0 {
		return nil
	}
	return &views.WrittenAssignmentNote{ID: wa.ID, ClassName: wa.ClassName, Due: humanDate(wa.Due)}
}

// storeWrittenAnswer stores a learner's answer to q, handed in for the
// student's assignment of it if they have one (see studentAssignmentFor).
func (a *App) storeWrittenAnswer(c *fiber.Ctx, q written.Question, learnerID int64, text string) (int64, error) {
	wa, err := a.studentAssignmentFor(c, q, true)
	if err != nil {
		return 0, err
	}
	if wa.ID == 0 {
		return a.Store.SubmitWritten(c.UserContext(), learnerID, q.ID, text)
	}
	id, err := a.Store.SubmitWrittenAssignment(c.UserContext(), learnerID, wa.ID, q.ID, text)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return 0, errNotYourAssignment
	}
	return id, err
}

// teacherMark is, on a student's own answer, the assignment it was handed
// in for and the teacher's mark; nil for an answer not handed in. A
// problem reading it only leaves it out.
func (a *App) teacherMark(c *fiber.Ctx, w db.WrittenSubmission, q written.Question) *views.TeacherMark {
	f, err := a.Store.WrittenFeedback(c.UserContext(), w.LearnerID, w.ID)
	if err != nil {
		a.Logger.Error("written feedback", "err", err)
		return nil
	}
	if f.AssignmentID == 0 && f.Mark == nil {
		return nil
	}
	tm := &views.TeacherMark{ClassName: f.ClassName, Due: humanDate(f.Due), OutOf: q.Marks}
	if f.Mark != nil {
		tm.Marked, tm.Level, tm.Mark, tm.Comment = true, f.Mark.Level, f.Mark.Mark, f.Mark.Comment
		if loc, err := a.accountLocation(c); err == nil {
			tm.MarkedAt = stamp(f.Mark.MarkedAt, loc)
		}
	}
	return tm
}
