package store

import (
	"context"
	"fmt"
)

// CreateAccounts inserts many new accounts with their emails (CreateAccount's
// bulk twin, for directory syncs): multi-row statements on PostgreSQL, one
// prepared single-row statement on SQLite (insertEach); ids, version,
// status default and timestamps are set here as there.
func (s *Store) CreateAccounts(ctx context.Context, accts []*Account) error {
	if len(accts) == 0 {
		return nil
	}
	prepareNewAccounts(accts)
	if s.dialect == SQLite {
		if err := insertEach(ctx, s, accts); err != nil {
			return fmt.Errorf("store: create %d accounts: %w", len(accts), err)
		}
		return s.insertEmailsOf(ctx, accts)
	}
	// About 40 columns: 200 rows stay under SQLite's 32766 parameters.
	if err := s.q(ctx).CreateInBatches(accts, 200).Error; err != nil {
		return fmt.Errorf("store: create %d accounts: %w", len(accts), mapErr(err))
	}
	return s.insertEmailsOf(ctx, accts)
}

// InsertAuditEvents writes many audit events at once (one statement of
// arrays on PostgreSQL, insertEach on SQLite); At defaults to now.
func (s *Store) InsertAuditEvents(ctx context.Context, evs []AuditEvent) error {
	if len(evs) == 0 {
		return nil
	}
	auditDefaults(evs)
	if s.dialect == SQLite {
		if err := insertEach(ctx, s, evs); err != nil {
			return fmt.Errorf("store: audit %d events: %w", len(evs), err)
		}
		return nil
	}
	return s.insertAuditEventsPG(ctx, evs)
}

// RefreshAccountStats has PostgreSQL re-sample the accounts table after a
// bulk load: with the statistics of the empty table it had planned
// membership inserts as scans of every account (0.3 s per group of a
// 100k-user import instead of a millisecond). SQLite plans by heuristics
// and has nothing to refresh.
func (s *Store) RefreshAccountStats(ctx context.Context) error {
	if s.dialect != Postgres {
		return nil
	}
	if err := s.q(ctx).Exec("ANALYZE accounts").Error; err != nil {
		return fmt.Errorf("store: analyze accounts: %w", mapErr(err))
	}
	return nil
}

// RefreshStaleAccountStats refreshes the accounts table's statistics when
// PostgreSQL believes it holds fewer than live rows (the caller knows at
// least that many exist): never analyzed, or analyzed before a bulk load
// that autovacuum has not caught up with yet. Without them the planner
// reads every account to find a batch of primary keys (invite-all: 57 ms
// a batch instead of 4). It reports whether it analyzed.
func (s *Store) RefreshStaleAccountStats(ctx context.Context, live int) (bool, error) {
	if s.dialect != Postgres {
		return false, nil
	}
	var believed float64
	if err := s.q(ctx).Raw("SELECT reltuples FROM pg_class WHERE oid = 'accounts'::regclass").Scan(&believed).Error; err != nil {
		return false, fmt.Errorf("store: account statistics: %w", mapErr(err))
	}
	if believed >= float64(live) {
		return false, nil
	}
	return true, s.RefreshAccountStats(ctx)
}

// auditDefaults sets what an audit event left zero: At now, Details "{}".
func auditDefaults(evs []AuditEvent) {
	now := Now()
	for i := range evs {
		if evs[i].At.IsZero() {
			evs[i].At = now
		}
		if evs[i].Details == "" {
			evs[i].Details = "{}"
		}
	}
}
