package handlers

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/handlers/throttle"
	"sabaq/questions"
	"sabaq/questions/revision"
	"sabaq/questions/sets"
	"sabaq/views"
)

// classSets is what classes read of teachers' sets, and what the teacher's
// pages need beyond Store's own list: undoing a deletion, moving and
// copying questions, removing a student and renewing a join code. Store
// embeds it rather than listing its methods, so that it may overlap with
// the set editor's own list of the same methods.
type classSets interface {
	SetInfo(ctx context.Context, id int64) (questions.SetInfo, error)
	SetsByOwner(ctx context.Context, ownerID int64) ([]questions.SetInfo, error)
	DeletedItem(ctx context.Context, setID int64) (db.SetItem, error)
	RestoreItem(ctx context.Context, setID, itemID int64) (db.SetItem, error)
	MoveItem(ctx context.Context, setID, itemID int64, to int) error
	DuplicateItem(ctx context.Context, setID, itemID int64, formKey string) (int64, bool, error)
	RemoveMember(ctx context.Context, classID, accountID int64) (bool, error)
	ResetJoinCode(ctx context.Context, classID int64, old string) (string, error)
}

// MaxClassName is the longest class name, in characters.
const MaxClassName = 100

func classURL(id int64) string { return "/teach/classes/" + itoa64(id) }

// teachHome is a teacher's landing page.
func (a *App) teachHome(c *fiber.Ctx) error {
	acc, _ := account(c)
	classes, err := a.Store.ClassesByTeacher(c.UserContext(), acc.ID)
	if err != nil {
		return err
	}
	own, err := a.Store.SetsByOwner(c.UserContext(), acc.ID)
	if err != nil {
		return err
	}
	return render(c, views.Teach(views.TeachPage{Page: a.page(c, "Teach", "teach"), Classes: len(classes), Sets: len(own)}))
}

// classList lists the teacher's classes with the form to make one.
func (a *App) classList(c *fiber.Ctx) error {
	vm, err := a.classesView(c, "", nil)
	if err != nil {
		return err
	}
	return render(c, views.Classes(vm))
}

func (a *App) classesView(c *fiber.Ctx, name string, errs map[string]string) (views.ClassesPage, error) {
	acc, _ := account(c)
	vm := views.ClassesPage{Page: a.page(c, "Your classes", "teach"), Name: name, Errors: errs}
	classes, err := a.Store.ClassesByTeacher(c.UserContext(), acc.ID)
	if err != nil {
		return vm, err
	}
	for _, cl := range classes {
		vm.Classes = append(vm.Classes, views.ClassRow{URL: classURL(cl.ID), Name: cl.Name, JoinCode: cl.JoinCode, Members: cl.Members})
	}
	return vm, nil
}

// validateClassName checks a class's name, returning what is wrong or "".
func validateClassName(name string) string {
	switch {
	case name == "":
		return "Give the class a name."
	case utf8.RuneCountInString(name) > MaxClassName:
		return "Keep the name to " + strconv.Itoa(MaxClassName) + " characters."
	case !utf8.ValidString(name):
		return "The name has characters that are not text."
	}
	return ""
}

// createClass makes a class with a fresh join code.
func (a *App) createClass(c *fiber.Ctx) error {
	acc, _ := account(c)
	name := strings.TrimSpace(c.FormValue("name"))
	if msg := validateClassName(name); msg != "" {
		vm, err := a.classesView(c, name, map[string]string{"name": msg})
		if err != nil {
			return err
		}
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Classes(vm))
	}
	cl, err := a.Store.CreateClass(c.UserContext(), acc.ID, name)
	if err != nil {
		return err
	}
	return c.Redirect(classURL(cl.ID), fiber.StatusSeeOther)
}

// ownClass reads the class named in the URL; another teacher's class is not
// found, so that its existence is not given away.
func (a *App) ownClass(c *fiber.Ctx) (questions.Class, error) {
	acc, _ := account(c)
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return questions.Class{}, notFound("class")
	}
	cl, err := a.Store.Class(c.UserContext(), id)
	if questions.ErrorCode(err) == questions.ENOTFOUND || (err == nil && cl.TeacherID != acc.ID) {
		return questions.Class{}, notFound("class")
	}
	return cl, err
}

// classPage shows a class: its code and link, students and assignments.
func (a *App) classPage(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	vm, err := a.classView(c, cl, views.AssignForm{}, nil)
	if err != nil {
		return err
	}
	return render(c, views.Class(vm))
}

func (a *App) classView(c *fiber.Ctx, cl questions.Class, form views.AssignForm, errs map[string]string) (views.ClassPage, error) {
	ctx := c.UserContext()
	acc, _ := account(c)
	loc, err := a.accountLocation(c)
	if err != nil {
		return views.ClassPage{}, err
	}
	vm := views.ClassPage{
		Page: a.page(c, cl.Name, "teach"), URL: classURL(cl.ID), DashboardURL: classURL(cl.ID) + "/dashboard",
		Name: cl.Name, JoinCode: cl.JoinCode, JoinURL: a.absURL("/join/" + url.PathEscape(cl.JoinCode)),
		ResetCodeURL: classURL(cl.ID) + "/code",
		Form:         form, Errors: errs, Today: time.Now().In(loc).Format(time.DateOnly),
	}
	switch c.Query("done") {
	case "removed":
		vm.Notice = "The student left the class. Their own progress stays theirs; you no longer see it here."
	case "code":
		vm.Notice = "The class has a new join code, below. The old code and its link no longer work; students already in the class stay in it."
	}
	members, err := a.Store.Members(ctx, cl.ID)
	if err != nil {
		return vm, err
	}
	for _, m := range members {
		vm.Members = append(vm.Members, views.MemberRow{Username: m.Username, Joined: stamp(m.JoinedAt, loc),
			RemoveURL: classURL(cl.ID) + "/students/remove?student=" + itoa64(m.AccountID)})
	}
	own, err := a.Store.SetsByOwner(ctx, acc.ID)
	if err != nil {
		return vm, err
	}
	items := map[int64]int{}
	for _, s := range own {
		items[s.ID] = s.Items
		vm.Sets = append(vm.Sets, views.Option{Value: itoa64(s.ID), Label: s.Title + " (" + nounCount(s.Items, "question", "questions") + ")"})
	}
	assigned, err := a.Store.ClassAssignments(ctx, cl.ID)
	if err != nil {
		return vm, err
	}
	for _, as := range assigned {
		vm.Assignments = append(vm.Assignments, views.AssignmentRow{SetTitle: as.SetTitle, Items: items[as.SetID],
			Due: humanDate(as.DueDate), Exam: humanDate(as.ExamDate),
			UnassignURL: classURL(cl.ID) + "/assignments/" + itoa64(as.ID) + "/delete",
			AnswersURL:  classURL(cl.ID) + "/assignments/" + itoa64(as.ID) + "/answers"})
	}
	vm.Written, err = a.classWritten(c, cl, views.WrittenAssignForm{}, nil) // teachwritten.go
	return vm, err
}

// nounCount is "1 question" or "3 questions".
func nounCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// humanDate shows a YYYY-MM-DD date as "14 May 2026"; "" stays "".
func humanDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("2 January 2006")
}

// assignmentDate checks an optional due or exam date: a date, not before
// today, within five years. It returns what is wrong, or "".
func assignmentDate(d string, today time.Time) string {
	if d == "" {
		return ""
	}
	t, err := time.Parse(time.DateOnly, d)
	switch {
	case err != nil:
		return "Give the date as a date, such as 2027-05-14."
	case d < today.Format(time.DateOnly):
		return "The date must not be in the past."
	case t.After(today.AddDate(5, 0, 0)):
		return "The date must be within five years."
	}
	return ""
}

// assign gives one of the teacher's sets to the class, with optional due
// and exam dates; assigning a set again changes its dates.
func (a *App) assign(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	acc, _ := account(c)
	form := views.AssignForm{SetID: strings.TrimSpace(c.FormValue("set")),
		Due: strings.TrimSpace(c.FormValue("due")), Exam: strings.TrimSpace(c.FormValue("exam"))}
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	today := time.Now().In(loc)
	errs := map[string]string{}
	setID, _ := strconv.ParseInt(form.SetID, 10, 64)
	own, err := a.Store.SetsByOwner(c.UserContext(), acc.ID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(own, func(s questions.SetInfo) bool { return s.ID == setID }) {
		errs["set"] = "Choose one of your sets."
	}
	if msg := assignmentDate(form.Due, today); msg != "" {
		errs["due"] = msg
	}
	if msg := assignmentDate(form.Exam, today); msg != "" {
		errs["exam"] = msg
	}
	if len(errs) > 0 {
		vm, err := a.classView(c, cl, form, errs)
		if err != nil {
			return err
		}
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Class(vm))
	}
	if err := a.Store.Assign(c.UserContext(), cl.ID, setID, form.Due, form.Exam); err != nil {
		return err
	}
	return c.Redirect(classURL(cl.ID), fiber.StatusSeeOther)
}

// unassign removes an assignment from the class.
func (a *App) unassign(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Params("assignment"), 10, 64)
	if err != nil || id <= 0 {
		return notFound("assignment")
	}
	err = a.Store.Unassign(c.UserContext(), cl.ID, id)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		return notFound("assignment")
	}
	if err != nil {
		return err
	}
	return c.Redirect(classURL(cl.ID), fiber.StatusSeeOther)
}

// classCrumbs lead back to the teacher's classes and the class.
func classCrumbs(cl questions.Class) []views.Link {
	return []views.Link{{URL: "/teach", Label: "Teach"}, {URL: "/teach/classes", Label: "Classes"}, {URL: classURL(cl.ID), Label: cl.Name}}
}

// classMember finds the student named by id (a form's or the query's
// "student") among the class's members.
func (a *App) classMember(c *fiber.Ctx, cl questions.Class, id string) (questions.Member, bool, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
	if err != nil || n <= 0 {
		return questions.Member{}, false, badRequest("Say which student, by the link on the class's page.")
	}
	members, err := a.Store.Members(c.UserContext(), cl.ID)
	if err != nil {
		return questions.Member{}, false, err
	}
	i := slices.IndexFunc(members, func(m questions.Member) bool { return m.AccountID == n })
	if i < 0 {
		return questions.Member{AccountID: n}, false, nil
	}
	return members[i], true, nil
}

// removeStudentForm asks before taking a student out of the class.
func (a *App) removeStudentForm(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	m, ok, err := a.classMember(c, cl, c.Query("student"))
	if err != nil {
		return err
	}
	if !ok {
		return notFound("student in this class")
	}
	return render(c, views.Confirm(views.ConfirmPage{Page: a.page(c, "Remove "+m.Username, "teach"), Crumbs: classCrumbs(cl),
		Heading: "Remove " + m.Username + " from " + cl.Name + "?",
		Lines: []string{m.Username + " leaves the class: the class’s assignments leave their revision, and you no longer see their progress here. " +
			"Their own progress and answers stay theirs.", "They can join again with the class’s code."},
		Action: classURL(cl.ID) + "/students/remove", Hidden: []views.Option{{Label: "student", Value: itoa64(m.AccountID)}},
		Button: "Remove " + m.Username, Cancel: views.Link{URL: classURL(cl.ID), Label: "Keep them"}}))
}

// removeStudent takes a student out of the class; sent twice, they are
// already out.
func (a *App) removeStudent(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	m, ok, err := a.classMember(c, cl, c.FormValue("student"))
	if err != nil {
		return err
	}
	if ok {
		if _, err := a.Store.RemoveMember(c.UserContext(), cl.ID, m.AccountID); err != nil {
			return err
		}
	}
	return c.Redirect(classURL(cl.ID)+"?done=removed", fiber.StatusSeeOther)
}

// resetCodeForm asks before giving the class a new join code.
func (a *App) resetCodeForm(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	return render(c, views.Confirm(views.ConfirmPage{Page: a.page(c, "New join code for "+cl.Name, "teach"), Crumbs: classCrumbs(cl),
		Heading: "Give " + cl.Name + " a new join code?",
		Lines: []string{"The code " + cl.JoinCode + " and its link stop working at once. Students already in the class stay in it; " +
			"anyone joining later needs the new code."},
		Action: classURL(cl.ID) + "/code", Hidden: []views.Option{{Label: "old", Value: cl.JoinCode}},
		Button: "Make a new code", Cancel: views.Link{URL: classURL(cl.ID), Label: "Keep " + cl.JoinCode}}))
}

// resetCode replaces the class's join code. The form names the code it
// replaces, so that a second submit keeps the new one.
func (a *App) resetCode(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	old := strings.TrimSpace(c.FormValue("old"))
	if old == "" || len(old) > maxJoinCode {
		return badRequest("The form was not sent whole. Go back to the class and try again.")
	}
	if _, err := a.Store.ResetJoinCode(c.UserContext(), cl.ID, old); err != nil {
		return err
	}
	return c.Redirect(classURL(cl.ID)+"?done=code", fiber.StatusSeeOther)
}

// assignmentAnswers shows each student's first answer to each question of
// an assigned set, from the attempts the dashboard's item statistics count.
func (a *App) assignmentAnswers(c *fiber.Ctx) error {
	cl, err := a.ownClass(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	id, err := strconv.ParseInt(c.Params("assignment"), 10, 64)
	if err != nil || id <= 0 {
		return notFound("assignment")
	}
	assigned, err := a.Store.ClassAssignments(ctx, cl.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(assigned, func(as questions.Assignment) bool { return as.ID == id })
	if i < 0 {
		return notFound("assignment")
	}
	as := assigned[i]
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	items, err := a.Store.SetItems(ctx, as.SetID)
	if err != nil {
		return err
	}
	members, err := a.Store.Members(ctx, cl.ID)
	if err != nil {
		return err
	}
	attempts, err := a.Store.ClassFirstAttempts(ctx, cl.ID)
	if err != nil {
		return err
	}
	type key struct {
		learner int64
		qid     string
	}
	first := map[key]db.ClassAttempt{}
	for _, at := range attempts {
		if at.SetID == as.SetID {
			first[key{at.LearnerID, at.QuestionID}] = at
		}
	}
	vm := views.AnswersPage{Page: a.page(c, "Answers: "+as.SetTitle, "teach"), ClassName: cl.Name, ClassURL: classURL(cl.ID),
		SetTitle: as.SetTitle, TimeZone: loc.String()}
	qs := make([]questions.Question, len(items))
	for i, it := range items {
		qs[i] = it.Item.Question(it.SetID, it.ID)
		vm.Questions = append(vm.Questions, views.AnswerQuestion{Number: i + 1, Prompt: clip(qs[i].Prompt, 160), Kind: questions.KindNames[qs[i].Kind]})
	}
	for _, m := range members {
		row := views.StudentAnswers{Username: m.Username}
		for i, q := range qs {
			cell := views.AnswerCell{Number: i + 1, State: "none", Detail: "Q" + strconv.Itoa(i+1) + ", " + m.Username + ": not answered yet"}
			if at, ok := first[key{m.LearnerID, q.ID}]; ok {
				cell = answerCell(i+1, m.Username, q, at, loc)
				row.Answered++
				if at.Correct {
					row.Right++
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		vm.Students = append(vm.Students, row)
	}
	return render(c, views.Answers(vm))
}

// answerSources name where a first answer was given.
var answerSources = map[string]string{"practice": "in practice", "quiz": "in a quiz review", "mock": "in a mock exam", "flashcard": "on a flashcard"}

// answerCell is a student's first answer to question number n: right or
// wrong, what they answered, and where and when.
func answerCell(n int, username string, q questions.Question, at db.ClassAttempt, loc *time.Location) views.AnswerCell {
	cell := views.AnswerCell{Number: n, State: "wrong"}
	if at.Correct {
		cell.State = "right"
	}
	given := answerGiven(q, at.Answer)
	where := answerSources[at.Source]
	if where == "" {
		where = "in " + at.Source
	}
	if at.Answer == nil {
		where += ", graded by the student without typing an answer"
	}
	cell.Given = clip(given, 60)
	cell.Detail = "Q" + strconv.Itoa(n) + ", " + username + ": " + cell.State
	if given != "" {
		cell.Detail += ", “" + given + "”"
	}
	cell.Detail += " " + where + ", " + stamp(at.At, loc)
	return cell
}

// answerGiven is an answer as the teacher reads it in a table cell: an
// order with arrows, a matching answer as "left → right" pairs.
func answerGiven(q questions.Question, answer []string) string {
	switch q.Kind.Format() {
	case questions.FormatOrder:
		return strings.Join(answer, " → ")
	case questions.FormatMatch:
		pairs := make([]string, 0, len(answer))
		for i, r := range answer {
			if i < len(q.Lefts) {
				pairs = append(pairs, q.Lefts[i]+" → "+r)
			}
		}
		return strings.Join(pairs, "; ")
	default:
		return strings.Join(answer, ", ")
	}
}

// maxJoinCode bounds a typed code; real ones are 6 characters.
const maxJoinCode = 12

// joinLink is the page a class's join link opens: a student confirms, an
// anonymous visitor is asked to log in first.
func (a *App) joinLink(c *fiber.Ctx) error {
	return a.joinResponse(c, c.Params("code"), false)
}

// join adds the student to the class whose code they sent.
func (a *App) join(c *fiber.Ctx) error {
	return a.joinResponse(c, c.FormValue("code"), true)
}

// joinResponse finds the class of a code and, for a student, shows the
// confirmation (a link followed) or joins it (the form sent). A visitor is
// asked to log in first, and learns nothing of the code, not even whether
// a class has it: guessing codes takes an account. Codes that match no
// class are counted per address and per account, so that guessing one of
// the ≈9×10⁸ codes stops after a few.
func (a *App) joinResponse(c *fiber.Ctx, code string, joining bool) error {
	code = strings.ToUpper(strings.TrimSpace(code))
	vm := views.JoinPage{Page: a.page(c, "Join a class", "home"), Code: code, State: "ask"}
	switch {
	case code == "":
		vm.Errors = map[string]string{"code": "Type the code your teacher gave you."}
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Join(vm))
	case len(code) > maxJoinCode:
		vm.Code = ""
		vm.Errors = map[string]string{"code": "That is not a class code: they have 6 letters and digits."}
		c.Status(fiber.StatusNotFound)
		return render(c, views.Join(vm))
	}
	acc, ok := account(c)
	if !ok {
		back := url.QueryEscape("/join/" + url.PathEscape(code))
		vm.State, vm.LoginURL, vm.SignupURL = "login", "/login?next="+back, "/signup?next="+back
		if joining {
			return c.Redirect(vm.LoginURL, fiber.StatusSeeOther)
		}
		return render(c, views.Join(vm))
	}
	now, addr, who := time.Now(), throttle.AddrKey(a.clientAddr(c)), strconv.FormatInt(acc.ID, 10)
	okAddr, waitAddr := a.limits.joinAddress.Allow(addr, now)
	okAccount, waitAccount := a.limits.joinAccounts.Allow(who, now)
	if !okAddr || !okAccount {
		if okAddr {
			a.limits.joinAddress.Refund(addr, now)
		}
		if okAccount {
			a.limits.joinAccounts.Refund(who, now)
		}
		wait := max(waitAddr, waitAccount)
		vm.Errors = map[string]string{"code": "Too many codes that match no class. Wait " + waitText(wait) +
			" and try again, and check the code with your teacher."}
		tooMany(c, wait)
		return render(c, views.Join(vm))
	}
	ctx := c.UserContext()
	cl, err := a.Store.ClassByCode(ctx, code)
	if questions.ErrorCode(err) == questions.ENOTFOUND {
		vm.Errors = map[string]string{"code": "No class has the code " + code + ". Check it with your teacher."}
		c.Status(fiber.StatusNotFound)
		return render(c, views.Join(vm))
	}
	// A code that is right does not count against anyone.
	a.limits.joinAddress.Refund(addr, now)
	a.limits.joinAccounts.Refund(who, now)
	if err != nil {
		return err
	}
	vm.Code, vm.ClassName = cl.JoinCode, cl.Name
	if acc.Role == questions.Teacher {
		if joining {
			return questions.Errorf(questions.EFORBIDDEN, "Teachers cannot join a class as students. Share the class's link with your students instead.")
		}
		vm.State = "teacher"
		c.Status(fiber.StatusForbidden)
		return render(c, views.Join(vm))
	}
	if joining {
		if err := a.Store.JoinClass(ctx, cl.ID, acc.ID); err != nil {
			return err
		}
		return c.Redirect("/", fiber.StatusSeeOther)
	}
	mine, err := a.Store.ClassesOfStudent(ctx, acc.ID)
	if err != nil {
		return err
	}
	vm.State = "confirm"
	if slices.ContainsFunc(mine, func(m questions.Class) bool { return m.ID == cl.ID }) {
		vm.State = "member"
	}
	return render(c, views.Join(vm))
}

// studentClasses is the classes section of the home page: a student's
// classes and assignments with their progress (from the learner's counts),
// and the form to join one.
func (a *App) studentClasses(c *fiber.Ctx, counts revision.Counts) (views.StudentClasses, error) {
	acc, ok := account(c)
	if !ok {
		return views.StudentClasses{}, nil
	}
	if acc.Role == questions.Teacher {
		return views.StudentClasses{Teacher: true, LoggedIn: true}, nil
	}
	vm := views.StudentClasses{LoggedIn: true}
	classes, err := a.Store.ClassesOfStudent(c.UserContext(), acc.ID)
	if err != nil {
		return vm, err
	}
	for _, cl := range classes {
		vm.Classes = append(vm.Classes, views.ClassLink{Name: cl.Name, URL: studentClassURL(cl.ID)})
	}
	if vm.Written, err = a.studentWritten(c, 0); err != nil { // teachwritten.go
		return vm, err
	}
	if len(counts.Assignments) == 0 {
		return vm, nil
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return vm, err
	}
	vm.Assignments = assignmentRows(counts, 0, time.Now().In(loc).Format(time.DateOnly))
	return vm, nil
}

func studentClassURL(id int64) string { return "/classes/" + itoa64(id) }

// studentClass is a class as one of its students sees it: their counts and
// the class's assignments. Anyone but a member gets 404.
func (a *App) studentClass(c *fiber.Ctx) error {
	acc, _ := account(c)
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return notFound("class")
	}
	ctx := c.UserContext()
	classes, err := a.Store.ClassesOfStudent(ctx, acc.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(classes, func(cl questions.Class) bool { return cl.ID == id })
	if i < 0 {
		return notFound("class")
	}
	q, err := a.Revision.Queue(ctx, who(c))
	if err != nil {
		return err
	}
	loc, err := a.accountLocation(c)
	if err != nil {
		return err
	}
	cl := classes[i]
	written, err := a.studentWritten(c, cl.ID) // teachwritten.go
	if err != nil {
		return err
	}
	return render(c, views.StudentClass(views.StudentClassPage{Page: a.page(c, cl.Name, "home"), Name: cl.Name,
		Counts: countsView(q.Counts), Assignments: assignmentRows(q.Counts, cl.ID, time.Now().In(loc).Format(time.DateOnly)),
		Written: written}))
}

// maySeeSet reports whether whoever asks may see a set's questions: its
// owner, and the students of a class it is assigned to.
func (a *App) maySeeSet(c *fiber.Ctx, id int64) (bool, error) {
	ctx := c.UserContext()
	acc, ok := account(c)
	switch {
	case !ok:
		return false, nil
	case acc.Role == questions.Teacher:
		si, err := a.Store.SetInfo(ctx, id)
		if err != nil && questions.ErrorCode(err) != questions.ENOTFOUND {
			return false, err
		}
		return err == nil && si.OwnerID == acc.ID, nil
	default:
		assigned, err := a.Store.StudentAssignments(ctx, acc.ID)
		if err != nil {
			return false, err
		}
		return slices.ContainsFunc(assigned, func(as questions.Assignment) bool { return as.SetID == id }), nil
	}
}

// setQuestions is the pool of a practice of one set: its questions in the
// bank. Only a student whose class was assigned the set, or the teacher who
// owns it, may practise it; to anyone else it is not found.
func (a *App) setQuestions(c *fiber.Ctx, raw string) ([]questions.Question, error) {
	ctx := c.UserContext()
	id, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
	if err != nil || id <= 0 {
		return nil, notFound("question set")
	}
	allowed, err := a.maySeeSet(c, id)
	if err != nil {
		return nil, err
	}
	if !allowed {
		return nil, notFound("question set")
	}
	items, err := a.Store.SetItems(ctx, id)
	if err != nil {
		return nil, err
	}
	var pool []questions.Question
	for _, it := range items {
		if q, ok := a.Bank.Question(sets.QuestionID(it.SetID, it.ID)); ok {
			pool = append(pool, q)
		}
	}
	if len(pool) == 0 {
		return nil, badRequest("This set has no questions yet.")
	}
	return pool, nil
}
