package account

import (
	"context"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// CreateManyIn is CreateMany inside the caller's transaction tx (a
// savepoint of it, for an import that keeps its report in the same
// transaction), with opts for every create of batch: opts.Provision, when
// set, runs for each active account written in place of the policy's
// Provisioned hook, as in CreateWith. Each account written gets Create's
// rows, account.created audit event and webhook event; Out is set on them.
//
// It returns the creates it did not write, for the caller to make one by
// one through CreateWith, which gives each its own outcome: those
// prepareNew refuses, those whose userName another account holds and, when
// an unconfirmed sign-up holds an address of the batch, every one. An
// error means part of the batch may be written: the caller rolls its
// savepoint back and makes every create one by one.
func (s *Service) CreateManyIn(ctx context.Context, tx *store.Store, batch []*NewAccount, opts CreateOptions) ([]*NewAccount, error) {
	var ready, left []*NewAccount
	for _, n := range batch {
		if err := prepareNew(n.In, n.Account); err != nil {
			left = append(left, n)
			continue
		}
		ready = append(ready, n)
	}
	if len(ready) == 0 {
		return left, nil
	}
	subscribers := func() ([]store.WebhookEndpoint, error) {
		return tx.WebhookEndpointsFor(ctx, webhook.AccountCreated)
	}
	provision := func(n *NewAccount) error {
		if opts.Provision != nil {
			return opts.Provision(n.Ctx, tx, n.Account)
		}
		return s.Policy.Provisioned(n.Ctx, tx, n.Actor, n.Account, n.In)
	}
	retry, err := s.createManyTx(ctx, tx, ready, subscribers, provision)
	if err != nil {
		return nil, err
	}
	for _, n := range retry {
		n.Account.ID = "" // not written: CreateWith gives it its own
	}
	return append(left, retry...), nil
}
