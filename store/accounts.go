package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// ErrVersionMismatch means an optimistic update found a newer version
// than the one the caller read (SCIM If-Match, concurrent PATCH).
var ErrVersionMismatch = errors.New("store: version mismatch")

// CreateAccount inserts a, with its emails. ID, version and timestamps are set here.
func (s *Store) CreateAccount(ctx context.Context, a *Account) error {
	prepareNewAccounts([]*Account{a})
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.q(ctx).Create(a).Error; err != nil {
			return fmt.Errorf("store: create account %q: %w", a.UserName, mapErr(err))
		}
		return tx.insertEmails(ctx, a) // a new account has none to replace
	})
}

func (s *Store) replaceEmails(ctx context.Context, a *Account) error {
	if err := s.q(ctx).Exec("DELETE FROM account_emails WHERE account_id = ?", a.ID).Error; err != nil {
		return fmt.Errorf("store: replace emails: %w", mapErr(err))
	}
	return s.insertEmails(ctx, a)
}

// insertEmails inserts a's emails in bounded statements (insertEmailsOf):
// one multi-row INSERT of them all would pass the databases' limit on bound
// variables from about 5,400 emails on SQLite, 10,900 on PostgreSQL.
func (s *Store) insertEmails(ctx context.Context, a *Account) error {
	return s.insertEmailsOf(ctx, []*Account{a})
}

// SaveAccount writes every column of a whose version is still expectVersion
// (0: any version), bumps the version and replaces the emails. It returns
// ErrVersionMismatch when someone else wrote first, ErrNotFound when gone.
func (s *Store) SaveAccount(ctx context.Context, a *Account, expectVersion int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		if expectVersion == 0 {
			expectVersion = a.Version
		}
		a.Version = expectVersion + 1
		a.UpdatedAt = Now()
		if a.Attributes == "" {
			a.Attributes = "{}"
		}
		res := tx.q(ctx).Model(&Account{}).
			Where("id = ? AND version = ?", a.ID, expectVersion).
			Select("*").Omit("id", "created_at").Updates(a)
		if res.Error != nil {
			a.Version = expectVersion
			return fmt.Errorf("store: save account %s: %w", a.ID, mapErr(res.Error))
		}
		if res.RowsAffected == 0 {
			a.Version = expectVersion
			var n int64
			tx.q(ctx).Model(&Account{}).Where("id = ?", a.ID).Count(&n)
			if n == 0 {
				return ErrNotFound
			}
			return ErrVersionMismatch
		}
		return tx.replaceEmails(ctx, a)
	})
}

// AccountByID returns a live (not deleted) account with its emails. It
// never locks; a transaction that reads to change uses LockAccount.
func (s *Store) AccountByID(ctx context.Context, id string) (*Account, error) {
	return s.accountWhere(ctx, false, "id = ? AND deleted_at IS NULL", id)
}

// LockAccount is AccountByID for a transaction that will change the
// account: on PostgreSQL the row stays locked (FOR UPDATE) until the
// transaction ends, so concurrent changes queue instead of losing one
// another's writes. On SQLite the transaction already holds the database's
// write lock. Outside a transaction it is a plain read.
func (s *Store) LockAccount(ctx context.Context, id string) (*Account, error) {
	return s.accountWhere(ctx, true, "id = ? AND deleted_at IS NULL", id)
}

// AccountByIDAny returns an account even when deleted (audit, history).
func (s *Store) AccountByIDAny(ctx context.Context, id string) (*Account, error) {
	return s.accountWhere(ctx, false, "id = ?", id)
}

// AccountByUserName returns the live account with that userName (case-insensitive).
func (s *Store) AccountByUserName(ctx context.Context, userName string) (*Account, error) {
	// lower() on both sides: the database folds case the same way its index does.
	return s.accountWhere(ctx, false, "lower(user_name) = lower(?) AND deleted_at IS NULL", userName)
}

// accountWhere reads one account with its emails, for update when lock is
// set and s is a PostgreSQL transaction. Outside a transaction it reads on
// SQLite's read-only connections (reader.go), so that a SCIM GET, or a
// PATCH reading what it will change, never queues behind a write.
func (s *Store) accountWhere(ctx context.Context, lock bool, where string, args ...any) (*Account, error) {
	var a Account
	q := s.read(ctx).Where(where, args...)
	if lock && s.inTx && s.dialect == Postgres {
		q = q.Clauses(forUpdate())
	}
	if err := q.Take(&a).Error; err != nil {
		return nil, fmt.Errorf("store: account: %w", mapErr(err))
	}
	if err := loadEmailsFrom(s.read(ctx), []*Account{&a}); err != nil {
		return nil, err
	}
	return &a, nil
}

// loadEmails fills Emails of every account in one query.
func (s *Store) loadEmails(ctx context.Context, accts []*Account) error {
	return loadEmailsFrom(s.q(ctx), accts)
}

// loadPageEmails is loadEmails for a page of accounts held by value: it
// returns the page with its emails filled, ready for a list's answer.
func (s *Store) loadPageEmails(ctx context.Context, page []Account, total int64) ([]Account, int64, error) {
	ptrs := make([]*Account, len(page))
	for i := range page {
		ptrs[i] = &page[i]
	}
	if err := s.loadEmails(ctx, ptrs); err != nil {
		return nil, 0, err
	}
	return page, total, nil
}

func loadEmailsFrom(db *gorm.DB, accts []*Account) error {
	if len(accts) == 0 {
		return nil
	}
	ids := make([]string, len(accts))
	byID := make(map[string]*Account, len(accts))
	for i, a := range accts {
		ids[i] = a.ID
		byID[a.ID] = a
		a.Emails = nil
	}
	var emails []Email
	if err := db.Where("account_id IN ?", ids).Order("account_id, position").Find(&emails).Error; err != nil {
		return fmt.Errorf("store: load emails: %w", mapErr(err))
	}
	for _, e := range emails {
		a := byID[e.AccountID]
		a.Emails = append(a.Emails, e)
	}
	return nil
}

// SetAccountStatus changes an account's status (and bumps its version).
func (s *Store) SetAccountStatus(ctx context.Context, id, status string) error {
	res := s.q(ctx).Exec("UPDATE accounts SET status = ?, version = version + 1, updated_at = ? WHERE id = ?", status, Now(), id)
	if res.Error != nil {
		return fmt.Errorf("store: set status: %w", mapErr(res.Error))
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// MarkAccountDeleted soft-deletes an account: it keeps the row for the audit
// trail, frees its userName and externalId, and drops its memberships.
func (s *Store) MarkAccountDeleted(ctx context.Context, id string) error {
	return s.Tx(ctx, func(tx *Store) error {
		now := Now()
		res := tx.q(ctx).Exec(`UPDATE accounts SET status = ?, active = ?, held = '', deleted_at = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND deleted_at IS NULL`, StatusDeleted, false, now, now, id)
		if res.Error != nil {
			return fmt.Errorf("store: delete account: %w", mapErr(res.Error))
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if err := tx.q(ctx).Exec(`UPDATE groups SET member_count = member_count - 1, version = version + 1
			WHERE id IN (SELECT group_id FROM group_members WHERE account_id = ?)`, id).Error; err != nil {
			return mapErr(err)
		}
		return mapErr(tx.q(ctx).Exec("DELETE FROM group_members WHERE account_id = ?", id).Error)
	})
}

// CountAccountsByStatus returns live-and-deleted account counts per status.
func (s *Store) CountAccountsByStatus(ctx context.Context) (map[string]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	if err := s.q(ctx).Raw("SELECT status, COUNT(*) AS n FROM accounts GROUP BY status").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: count accounts: %w", mapErr(err))
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}

// StatusBeforeSuspension says what a re-activated account's status is:
// active once claimed, invited while an invitation is open, else not_invited.
func (s *Store) StatusBeforeSuspension(ctx context.Context, a *Account) (string, error) {
	if a.ClaimedAt != nil {
		return StatusActive, nil
	}
	var n int64
	err := s.q(ctx).Table("invitations").Where("account_id = ? AND status IN ?", a.ID, []string{"sent", "needs_approval"}).Count(&n).Error
	if err != nil {
		return "", fmt.Errorf("store: open invitations: %w", mapErr(err))
	}
	if n > 0 {
		var pending int64
		s.q(ctx).Table("invitations").Where("account_id = ? AND status = ?", a.ID, "needs_approval").Count(&pending)
		if pending > 0 {
			return StatusPendingApproval, nil
		}
		return StatusInvited, nil
	}
	var codes int64
	s.q(ctx).Table("access_codes").Where("account_id = ? AND used_at IS NULL AND revoked_at IS NULL", a.ID).Count(&codes)
	if codes > 0 {
		return StatusInvited, nil
	}
	return StatusNotInvited, nil
}

// Savepoint runs fn inside a savepoint of the current transaction: when fn
// fails, only its writes are undone and the transaction stays usable (on
// PostgreSQL a failed statement otherwise aborts it). Group commit (many
// SCIM creates in one transaction) relies on it. Outside Tx it just runs fn.
func (s *Store) Savepoint(ctx context.Context, name string, fn func() error) error {
	if !s.inTx {
		return fn()
	}
	if err := s.q(ctx).Exec("SAVEPOINT " + name).Error; err != nil {
		return fmt.Errorf("store: savepoint: %w", mapErr(err))
	}
	if err := fn(); err != nil {
		if rbErr := s.q(ctx).Exec("ROLLBACK TO SAVEPOINT " + name).Error; rbErr != nil {
			return errors.Join(err, fmt.Errorf("store: rollback to savepoint: %w", mapErr(rbErr)))
		}
		return err
	}
	if err := s.q(ctx).Exec("RELEASE SAVEPOINT " + name).Error; err != nil {
		return fmt.Errorf("store: release savepoint: %w", mapErr(err))
	}
	return nil
}

// MarkAccountClaimed records the moment an account became usable (an admin
// approved its claim) if it was not recorded yet.
func (s *Store) MarkAccountClaimed(ctx context.Context, id string) error {
	err := s.q(ctx).Exec("UPDATE accounts SET claimed_at = ? WHERE id = ? AND claimed_at IS NULL", Now(), id).Error
	if err != nil {
		return fmt.Errorf("store: mark claimed: %w", mapErr(err))
	}
	return nil
}
