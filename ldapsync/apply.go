package ldapsync

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"
)

// batchSize bounds one Target transaction: large enough to amortise commit
// cost, small enough to keep locks and memory short.
const batchSize = 2000

// apply writes a checked plan: users, then removals, then groups (whose
// members must exist first).
func apply(ctx context.Context, o *RunOptions, p *plan, s *Summary) error {
	total := p.upserts.len() + len(p.removals) + len(p.groups)
	applied := 0
	tick := func(n int) {
		applied += n
		o.progress(Progress{Phase: "apply", Read: p.read, Applied: applied, Total: total})
	}
	if err := upsertAll(ctx, o, p, s, tick); err != nil {
		return err
	}
	p.upserts.close() // written: let the groups phase have the memory
	for b := range slices.Chunk(p.removals, batchSize) {
		n, err := o.Target.Remove(ctx, o.IntegrationID, b)
		if err != nil {
			return fmt.Errorf("ldapsync: remove %d accounts: %w", len(b), err)
		}
		s.Deleted += n
		tick(len(b))
	}
	if len(p.groups)+len(p.groupRemovals) > 0 {
		if err := o.Target.SyncGroups(ctx, o.IntegrationID, p.groups, p.groupRemovals); err != nil {
			return fmt.Errorf("ldapsync: sync %d groups: %w", len(p.groups), err)
		}
		tick(len(p.groups))
	}
	return nil
}

// ConcurrentUpserter is a Target that takes Upsert batches from several
// goroutines at once (a database with many connections); apply then keeps
// UpsertWriters batches in flight, each of batchSize/UpsertWriters users.
type ConcurrentUpserter interface {
	UpsertWriters() int
}

// upsertAll writes the plan's users in batches, several at once when the
// Target allows, several per transaction when it prefers (BatchUpserter);
// the first error stops the rest.
func upsertAll(ctx context.Context, o *RunOptions, p *plan, s *Summary, tick func(int)) error {
	writers := 1
	if c, ok := o.Target.(ConcurrentUpserter); ok {
		writers = max(1, c.UpsertWriters())
	}
	if bu, ok := o.Target.(BatchUpserter); ok && writers == 1 {
		return upsertBatches(ctx, o, p, s, tick, bu)
	}
	eg, ctx := errgroup.WithContext(ctx)
	eg.SetLimit(writers)
	var mu sync.Mutex
	// batchSize users in flight in all, whatever the writers: the memory
	// of a run stays that of one batch (its rows and their encoding).
	for b, err := range p.upserts.batches(max(1, batchSize/writers)) {
		if err != nil {
			eg.Wait()
			return err
		}
		if ctx.Err() != nil {
			break // a batch failed: the error is eg.Wait's
		}
		eg.Go(func() error {
			res, err := o.Target.Upsert(ctx, o.IntegrationID, b)
			if err != nil {
				return fmt.Errorf("ldapsync: upsert %d users: %w", len(b), err)
			}
			mu.Lock()
			defer mu.Unlock()
			s.Created += res.Created
			s.Updated += res.Updated
			s.Invited += res.Invited
			tick(len(b))
			return nil
		})
	}
	return eg.Wait()
}
