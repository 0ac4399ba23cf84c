package directory

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
)

// txUsers is how many directory users share one transaction when the
// batches come one at a time (SQLite's one writer). Each commit writes
// every index page its transaction touched, and the users of a large
// import touch them all: 10,000 users per commit instead of 2,000 made
// the users phase of a 100k import about a quarter faster. Every other
// writer (a SCIM request, /readyz) waits for the transaction, so it also
// ends once it has run txBudget: updates cost far more than creates.
var txUsers = 10_000 // a variable for tests

// txBudget bounds one transaction of UpsertBatches (plus the batch that
// passes it: 2,000 users, as before batches were shared).
var txBudget = 500 * time.Millisecond // a variable for tests

var _ ldapsync.BatchUpserter = (*Target)(nil)

// UpsertBatches is Upsert for a sequence of batches, several per
// transaction (txUsers, txBudget): the same per-entry rules, audit events
// and policy. done reports each transaction once it has committed. Unlike
// Upsert it does not retry on a conflict: with one writer no other batch
// can hold what a batch writes.
func (t *Target) UpsertBatches(ctx context.Context, integrationID string, batches iter.Seq2[[]ldapsync.User, error],
	done func(users int, res ldapsync.UpsertResult)) error {
	if err := t.check(integrationID); err != nil {
		return err
	}
	if !t.can(permission.AccountsWrite) {
		for b, err := range batches {
			if err != nil {
				return err
			}
			t.mu.Lock()
			t.denied.writes += len(b)
			t.mu.Unlock()
			done(len(b), ldapsync.UpsertResult{})
		}
		return nil
	}
	deactivate := t.can(permission.AccountsDeactivate)
	next, stop := iter.Pull2(batches)
	defer stop()
	for more := true; more; {
		var outs []upsertOut
		users := 0
		err := t.acc.Store.Tx(ctx, func(tx *store.Store) error {
			start := time.Now()
			for users < txUsers && time.Since(start) < txBudget {
				b, err, ok := next()
				if !ok {
					more = false
					return nil
				}
				if err != nil {
					return err
				}
				out, err := t.upsertIn(ctx, tx, b, deactivate)
				if err != nil {
					return err
				}
				outs = append(outs, out)
				users += len(b)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("directory: ldap upsert: %w", err)
		}
		var res ldapsync.UpsertResult
		for _, out := range outs {
			t.record(out)
			res.Created += out.res.Created
			res.Updated += out.res.Updated
			res.Invited += out.res.Invited
		}
		if users > 0 {
			done(users, res)
		}
	}
	return nil
}
