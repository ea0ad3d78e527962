package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"sabaq/db"
	"sabaq/questions"
)

// userCmd manages accounts from the shell: `sabaq user add --role teacher NAME`
// makes the first teacher, who can then invite others from the web.
func userCmd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("%w: sabaq user add [--role student|teacher] [--password-stdin] [-db FILE] NAME", errUsage)
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	role := fs.String("role", "student", "student or teacher")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	dbPath := fs.String("db", orDefault(getenv("SABAQ_DB"), "./sabaq.db"), "SQLite database file (env SABAQ_DB)")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: give exactly one username", errUsage)
	}
	name := fs.Arg(0)
	if *role != string(questions.Student) && *role != string(questions.Teacher) {
		return fmt.Errorf("%w: --role must be student or teacher", errUsage)
	}
	var password, again string
	if *fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("reading the password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
		again = password
	} else {
		f, ok := stdin.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return errors.New("standard input is not a terminal: use --password-stdin")
		}
		var err error
		if password, err = prompt(f, stderr, "Password: "); err != nil {
			return err
		}
		if again, err = prompt(f, stderr, "Password again: "); err != nil {
			return err
		}
	}
	if errs := questions.ValidateCredentials(name, password, again); errs != nil {
		for _, k := range []string{"username", "password"} {
			if msg, ok := errs[k]; ok {
				return fmt.Errorf("%s: %s", k, msg)
			}
		}
	}
	hash, err := questions.HashPassword(password)
	if err != nil {
		return err
	}
	store, err := db.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer store.Close()
	na := questions.NewAccount{Username: name, PasswordHash: hash, Role: questions.Role(*role)}
	create := store.CreateAccount
	if na.Role == questions.Teacher {
		// A teacher made from the shell is an admin: they may also hide the
		// timeline's questions from everyone. Invited teachers are not.
		create = store.CreateAdmin
	}
	acc, err := create(ctx, na)
	if err != nil {
		if code := questions.ErrorCode(err); code != questions.EINTERNAL {
			return errors.New(questions.ErrorMessage(err))
		}
		return err
	}
	admin := ""
	if na.Role == questions.Teacher {
		admin = ", an admin"
	}
	fmt.Fprintf(stdout, "made %s %s (account %d)%s\n", acc.Role, acc.Username, acc.ID, admin)
	return nil
}

func prompt(f *os.File, stderr io.Writer, label string) (string, error) {
	fmt.Fprint(stderr, label)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(stderr)
	if err != nil {
		return "", fmt.Errorf("reading the password: %w", err)
	}
	return string(b), nil
}
