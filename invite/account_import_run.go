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
// Rows are handled one by one (a bad or existing row never blocks the
// others; docs/accounts.md), each in a savepoint of one transaction that
// also writes the import record and its audit event: if the database fails
// mid-way nothing is written, so a retry starts clean. With opts.DryRun
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
		var accts map[int]*store.Account
		var err error
		if rep, accts, err = checkRows(ctx, tx, rows); err != nil {
			return err
		}
		if !opts.DryRun {
			if err := s.createRows(ctx, accounts.WithStore(tx), tx, actor, rep, accts, inviteNow, opts); err != nil {
				return err
			}
		}
		return s.keepImport(ctx, tx, actor, imp, rows, rep)
	})
	if err != nil {
		return nil, fmt.Errorf("invite: account import: %w", err)
	}
	return &AccountImportResult{Import: imp, Rows: rep}, nil
}

// createRows creates each checked account in its own savepoint; a clash
// found only now (another writer) turns the row into already_exists.
func (s *Service) createRows(ctx context.Context, svc *account.Service, tx *store.Store, actor account.Actor, rep []AccountImportReport, accts map[int]*store.Account, inviteNow bool, o AccountImportOptions) error {
	opts := AdminCreate{Invite: inviteNow, Message: o.Message}
	for i := range rep {
		if o.Progress != nil && i > 0 {
			o.Progress(i, len(rep))
		}
		a := accts[i]
		if a == nil {
			continue
		}
		var res adminCreatedResult
		err := tx.Savepoint(ctx, "account_import", func() error {
			var err error
			_, res, err = s.createAdminAccount(ctx, svc, actor, a, opts)
			return err
		})
		switch {
		case errors.Is(err, store.ErrConflict):
			rep[i].Result, rep[i].Reason = RowAlreadyExists, "an account with this user name exists"
			continue
		case errors.Is(err, account.ErrInvalid):
			rep[i].Result, rep[i].Reason = RowInvalid, reasonOf(err)
			continue
		case err != nil:
			return fmt.Errorf("row %d: %w", rep[i].Row, err)
		}
		rep[i].Result, rep[i].AccountID, rep[i].Link = RowCreated, a.ID, res.Link
		switch {
		case res.InvitationID != "":
			rep[i].Invitation = "invited"
		case res.AccessCode:
			rep[i].Invitation = "access_code"
		}
	}
	if o.Progress != nil {
		o.Progress(len(rep), len(rep))
	}
	return nil
}
