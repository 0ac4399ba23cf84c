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

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/store"
)

const adminUsage = `Usage:
  provisiond admin create --email E [--name N] [--role owner|admin|viewer] [--password-file F | --no-password]
  provisiond admin reset-password --email E [--password-file F] [--owner]
  provisiond admin token list
  provisiond admin token revoke [NAME|ID]

Creates a local console admin who signs in at /admin/login with a password
(argon2id). The password is read from --password-file (one trailing newline
trimmed); without it, on a terminal, it is asked for twice without echo;
otherwise it is the first line of standard input. --no-password makes an
admin who signs in through the console's OIDC provider only, and is refused
when console OIDC login (PROVISIOND_OIDC_ISSUER) is not configured. The first
admin of an instance is always an owner and its creator, whatever --role says.
reset-password recovers access: new password, admin re-enabled, sessions ended;
--owner also makes them an owner (for an instance whose owners are locked out).
token list shows the admin API tokens; token revoke revokes the active ones
named NAME (default: bootstrap, the one PROVISIOND_BOOTSTRAP_TOKEN installs) or
with id ID. A revoked token stays revoked: serve does not install
PROVISIOND_BOOTSTRAP_TOKEN again while it holds a revoked value (unset it, or
set a new value to install a new token when no active one is left).

Examples:
  provisiond admin create --email ada@example.com --password-file /run/secrets/admin-password
  echo "$ADMIN_PASSWORD" | provisiond admin create --email bob@example.com --role viewer
  provisiond admin reset-password --email ada@example.com --owner < new-password.txt
  provisiond admin token revoke
`

func init() {
	register("admin", command{summary: "create local console admins, recover access, revoke API tokens", usage: adminUsage, run: runAdmin})
}

func runAdmin(ctx context.Context, args []string, out io.Writer) error {
	withStdin := func(run func(context.Context, []string, io.Reader, io.Writer) error) func(context.Context, []string, io.Writer) error {
		return func(ctx context.Context, args []string, out io.Writer) error { return run(ctx, args, os.Stdin, out) }
	}
	return runSubcommand(ctx, "admin", adminUsage, []subcommand{
		{"create", withStdin(adminCreate)}, {"reset-password", withStdin(adminResetPassword)}, {"token", adminToken},
	}, args, out)
}

func adminCreate(ctx context.Context, args []string, stdin io.Reader, out io.Writer) error {
	fs, cfg := newFlags("admin create", adminUsage, out)
	email := fs.String("email", "", "the admin's email address (login name)")
	name := fs.String("name", "", "display name")
	role := fs.String("role", "admin", "owner, admin or viewer")
	pwFile := fs.String("password-file", "", "file holding the password (default: a prompt on a terminal, else standard input)")
	noPassword := fs.Bool("no-password", false, "no local password: the admin signs in through the console's OIDC provider only")
	if err := parse(fs, args, adminUsage, out); err != nil {
		return err
	}
	var pw *string
	switch {
	case *noPassword && *pwFile != "":
		return usagef("--no-password and --password-file exclude each other")
	case !*noPassword:
		p, err := readAdminPassword(*pwFile, stdin) // before the database is touched
		if err != nil {
			return err
		}
		pw = &p
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	if pw == nil && a.cfg.OIDCIssuer == "" {
		a.Close()
		// Nobody could ever sign in as this admin.
		return usagef("--no-password needs console OIDC login (oidcIssuer, PROVISIOND_OIDC_ISSUER); give a password instead")
	}
	defer a.Close()
	ad, err := a.integrations.CreateAdmin(ctx, "cli", integration.AdminInput{Email: email, Name: name, Role: role, Password: pw})
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("an admin with email %q already exists", *email)
	}
	if err != nil {
		return refused(err, adminFlags)
	}
	fmt.Fprintf(out, "created admin %s (id %s, role %s)\n", ad.Email, ad.ID, ad.Role)
	return nil
}

// adminFlags name the flags behind the fields integration.Service checks;
// the password's policy speaks for itself.
var adminFlags = map[string]string{"email": "--email", "role": "--role", "password": "password refused:"}

// openWithPassword parses args, reads the password (from *pwFile, once the
// flags are parsed, or stdin) and only then opens the app, so a missing
// password is reported before the database is touched.
func openWithPassword(ctx context.Context, fs *flag.FlagSet, cfg, pwFile *string, args []string, stdin io.Reader, out io.Writer) (*app, string, error) {
	if err := parse(fs, args, adminUsage, out); err != nil {
		return nil, "", err
	}
	pw, err := readAdminPassword(*pwFile, stdin)
	if err != nil {
		return nil, "", err
	}
	a, err := openApp(ctx, *cfg)
	return a, pw, err
}

// readAdminPassword reads the password from path; else, on a terminal,
// prompts for it twice on stderr without echo; else reads the first line
// of stdin (a pipe, a script).
func readAdminPassword(path string, stdin io.Reader) (string, error) {
	var pw string
	switch f, isFile := stdin.(*os.File); {
	case path != "":
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("--password-file: %w", unwrapPath(err))
		}
		pw = strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	case isFile && term.IsTerminal(int(f.Fd())):
		var err error
		if pw, err = promptPassword(int(f.Fd()), os.Stderr); err != nil {
			return "", err
		}
	default:
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read password from stdin: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if pw == "" {
		return "", usagef("no password: type it at the prompt, give --password-file or pipe it on standard input")
	}
	return pw, nil
}

// promptPassword asks for the password and its confirmation on the
// terminal fd, echo off; the prompts go to w (stderr).
func promptPassword(fd int, w io.Writer) (string, error) {
	read := func(prompt string) (string, error) {
		fmt.Fprint(w, prompt)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(w)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		return string(b), nil
	}
	pw, err := read("Password: ")
	if err != nil || pw == "" {
		return "", err
	}
	again, err := read("Confirm password: ")
	if err != nil {
		return "", err
	}
	if again != pw {
		return "", errors.New("the passwords do not match; nothing was changed")
	}
	return pw, nil
}
