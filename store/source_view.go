package store

import (
	"context"
	"fmt"
)

// What an integration sees of the accounts it provisioned while its
// breaker holds some of its changes (account/breaker.go): the change as if
// applied. accounts.held carries the kind of the account's pending held
// change, so that this view is read with the row and filtered in SQL
// (ListAccounts), and every move of a hold writes the row, which moves its
// version (the SCIM ETag):
//
//	hold made (deactivate)        account.Update saves the row with Held set
//	hold made or turned (delete)  HoldAccount
//	hold canceled                 account.Update saves the row with Held "",
//	                              or MarkAccountDeleted
//	hold applied or discarded     ResolveHeldChanges, before the change is replayed
//
// Admins read the row as it is: the real state, and Held beside it.

// SourceView is a as its integration sees it: inactive (and suspended)
// while a deactivation is held. A held deletion hides the account from its
// integration altogether (HiddenFromSource).
func (a *Account) SourceView() *Account {
	if a.Held != HeldDeactivate {
		return a
	}
	v := *a
	v.Active = false
	if v.Status != StatusRejected {
		v.Status = StatusSuspended
	}
	return &v
}

// HiddenFromSource reports whether a's integration asked for its deletion
// and the breaker holds it: the integration sees no such account.
func (a *Account) HiddenFromSource() bool { return a.Held == HeldDelete }

// sourceViewWhere keeps the accounts an integration sees (rows aliased a).
const sourceViewWhere = "a.held <> '" + HeldDelete + "'"

// sourceActive is the active flag as the integration sees it.
const sourceActive = "(a.active AND a.held = '')"

// HoldAccount records on account id that a change of kind is held (a held
// deletion; a held deactivation is saved with the rest of the row by
// account.Update), moving its version, and for a deletion the versions of
// its groups, whose members the integration no longer sees it among
// (EachGroupMember). Nothing moves when the account already says so.
func (s *Store) HoldAccount(ctx context.Context, id, kind string) error {
	return s.Tx(ctx, func(tx *Store) error {
		res := tx.q(ctx).Exec("UPDATE accounts SET held = ?, version = version + 1, updated_at = ? WHERE id = ? AND held <> ?",
			kind, Now(), id, kind)
		if res.Error != nil {
			return fmt.Errorf("store: hold %s of account %s: %w", kind, id, mapErr(res.Error))
		}
		if res.RowsAffected == 0 || kind != HeldDelete {
			return nil
		}
		return tx.touchGroupsOf(ctx, "?", id)
	})
}

// releaseHolds clears the hold of the accounts whose pending changes of
// integration integrationID (those in ids; all when nil) are being
// resolved, moving their versions (and those of a held-deleted account's
// groups, where it shows again).
func (s *Store) releaseHolds(ctx context.Context, integrationID string, ids []int64) error {
	sub := "SELECT account_id FROM held_changes WHERE integration_id = ? AND status = ?"
	args := []any{integrationID, HoldPending}
	if ids != nil {
		sub += " AND id IN ?"
		args = append(args, ids)
	}
	deleted := "SELECT id FROM accounts WHERE held = '" + HeldDelete + "' AND id IN (" + sub + ")"
	if err := s.touchGroupsOf(ctx, deleted, args...); err != nil {
		return err
	}
	err := s.q(ctx).Exec("UPDATE accounts SET held = '', version = version + 1, updated_at = ? WHERE id IN ("+sub+")",
		append([]any{Now()}, args...)...).Error
	if err != nil {
		return fmt.Errorf("store: release holds: %w", mapErr(err))
	}
	return nil
}

// touchGroupsOf moves the version of every group of the accounts that
// accounts (a "?" or a sub-select, with args) names.
func (s *Store) touchGroupsOf(ctx context.Context, accounts string, args ...any) error {
	err := s.q(ctx).Exec(`UPDATE groups SET version = version + 1, updated_at = ?
		WHERE id IN (SELECT group_id FROM group_members WHERE account_id IN (`+accounts+`))`, append([]any{Now()}, args...)...).Error
	if err != nil {
		return fmt.Errorf("store: touch groups: %w", mapErr(err))
	}
	return nil
}
