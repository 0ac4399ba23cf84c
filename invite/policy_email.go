package invite

import (
	"context"
	"errors"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// EmailChanged cancels what went to the account's old address, in the
// transaction that changed it: its open invitation (sent, or claimed and
// waiting for approval) and its live access code; the account returns to
// not_invited. When something was canceled and the account's integration
// invites automatically, the new address is invited at once (a code when
// the account has no address any more). Admin-created and sign-up accounts
// are not re-invited: the admin decides (EditAdminAccount offers it).
func (p Policy) EmailChanged(ctx context.Context, tx *store.Store, actor account.Actor, a *store.Account, previous string) error {
	canceled, err := p.Service.cancelOpen(ctx, tx, actor, a, "email changed")
	if err != nil || !canceled || !a.Active || a.IntegrationID == nil {
		return err
	}
	in, err := tx.IntegrationByID(ctx, *a.IntegrationID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || !in.AutoInvite {
		return err
	}
	fresh, err := tx.LockAccount(ctx, a.ID)
	if err != nil || fresh.Status != store.StatusNotInvited {
		return err
	}
	_, err = p.Service.inviteTx(ctx, tx, actor.String(), fresh, in, "")
	if errors.Is(err, ErrAlreadyInvited) {
		return nil
	}
	return err
}
