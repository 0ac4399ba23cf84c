package account

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// NewAccount is one create of a CreateMany batch and, once it returns, its
// outcome: Out and Err are what Create would have returned.
type NewAccount struct {
	Ctx     context.Context // the request's values (request id for logs)
	Actor   Actor
	In      *store.Integration // nil: admin-created
	Account *store.Account

	Out *store.Account
	Err error
}

// CreateMany is Create for a batch of independent creates (SCIM group
// commit): each gets exactly the outcome Create would have given it, with
// the same rows, audit event, webhook event and policy run, but the batch
// shares one transaction and multi-row INSERTs. Rows the database refuses
// as duplicates, and every create of a batch whose transaction fails, are
// retried one by one through Create, so a conflict or a failing policy
// costs only its own create.
func (s *Service) CreateMany(ctx context.Context, batch []*NewAccount) {
	s.CreateManyThen(ctx, batch, nil)
}

// CreateManyThen is CreateMany that calls committing (when not nil) once
// the batch's statements have run and its commit is about to be sent, or
// once its transaction failed, before any retry. A caller that writes one
// batch after another (scim's group commit on PostgreSQL) starts the next
// batch's statements then, while this one commits. committing may be
// called twice; it must not block.
func (s *Service) CreateManyThen(ctx context.Context, batch []*NewAccount, committing func()) {
	if committing == nil {
		committing = func() {}
	}
	var ready []*NewAccount
	for _, n := range batch {
		if n.Err = prepareNew(n.In, n.Account); n.Err == nil {
			ready = append(ready, n)
		}
	}
	// The webhook subscriptions are read beside the transaction (on
	// another connection) while it begins: one round trip less per batch.
	type subscribers struct {
		eps []store.WebhookEndpoint
		err error
	}
	subs := make(chan subscribers, 1)
	go func() {
		eps, err := s.Store.WebhookEndpointsFor(ctx, webhook.AccountCreated)
		subs <- subscribers{eps, err}
	}()
	var retry []*NewAccount
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		var err error
		retry, err = s.createManyTx(ctx, tx, ready, func() ([]store.WebhookEndpoint, error) {
			r := <-subs
			return r.eps, r.err
		}, func(n *NewAccount) error {
			return s.Policy.Provisioned(n.Ctx, tx, n.Actor, n.Account, n.In)
		})
		if err == nil {
			committing()
		}
		return err
	})
	committing()
	if err != nil { // nothing of the batch was written
		if !errors.Is(err, store.ErrConflict) && s.Log != nil {
			s.Log.WarnContext(ctx, "account: batch create failed; creating one by one", "creates", len(ready), "err", err)
		}
		for _, n := range ready {
			n.Out = nil // set inside the transaction that did not commit
		}
		retry = ready
	}
	// The retries share the batch's deadline: one create stuck on a lock
	// must not hold the creates queued behind the batch indefinitely.
	deadline, bounded := ctx.Deadline()
	for _, n := range retry {
		n.Account.ID = ""
		rctx, cancel := n.Ctx, context.CancelFunc(func() {})
		if bounded {
			rctx, cancel = context.WithDeadline(n.Ctx, deadline)
		}
		n.Out, n.Err = s.Create(rctx, n.Actor, n.In, n.Account)
		cancel()
	}
}

// createManyTx writes ready in tx, runs provision for each active account
// written, and returns the creates it left out because another account
// holds their userName.
func (s *Service) createManyTx(ctx context.Context, tx *store.Store, ready []*NewAccount, subscribers func() ([]store.WebhookEndpoint, error), provision func(*NewAccount) error) ([]*NewAccount, error) {
	accts := make([]*store.Account, len(ready))
	of := make(map[*store.Account]*NewAccount, len(ready))
	for i, n := range ready {
		accts[i] = n.Account
		of[n.Account] = n
	}
	// An unconfirmed sign-up holding an address of the batch (rare) sends
	// the whole batch through Create, one by one: each create then drops
	// the sign-up only if it is itself written (account/signups.go).
	addrs, _ := signUpAddrs(accts)
	if found, err := tx.LockUnconfirmedSignUps(ctx, addrs); err != nil || len(found) > 0 {
		return ready, err
	}
	written, err := tx.InsertNewAccounts(ctx, accts, func(a *store.Account) store.AuditEvent {
		return createdEvent(of[a].Ctx, of[a].Actor, a)
	})
	if err != nil {
		return nil, err
	}
	done := make(map[*store.Account]bool, len(written))
	for _, a := range written {
		done[a] = true
	}
	var retry, made []*NewAccount
	hooks := make([]webhook.Event, 0, len(written))
	for _, n := range ready {
		if !done[n.Account] {
			retry = append(retry, n)
			continue
		}
		made = append(made, n)
		hooks = append(hooks, webhook.AccountEvent(webhook.AccountCreated, n.Account, n.Actor.String()))
	}
	eps, err := subscribers()
	if err != nil {
		return nil, err
	}
	if err := webhook.EnqueueTo(ctx, tx, map[string][]store.WebhookEndpoint{webhook.AccountCreated: eps}, hooks); err != nil {
		return nil, err
	}
	for _, n := range made {
		if n.Account.Active {
			if err := provision(n); err != nil {
				return nil, fmt.Errorf("account: create %q: %w", n.Account.UserName, err)
			}
		}
	}
	for _, n := range made {
		n.Out = n.Account
	}
	return retry, nil
}
