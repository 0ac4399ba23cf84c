package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

const resetLinkUsage = `Usage:
  provisiond reset-link (--email E | --account ID) [--send]

Issues a password reset link for an active (claimed) account, valid one hour
and once, and prints it as the last line of stdout, for an admin to hand
over when mail is off or not arriving. With --send it is also mailed to the
account's address. An email shared by several accounts is refused: use
--account.

Example:
  provisiond reset-link --email ada@example.com
`

func init() {
	register("reset-link", command{summary: "issue a password reset link for an account", usage: resetLinkUsage, run: runResetLink})
}

func runResetLink(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("reset-link", resetLinkUsage, out)
	email := fs.String("email", "", "the account's email address or userName")
	id := fs.String("account", "", "the account's id")
	send := fs.Bool("send", false, "also mail the link to the account")
	if err := parse(fs, args, resetLinkUsage, out); err != nil {
		return err
	}
	if (*email == "") == (*id == "") {
		return usagef("give exactly one of --email and --account")
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if *send && a.invites.Sender == nil {
		// The reset mail is sent by this process, not queued: without SMTP
		// here it would silently not go out.
		return usagef("--send mails from this command and needs smtpURL (PROVISIOND_SMTP_URL) here, and a server with SMTP; without --send the link is printed")
	}
	if *email != "" {
		accts, err := a.store.AccountsByEmail(ctx, *email)
		if err != nil {
			return err
		}
		if len(accts) != 1 {
			return fmt.Errorf("%d accounts use %s: give --account ID", len(accts), *email)
		}
		*id = accts[0].ID
	}
	p, err := newSignIn(a)
	if err != nil {
		return err
	}
	link, err := p.IssueResetLink(ctx, "cli", *id, *send)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("no account with id %s", *id)
	case errors.Is(err, signin.ErrCannotSignIn):
		return fmt.Errorf("account %s is not active (not claimed, suspended or pending): invite it instead", *id)
	case err != nil:
		return err
	}
	p.Wait(ctx)
	fmt.Fprintf(out, "reset link for account %s, valid until %s (once):\n", *id, link.ExpiresAt.Format("2006-01-02 15:04 MST"))
	fmt.Fprintln(out, link.URL)
	return nil
}
