package webhook

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/store"
)

// EnqueueAccountIDs is Enqueue of event typ for each account of a bulk
// status change (invite all, expiry), in tx. With no endpoint subscribed to
// typ it reads nothing but the endpoint list.
func EnqueueAccountIDs(ctx context.Context, tx *store.Store, typ, actor string, ids []string) error {
	eps, err := tx.WebhookEndpointsFor(ctx, typ)
	if err != nil || len(eps) == 0 {
		return err
	}
	// One query for the batch (an invite-all batch is 1,000 accounts); a
	// deleted account, which it leaves out, is read on its own.
	live, err := tx.AccountsByIDs(ctx, ids)
	if err != nil {
		return fmt.Errorf("webhook: %s: %w", typ, err)
	}
	evs := make([]Event, 0, len(ids))
	for _, id := range ids {
		a := live[id]
		if a == nil {
			if a, err = tx.AccountByIDAny(ctx, id); err != nil {
				return fmt.Errorf("webhook: %s for %s: %w", typ, id, err)
			}
		}
		evs = append(evs, AccountEvent(typ, a, actor))
	}
	return EnqueueTo(ctx, tx, map[string][]store.WebhookEndpoint{typ: eps}, evs)
}

// EnqueueAccounts is EnqueueAccountIDs for accounts the caller holds as
// they now are: read under its lock in tx, with its change applied (invite
// all sets the status and bumps the version it wrote). Nothing is read but
// the endpoint list.
func EnqueueAccounts(ctx context.Context, tx *store.Store, typ, actor string, accts []*store.Account) error {
	eps, err := tx.WebhookEndpointsFor(ctx, typ)
	if err != nil || len(eps) == 0 {
		return err
	}
	evs := make([]Event, len(accts))
	for i, a := range accts {
		evs[i] = AccountEvent(typ, a, actor)
	}
	return EnqueueTo(ctx, tx, map[string][]store.WebhookEndpoint{typ: eps}, evs)
}
