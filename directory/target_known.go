package directory

import (
	"context"

	"github.com/provisiond/provisiond/ldapsync"
)

var _ ldapsync.KnownLookup = (*Target)(nil)

// KnownOf is Snapshot for a few externalIds: an incremental run asks only
// about the entries that changed. Account ids are then looked up by the
// writes themselves (accountIDs), as without a snapshot.
func (t *Target) KnownOf(ctx context.Context, integrationID string, externalIDs []string) (map[string]ldapsync.Known, error) {
	if err := t.check(integrationID); err != nil {
		return nil, err
	}
	t.lookedUp = true
	out := make(map[string]ldapsync.Known, len(externalIDs))
	err := t.acc.Store.LDAPAccountsOf(ctx, integrationID, externalIDs, func(_, ext, hash, dn string, active bool) {
		out[ext] = ldapsync.Known{Hash: hash, Active: active, DN: dn}
	})
	return out, err
}

// KnownActive counts the integration's active accounts.
func (t *Target) KnownActive(ctx context.Context, integrationID string) (int, error) {
	if err := t.check(integrationID); err != nil {
		return 0, err
	}
	return t.acc.Store.CountActiveLDAPAccounts(ctx, integrationID)
}
