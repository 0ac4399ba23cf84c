package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

func accountCreate(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("account create", accountUsage, out)
	var in account.AdminInput
	fs.StringVar(&in.Email, "email", "", "email address: the invitation goes there")
	noEmail := fs.Bool("no-email", false, "no email: the account gets an access code")
	fs.StringVar(&in.UserName, "user-name", "", "user name (default: the email)")
	fs.StringVar(&in.ExternalID, "external-id", "", "external id")
	fs.StringVar(&in.GivenName, "given-name", "", "given name")
	fs.StringVar(&in.FamilyName, "family-name", "", "family name")
	fs.StringVar(&in.UserType, "user-type", "", "SCIM userType, e.g. host or individual")
	var roles stringList
	fs.Var(&roles, "role", "SCIM role (repeat for several)")
	fs.StringVar(&in.PreferredLanguage, "language", "", "preferred language, e.g. fr")
	message := fs.String("message", "", "plain-text message added to the mail")
	if err := parse(fs, args, accountUsage, out); err != nil {
		return err
	}
	if (in.Email == "") == !*noEmail {
		return usagef("give --email, or --no-email for an account with an access code")
	}
	if *noEmail && in.UserName == "" && in.ExternalID == "" {
		return usagef("--no-email needs --user-name (or --external-id)")
	}
	in.Roles = roles
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.invites.CreateAdminAccount(ctx, a.accounts, cliActor, in, *message)
	switch {
	case errors.Is(err, account.ErrInvalid):
		return refused(err, nil)
	case errors.Is(err, store.ErrConflict):
		return fmt.Errorf("an account with user name %q or this external id exists", in.UserName)
	case err != nil:
		return err
	}
	fmt.Fprintf(out, "account %s\t%s\t%s\n", res.Account.ID, res.Account.UserName, res.Account.Status)
	switch {
	case res.AccessCode:
		fmt.Fprintln(out, "access code issued: provisiond access-codes export")
	case res.Link != "":
		fmt.Fprintf(out, "invitation %s (no SMTP: hand this link over; 'provisiond invitation link ID' shows it again)\n%s\n", res.InvitationID, res.Link)
	default:
		fmt.Fprintf(out, "invitation %s queued for mailing\n", res.InvitationID)
	}
	return nil
}
