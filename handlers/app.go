// Package handlers is Sabaq's web layer: it parses requests, calls the store
// and the domain, and renders views.
package handlers

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/media"
	"sabaq/questions/mentions"
	"sabaq/questions/revision"
	"sabaq/questions/sets"
	"sabaq/questions/written"
	"sabaq/views"
)

// Store is what the handlers need from storage.
type Store interface {
	Ping(ctx context.Context) error
	learnerStore // identifying visitors: see learner.go
	LearnerByToken(ctx context.Context, token string) (questions.Learner, error)
	CreatePracticeSession(ctx context.Context, learnerID int64, f questions.PracticeFilters, seed uint64, questionIDs []string) (int64, error)
	PracticeSession(ctx context.Context, learnerID, id int64) (questions.PracticeSession, error)
	MarkShown(ctx context.Context, sessionID int64, position int) error
	RecordAttempt(ctx context.Context, a questions.Attempt) (questions.Attempt, bool, error)
	RecentSessions(ctx context.Context, learnerID int64, limit int) ([]questions.PracticeSession, error)
	LearnerAttempts(ctx context.Context, learnerID int64) ([]questions.Attempt, error)

	// Revision: the ledger of reviews, cards, the queue and counts
	revision.Store
	SaveReviewSettings(ctx context.Context, learnerID int64, rs questions.ReviewSettings) error
	DueCards(ctx context.Context, learnerID int64, until time.Time) ([]questions.CardRecord, error)
	KnownQuestions(ctx context.Context, learnerID int64) (map[string]bool, error)
	Activity(ctx context.Context, learnerID int64) (questions.Activity, error)

	// Classrooms
	SetItems(ctx context.Context, setID int64) ([]db.SetItem, error)

	// Question sets
	CreateSet(ctx context.Context, ownerID int64, title, description string, items []sets.Item) (int64, []int64, error)
	SetInfo(ctx context.Context, id int64) (questions.SetInfo, error)
	SetsByOwner(ctx context.Context, ownerID int64) ([]questions.SetInfo, error)
	UpdateSet(ctx context.Context, id int64, title, description string) error
	DeleteSet(ctx context.Context, id int64) error
	AddItems(ctx context.Context, setID int64, items []sets.Item) ([]int64, error)
	ImportSet(ctx context.Context, ownerID int64, title, description string, items []sets.Item, files []media.File) (int64, []int64, error)
	ImportItems(ctx context.Context, setID int64, items []sets.Item, files []media.File) ([]int64, int, error)
	SetGuids(ctx context.Context, setID int64) (map[string]bool, error)
	PutMedia(ctx context.Context, ownerID int64, files []media.File) error
	Media(ctx context.Context, name string) (media.File, error)
	MediaFiles(ctx context.Context, names []string) (map[string]media.File, error)
	UpdateItem(ctx context.Context, setID, itemID int64, it sets.Item) error
	DeleteItem(ctx context.Context, setID, itemID int64) error

	// Classes and dashboards
	classSets
	CreateClass(ctx context.Context, teacherID int64, name string) (questions.Class, error)
	Class(ctx context.Context, id int64) (questions.Class, error)
	ClassByCode(ctx context.Context, code string) (questions.Class, error)
	ClassesByTeacher(ctx context.Context, teacherID int64) ([]questions.Class, error)
	ClassesOfStudent(ctx context.Context, accountID int64) ([]questions.Class, error)
	JoinClass(ctx context.Context, classID, accountID int64) error
	Members(ctx context.Context, classID int64) ([]questions.Member, error)
	Assign(ctx context.Context, classID, setID int64, due, exam string) error
	Unassign(ctx context.Context, classID, assignmentID int64) error
	ClassAssignments(ctx context.Context, classID int64) ([]questions.Assignment, error)
	Roster(ctx context.Context, classID int64, now time.Time) (db.Roster, error)
	ClassFirstAttempts(ctx context.Context, classID int64) ([]db.ClassAttempt, error)

	// A learner's own data
	ExportLearner(ctx context.Context, learnerID int64) (db.LearnerData, error)
	DeleteLearner(ctx context.Context, learnerID int64) error

	// Accounts
	CreateAccount(ctx context.Context, na questions.NewAccount) (questions.Account, error)
	AccountByUsername(ctx context.Context, username string) (questions.Account, []byte, error)
	AccountBySession(ctx context.Context, token string) (questions.Account, questions.Learner, error)
	Generation(learnerID int64) uint64
	CreateSession(ctx context.Context, accountID int64) (string, time.Time, error)
	DeleteSession(ctx context.Context, token string) error
	ChangePassword(ctx context.Context, accountID int64, hash []byte, keepToken string) error
	RecordLoginFailure(ctx context.Context, username, address string) error
	LoginFailures(ctx context.Context, username, address string, since time.Time) (int, time.Time, error)
	ClearLoginFailures(ctx context.Context, username, address string) error
	CreateInvite(ctx context.Context, teacherID int64) (string, error)
	InviteValid(ctx context.Context, token string) (bool, error)

	// Reports of problems with questions, and hidden questions
	reportStore

	// Written answers: drafts, submissions and self-assessment
	writtenStore
	writtenProgressStore // written answers on the progress page: writtenreview.go
	paperStore           // paper mode: writtenpaper.go
	teachWrittenStore    // written assignments and marking: teachwritten.go
	authoredWrittenStore // teachers' own written questions: authoredwritten.go

	// Mock exams
	CreateMockExam(ctx context.Context, learnerID int64, formKey string, setup questions.MockSetup, seed uint64, questionIDs []string) (int64, error)
	MockExam(ctx context.Context, learnerID, id int64) (questions.MockExam, error)
	MockExams(ctx context.Context, learnerID int64, limit int) ([]questions.MockExam, error)
	MarkMockShown(ctx context.Context, examID int64, position int) error
	SaveMockMark(ctx context.Context, learnerID, examID int64, position int, questionID string, given []string, credit float64) (questions.MockAnswer, bool, error)
	FlagMockItem(ctx context.Context, learnerID, examID int64, position int, flagged bool) error
	FinishMockExam(ctx context.Context, learnerID, id int64) (questions.MockExam, error)
}

// Deps is everything the app is built from.
type Deps struct {
	Store    Store
	Timeline *questions.Timeline
	Bank     *questions.Bank
	// Written is the bank of written questions, and Mentions finds the
	// timeline's events in a student's answer to one.
	Written  *written.Bank
	Mentions *mentions.Matcher
	Logger   *slog.Logger
	// CSRFKey signs the per-learner token that every state-changing form carries.
	CSRFKey []byte
	// SecureCookies marks cookies Secure on every response, for a server
	// reached only over HTTPS. Without it they are Secure when the request
	// came over TLS, directly or through a trusted proxy.
	SecureCookies bool
	// TrustedProxies are the IP addresses and CIDR ranges (see ParseProxies)
	// of reverse proxies whose X-Forwarded-Proto, X-Forwarded-Host and
	// X-Forwarded-For are believed. Anyone else's are ignored; empty, the
	// default, believes no one.
	TrustedProxies []string
	// BaseURL is where the server is reached, such as https://sabaq.school.pk:
	// links to share (invitations, join links) start with it, never with a
	// request's Host header, which whoever sends the request chooses.
	BaseURL string
}

// App holds the handlers' dependencies.
type App struct {
	Deps
	// Revision is the revision service: decks, the review queue (kept per
	// learner), the ledger of reviews and the counts every page shows.
	Revision *revision.Service
	chart    views.Chart
	imports  *pendingImports // import previews awaiting confirmation
	proxies  []netip.Prefix  // TrustedProxies, parsed
	static   staticAssets    // the embedded assets, compressed once
	hiding   *sync.Mutex     // one hide or unhide at a time (see setHidden)
	limits   *limits         // sign-ups and join codes, per address and account
}

// New builds the Fiber app with every route and middleware. main and the
// tests both use it.
func New(d Deps) *fiber.App {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	a := &App{Deps: d, Revision: revision.New(d.Store, d.Timeline, d.Bank), imports: &pendingImports{}, hiding: &sync.Mutex{}, limits: newLimits()}
	a.chart = layoutChart(d.Timeline.Events)
	var trusted []string
	for _, p := range d.TrustedProxies {
		prefix, err := parseProxy(p)
		if err != nil {
			d.Logger.Error("ignoring a trusted proxy that is not an IP address or CIDR range", "proxy", p)
			continue
		}
		a.proxies = append(a.proxies, prefix)
		trusted = append(trusted, prefix.String())
	}
	app := fiber.New(fiber.Config{
		AppName: "sabaq",
		// Only a teacher's upload may send more: see bodyLimits.
		BodyLimit:             MaxBody,
		ReadTimeout:           15 * time.Second,
		WriteTimeout:          15 * time.Second,
		IdleTimeout:           60 * time.Second,
		DisableStartupMessage: true,
		ErrorHandler:          a.handleError,
		// Fiber reuses request buffers; Immutable copies values so that
		// strings taken from a request stay valid after the handler returns.
		Immutable: true,
		// Fiber believes anyone's X-Forwarded-* headers unless told whom to
		// trust: only the configured proxies may say a request was HTTPS.
		EnableTrustedProxyCheck: true,
		TrustedProxies:          trusted,
	})
	// The server is fasthttp's, made by fiber.New and used by Listen.
	app.Server().HeaderReceived = a.bodyLimits
	app.Use(recover.New(recover.Config{
		EnableStackTrace: true,
		StackTraceHandler: func(c *fiber.Ctx, e any) {
			d.Logger.Error("panic", "path", c.Path(), "panic", e)
		},
	}))
	app.Use(a.logRequests)
	app.Use(securityHeaders)
	app.Use(a.compressResponses)
	static, err := fs.Sub(views.Static, "static")
	if err == nil {
		a.static, err = loadStatic(static)
	}
	if err != nil {
		panic(err) // the embedded folder is part of the binary; this cannot fail at run time
	}
	app.Get("/static/*", a.static.serve)
	app.Get("/media/:name", a.serveMedia)
	a.routes(app)
	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
	return app
}

// ParseProxies reads a comma-separated list of IP addresses and CIDR ranges
// of trusted reverse proxies, such as "127.0.0.1, 10.0.0.0/8".
func ParseProxies(s string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		prefix, err := parseProxy(p)
		if err != nil {
			return nil, err
		}
		out = append(out, prefix.String())
	}
	return out, nil
}

// parseProxy reads one address or range; an address is a range of one.
func parseProxy(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("handlers: trusted proxy %q is not a CIDR range such as 10.0.0.0/8", s)
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		return p.Masked(), nil
	}
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("handlers: trusted proxy %q is not an IP address such as 127.0.0.1", s)
	}
	addr = addr.Unmap().WithZone("")
	return netip.PrefixFrom(addr, addr.BitLen()), nil
}

// clientAddr is the address a request came from: the connection's, or,
// when that is a trusted proxy, the last address in X-Forwarded-For that is
// not itself a trusted proxy. Addresses before that one are whatever the
// client chose to send, so they are not believed.
func (a *App) clientAddr(c *fiber.Ctx) string {
	remote := c.Context().RemoteIP()
	addr, ok := netip.AddrFromSlice(remote)
	if !ok || !a.trustedProxy(addr.Unmap()) {
		return remote.String()
	}
	hops := strings.Split(c.Get(fiber.HeaderXForwardedFor), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // no header, or not one a proxy of ours wrote
		}
		if hop = hop.Unmap().WithZone(""); !a.trustedProxy(hop) {
			return hop.String()
		}
	}
	return remote.String()
}

func (a *App) trustedProxy(addr netip.Addr) bool {
	for _, p := range a.proxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
