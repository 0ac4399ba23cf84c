package invite

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// AdminCreateResult is an account an admin created and what inviting it did.
type AdminCreateResult struct {
	Account      *store.Account
	InvitationID string // "" when an access code was issued instead
	Link         string // claim link, only without SMTP (CurrentLink shows it again)
	AccessCode   bool
}

// CreateAdminAccount creates one account from in through accounts (the one
// write path, no integration, origin "admin") and invites it at once in
// the same transaction: an invitation with message when it has an email,
// an access code otherwise. Errors wrap account.ErrInvalid or
// store.ErrConflict (the user name is taken) for the caller to map.
func (s *Service) CreateAdminAccount(ctx context.Context, accounts *account.Service, actor account.Actor, in account.AdminInput, message string) (AdminCreateResult, error) {
	a, err := in.Build()
	if err != nil {
		return AdminCreateResult{}, err
	}
	if a.ExternalID != nil {
		if _, err := s.Store.AdminAccountIDByExternalID(ctx, *a.ExternalID); err == nil {
			return AdminCreateResult{}, fmt.Errorf("invite: admin create: external id %q: %w", *a.ExternalID, store.ErrConflict)
		}
	}
	a, res, err := s.createAdminAccount(ctx, accounts, actor, a, AdminCreate{Invite: true, Message: message})
	if err != nil {
		return AdminCreateResult{}, fmt.Errorf("invite: admin create: %w", err)
	}
	return AdminCreateResult{Account: a, InvitationID: res.InvitationID, Link: res.Link, AccessCode: res.AccessCode}, nil
}
