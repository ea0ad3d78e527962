package handlers

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/questions"
	"sabaq/views"
)

// signupPage and loginPage are the frames of the two forms, each with what
// it says of itself to search engines.
func (a *App) signupPage(c *fiber.Ctx) views.Page {
	p := a.page(c, "Sign up", "signup")
	p.Description = "Make a Sabaq account to keep your practice, reviews and mock exams on every device, and to join your teacher’s class."
	return p
}

func (a *App) loginPage(c *fiber.Ctx) views.Page {
	p := a.page(c, "Log in", "login")
	p.Description = "Log in to Sabaq to carry on revising Pakistan’s relations with the Soviet Union and Russia where you left off."
	return p
}

func (a *App) signupForm(c *fiber.Ctx) error {
	vm := views.SignupPage{Page: a.signupPage(c), Invite: c.Query("invite")}
	if vm.Invite != "" {
		ok, err := a.Store.InviteValid(c.UserContext(), vm.Invite)
		if err != nil {
			return err
		}
		if !ok {
			return badRequest("This invitation link is not valid: it may have been used already or have expired. Ask for a new one.")
		}
	}
	return render(c, views.Signup(vm))
}

// signup makes an account that takes over the anonymous learner's progress,
// and logs it in.
func (a *App) signup(c *fiber.Ctx) error {
	ctx := c.UserContext()
	if _, ok := account(c); ok {
		return questions.Errorf(questions.ECONFLICT, "You are already logged in. Log out first to make another account.")
	}
	username := strings.TrimSpace(c.FormValue("username"))
	password, again := c.FormValue("password"), c.FormValue("password2")
	invite := c.FormValue("invite")
	vm := views.SignupPage{Page: a.signupPage(c), Username: username, Invite: invite}
	if errs := questions.ValidateCredentials(username, password, again); errs != nil {
		vm.Errors = errs
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Signup(vm))
	}
	hash, err := questions.HashPassword(password)
	if err != nil {
		return err
	}
	role := questions.Student
	if invite != "" {
		role = questions.Teacher
	}
	l, _ := learner(c)
	acc, err := a.Store.CreateAccount(ctx, questions.NewAccount{Username: username, PasswordHash: hash, Role: role, ClaimLearner: l.ID, Invite: invite})
	if code := questions.ErrorCode(err); code == questions.ECONFLICT || code == questions.EINVALID {
		vm.Errors = map[string]string{"username": questions.ErrorMessage(err)}
		if code == questions.EINVALID {
			vm.Errors = map[string]string{"form": questions.ErrorMessage(err)}
		}
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Signup(vm))
	}
	if err != nil {
		return err
	}
	if err := a.startSession(c, acc.ID); err != nil {
		return err
	}
	// The anonymous learner now belongs to the account: its cookie is spent.
	a.clearCookie(c, learnerCookie)
	return c.Redirect("/", fiber.StatusSeeOther)
}

func (a *App) startSession(c *fiber.Ctx, accountID int64) error {
	token, expires, err := a.Store.CreateSession(c.UserContext(), accountID)
	if err != nil {
		return err
	}
	a.setCookie(c, sessionCookie, token, expires)
	return nil
}

func (a *App) loginForm(c *fiber.Ctx) error {
	return render(c, views.Login(views.LoginPage{Page: a.loginPage(c), Next: safeNext(c.Query("next"))}))
}

// safeNext keeps a post-login redirect on this site. Control characters are
// refused too: browsers drop a tab or line break inside a URL, so "/\t/x"
// would be read as "//x", another site; and a line break in the Location
// header would end it.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "/"
	}
	return next
}

var errThrottled = errors.New("throttled")

// login checks a password, after checking that neither the username nor the
// address has failed too often lately.
func (a *App) login(c *fiber.Ctx) error {
	ctx := c.UserContext()
	username := strings.TrimSpace(c.FormValue("username"))
	password := c.FormValue("password")
	vm := views.LoginPage{Page: a.loginPage(c), Username: username, Next: safeNext(c.FormValue("next"))}
	if len(username) > 64 || len(password) > questions.MaxPassword {
		return badRequest("That username or password is too long.")
	}
	now := time.Now()
	byUser, byAddr, oldest, err := a.Store.LoginFailures(ctx, username, a.clientAddr(c), now.Add(-questions.LoginWindow))
	if err != nil {
		return err
	}
	if byUser >= questions.MaxLoginFailures || byAddr >= questions.MaxLoginFailures {
		wait := oldest.Add(questions.LoginWindow).Sub(now)
		minutes := max(1, int(wait.Minutes()+0.999))
		vm.Error = "Too many failed log-ins. Wait " + strconv.Itoa(minutes) + " minutes and try again."
		c.Status(fiber.StatusTooManyRequests)
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(wait.Seconds())+1))
		return render(c, views.Login(vm))
	}
	acc, hash, err := a.Store.AccountByUsername(ctx, username)
	ok := false
	switch {
	case err == nil:
		ok = questions.CheckPassword(hash, password)
	case errors.Is(err, questions.ErrNotFound):
		ok = questions.CheckNoPassword(password)
	default:
		return err
	}
	if !ok {
		if err := a.Store.RecordLoginFailure(ctx, username, a.clientAddr(c)); err != nil {
			return err
		}
		vm.Error = "That username and password do not match."
		c.Status(fiber.StatusUnauthorized)
		return render(c, views.Login(vm))
	}
	if err := a.Store.ClearLoginFailures(ctx, username); err != nil {
		return err
	}
	if err := a.startSession(c, acc.ID); err != nil {
		return err
	}
	return c.Redirect(vm.Next, fiber.StatusSeeOther)
}

func (a *App) logout(c *fiber.Ctx) error {
	if token := c.Cookies(sessionCookie); token != "" {
		if err := a.Store.DeleteSession(c.UserContext(), token); err != nil {
			return err
		}
	}
	a.clearCookie(c, sessionCookie)
	return c.Redirect("/", fiber.StatusSeeOther)
}

// requireAccount sends anonymous visitors to the log-in page.
func requireAccount(c *fiber.Ctx) error {
	if _, ok := account(c); !ok {
		if c.Method() == fiber.MethodGet {
			return c.Redirect("/login?next="+c.OriginalURL(), fiber.StatusSeeOther)
		}
		return questions.Errorf(questions.EUNAUTHORIZED, "Log in first.")
	}
	return c.Next()
}

// requireTeacher lets only teachers through.
func requireTeacher(c *fiber.Ctx) error {
	acc, ok := account(c)
	if !ok {
		return requireAccount(c)
	}
	if acc.Role != questions.Teacher {
		return questions.Errorf(questions.EFORBIDDEN, "Only teachers can do this.")
	}
	return c.Next()
}

func (a *App) accountPage(c *fiber.Ctx) error {
	acc, _ := account(c)
	vm := views.AccountPage{Page: a.page(c, acc.Username, "account"), Username: acc.Username, Role: string(acc.Role),
		Saved: c.Query("saved") == "1"}
	return render(c, views.AccountView(vm))
}

// changePassword checks the current password, sets the new one and ends the
// account's other sessions.
func (a *App) changePassword(c *fiber.Ctx) error {
	ctx := c.UserContext()
	acc, _ := account(c)
	vm := views.AccountPage{Page: a.page(c, acc.Username, "account"), Username: acc.Username, Role: string(acc.Role)}
	_, hash, err := a.Store.AccountByUsername(ctx, acc.Username)
	if err != nil {
		return err
	}
	errs := map[string]string{}
	if !questions.CheckPassword(hash, c.FormValue("current")) {
		errs["current"] = "That is not your current password."
	}
	if msg := questions.ValidatePassword(c.FormValue("password"), c.FormValue("password2")); msg != "" {
		errs["password"] = msg
	}
	if len(errs) > 0 {
		vm.Errors = errs
		c.Status(fiber.StatusBadRequest)
		return render(c, views.AccountView(vm))
	}
	newHash, err := questions.HashPassword(c.FormValue("password"))
	if err != nil {
		return err
	}
	if err := a.Store.ChangePassword(ctx, acc.ID, newHash, c.Cookies(sessionCookie)); err != nil {
		return err
	}
	return c.Redirect("/account?saved=1", fiber.StatusSeeOther)
}

// invite makes a one-time link by which another teacher signs up.
func (a *App) invite(c *fiber.Ctx) error {
	acc, _ := account(c)
	token, err := a.Store.CreateInvite(c.UserContext(), acc.ID)
	if err != nil {
		return err
	}
	vm := views.AccountPage{Page: a.page(c, acc.Username, "account"), Username: acc.Username, Role: string(acc.Role),
		InviteLink: c.BaseURL() + "/signup?invite=" + token}
	return render(c, views.AccountView(vm))
}
