package invite

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// SignUpInput is what a person types on /join/{token}. Password is read
// only when sign-ups wait for an admin (no SMTP): with mail, the password
// is chosen on the confirmation page.
type SignUpInput struct {
	Name, Email, Password string
	Lang                  string // the page's language, kept as the account's preferredLanguage
}

// LinkOpen checks a multi-use link token without counting a use (GET /join).
func (c *Claims) LinkOpen(ctx context.Context, token string) (*store.InvitationLink, error) {
	l, err := c.Store.InvitationLinkByTokenHash(ctx, c.Keys.HMAC(secret.PurposeLinkToken, token))
	if errors.Is(err, store.ErrNotFound) {
		return nil, gone("unknown link token")
	}
	if err != nil {
		return nil, fmt.Errorf("invite: link lookup: %w", err)
	}
	switch {
	case l.DeletedAt != nil:
		return nil, gone("link deleted")
	case !l.ExpiresAt.After(store.Now()):
		return nil, gone("link expired")
	case l.Uses >= l.MaxUses:
		return nil, gone("link exhausted")
	}
	return l, nil
}

// ConfirmsByMail reports whether sign-ups prove their address by a mailed
// confirmation (SMTP configured); otherwise an admin approves each one.
func (c *Claims) ConfirmsByMail() bool { return c.Invites != nil && c.Invites.MailEnabled() }

// SignUp registers a person through a multi-use link. Nobody proves an
// address by typing it, so the account is neither active nor claimed yet:
//
//   - with SMTP it is invited: a confirmation is mailed to the address (a
//     claim link, see links_confirm.go) and the password is chosen when it is
//     opened; until then the sign-up cannot sign in, and an integration's or
//     admin's account with the same address replaces it (account/signups.go);
//   - without SMTP it waits for an admin's approval (pending_approval,
//     invitation needs_approval) with the password typed here.
//
// The submission counts against the link's maximum in the same transaction,
// so the cap holds under concurrency. An address that already has an account
// creates nothing and gets the same Result as a fresh sign-up: the page must
// not reveal it.
func (c *Claims) SignUp(ctx context.Context, token string, in SignUpInput) (Result, error) {
	l, err := c.LinkOpen(ctx, token)
	if err != nil {
		return Result{}, err
	}
	email, name, err := checkSignUp(in)
	if err != nil {
		return Result{}, err
	}
	if !domainAllowed(l.AllowedDomains, email) {
		return Result{}, &InputError{Field: "email", Code: CodeDomain}
	}
	var res Result
	var created *store.Account
	if c.ConfirmsByMail() {
		res, created, err = c.signUpByMail(ctx, l, email, name, in.Lang)
	} else {
		res, created, err = c.signUpForApproval(ctx, l, email, name, in)
	}
	switch {
	case errors.Is(err, ErrGone):
		return Result{}, gone("link used up, expired or deleted concurrently")
	case errors.Is(err, store.ErrConflict): // the same address signed up concurrently
		return Result{Status: res.Status, Lang: in.Lang}, nil
	case err != nil:
		return Result{}, fmt.Errorf("invite: sign-up through link %s: %w", l.ID, err)
	}
	if created != nil {
		c.log().InfoContext(ctx, "signed up through link", "link_id", l.ID, "account_id", created.ID, "status", res.Status)
	}
	return res, nil
}

// useLink counts one submission against l and reports whether email is
// free for a sign-up; when it is not, the use is audited and nothing else
// happens. settled leaves unconfirmed sign-ups out (a new sign-up replaces
// them).
func useLink(ctx context.Context, tx *store.Store, l *store.InvitationLink, email string, settled bool) (bool, error) {
	if err := tx.UseInvitationLink(ctx, l.ID); err != nil {
		return false, errors.Join(ErrGone, err)
	}
	exists, err := tx.LiveAccountWithEmailExists(ctx, email)
	if settled && err == nil && exists {
		exists, err = tx.SettledAccountWithEmailExists(ctx, email)
	}
	if err != nil || !exists {
		return !exists, err
	}
	return false, tx.Audit(ctx, linkActor(l).String(), "invitation_link.used", "invitation_link", l.ID,
		map[string]any{"result": "existing_address"})
}

// newSignUpAccount is the account a sign-up creates.
func newSignUpAccount(email, name, lang string) *store.Account {
	return &store.Account{UserName: email, DisplayName: name, FormattedName: name, Origin: "link",
		Active: true, PreferredLanguage: lang, Emails: []store.Email{{Value: email, Type: "work", IsPrimary: true}}}
}

// policy is the provisioning policy sign-ups are created with: a dropped
// earlier sign-up gets its invitation canceled.
func (c *Claims) policy() account.Policy {
	if c.Invites == nil {
		return account.NopPolicy{}
	}
	return Policy{Service: c.Invites}
}
