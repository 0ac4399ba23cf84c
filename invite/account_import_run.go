package invite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// ImportAccounts creates the accounts of rows through accounts (the one
// write path), as actor, and keeps the import with its report.
//
// Each row is handled on its own (a bad or existing row never blocks the
// others; docs/accounts.md), by chunks in savepoints of one transaction
// (createRows) that also writes the import record and its audit event: if
// the database fails mid-way nothing is written, so a retry starts clean. With opts.DryRun
// nothing but the kept preview is written. Invite "now" invites every
// created row (access codes for rows without email); "later" leaves them
// not_invited.
func (s *Service) ImportAccounts(ctx context.Context, accounts *account.Service, actor account.Actor, rows []AccountImportRow, opts AccountImportOptions) (*AccountImportResult, error) {
	return s.importAccounts(ctx, accounts, actor, rows, opts, "")
}

// ApplyAccountImport runs the kept preview previewID for real, with the
// admin's invite choice; a preview is applied at most once.
func (s *Service) ApplyAccountImport(ctx context.Context, accounts *account.Service, actor account.Actor, previewID string, opts AccountImportOptions) (*AccountImportResult, error) {
	prev, err := s.Store.AccountImportByID(ctx, previewID)
	if err != nil {
		return nil, notFound(err)
	}
	if !prev.DryRun || prev.AppliedID != nil {
		return nil, ErrImportApplied
	}
	var rows []AccountImportRow
	if err := json.Unmarshal([]byte(prev.Input), &rows); err != nil {
		return nil, fmt.Errorf("invite: preview %s: %w", previewID, err)
	}
	opts.DryRun, opts.FileName = false, prev.FileName
	return s.importAccounts(ctx, accounts, actor, rows, opts, previewID)
}

func (s *Service) importAccounts(ctx context.Context, accounts *account.Service, actor account.Actor, rows []AccountImportRow, opts AccountImportOptions, previewID string) (*AccountImportResult, error) {
	inviteNow := opts.Invite == "now"
	imp := &store.AccountImport{ID: store.NewID(), CreatedBy: actor.String(), FileName: opts.FileName,
		DryRun: opts.DryRun, Invite: map[bool]string{true: "now", false: "later"}[inviteNow], Total: len(rows)}
	var rep []AccountImportReport
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		if previewID != "" {
			if err := tx.MarkAccountImportApplied(ctx, previewID, imp.ID); errors.Is(err, store.ErrConflict) {
				return ErrImportApplied
			} else if err != nil {
				return err
			}
		}
		var err error
		if rep, err = checkRows(ctx, tx, rows); err != nil {
			return err
		}
		if !opts.DryRun {
			if err := s.createRows(ctx, accounts.WithStore(tx), tx, actor, rows, rep, inviteNow, opts); err != nil {
				return err
			}
		}
		return s.keepImport(ctx, tx, actor, imp, rows, rep)
	})
	if err != nil {
		return nil, fmt.Errorf("invite: account import: %w", err)
	}
	s.refreshStatsAfter(ctx, rep)
	return &AccountImportResult{Import: imp, Rows: rep}, nil
}

// statsRefreshAfter is how many created accounts make the planner's
// statistics stale enough to refresh, as the LDAP sync does
// (directory/target.go).
const statsRefreshAfter = 1000

// refreshStatsAfter has PostgreSQL re-sample the accounts after a large
// import: until autovacuum does (up to a minute later), its plans assume
// the table as it was, and scan it whole where an index lookup was meant
// (an invite-all right after the import: every batch). The import has
// committed: a failure here is logged, not returned.
func (s *Service) refreshStatsAfter(ctx context.Context, rep []AccountImportReport) {
	created := 0
	for _, r := range rep {
		if r.Result == RowCreated {
			created++
		}
	}
	if created < statsRefreshAfter {
		return
	}
	if err := s.Store.RefreshAccountStats(ctx); err != nil {
		s.Log.WarnContext(ctx, "account import: refreshing account statistics failed", "err", err)
	}
}

// importChunk is how many rows share one savepoint and one batch of
// INSERTs (account.CreateManyIn). A savepoint per row made SQLite copy
// every page each row touched to its statement journal, and each row's
// statements were parsed anew; a chunk pays both once. On PostgreSQL the
// chunk is one statement of about 50 variables a row (limit 65,535).
const importChunk = 500

// createRows creates the rows checkRows left to create (RowCreate), by
// chunks of importChunk rows, each in one savepoint (createChunk). The rows
// a chunk leaves out (a clash found only now, an unconfirmed sign-up
// holding an address), and every row of a chunk whose batch fails, are
// created one by one (createRow), each in its own savepoint, which gives
// each the outcome it would have had alone: a clash found only now
// (another writer) turns the row into already_exists.
func (s *Service) createRows(ctx context.Context, svc *account.Service, tx *store.Store, actor account.Actor, rows []AccountImportRow, rep []AccountImportReport, inviteNow bool, o AccountImportOptions) error {
	opts := AdminCreate{Invite: inviteNow, Message: o.Message}
	var todo []int
	for i := range rep {
		if rep[i].Result == RowCreate {
			todo = append(todo, i)
		}
	}
	for start := 0; start < len(todo); start += importChunk {
		part := todo[start:min(start+importChunk, len(todo))]
		left, err := s.createChunk(ctx, svc, tx, actor, rows, rep, part, opts)
		if err != nil {
			return err
		}
		for _, i := range left {
			if err := s.createRow(ctx, svc, tx, actor, rows[i], &rep[i], opts); err != nil {
				return err
			}
		}
		if done := part[len(part)-1] + 1; o.Progress != nil && done < len(rep) {
			o.Progress(done, len(rep))
		}
	}
	if o.Progress != nil {
		o.Progress(len(rep), len(rep))
	}
	return nil
}
