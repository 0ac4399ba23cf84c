package invite

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// AdminCreate carries an admin's choices for the accounts it creates from
// the caller, through account.Service.Create, to the policy (whose
// signature has no room for them), and brings back what the policy did.
//
// The rule (PRODUCT.md, "account lifecycle"): an account an admin creates
// one at a time is invited at once; accounts created from a spreadsheet
// are invited now or later, as the admin chooses. "Later" leaves them
// not_invited, without an access code either: a code is an invitation.
type AdminCreate struct {
	Invite  bool   // invite at once
	Message string // plain text added to the mail
	// Filled in by the policy, for the last account created with this value.
	InvitationID string
	Link         string // the claim link, only when there is no SMTP (shown once)
	AccessCode   bool   // the account has no email: an access code was issued
}

type adminCreateKey struct{}

// WithAdminCreate returns ctx carrying opts for account.Service.Create.
func WithAdminCreate(ctx context.Context, opts *AdminCreate) context.Context {
	return context.WithValue(ctx, adminCreateKey{}, opts)
}

func adminCreateFrom(ctx context.Context) *AdminCreate {
	opts, _ := ctx.Value(adminCreateKey{}).(*AdminCreate)
	return opts
}

// adminCreated applies the rule above to account a, inside tx.
func (s *Service) adminCreated(ctx context.Context, tx *store.Store, actor account.Actor, a *store.Account, opts *AdminCreate) error {
	opts.InvitationID, opts.Link, opts.AccessCode = "", "", false
	if !opts.Invite {
		return nil
	}
	if a.Email == "" {
		if _, err := s.issueCodeTx(ctx, tx, actor.String(), a); err != nil {
			return fmt.Errorf("invite: access code for %s: %w", a.ID, err)
		}
		opts.AccessCode = true
		return nil
	}
	inv, token := s.newInvitation(ctx, actor.String(), a, nil, opts.Message)
	if err := tx.CreateInvitation(ctx, inv); err != nil {
		return fmt.Errorf("invite: admin-created %s: %w", a.ID, err)
	}
	if err := s.markInvited(ctx, tx, a); err != nil {
		return err
	}
	if err := tx.Audit(ctx, actor.String(), "invitation.created", "invitation", inv.ID, map[string]any{
		"accountId": a.ID, "delivery": inv.Delivery, "reason": "admin-created"}); err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	if err := s.enqueue(ctx, tx, inv, token); err != nil {
		return err
	}
	opts.InvitationID = inv.ID
	if !s.MailEnabled() && inv.Method != MethodCode {
		opts.Link = s.ClaimLink(token)
	}
	return nil
}
