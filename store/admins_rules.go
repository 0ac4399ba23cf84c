package store

import (
	"context"
	"errors"
	"fmt"
)

// Admin rules (docs/security.md, roles): the instance always keeps an active owner, and the
// owner who created it cannot delete themself.
var (
	// ErrLastOwner refuses to delete, disable or demote the last active owner.
	ErrLastOwner = errors.New("store: the last active owner cannot be removed, disabled or demoted")
	// ErrCreatorSelf refuses the creator owner's deletion of their own admin.
	ErrCreatorSelf = errors.New("store: the owner who created the instance cannot delete themself")
)

// Admins lists every console admin by email.
func (s *Store) Admins(ctx context.Context) ([]Admin, error) {
	return findAll[Admin](s.q(ctx), "lower(email)", "admins")
}

// countOtherActiveOwners counts enabled owners other than id.
func (s *Store) countOtherActiveOwners(ctx context.Context, id string) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&Admin{}).Where("role = ? AND NOT disabled AND id <> ?", "owner", id).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: count owners: %w", mapErr(err))
	}
	return n, nil
}

// lockAdmin reads an admin for update inside a transaction, after taking
// the owners' lock (lockOwners), the order every admin change keeps.
func (s *Store) lockAdmin(ctx context.Context, id string) (*Admin, error) {
	if err := s.lockOwners(ctx); err != nil {
		return nil, err
	}
	q := s.q(ctx).Where("id = ?", id)
	return take[Admin](s.locked(q), "admin %s", id)
}

// lockOwners serialises owner changes on PostgreSQL, so two requests cannot
// each demote one of the last two owners. SQLite has a single writer.
func (s *Store) lockOwners(ctx context.Context) error {
	if s.dialect != Postgres {
		return nil
	}
	var ids []string
	err := s.q(ctx).Model(&Admin{}).Where("role = ?", "owner").Clauses(forUpdate()).Pluck("id", &ids).Error
	return mapErr(err)
}

// UpdateAdmin lets fn change an admin and saves it, in one transaction,
// refusing with ErrLastOwner a change that leaves no active owner.
func (s *Store) UpdateAdmin(ctx context.Context, id string, fn func(*Admin) error) (*Admin, error) {
	var out *Admin
	err := s.Tx(ctx, func(tx *Store) error {
		a, err := tx.lockAdmin(ctx, id)
		if err != nil {
			return err
		}
		wasOwner := a.Role == "owner" && !a.Disabled
		if err := fn(a); err != nil {
			return err
		}
		if wasOwner && (a.Role != "owner" || a.Disabled) {
			if n, err := tx.countOtherActiveOwners(ctx, id); err != nil {
				return err
			} else if n == 0 {
				return ErrLastOwner
			}
		}
		a.UpdatedAt = Now()
		if err := tx.q(ctx).Save(a).Error; err != nil {
			return fmt.Errorf("store: update admin %s: %w", id, mapErr(err))
		}
		out = a
		return nil
	})
	return out, err
}

// DeleteAdmin removes admin id on behalf of admin byID ("" for a token or
// the CLI), with its sessions and tokens, enforcing the owner rules.
func (s *Store) DeleteAdmin(ctx context.Context, id, byID string) (*Admin, error) {
	var out *Admin
	err := s.Tx(ctx, func(tx *Store) error {
		a, err := tx.lockAdmin(ctx, id)
		if err != nil {
			return err
		}
		if a.Creator && a.ID == byID {
			return ErrCreatorSelf
		}
		if a.Role == "owner" && !a.Disabled {
			if n, err := tx.countOtherActiveOwners(ctx, id); err != nil {
				return err
			} else if n == 0 {
				return ErrLastOwner
			}
		}
		if err := tx.q(ctx).Exec("DELETE FROM sessions WHERE admin_id = ?", id).Error; err != nil {
			return fmt.Errorf("store: delete admin sessions: %w", mapErr(err))
		}
		if err := tx.q(ctx).Exec("DELETE FROM admin_tokens WHERE admin_id = ?", id).Error; err != nil {
			return fmt.Errorf("store: delete admin tokens: %w", mapErr(err))
		}
		if err := tx.q(ctx).Exec("DELETE FROM admins WHERE id = ?", id).Error; err != nil {
			return fmt.Errorf("store: delete admin: %w", mapErr(err))
		}
		out = a
		return nil
	})
	return out, err
}
