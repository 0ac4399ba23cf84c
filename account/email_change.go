package account

import (
	"context"
	"fmt"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// A claim link, an access code and a password reset each went to the
// address the account had then. When the primary email changes, whoever
// asks (SCIM PUT or PATCH, the LDAP sync, an admin), they must stop
// working in the same transaction: the old address may now be someone
// else's. Update calls emailChanged; the policy (invite.Policy) cancels
// the open invitation and access code and, when the integration invites
// automatically, invites the new address.

// emailChanged voids the password resets in flight, runs the policy and
// audits the change, inside Update's transaction. a's status and version
// are refreshed afterwards: the policy may have moved them.
func (s *Service) emailChanged(ctx context.Context, tx *store.Store, actor Actor, a *store.Account, previous string) error {
	n, err := tx.VoidPasswordResets(ctx, a.ID)
	if err != nil {
		return err
	}
	if err := tx.Audit(ctx, actor.String(), "account.email_changed", "account", a.ID, map[string]any{
		"from": previous, "to": a.Email, "passwordResetsVoided": n}); err != nil {
		return err
	}
	if err := s.Policy.EmailChanged(ctx, tx, actor, a, previous); err != nil {
		return fmt.Errorf("account: email change of %s: %w", a.ID, err)
	}
	fresh, err := tx.LockAccount(ctx, a.ID)
	if err != nil {
		return err
	}
	a.Status, a.Version, a.UpdatedAt = fresh.Status, fresh.Version, fresh.UpdatedAt
	return nil
}

// addressesOf is the set of a's userName and addresses, lower-cased.
func addressesOf(a *store.Account) map[string]bool {
	out := map[string]bool{strings.ToLower(a.UserName): true}
	for _, e := range a.Emails {
		out[strings.ToLower(e.Value)] = true
	}
	return out
}

// gainsAddress reports whether a now has a userName or address it did not
// have (before is addressesOf the stored account): only then can it
// collide with an unconfirmed sign-up.
func gainsAddress(before map[string]bool, a *store.Account) bool {
	for k := range addressesOf(a) {
		if !before[k] {
			return true
		}
	}
	return false
}
