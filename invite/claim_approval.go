package invite

import (
	"context"
	"errors"

	"github.com/provisiond/provisiond/store"
)

// approvalRequired says whether the source asks for approval of claims.
func (c *Claims) approvalRequired(ctx context.Context, tx *store.Store, inv *store.Invitation, a *store.Account) (bool, error) {
	if inv.LinkID != nil {
		if l, err := tx.InvitationLinkByID(ctx, *inv.LinkID); err == nil && l.RequireApproval {
			return true, nil
		}
	}
	id := inv.IntegrationID
	if id == nil {
		id = a.IntegrationID
	}
	if id == nil {
		return false, nil
	}
	in, err := tx.IntegrationByID(ctx, *id)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return in.RequireApproval, nil
}

// sentToCurrentAddress reports whether inv went to the account's present
// primary address: a claim link or code belongs to the address it was sent
// to, and proves nothing about another one.
func sentToCurrentAddress(inv *store.Invitation, a *store.Account) bool {
	return inv.Email != "" && store.SameEmail(inv.Email, a.Email)
}

func invitedAddress(inv *store.Invitation, a *store.Account) string {
	if inv.Email != "" {
		return inv.Email
	}
	return a.Email
}

func accountLang(a *store.Account) string { return a.PreferredLanguage + "," + a.Locale }
