package invite

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// Policy is the provisioning policy account.Service applies inside its
// transaction: auto-invite per integration, access codes for accounts
// without an email.
type Policy struct{ Service *Service }

var _ account.Policy = Policy{}

// Provisioned invites a new (or re-activated, not_invited) active account
// when its integration says so, or gives it an access code when it has no
// email, whatever its source. An account that already has an open
// invitation or a live code is left alone: that is an IdP retry.
func (p Policy) Provisioned(ctx context.Context, tx *store.Store, actor account.Actor, a *store.Account, in *store.Integration) error {
	if !a.Active || a.DeletedAt != nil || a.Status != store.StatusNotInvited {
		return nil
	}
	if a.Email != "" && (in == nil || !in.AutoInvite) {
		return nil // stays not_invited: nobody is mailed
	}
	_, err := p.Service.inviteTx(ctx, tx, actor.String(), a, in, "")
	if errors.Is(err, ErrAlreadyInvited) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("invite: provision %s: %w", a.ID, err)
	}
	return nil
}

// Deactivated closes what a suspended or deleted account had open: its
// invitation (sent or awaiting approval) is canceled and its access code
// revoked, so that no link or code an owner still holds opens an account
// its source turned off. The account keeps its status (suspended or
// deleted). When it is re-activated it is not_invited again, and
// Provisioned applies its integration's auto-invite (or an access code
// when it has no email) afresh.
func (p Policy) Deactivated(ctx context.Context, tx *store.Store, actor account.Actor, a *store.Account) error {
	reason := "account suspended"
	if a.Status == store.StatusDeleted {
		reason = "account deleted"
	}
	_, err := p.Service.cancelOpen(ctx, tx, actor, a, reason)
	return err
}

// cancelOpen cancels account a's open invitation and revokes its live access
// codes, audited with reason, and reports whether there was any. An invited
// account returns to not_invited.
func (s *Service) cancelOpen(ctx context.Context, tx *store.Store, actor account.Actor, a *store.Account, reason string) (bool, error) {
	canceled := false
	inv, err := tx.LockOpenInvitation(ctx, a.ID)
	switch {
	case err == nil:
		if err := s.closeTx(ctx, tx, actor.String(), inv, store.InvitationCanceled, reason); err != nil {
			return false, err
		}
		canceled = true
	case !errors.Is(err, store.ErrNotFound):
		return false, fmt.Errorf("invite: %s, account %s: %w", reason, a.ID, err)
	}
	n, err := tx.RevokeAccessCodes(ctx, a.ID)
	if err != nil || n == 0 {
		return canceled, err
	}
	if err := tx.SetAccountsStatus(ctx, []string{a.ID}, store.StatusInvited, store.StatusNotInvited); err != nil {
		return false, err
	}
	return true, tx.Audit(ctx, actor.String(), "access_code.revoked", "account", a.ID, map[string]any{"reason": reason})
}
