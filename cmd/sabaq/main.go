// Command sabaq serves the Sabaq revision app and offers tools around its
// timeline and question bank.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"sabaq/db"
	"sabaq/handlers"
	"sabaq/questions"
	"sabaq/questions/mentions"
	"sabaq/questions/written"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "sabaq:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

const usage = `Usage:
  sabaq [serve] [-addr :8080] [-db ./sabaq.db]   serve the web app
  sabaq questions [--json]                       print the timeline and question bank
  sabaq questions --review [--kind K]            print every question with its events, to read against the sources
  sabaq written [--json]                         print the written questions and their mark schemes
  sabaq eval-scheduler FILE                      replay a review log: log loss, AUC, RMSE(bins) vs a baseline
  sabaq optimize [-steps N] FILE                 fit FSRS-6's weights to a review log and test them out of sample
  sabaq simulate [flags]                         simulate a class revising for an exam, with and without exam mode
  sabaq user add [--role teacher] [--password-stdin] [-db FILE] NAME
                                                 make an account (asks for the password twice);
                                                 a teacher made here is an admin, who may hide
                                                 the timeline's questions from every queue
  sabaq import --format gift|aiken|xml|text|anki|csv --set TITLE --owner USERNAME [--dry-run] [--skip-unsupported] [-db FILE] FILE
                                                 import a file as a new set (prints the preview; writes nothing on errors)
  sabaq backup [-db FILE] COPY                   copy the database consistently, even while serving
  sabaq events-in [--json] FILE                  list the timeline events a piece of writing mentions (FILE - reads stdin)

serve also takes -secure-cookies (always mark cookies Secure), -trust-proxy
ADDRS (believe X-Forwarded-Proto and X-Forwarded-For from these proxies) and
-base-url URL (where people reach the server, such as https://sabaq.school.pk:
invitation and join links start with it; by default http://localhost:PORT).

Environment: SABAQ_ADDR, SABAQ_DB, SABAQ_SECURE_COOKIES=1, SABAQ_TRUST_PROXY and
SABAQ_BASE_URL set the defaults of -addr, -db, -secure-cookies, -trust-proxy
and -base-url.
`

// run is the whole program, with its surroundings passed in so tests can
// call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, getenv, stderr)
	case "questions":
		return printQuestions(args, stdout, stderr)
	case "eval-scheduler":
		return evalScheduler(args, stdout, stderr)
	case "optimize":
		return optimize(args, stdout, stderr)
	case "simulate":
		return simulate(args, stdout, stderr)
	case "user":
		return userCmd(ctx, args, getenv, stdin, stdout, stderr)
	case "import":
		return importCmd(ctx, args, getenv, stdin, stdout, stderr)
	case "written":
		return writtenCmd(args, stdout, stderr)
	case "backup":
		return backup(ctx, args, getenv, stdout, stderr)
	case "events-in":
		return eventsIn(args, stdin, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func serve(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", orDefault(getenv("SABAQ_ADDR"), ":8080"), "address to listen on (env SABAQ_ADDR)")
	dbPath := fs.String("db", orDefault(getenv("SABAQ_DB"), "./sabaq.db"), "SQLite database file (env SABAQ_DB)")
	secure := fs.Bool("secure-cookies", getenv("SABAQ_SECURE_COOKIES") == "1",
		"always mark cookies Secure, for a server reached only over HTTPS (env SABAQ_SECURE_COOKIES=1)")
	trustProxy := fs.String("trust-proxy", getenv("SABAQ_TRUST_PROXY"),
		"comma-separated IP addresses or CIDR ranges of reverse proxies whose X-Forwarded-Proto and X-Forwarded-For to believe (env SABAQ_TRUST_PROXY)")
	baseURL := fs.String("base-url", getenv("SABAQ_BASE_URL"),
		"where people reach the server, such as https://sabaq.school.pk; shared links start with it (default http://localhost and the port of -addr; env SABAQ_BASE_URL)")
	pprofAddr := fs.String("pprof", getenv("SABAQ_PPROF"),
		"also serve Go's profiler (net/http/pprof) on this address, e.g. 127.0.0.1:6060; off when empty (env SABAQ_PPROF)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	proxies, err := handlers.ParseProxies(*trustProxy)
	if err != nil {
		return fmt.Errorf("%w: -trust-proxy: %v", errUsage, err)
	}
	base, err := serverBaseURL(*baseURL, *addr)
	if err != nil {
		return fmt.Errorf("%w: -base-url: %v", errUsage, err)
	}
	logOut := newLogWriter(stderr)
	defer logOut.Close()
	logger := slog.New(slog.NewTextHandler(logOut, nil))

	tl, err := questions.Load()
	if err != nil {
		return err
	}
	bank := questions.NewBank(tl)
	writtenBank, err := written.Load(tl)
	if err != nil {
		return err
	}
	store, err := db.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	key, err := store.Secret(ctx, "csrf")
	if err != nil {
		return err
	}
	if err := handlers.LoadAuthored(ctx, store, bank, tl); err != nil {
		return err
	}
	if err := handlers.LoadHidden(ctx, store, bank); err != nil {
		return err
	}
	app := handlers.New(handlers.Deps{Store: store, Timeline: tl, Bank: bank, Written: writtenBank, Mentions: mentions.New(tl), Logger: logger, CSRFKey: key,
		SecureCookies: *secure, TrustedProxies: proxies, BaseURL: base})

	errc := make(chan error, 1)
	if *pprofAddr != "" {
		// A listener of its own, so the profiler is never reachable through
		// the public address.
		go func() {
			// A profiler that cannot listen must not take the server down.
			if err := servePprof(*pprofAddr); err != nil {
				logger.Error("profiler stopped", "addr", *pprofAddr, "err", err)
			}
		}()
		logger.Info("profiler listening", "addr", *pprofAddr)
	}
	// tcp4, as Fiber's Listen would; wrapped to cap each address's connections.
	ln, err := net.Listen("tcp4", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	go maintain(ctx, store, logger)
	go fitWeights(ctx, store, logger)
	go func() { errc <- app.Listener(handlers.Listener(ln)) }()
	logger.Info("listening", "addr", *addr, "db", *dbPath, "events", len(tl.Events), "questions", len(bank.Questions))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	if err := app.ShutdownWithTimeout(10 * time.Second); err != nil {
		return err
	}
	return nil
}

// serverBaseURL is where people reach the server: the configured URL, checked
// and without a trailing slash, or else this host at the listening port.
// Links people share are built from it, never from a request's Host header.
func serverBaseURL(configured, addr string) (string, error) {
	if configured == "" {
		_, port, err := net.SplitHostPort(addr)
		if err != nil || port == "" {
			return "http://localhost", nil
		}
		return "http://localhost:" + port, nil
	}
	u, err := url.Parse(configured)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q is not a URL such as https://sabaq.school.pk", configured)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// jsonEvent and jsonQuestion are the documented `sabaq questions --json`
// format; teachers' tools rely on these names.
type jsonEvent struct {
	ID       string             `json:"id"`
	Date     string             `json:"date"`
	Year     int                `json:"year"`
	Era      string             `json:"era"`
	Title    string             `json:"title"`
	Summary  string             `json:"summary"`
	Actors   []string           `json:"actors"`
	Themes   []string           `json:"themes"`
	Tone     string             `json:"tone"`
	Sources  []questions.Source `json:"sources"`
	Disputes []jsonDispute      `json:"disputes"`
	LedTo    []string           `json:"led_to"`
	// Roles maps each actor's name to what they did in the event.
	Roles           map[string]string           `json:"roles"`
	Record          map[string]string           `json:"record"`
	LinkSources     map[string]questions.Source `json:"link_sources"`
	ToneReason      string                      `json:"tone_reason"`
	Interpretations []questions.Interpretation  `json:"interpretations"`
}

type jsonDispute struct {
	Aspect  string            `json:"aspect"`
	Note    string            `json:"note"`
	Sources []string          `json:"sources"`
	Claims  []questions.Claim `json:"claims"`
	Record  string            `json:"record"`
}

func printQuestions(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("questions", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print {\"events\": [...], \"questions\": [...]} as JSON")
	review := fs.Bool("review", false, "print every question with its options, feedback and events, for a person to read")
	kind := fs.String("kind", "", "with -review: only questions of this kind")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	tl, err := questions.Load()
	if err != nil {
		return err
	}
	bank := questions.NewBank(tl)
	if *kind != "" && !slices.Contains(questions.Kinds, questions.Kind(*kind)) {
		return fmt.Errorf("%w: unknown kind %q (known: %v)", errUsage, *kind, questions.Kinds)
	}
	if *review {
		var qs []questions.Question
		for _, q := range bank.Questions {
			if *kind == "" || q.Kind == questions.Kind(*kind) {
				qs = append(qs, q)
			}
		}
		return questions.WriteReview(stdout, tl, qs)
	}
	if !*asJSON {
		counts := map[questions.Kind]int{}
		for _, q := range bank.Questions {
			counts[q.Kind]++
		}
		fmt.Fprintf(stdout, "%d events, %d questions\n", len(tl.Events), len(bank.Questions))
		for _, k := range questions.Kinds {
			fmt.Fprintf(stdout, "  %-12s %4d\n", k, counts[k])
		}
		return nil
	}
	out := struct {
		Events    []jsonEvent          `json:"events"`
		Questions []questions.Question `json:"questions"`
	}{Questions: bank.Questions}
	for _, e := range tl.Events {
		je := jsonEvent{ID: e.ID, Date: e.Date.String(), Year: e.Date.Year, Era: e.Era, Title: e.Title,
			Summary: e.Summary, Themes: e.Themes, Tone: string(e.Tone), Sources: e.Sources,
			Disputes: []jsonDispute{}, LedTo: e.LedTo, Roles: map[string]string{}, Record: e.Record,
			LinkSources: e.LinkSources, ToneReason: e.ToneReason, Interpretations: e.Interpretations}
		for _, id := range e.Actors {
			a, _ := tl.Actor(id)
			je.Actors = append(je.Actors, a.Name)
			je.Roles[a.Name] = e.Roles[id]
		}
		for _, d := range e.Disputes {
			je.Disputes = append(je.Disputes, jsonDispute{Aspect: string(d.Aspect), Note: d.Note, Sources: d.Sources, Claims: d.Claims, Record: d.Record})
		}
		if je.Record == nil {
			je.Record = map[string]string{}
		}
		if je.LinkSources == nil {
			je.LinkSources = map[string]questions.Source{}
		}
		if je.Interpretations == nil {
			je.Interpretations = []questions.Interpretation{}
		}
		if je.LedTo == nil {
			je.LedTo = []string{}
		}
		out.Events = append(out.Events, je)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
