package invite

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// AdminEditResult is what an admin's edit of an account did.
type AdminEditResult struct {
	Account      *store.Account
	EmailChanged bool
	// CanceledInvitationID is the open invitation to the old address that
	// the new one canceled ("" when there was none).
	CanceledInvitationID string
	// ReinviteOffered says the account can now be invited at its new
	// address (the console shows a button, the API a field).
	ReinviteOffered bool
}

// EditAdminAccount applies e to admin-created account id through accounts
// and, when the email changes while an invitation is open, that invitation
// is canceled (the link went to the old address) in the same transaction.
// It never invites by itself: the admin decides to send a new invitation.
func (s *Service) EditAdminAccount(ctx context.Context, accounts *account.Service, actor account.Actor, id string, expectVersion int64, e account.AdminEdit) (AdminEditResult, error) {
	var res AdminEditResult
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		open, err := tx.LockOpenInvitation(ctx, id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if _, res.EmailChanged, err = accounts.WithStore(tx).UpdateByAdmin(ctx, actor, id, expectVersion, e); err != nil {
			return err
		}
		if res.EmailChanged && open != nil {
			// The accounts' policy (Policy.EmailChanged) cancels it; one
			// without it leaves that to this edit.
			if cur, err := tx.LockInvitation(ctx, open.ID); err == nil && slices.Contains(store.OpenInvitationStatuses, cur.Status) {
				if err := s.closeTx(ctx, tx, actor.String(), cur, store.InvitationCanceled, "email changed"); err != nil {
					return err
				}
			} else if err != nil {
				return err
			}
			res.CanceledInvitationID = open.ID
		}
		if res.Account, err = tx.LockAccount(ctx, id); err != nil {
			return err
		}
		a := res.Account
		res.ReinviteOffered = res.EmailChanged && a.Email != "" && a.Active && a.Status == store.StatusNotInvited
		return nil
	})
	if err != nil {
		return AdminEditResult{}, fmt.Errorf("invite: edit account %s: %w", id, err)
	}
	return res, nil
}
