package scim

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// maxBatch bounds how many creates share one transaction.
const maxBatch = 64

// createBatcher is group commit for POST /Users. Creates that arrive while
// another batch is being written queue up and are then written together,
// each through account.Service.Create inside its own savepoint of one
// transaction: a failing create (a 409) undoes only its own writes, and
// the commit's cost is paid once per batch instead of once per user. An
// uncontended create is written at once, alone; nothing ever waits for a
// timer.
type createBatcher struct {
	store    *store.Store
	accounts *account.Service
	mu       sync.Mutex
	queue    []*createReq
	running  bool
}

// createAccount creates through the batcher on SQLite, directly otherwise.
func (s *Server) createAccount(ctx context.Context, a *store.Account) (*store.Account, error) {
	actor, in := actorFrom(ctx), integrationFrom(ctx)
	if s.creates != nil {
		return s.creates.create(ctx, actor, in, a)
	}
	return s.accounts.Create(ctx, actor, in, a)
}

type createReq struct {
	ctx   context.Context
	actor account.Actor
	in    *store.Integration
	a     *store.Account
	out   *store.Account
	err   error
	done  chan struct{}
}

// create queues one create and waits for its result.
func (b *createBatcher) create(ctx context.Context, actor account.Actor, in *store.Integration, a *store.Account) (*store.Account, error) {
	r := &createReq{ctx: ctx, actor: actor, in: in, a: a, done: make(chan struct{})}
	b.mu.Lock()
	b.queue = append(b.queue, r)
	if !b.running {
		b.running = true
		go b.lead()
	}
	b.mu.Unlock()
	<-r.done // not ctx: once queued, the create happens; the caller must learn its outcome
	return r.out, r.err
}

// lead writes batches until the queue is empty.
func (b *createBatcher) lead() {
	for {
		b.mu.Lock()
		n := min(len(b.queue), maxBatch)
		batch := b.queue[:n:n]
		b.queue = b.queue[n:]
		if n == 0 {
			b.running = false
			b.mu.Unlock()
			return
		}
		b.mu.Unlock()
		b.write(batch)
	}
}

// write writes one batch and always answers every request in it, even if
// a create panics (a stuck leader would block every later create).
func (b *createBatcher) write(batch []*createReq) {
	defer func() {
		if v := recover(); v != nil {
			for _, r := range batch {
				r.out, r.err = nil, fmt.Errorf("scim: create panicked: %v", v)
			}
		}
		for _, r := range batch {
			close(r.done)
		}
	}()
	// The batch outlives any one client: keep the first request's values
	// but not its cancellation.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(batch[0].ctx), 30*time.Second)
	defer cancel()
	if len(batch) == 1 {
		r := batch[0]
		r.out, r.err = b.accounts.Create(ctx, r.actor, r.in, r.a)
		return
	}
	err := b.store.Tx(ctx, func(tx *store.Store) error {
		svc := &account.Service{Store: tx, Policy: b.accounts.Policy, Log: b.accounts.Log}
		for _, r := range batch {
			// Each create logs with its own request's values (request id).
			rctx := context.WithoutCancel(r.ctx)
			r.err = tx.Savepoint(ctx, "scim_create", func() error {
				var err error
				r.out, err = svc.Create(rctx, r.actor, r.in, r.a)
				return err
			})
		}
		return nil
	})
	if err != nil { // the commit failed: nothing of the batch was written
		for _, r := range batch {
			r.out, r.err = nil, err
		}
	}
}
