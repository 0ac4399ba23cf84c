package store

import (
	"context"
	"fmt"
	"time"
)

// Kinds and statuses of a held change (account/breaker.go draws the states).
const (
	HeldDeactivate = "deactivate"
	HeldDelete     = "delete"

	HoldPending   = "pending"
	HoldApplied   = "applied"
	HoldDiscarded = "discarded"
	HoldCanceled  = "canceled"
)

// HeldChange is a deactivation or deletion from an integration that its
// breaker held instead of applying. ID orders them: apply replays by ID.
type HeldChange struct {
	ID            int64 `gorm:"primaryKey"`
	IntegrationID string
	AccountID     string
	Kind          string // deactivate or delete
	Status        string // pending, applied, discarded, canceled
	Actor         string // who asked, e.g. "integration:okta"
	Repeats       int    // the same change asked again while pending (IdP retries)
	ResolvedBy    string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	ResolvedAt    *time.Time

	UserName string `gorm:"->;-:migration"` // read from accounts by HeldChanges
}

// TableName pins the table.
func (HeldChange) TableName() string { return "held_changes" }

// CreateHeldChange inserts h as pending. At most one change per account is
// pending (a partial unique index): a second one is ErrConflict.
func (s *Store) CreateHeldChange(ctx context.Context, h *HeldChange) error {
	now := Now()
	h.Status, h.CreatedAt, h.UpdatedAt = HoldPending, now, now
	if err := s.q(ctx).Omit("UserName").Create(h).Error; err != nil {
		return fmt.Errorf("store: hold %s of %s: %w", h.Kind, h.AccountID, mapErr(err))
	}
	return nil
}

// PendingHeldChange returns the pending change of account accountID, or ErrNotFound.
func (s *Store) PendingHeldChange(ctx context.Context, accountID string) (*HeldChange, error) {
	var h HeldChange
	err := s.q(ctx).Omit("UserName").Where("account_id = ? AND status = ?", accountID, HoldPending).Take(&h).Error
	if err != nil {
		return nil, fmt.Errorf("store: pending held change of %s: %w", accountID, mapErr(err))
	}
	return &h, nil
}

// RepeatHeldChange records that the pending change id was asked again, as
// kind (a deletion supersedes a deactivation; never the other way round).
func (s *Store) RepeatHeldChange(ctx context.Context, id int64, kind string) error {
	q := "UPDATE held_changes SET repeats = repeats + 1, updated_at = ? WHERE id = ? AND status = ?"
	args := []any{Now(), id, HoldPending}
	if kind == HeldDelete {
		q = "UPDATE held_changes SET repeats = repeats + 1, updated_at = ?, kind = 'delete' WHERE id = ? AND status = ?"
	}
	if err := s.q(ctx).Exec(q, args...).Error; err != nil {
		return fmt.Errorf("store: repeat held change %d: %w", id, mapErr(err))
	}
	return nil
}

// ResolveHeldChanges moves the given pending changes of integration
// integrationID (all of them when ids is nil) to status, and returns how
// many moved. Their accounts are no longer held (source_view.go): their
// versions move, in the same transaction.
func (s *Store) ResolveHeldChanges(ctx context.Context, integrationID string, ids []int64, status, by string) (int64, error) {
	var n int64
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.releaseHolds(ctx, integrationID, ids); err != nil {
			return err
		}
		now := Now()
		q := tx.q(ctx).Model(&HeldChange{}).Where("integration_id = ? AND status = ?", integrationID, HoldPending)
		if ids != nil {
			q = q.Where("id IN ?", ids)
		}
		res := q.Updates(map[string]any{"status": status, "resolved_by": by, "resolved_at": now, "updated_at": now})
		if res.Error != nil {
			return fmt.Errorf("store: resolve held changes: %w", mapErr(res.Error))
		}
		n = res.RowsAffected
		return nil
	})
	return n, err
}

// CancelHeldChangeOf cancels the pending change of account accountID, if
// any. The caller writes the account in the same transaction, with Held
// cleared (account.Update, MarkAccountDeleted).
func (s *Store) CancelHeldChangeOf(ctx context.Context, accountID, by string) (bool, error) {
	now := Now()
	res := s.q(ctx).Model(&HeldChange{}).Where("account_id = ? AND status = ?", accountID, HoldPending).
		Updates(map[string]any{"status": HoldCanceled, "resolved_by": by, "resolved_at": now, "updated_at": now})
	if res.Error != nil {
		return false, fmt.Errorf("store: cancel held change of %s: %w", accountID, mapErr(res.Error))
	}
	return res.RowsAffected > 0, nil
}
