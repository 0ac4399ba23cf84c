package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

const inviteUsage = `Usage:
  provisiond invite --all [--integration N] [--dry-run] [--message TEXT]
  provisiond invite --file F.csv|F.xlsx [--dry-run] [--message TEXT]
  provisiond invite --account ID [--message TEXT]
  provisiond invite --emails "a@example.com, b@example.com" [--message TEXT]
  Each takes [--method link|code]: a claim link, or a one-time code with its
  QR image and the /code address (default: the integration's delivery method).

Invites accounts that are not yet invited. --all takes every active
not_invited account (of one integration with --integration, which also turns
that integration's auto-invite on); with --dry-run it prints how many mails
and access codes it would give, per integration, and sends nothing; without
it, on a terminal, a progress bar is drawn on stderr. --file reads a csv (, or ;) or
xlsx file (at most 20 MB) whose header row has an "Email" or "External ID"
column and prints a header and one line per row: row, value, result
(invited, already_invited, not_found, invalid), reason, account, link.
--emails and --account print value, account, result, reason, link. Accounts
without an email get an access code instead of a mail. --output tsv
(default), table or json (docs/cli.md). Exit status 4 when any row is
invalid or not_found (the other rows are invited).

The mail is sent by the running 'provisiond serve' (a durable job, with the
server's SMTP settings and base URL, even when this shell has none). When
the server has no SMTP, nothing is mailed and the link column holds each
claim link to hand over ('provisiond invitation link ID' shows it again).

Examples:
  provisiond invite --all --dry-run
  provisiond invite --all --integration okta
  provisiond invite --file people.xlsx --dry-run
  provisiond invite --emails "ada@example.com, alan@example.com" --message "Welcome aboard"
`

func init() {
	register("invite", command{summary: "invite accounts (all, file, account, emails)", usage: inviteUsage, run: runInvite})
}

func runInvite(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("invite", inviteUsage, out)
	all := fs.Bool("all", false, "every active not_invited account")
	integration := fs.String("integration", "", "with --all: only this integration (name or id)")
	file := fs.String("file", "", "csv or xlsx with an Email or External ID column")
	dry := fs.Bool("dry-run", false, "with --all or --file: only report, send nothing")
	accountID := fs.String("account", "", "one account id")
	emails := fs.String("emails", "", `addresses, e.g. "a@x, b@y"`)
	message := fs.String("message", "", "plain-text message added to the mail")
	method := fs.String("method", "", "link or code; default: each integration's delivery method")
	format := outputFlag(fs, outputTSV)
	if err := parse(fs, args, inviteUsage, out); err != nil {
		return err
	}
	if err := checkOutput(*format); err != nil {
		return err
	}
	if _, err := invite.ParseMethod(*method); err != nil {
		return usagef("--method must be link or code, not %q", *method)
	}
	n := 0
	for _, set := range []bool{*all, *file != "", *accountID != "", *emails != ""} {
		if set {
			n++
		}
	}
	if n != 1 {
		return usagef("give exactly one of --all, --file, --account or --emails")
	}
	if *integration != "" && !*all {
		return usagef("--integration goes with --all")
	}
	if *dry && !*all && *file == "" {
		return usagef("--dry-run goes with --all or --file")
	}
	var f *invite.ImportFile
	if *file != "" {
		var err error
		if f, err = readInviteFile(*file); err != nil { // before the database is touched
			return err
		}
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	a.invites = a.invites.WithMethod(*method) // the admin's choice, else each integration's
	switch {
	case *all:
		return inviteAll(ctx, a, *integration, *message, *dry, *format, out)
	case f != nil:
		rows, err := a.invites.Import(ctx, "cli", f, *message, *dry)
		return printInviteRows(out, a, *format, fileColumns, fileRows(rows), err)
	case *accountID != "":
		rs, err := a.invites.InviteAccounts(ctx, "cli", []string{*accountID}, *message)
		return printInviteRows(out, a, *format, resultColumns, resultRows(rs), err)
	}
	rs, err := a.invites.InviteEmails(ctx, "cli", *emails, *message)
	return printInviteRows(out, a, *format, resultColumns, resultRows(rs), err)
}

func inviteAll(ctx context.Context, a *app, ref, message string, dry bool, format string, out io.Writer) error {
	var in *store.Integration
	if ref != "" {
		var err error
		if in, err = integrationByArg(ctx, a, ref); err != nil {
			return err
		}
	}
	if dry {
		return forecastAll(ctx, a, in, out)
	}
	bar := newProgressBar(os.Stderr)
	res, err := a.invites.InviteAllProgress(ctx, "cli", in, message, bar.count("accounts"))
	bar.finish()
	if err != nil {
		return err
	}
	if format == outputJSON {
		return writeJSON(out, struct {
			invite.AllResult
			Mail string `json:"mail"`
		}{res, mailState(a)})
	}
	fmt.Fprintf(out, "invited %d, access codes %d, already invited %d\n", res.Invited, res.AccessCodes, res.AlreadyInvited)
	if res.AutoInviteEnabled {
		fmt.Fprintf(out, "auto-invite is now on for integration %q\n", in.Name)
	}
	if res.Invited > 0 && !a.invites.MailEnabled() {
		fmt.Fprintln(out, "no SMTP: nothing was mailed; 'provisiond invitation list --status sent' and 'provisiond invitation link ID' give each link")
	}
	return nil
}

// readInviteFile reads and parses an invite --file: a regular file of at
// most invite.MaxImportBytes, csv or xlsx (invite.ParseImport).
func readInviteFile(path string) (*invite.ImportFile, error) {
	data, err := readUpload(path)
	if err != nil {
		return nil, fmt.Errorf("--file: %w", err)
	}
	f, err := invite.ParseImport(filepath.Base(path), data)
	if err != nil {
		return nil, fmt.Errorf("--file %s: %w", path, err)
	}
	return f, nil
}

// forecastAll prints what invite --all would send, per integration.
func forecastAll(ctx context.Context, a *app, in *store.Integration, out io.Writer) error {
	f, err := a.invites.ForecastAll(ctx, in)
	if err != nil {
		return err
	}
	tw := newTable(out, "INTEGRATION\tMAILS\tACCESS CODES")
	for _, r := range f.Integrations {
		name := r.IntegrationName
		if name == "" {
			name = "(admin-created)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\n", name, r.Mailed, r.AccessCodes)
	}
	tw.Flush()
	fmt.Fprintf(out, "dry run: would send %d invitation mails and issue %d access codes; nothing was sent\n", f.Mailed, f.AccessCodes)
	if f.AutoInviteWouldTurnOn {
		fmt.Fprintf(out, "auto-invite would be turned on for integration %q\n", in.Name)
	}
	return nil
}
