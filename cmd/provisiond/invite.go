package main

import (
	"context"
	"errors"
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
and access codes it would give, per integration, and sends nothing. --file reads a csv (, or ;) or xlsx file
whose header row has an "Email" or "External ID" column and prints one line
per row: row, value, result (invited, already_invited, not_found, invalid),
reason. Accounts without an email get an access code instead of a mail.
The mail is sent by 'provisiond serve' (a durable job); without SMTP, fetch
a link with 'provisiond invitation link ID'.

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
	if err := parse(fs, args, inviteUsage, out); err != nil {
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
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	a.invites = a.invites.WithMethod(*method) // the admin's choice, else each integration's
	switch {
	case *all:
		return inviteAll(ctx, a, *integration, *message, *dry, out)
	case *file != "":
		return inviteFile(ctx, a, *file, *message, *dry, out)
	case *accountID != "":
		rs, err := a.invites.InviteAccounts(ctx, "cli", []string{*accountID}, *message)
		return printResults(out, rs, err)
	}
	rs, err := a.invites.InviteEmails(ctx, "cli", *emails, *message)
	return printResults(out, rs, err)
}

func inviteAll(ctx context.Context, a *app, ref, message string, dry bool, out io.Writer) error {
	var in *store.Integration
	if ref != "" {
		var err error
		if in, err = a.store.IntegrationByRef(ctx, ref); errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no integration %q", ref)
		} else if err != nil {
			return err
		}
	}
	if dry {
		return forecastAll(ctx, a, in, out)
	}
	res, err := a.invites.InviteAll(ctx, "cli", in, message)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "invited %d, access codes %d, already invited %d\n", res.Invited, res.AccessCodes, res.AlreadyInvited)
	if res.AutoInviteEnabled {
		fmt.Fprintf(out, "auto-invite is now on for integration %q\n", in.Name)
	}
	return nil
}

func inviteFile(ctx context.Context, a *app, path, message string, dry bool, out io.Writer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("--file: %w", unwrapPath(err))
	}
	f, err := invite.ParseImport(filepath.Base(path), data)
	if err != nil {
		return fmt.Errorf("--file %s: %w", path, err)
	}
	rows, err := a.invites.Import(ctx, "cli", f, message, dry)
	for _, r := range rows {
		fmt.Fprintf(out, "%d\t%s\t%s\t%s\n", r.Row, r.Value, r.Outcome, r.Reason)
	}
	return err
}

func printResults(out io.Writer, rs []invite.InviteResult, err error) error {
	for _, r := range rs {
		fmt.Fprintf(out, "%s\t%s\t%s\t%s\n", r.Value, r.AccountID, r.Outcome, r.Reason)
	}
	return err
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
