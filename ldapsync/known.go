package ldapsync

import (
	"context"
	"fmt"
)

// KnownLookup is what a Target may add so that an incremental run never
// reads its whole Snapshot: asked only about the entries that changed, a
// run of 100 changes over 100,000 accounts reads 100 rows, not 100,000.
// A Target without it gets Snapshot, as before.
type KnownLookup interface {
	// KnownOf returns what the Target holds for these externalIds of the
	// integration (as Snapshot would); unknown ones are absent.
	KnownOf(ctx context.Context, integrationID string, externalIDs []string) (map[string]Known, error)
	// KnownActive counts the integration's active accounts, the base of
	// maxDeactivatePercent (as counted over Snapshot).
	KnownActive(ctx context.Context, integrationID string) (int, error)
}

// knownSet is what a run knows of the Target: the whole Snapshot (full),
// or, in an incremental run against a KnownLookup, only the keys looked up
// so far.
type knownSet struct {
	m      map[string]Known
	full   bool
	target Target
	lookup KnownLookup // nil: the snapshot is read at once
	id     string      // the integration
}

// newKnownSet reads the snapshot now unless lazy and the Target can look
// entries up.
func newKnownSet(ctx context.Context, o *RunOptions, lazy bool) (*knownSet, error) {
	k := &knownSet{m: map[string]Known{}, target: o.Target, id: o.IntegrationID}
	if l, ok := o.Target.(KnownLookup); ok && lazy {
		k.lookup = l
		return k, nil
	}
	return k, k.loadAll(ctx)
}

// loadAll replaces what was looked up with the whole snapshot.
func (k *knownSet) loadAll(ctx context.Context) error {
	if k.full {
		return nil
	}
	m, err := k.target.Snapshot(ctx, k.id)
	if err != nil {
		return fmt.Errorf("ldapsync: snapshot: %w", err)
	}
	k.m, k.full = m, true
	return nil
}

// fetch looks up ids not known yet (nothing to do with the whole snapshot).
func (k *knownSet) fetch(ctx context.Context, ids []string) error {
	if k.full || len(ids) == 0 {
		return nil
	}
	got, err := k.lookup.KnownOf(ctx, k.id, ids)
	if err != nil {
		return fmt.Errorf("ldapsync: known accounts: %w", err)
	}
	for id, v := range got {
		k.m[id] = v
	}
	return nil
}

// active counts the active accounts: over the snapshot, or by asking the
// Target when only a few were looked up.
func (k *knownSet) active(ctx context.Context) (int, error) {
	if !k.full {
		n, err := k.lookup.KnownActive(ctx, k.id)
		if err != nil {
			return 0, fmt.Errorf("ldapsync: active accounts: %w", err)
		}
		return n, nil
	}
	n := 0
	for _, v := range k.m {
		if v.Active {
			n++
		}
	}
	return n, nil
}
