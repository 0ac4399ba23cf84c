package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

const invitationUsage = `Usage:
  provisiond invitation list [--status S] [--account ID] [--limit N]
  provisiond invitation resend ID [--method link|code]
  provisiond invitation cancel ID
  provisiond invitation approve ID
  provisiond invitation reject ID
  provisiond invitation link ID [--regenerate]
  provisiond invitation preview [--account ID] [--language en|fr] [--message TEXT] [--html]

Statuses: sent, needs_approval, approved, accepted, rejected, canceled,
expired. resend mails the invitation again, with the link its owner already
holds and the same expiry (without SMTP it prints that link instead). link
prints the claim link the owner already holds, unchanged (audited); with
--regenerate it issues a new one and the link already sent stops working.
The link is the last line of stdout. preview prints the mail without sending
it.

Examples:
  provisiond invitation list --status sent
  provisiond invitation link 0192f7e4-...
  provisiond invitation preview --language fr --message "Bienvenue"
`

func init() {
	register("invitation", command{summary: "list, resend, cancel, approve, reject invitations", usage: invitationUsage, run: runInvitation})
}

func runInvitation(ctx context.Context, args []string, out io.Writer) error {
	subs := []subcommand{{"list", invitationList}}
	for _, action := range []string{"resend", "cancel", "approve", "reject", "link"} {
		subs = append(subs, subcommand{action, func(ctx context.Context, args []string, out io.Writer) error {
			return invitationAction(ctx, action, args, out)
		}})
	}
	subs = append(subs, subcommand{"preview", invitationPreview})
	return runSubcommand(ctx, "invitation", invitationUsage, subs, args, out)
}

func invitationList(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("invitation list", invitationUsage, out)
	status := fs.String("status", "", "only this status")
	accountID := fs.String("account", "", "only this account")
	limit := fs.Int("limit", 100, "at most this many, newest first")
	a, err := parseAndOpen(ctx, fs, cfg, args, invitationUsage, out)
	if err != nil {
		return err
	}
	defer a.Close()
	invs, total, err := a.store.ListInvitations(ctx, store.InvitationQuery{Status: *status, AccountID: *accountID, Limit: *limit})
	if err != nil {
		return err
	}
	tw := newTable(out, "ID\tACCOUNT\tEMAIL\tSTATUS\tDELIVERY\tEXPIRES\tCREATED")
	for _, i := range invs {
		exp := "-"
		if i.ExpiresAt != nil {
			exp = i.ExpiresAt.Format(time.DateOnly)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i.ID, i.AccountID, i.Email, i.Status, i.Delivery, exp, i.CreatedAt.Format(time.DateOnly))
	}
	tw.Flush()
	if int64(len(invs)) < total {
		fmt.Fprintf(out, "(%d of %d shown; use --limit)\n", len(invs), total)
	}
	return nil
}

func invitationAction(ctx context.Context, action string, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		return usagef("invitation %s needs the invitation's id", action)
	}
	id := args[0]
	fs, cfg := newFlags("invitation "+action, invitationUsage, out)
	method := fs.String("method", "", "resend: switch to link or code")
	regenerate := fs.Bool("regenerate", false, "link: issue a new link (the one already sent stops working)")
	if err := parse(fs, args[1:], invitationUsage, out); err != nil {
		return err
	}
	if _, err := invite.ParseMethod(*method); err != nil || (*method != "" && action != "resend") {
		return usagef("--method (link or code) goes with resend only")
	}
	if *regenerate && action != "link" {
		return usagef("--regenerate goes with link only")
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	a.invites = a.invites.WithMethod(*method) // the admin's choice, else each integration's
	switch action {
	case "resend":
		var link string
		if link, err = a.invites.Resend(ctx, "cli", id); err == nil && link != "" {
			fmt.Fprintf(out, "invitation %s resent; no SMTP, so nothing was mailed: hand over this link (the same as before):\n%s\n", id, link)
			return nil
		}
	case "cancel":
		err = a.invites.Cancel(ctx, "cli", id)
	case "approve":
		err = a.invites.Approve(ctx, "cli", id)
	case "reject":
		err = a.invites.Reject(ctx, "cli", id)
	case "link":
		return invitationLink(ctx, a, id, *regenerate, out)
	}
	if err != nil {
		return cliInviteError(err)
	}
	fmt.Fprintf(out, "invitation %s: %s done\n", id, action)
	return nil
}

// invitationLink prints the link the owner holds, or a new one.
func invitationLink(ctx context.Context, a *app, id string, regenerate bool, out io.Writer) error {
	show, note := a.invites.CurrentLink, "the link already sent, unchanged"
	if regenerate {
		show, note = a.invites.Link, "a new link; the one sent before no longer works"
	}
	link, exp, err := show(ctx, "cli", id)
	if err != nil {
		return cliInviteError(err)
	}
	fmt.Fprintf(out, "claim link, valid until %s (%s):\n%s\n", exp.Format(time.DateOnly), note, link)
	return nil
}

func cliInviteError(err error) error {
	switch {
	case errors.Is(err, invite.ErrLinkNotKept):
		return errors.New("this invitation's link was not kept (sent by code, or before links were kept): provisiond invitation link ID --regenerate issues a new one")
	case errors.Is(err, invite.ErrNotFound):
		return errors.New("no such invitation")
	case errors.Is(err, invite.ErrExpired):
		return errors.New("the invitation has expired; send a new invitation (provisiond invite --account ID)")
	}
	return err
}

func invitationPreview(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("invitation preview", invitationUsage, out)
	accountID := fs.String("account", "", "render for this account (its name and language)")
	lang := fs.String("language", "", "en or fr")
	message := fs.String("message", "", "custom message")
	html := fs.Bool("html", false, "also print the HTML part")
	a, err := parseAndOpen(ctx, fs, cfg, args, invitationUsage, out)
	if err != nil {
		return err
	}
	defer a.Close()
	p, err := a.invites.Preview(ctx, *accountID, *lang, *message)
	if err != nil {
		return cliInviteError(err)
	}
	fmt.Fprintf(out, "Subject: %s\n\n%s", p.Subject, p.Text)
	if *html {
		fmt.Fprintf(out, "\n----- HTML -----\n%s", p.HTML)
	}
	return nil
}
