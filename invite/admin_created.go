package invite

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// AdminCreate is an admin's choice for the accounts it creates.
//
// The rule (docs/accounts.md): an account an admin creates
// one at a time is invited at once; accounts created from a spreadsheet
// are invited now or later, as the admin chooses. "Later" leaves them
// not_invited, without an access code either: a code is an invitation.
type AdminCreate struct {
	Invite  bool   // invite at once
	Message string // plain text added to the mail
}

// adminCreatedResult is what the rule did for one account.
type adminCreatedResult struct {
	InvitationID string
	Link         string // the claim link, only when there is no SMTP (CurrentLink shows it again)
	AccessCode   bool   // the account has no email: an access code was issued
}

// createAdminAccount creates a through accounts with the rule applied in
// Create's transaction (account.CreateOptions.Provision, in place of the
// integration policy), and returns what the rule did.
func (s *Service) createAdminAccount(ctx context.Context, accounts *account.Service, actor account.Actor, a *store.Account, opts AdminCreate) (*store.Account, adminCreatedResult, error) {
	var res adminCreatedResult
	a, err := accounts.CreateWith(ctx, actor, nil, a, account.CreateOptions{
		Provision: func(ctx context.Context, tx *store.Store, a *store.Account) error {
			var err error
			res, err = s.adminCreated(ctx, tx, actor, a, opts)
			return err
		},
	})
	return a, res, err
}

// adminCreated applies the rule above to account a, inside tx.
func (s *Service) adminCreated(ctx context.Context, tx *store.Store, actor account.Actor, a *store.Account, opts AdminCreate) (adminCreatedResult, error) {
	var res adminCreatedResult
	if !opts.Invite {
		return res, nil
	}
	if a.Email == "" {
		if _, err := s.issueCodeTx(ctx, tx, actor.String(), a); err != nil {
			return res, fmt.Errorf("invite: access code for %s: %w", a.ID, err)
		}
		res.AccessCode = true
		return res, nil
	}
	inv, token := s.newInvitation(ctx, actor.String(), a, nil, opts.Message)
	if err := tx.CreateInvitation(ctx, inv); err != nil {
		return res, fmt.Errorf("invite: admin-created %s: %w", a.ID, err)
	}
	if err := s.markInvited(ctx, tx, a); err != nil {
		return res, err
	}
	if err := tx.Audit(ctx, actor.String(), "invitation.created", "invitation", inv.ID, map[string]any{
		"accountId": a.ID, "delivery": inv.Delivery, "reason": "admin-created"}); err != nil {
		return res, fmt.Errorf("invite: %w", err)
	}
	if err := s.enqueue(ctx, tx, inv, token); err != nil {
		return res, err
	}
	res.InvitationID = inv.ID
	res.Link = s.shownLink(inv, token)
	return res, nil
}
