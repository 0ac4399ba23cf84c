package directory

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
)

// Target is the ldapsync.Target of one LDAP integration: it writes what a
// sync run planned through account.Service (Create, Update, Delete, the group
// methods), so the integration's auto-invite and access-code policy applies
// to directory accounts exactly as to SCIM ones, with the same audit events.
//
// Accounts that leave the directory are deleted (status deleted, row kept
// for the audit trail, userName freed), as a SCIM DELETE does: leaving the
// directory is deprovisioning. Disabled entries stay and are suspended.
// maxDeactivatePercent guards both.
type Target struct {
	acc   *account.Service
	in    *store.Integration
	actor account.Actor
	// ids maps externalId -> account id, filled by Snapshot and kept up to
	// date by the writes: later lookups cost no query (on a table that just
	// grew by 100k rows, PostgreSQL's stale statistics made them scans).
	ids map[string]string
	// lookedUp: the run asked KnownOf instead of Snapshot (ids stays nil),
	// so the accounts it wrote are all in managed.
	lookedUp bool
	// created counts accounts created since the table statistics were last
	// refreshed; past statsRefreshAfter the planner gets fresh ones.
	created int
	// managed lists the accounts written this run that name a manager, for
	// linking at the end; removed counts deletions, which may orphan links.
	managed []string
	removed int
	denied  ldapDenied // what the integration's permissions skipped
	// mu guards the fields above while Upsert runs from several goroutines
	// (UpsertWriters); the other phases run alone.
	mu sync.Mutex
}

// UpsertWriters is how many Upsert batches may run at once: several on
// PostgreSQL, whose per-row work (ten indexes, a foreign-key check) then
// runs on several cores while Go prepares the next batch; one on SQLite,
// which has one writer.
func (t *Target) UpsertWriters() int {
	if t.acc.Store.Dialect() == store.Postgres {
		return upsertWriters
	}
	return 1
}

// upsertWriters is UpsertWriters on PostgreSQL.
const upsertWriters = 2

// statsRefreshAfter is how many new accounts make stale planner statistics
// worth an ANALYZE before the queries that join accounts (groups, managers).
const statsRefreshAfter = 1000

// managedCap is how many written accounts are worth linking one by one.
const managedCap = 10_000

func (t *Target) refreshStats(ctx context.Context) error {
	if t.created < statsRefreshAfter {
		return nil
	}
	t.created = 0
	return t.acc.Store.RefreshAccountStats(ctx)
}

// ErrWrongIntegration means a Target was called for another integration.
var ErrWrongIntegration = errors.New("directory: ldap target called for another integration")

// Target returns the sync target of integration in; actor "integration:NAME".
func (s *Service) Target(in *store.Integration) *Target {
	return &Target{acc: s.Accounts, in: in, actor: account.Actor{Kind: "integration", ID: in.ID, Name: in.Name}}
}

var _ ldapsync.Target = (*Target)(nil)

func (t *Target) check(integrationID string) error {
	if integrationID != t.in.ID {
		return fmt.Errorf("%w: %s", ErrWrongIntegration, integrationID)
	}
	return nil
}

// Snapshot returns every live account of the integration by externalId.
func (t *Target) Snapshot(ctx context.Context, integrationID string) (map[string]ldapsync.Known, error) {
	if err := t.check(integrationID); err != nil {
		return nil, err
	}
	out := map[string]ldapsync.Known{}
	t.ids = map[string]string{}
	err := t.acc.Store.EachLDAPAccount(ctx, integrationID, func(id, ext, hash, dn string, active bool) {
		out[ext] = ldapsync.Known{Hash: hash, Active: active, DN: dn}
		t.ids[ext] = id
	})
	if err != nil {
		return nil, fmt.Errorf("directory: ldap snapshot: %w", err)
	}
	return out, nil
}

// Remove deletes the accounts that left the directory, each in its own
// transaction with its audit event and the policy's Deactivated hook.
func (t *Target) Remove(ctx context.Context, integrationID string, externalIDs []string) (int, error) {
	if err := t.check(integrationID); err != nil {
		return 0, err
	}
	if !t.can(permission.AccountsDeactivate) {
		t.denied.removals += len(externalIDs)
		return 0, nil
	}
	ids, err := t.accountIDs(ctx, t.acc.Store, externalIDs)
	if err != nil {
		return 0, fmt.Errorf("directory: ldap remove: %w", err)
	}
	n := 0
	for _, ext := range externalIDs {
		id, ok := ids[ext]
		if !ok {
			continue
		}
		err := t.acc.Delete(ctx, t.actor, id, 0)
		delete(t.ids, ext)
		t.removed++
		if errors.Is(err, store.ErrNotFound) {
			continue // deleted meanwhile (an admin, a concurrent run)
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// accountIDs maps externalIds to account ids: from the snapshot's map when
// Snapshot ran, else by query.
func (t *Target) accountIDs(ctx context.Context, st *store.Store, ext []string) (map[string]string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ids == nil {
		t.mu.Unlock()
		defer t.mu.Lock() // for the deferred Unlock
		return st.AccountIDsByExternalID(ctx, t.in.ID, ext)
	}
	out := make(map[string]string, len(ext))
	for _, e := range ext {
		if id, ok := t.ids[e]; ok {
			out[e] = id
		}
	}
	return out, nil
}

// SaveCookie links the managers of the accounts this run wrote (of every
// account after deletions or a large load), then stores the
// incremental state: the last write of a successful run.
func (t *Target) SaveCookie(ctx context.Context, integrationID string, cookie []byte) error {
	if err := t.check(integrationID); err != nil {
		return err
	}
	if err := t.refreshStats(ctx); err != nil {
		return err
	}
	return t.acc.Store.Tx(ctx, func(tx *store.Store) error {
		var n int64
		var err error
		if t.removed > 0 || len(t.managed) > managedCap || (t.ids == nil && !t.lookedUp) {
			n, err = tx.LinkLDAPManagers(ctx, integrationID)
		} else {
			n, err = tx.LinkLDAPManagersOf(ctx, integrationID, t.managed)
		}
		if err != nil {
			return err
		}
		t.managed, t.removed = nil, 0
		if n > 0 {
			if err := tx.Audit(ctx, t.actor.String(), "account.managers_linked", "integration", integrationID,
				map[string]any{"accounts": n}); err != nil {
				return err
			}
		}
		return tx.SetSyncCookie(ctx, integrationID, cookie)
	})
}
