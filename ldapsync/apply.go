package ldapsync

import (
	"context"
	"fmt"
	"slices"
)

// batchSize bounds one Target transaction: large enough to amortise commit
// cost, small enough to keep locks and memory short.
const batchSize = 500

// apply writes a checked plan: users, then removals, then groups (whose
// members must exist first).
func apply(ctx context.Context, o *RunOptions, p *plan, s *Summary) error {
	total := len(p.upserts) + len(p.removals) + len(p.groups)
	applied := 0
	tick := func(n int) {
		applied += n
		o.progress(Progress{Phase: "apply", Read: p.read, Applied: applied, Total: total})
	}
	for b := range slices.Chunk(p.upserts, batchSize) {
		res, err := o.Target.Upsert(ctx, o.IntegrationID, b)
		if err != nil {
			return fmt.Errorf("ldapsync: upsert %d users: %w", len(b), err)
		}
		s.Created += res.Created
		s.Updated += res.Updated
		s.Invited += res.Invited
		tick(len(b))
	}
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
