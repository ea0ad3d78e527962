package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/sets"
	"sabaq/questions/sets/formats"
	"sabaq/questions/written"
)

// importUsage names the formats from the registry, which the web uses too.
var importUsage = "sabaq import --format " + strings.Join(db.Formats().Importers().Keys(), "|") + " --set TITLE --owner USERNAME [--dry-run] [--skip-unsupported] [--term-sep SEP] [--row-sep SEP] [-db FILE] FILE"

// importCmd imports a file of questions as a new set owned by a teacher,
// the web import's preview and confirm in one step: it prints how many
// questions of each kind the file holds, then every error and unsupported
// question by line. Nothing is written when there are errors, when there
// are unsupported questions and --skip-unsupported is not given, or with
// --dry-run (which does not open the database at all, so the owner is
// checked only when writing). The set and its items are written in one
// transaction. FILE "-" reads standard input.
func importCmd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "", strings.Join(db.Formats().Importers().Keys(), ", "))
	title := fs.String("set", "", "title of the new set")
	owner := fs.String("owner", "", "username of the teacher who will own the set")
	dryRun := fs.Bool("dry-run", false, "print the preview and write nothing")
	skip := fs.Bool("skip-unsupported", false, "import the other questions when some are of kinds Sabaq does not support")
	termSep := fs.String("term-sep", "tab", "text format: between term and definition (tab, comma, semicolon, dash, or the text itself; \\t and \\n allowed)")
	rowSep := fs.String("row-sep", "newline", "text format: between rows (newline, semicolon, or the text itself; \\t and \\n allowed)")
	dbPath := fs.String("db", orDefault(getenv("SABAQ_DB"), "./sabaq.db"), "SQLite database file (env SABAQ_DB)")
	// Flags may come after FILE too: parse again after each argument.
	var files []string
	for rest := args; ; rest = fs.Args()[1:] {
		if err := fs.Parse(rest); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
	}
	f, ferr := db.Formats().Importers().Lookup(*format)
	switch {
	case len(files) != 1:
		return fmt.Errorf("%w: give exactly one file\n  %s", errUsage, importUsage)
	case ferr != nil:
		return fmt.Errorf("%w: --format: %v\n  %s", errUsage, ferr, importUsage)
	case strings.TrimSpace(*title) == "" || utf8.RuneCountInString(*title) > 200:
		return fmt.Errorf("%w: --set needs a title of at most 200 characters\n  %s", errUsage, importUsage)
	case strings.TrimSpace(*owner) == "":
		return fmt.Errorf("%w: --owner needs the username of a teacher\n  %s", errUsage, importUsage)
	}
	opts := formats.TextOptions{TermSep: separator(*termSep), RowSep: separator(*rowSep)}
	if f.Key == "text" && opts.TermSep == opts.RowSep {
		return fmt.Errorf("%w: --term-sep and --row-sep must differ", errUsage)
	}

	var in io.Reader = stdin
	if files[0] != "-" {
		file, err := os.Open(files[0])
		if err != nil {
			return err
		}
		defer file.Close()
		in = file
	}
	res, err := f.Parse(in, opts)
	if errors.Is(err, formats.ErrTooLarge) {
		return fmt.Errorf("%s: the file is larger than 5 MB, the most one import may be: split it", files[0])
	}
	if err != nil {
		return err
	}

	fmt.Fprintf(stdout, "%s (%s): %s\n", files[0], f.Name, nQuestions(len(res.Items)))
	counts := res.Counts()
	for _, k := range sets.Kinds {
		if counts[k] > 0 {
			fmt.Fprintf(stdout, "  %-24s %5d\n", sets.KindNames[k], counts[k])
		}
	}
	if len(res.Written) > 0 {
		fmt.Fprintf(stdout, "  %-24s %5d\n", "written (essay)", len(res.Written))
	}
	for _, w := range res.Written {
		if w.Note != "" {
			fmt.Fprintf(stdout, "written: line %d: %s\n", w.Line, w.Note)
		}
	}
	for _, p := range res.Errors {
		fmt.Fprintf(stdout, "error: %s\n", p)
	}
	for _, p := range res.Unsupported {
		fmt.Fprintf(stdout, "unsupported: %s\n", p)
	}
	for _, p := range res.NotKept {
		fmt.Fprintf(stdout, "%s\n", p) // "line 3 (Q1): not kept: <script>"
	}
	for _, p := range res.ToCheck {
		fmt.Fprintf(stdout, "to check: %s\n", p)
	}
	switch {
	case len(res.Errors) > 0:
		return fmt.Errorf("%d error(s): nothing was imported", len(res.Errors))
	case len(res.Unsupported) > 0 && !*skip:
		return fmt.Errorf("%d question(s) of kinds Sabaq does not support: nothing was imported (with --skip-unsupported the other %s are)",
			len(res.Unsupported), nQuestions(len(res.Items)))
	case len(res.Items) == 0 && len(res.Written) == 0:
		return errors.New("there are no questions to import")
	}
	if len(res.Unsupported) > 0 {
		fmt.Fprintf(stdout, "skipping %d unsupported question(s)\n", len(res.Unsupported))
	}
	if *dryRun {
		fmt.Fprintln(stdout, "dry run: nothing was written")
		return nil
	}

	store, err := db.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	acc, _, err := store.AccountByUsername(ctx, strings.TrimSpace(*owner))
	if errors.Is(err, questions.ErrNotFound) {
		return fmt.Errorf("there is no account called %q: nothing was imported", *owner)
	}
	if err != nil {
		return err
	}
	if acc.Role != questions.Teacher {
		return fmt.Errorf("%s is not a teacher; only teachers own sets: nothing was imported", acc.Username)
	}
	ws := make([]written.Question, len(res.Written))
	for i, w := range res.Written {
		ws[i] = w.Question
	}
	id, ids, wids, err := store.ImportSetWritten(ctx, acc.ID, strings.TrimSpace(*title), "", res.Items, res.Media, ws)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %s into the set %q (set %d) of %s\n", nQuestions(len(ids)), strings.TrimSpace(*title), id, acc.Username)
	if len(wids) > 0 {
		fmt.Fprintf(stdout, "and %d written question(s): %s\n", len(wids), strings.Join(wids, ", "))
	}
	fmt.Fprintln(stdout, "a server already running loads the new questions when it restarts")
	return nil
}

func nQuestions(n int) string {
	if n == 1 {
		return "1 question"
	}
	return fmt.Sprintf("%d questions", n)
}

// separator reads a separator flag: a name or the text itself, with \t and
// \n for a tab and a line break.
func separator(s string) string {
	switch s {
	case "tab":
		return "\t"
	case "comma":
		return ","
	case "semicolon":
		return ";"
	case "dash":
		return " - "
	case "newline":
		return "\n"
	}
	return strings.NewReplacer(`\n`, "\n", `\t`, "\t").Replace(s)
}
