package invite

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// createManyIn is account.Service.CreateManyIn; export_test.go makes its
// batches fail through it, to prove the one-by-one fallback.
var createManyIn = (*account.Service).CreateManyIn

// createChunk creates the rows part of rows in one savepoint of tx, through
// svc.CreateManyIn with the admin's rule (adminCreated) in place of the
// policy, and fills their report. It returns the rows it left to create
// one by one: those the batch left out or, when the batch fails (its
// savepoint rolled back), all of them. Only a failing savepoint itself
// fails it.
func (s *Service) createChunk(ctx context.Context, svc *account.Service, tx *store.Store, actor account.Actor, rows []AccountImportRow, rep []AccountImportReport, part []int, opts AdminCreate) ([]int, error) {
	batch := make([]*account.NewAccount, len(part))
	rowOf := make(map[*store.Account]int, len(part))
	for k, i := range part {
		a, err := rows[i].Input.Build()
		if err != nil { // checkRows built it already
			return nil, fmt.Errorf("row %d: %w", rows[i].Row, err)
		}
		batch[k] = &account.NewAccount{Ctx: ctx, Actor: actor, Account: a}
		rowOf[a] = i
	}
	res := make(map[int]adminCreatedResult, len(part))
	var left []*account.NewAccount
	err := tx.Savepoint(ctx, "account_import", func() error {
		var err error
		left, err = createManyIn(svc, ctx, tx, batch, account.CreateOptions{
			Provision: func(ctx context.Context, tx *store.Store, a *store.Account) error {
				r, err := s.adminCreated(ctx, tx, actor, a, opts)
				res[rowOf[a]] = r
				return err
			},
		})
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		if !errors.Is(err, store.ErrConflict) {
			s.Log.WarnContext(ctx, "account import: batch failed; creating its rows one by one", "rows", len(part), "err", err)
		}
		return part, nil
	}
	out := make(map[*account.NewAccount]bool, len(left))
	for _, n := range left {
		out[n] = true
	}
	var again []int
	for k, n := range batch {
		i := part[k]
		if out[n] {
			again = append(again, i)
			continue
		}
		markCreated(&rep[i], n.Account.ID, res[i])
	}
	return again, nil
}

// createRow creates row alone, in its own savepoint of tx, and fills its
// report r: created, or already_exists or invalid when the create says so.
func (s *Service) createRow(ctx context.Context, svc *account.Service, tx *store.Store, actor account.Actor, row AccountImportRow, r *AccountImportReport, opts AdminCreate) error {
	a, err := row.Input.Build()
	if err != nil { // checkRows built it already
		return fmt.Errorf("row %d: %w", row.Row, err)
	}
	var res adminCreatedResult
	err = tx.Savepoint(ctx, "account_import", func() error {
		var err error
		_, res, err = s.createAdminAccount(ctx, svc, actor, a, opts)
		return err
	})
	switch {
	case errors.Is(err, store.ErrConflict):
		r.Result, r.Reason = RowAlreadyExists, "an account with this user name exists"
		return nil
	case errors.Is(err, account.ErrInvalid):
		r.Result, r.Reason = RowInvalid, reasonOf(err)
		return nil
	case err != nil:
		return fmt.Errorf("row %d: %w", row.Row, err)
	}
	markCreated(r, a.ID, res)
	return nil
}

// markCreated fills the report of a row created as account id.
func markCreated(r *AccountImportReport, id string, res adminCreatedResult) {
	r.Result, r.AccountID, r.Link = RowCreated, id, res.Link
	switch {
	case res.InvitationID != "":
		r.Invitation = "invited"
	case res.AccessCode:
		r.Invitation = "access_code"
	}
}
