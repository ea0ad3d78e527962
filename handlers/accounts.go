package handlers

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/handlers/throttle"
	"sabaq/questions"
	"sabaq/views"
)

// The limits on what a stranger can make the server do. A whole class
// signing up or joining at once from behind its school's one address must
// get through; one address's or account's guessing must not go far.
var (
	// Sign-ups that get as far as hashing a password (a form that will be
	// saved): a class of 30 at once, then one every 2 minutes.
	signupRate = throttle.Rate{Burst: 30, Every: 2 * time.Minute}
	// Join codes that match no class: a class's worth of typos from one
	// address and a few from one account, then one a minute at most.
	joinAddressRate = throttle.Rate{Burst: 30, Every: 30 * time.Second}
	joinAccountRate = throttle.Rate{Burst: 10, Every: time.Minute}
	// Failed log-ins for a username from an address: 5 free, then a wait of
	// 30 seconds, doubling up to 15 minutes, before the next is checked.
	// Failures are remembered for a day (see db.RecordLoginFailure).
	loginBackoff = throttle.Backoff{Free: questions.MaxLoginFailures, Base: 30 * time.Second, Max: 15 * time.Minute}
	loginMemory  = 24 * time.Hour
	// maxThrottleKeys bounds each limiter's memory (a few hundred KiB).
	maxThrottleKeys = 10_000
)

// limits are the app's token buckets.
type limits struct {
	signups      *throttle.Limiter // per address
	joinAddress  *throttle.Limiter
	joinAccounts *throttle.Limiter
}

func newLimits() *limits {
	return &limits{
		signups:      throttle.NewLimiter(signupRate, maxThrottleKeys),
		joinAddress:  throttle.NewLimiter(joinAddressRate, maxThrottleKeys),
		joinAccounts: throttle.NewLimiter(joinAccountRate, maxThrottleKeys),
	}
}

// passwordWork lets only as many bcrypt hashes or checks run at once as
// there are CPUs, so that log-ins and sign-ups queue behind each other
// rather than starve every other page.
var passwordWork = make(chan struct{}, runtime.GOMAXPROCS(0))

// passwordHashes counts the hashes made, for the tests.
var passwordHashes atomic.Int64

func hashPassword(password string) ([]byte, error) {
	passwordWork <- struct{}{}
	defer func() { <-passwordWork }()
	passwordHashes.Add(1)
	return questions.HashPassword(password)
}

func checkPassword(hash []byte, password string) bool {
	passwordWork <- struct{}{}
	defer func() { <-passwordWork }()
	return questions.CheckPassword(hash, password)
}

func checkNoPassword(password string) bool {
	passwordWork <- struct{}{}
	defer func() { <-passwordWork }()
	return questions.CheckNoPassword(password)
}

// tooMany answers 429 with when to come back.
func tooMany(c *fiber.Ctx, wait time.Duration) {
	c.Status(fiber.StatusTooManyRequests)
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(waitSeconds(wait)))
}

// waitSeconds is a wait in whole seconds, rounded up.
func waitSeconds(wait time.Duration) int {
	return max(1, int((wait+time.Second-1)/time.Second))
}

// waitText says a wait as a person would.
func waitText(wait time.Duration) string {
	if s := waitSeconds(wait); s < 120 {
		return strconv.Itoa(s) + " seconds"
	}
	return strconv.Itoa((waitSeconds(wait)+59)/60) + " minutes"
}

// absURL is path on this server as others reach it: on Deps.BaseURL, or
// when none is set (in tests) on localhost.
func (a *App) absURL(path string) string {
	base := strings.TrimRight(a.BaseURL, "/")
	if base == "" {
		base = "http://localhost:8080"
	}
	return base + path
}

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
	vm := views.SignupPage{Page: a.signupPage(c), Invite: c.Query("invite"), Next: safeNext(c.Query("next"))}
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
	vm := views.SignupPage{Page: a.signupPage(c), Username: username, Invite: invite, Next: safeNext(c.FormValue("next"))}
	if errs := questions.ValidateCredentials(username, password, again); errs != nil {
		vm.Errors = errs
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Signup(vm))
	}
	// Everything that can be checked cheaply is, before bcrypt's CPU is
	// spent: a taken username, an invitation used up.
	_, _, err := a.Store.AccountByUsername(ctx, username)
	if err == nil {
		vm.Errors = map[string]string{"username": questions.ErrorMessage(db.ErrUsernameTaken)}
		c.Status(fiber.StatusBadRequest)
		return render(c, views.Signup(vm))
	}
	if !errors.Is(err, questions.ErrNotFound) {
		return err
	}
	if invite != "" {
		ok, err := a.Store.InviteValid(ctx, invite)
		if err != nil {
			return err
		}
		if !ok {
			vm.Errors = map[string]string{"form": questions.ErrorMessage(db.ErrInviteInvalid)}
			c.Status(fiber.StatusBadRequest)
			return render(c, views.Signup(vm))
		}
	}
	if ok, wait := a.limits.signups.Allow(throttle.AddrKey(a.clientAddr(c)), time.Now()); !ok {
		vm.Errors = map[string]string{"form": "Many accounts have been made from your address lately. Wait " + waitText(wait) +
			" and try again."}
		tooMany(c, wait)
		return render(c, views.Signup(vm))
	}
	hash, err := hashPassword(password)
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
	if vm.Next != "" {
		return c.Redirect(vm.Next, fiber.StatusSeeOther)
	}
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

// login checks a password, unless this username has failed too often from
// this address lately.
func (a *App) login(c *fiber.Ctx) error {
	ctx := c.UserContext()
	username := strings.TrimSpace(c.FormValue("username"))
	password := c.FormValue("password")
	vm := views.LoginPage{Page: a.loginPage(c), Username: username, Next: safeNext(c.FormValue("next"))}
	if len(username) > 64 || len(password) > questions.MaxPassword {
		return badRequest("That username or password is too long.")
	}
	// Failures count per username and address together: someone else's
	// guesses, or a classmate's typos behind the school's one address, do
	// not stop the right password from anywhere else. Guesses from one
	// address slow down rather than lock the account.
	now, addr := time.Now(), a.clientAddr(c)
	failures, last, err := a.Store.LoginFailures(ctx, username, addr, now.Add(-loginMemory))
	if err != nil {
		return err
	}
	if wait := loginBackoff.Wait(failures, last, now); wait > 0 {
		vm.Error = "Too many wrong passwords for this username from here. Wait " + waitText(wait) + " and try again."
		tooMany(c, wait)
		return render(c, views.Login(vm))
	}
	acc, hash, err := a.Store.AccountByUsername(ctx, username)
	ok := false
	switch {
	case err == nil:
		ok = checkPassword(hash, password)
	case errors.Is(err, questions.ErrNotFound):
		ok = checkNoPassword(password)
	default:
		return err
	}
	if !ok {
		if err := a.Store.RecordLoginFailure(ctx, username, addr); err != nil {
			return err
		}
		vm.Error = "That username and password do not match."
		c.Status(fiber.StatusUnauthorized)
		return render(c, views.Login(vm))
	}
	if err := a.Store.ClearLoginFailures(ctx, username, addr); err != nil {
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
	a.clearCookie(c, learnerCookie) // a fresh anonymous visitor, with a fresh CSRF token
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
	if !checkPassword(hash, c.FormValue("current")) {
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
	newHash, err := hashPassword(c.FormValue("password"))
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
		InviteLink: a.absURL("/signup?invite=" + token)}
	return render(c, views.AccountView(vm))
}
