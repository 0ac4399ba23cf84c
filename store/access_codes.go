package store

import (
	"gorm.io/gorm"

	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// AccessCode is an account's one-time code, for accounts without an email.
// The code is kept sealed (admins reveal and export it) plus an HMAC for
// lookup when someone types it.
type AccessCode struct {
	ID         string `gorm:"primaryKey"`
	AccountID  string
	CodeHMAC   string `gorm:"column:code_hmac"`
	CodeSealed []byte
	ExpiresAt  time.Time
	UsedAt     *time.Time
	RevokedAt  *time.Time
	CreatedAt  time.Time
}

// TableName pins the table.
func (AccessCode) TableName() string { return "access_codes" }

// CreateAccessCode inserts c. A second live code for one account is an
// ErrConflict (access_codes_live_key).
func (s *Store) CreateAccessCode(ctx context.Context, c *AccessCode) error {
	if c.ID == "" {
		c.ID = NewID()
	}
	c.CreatedAt = Now()
	// DO NOTHING, not an error: see CreateInvitation.
	res := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(c)
	if res.Error != nil {
		return fmt.Errorf("store: create access code: %w", mapErr(res.Error))
	}
	if res.RowsAffected == 0 {
		return ErrConflict
	}
	return nil
}

// LiveAccessCode returns the account's unused, unrevoked code (which may be
// past its expiry until the maintenance job revokes it), or ErrNotFound.
func (s *Store) LiveAccessCode(ctx context.Context, accountID string) (*AccessCode, error) {
	return take[AccessCode](s.liveAccessCode(ctx, accountID), "access code")
}

// LockLiveAccessCode is LiveAccessCode for a transaction that will change
// the code: on PostgreSQL the row stays locked until the transaction ends.
func (s *Store) LockLiveAccessCode(ctx context.Context, accountID string) (*AccessCode, error) {
	return take[AccessCode](s.lockedInTx(s.liveAccessCode(ctx, accountID)), "access code")
}

func (s *Store) liveAccessCode(ctx context.Context, accountID string) *gorm.DB {
	return s.q(ctx).Where("account_id = ? AND used_at IS NULL AND revoked_at IS NULL", accountID)
}

// RevokeAccessCodes revokes the account's live codes and reports how many.
func (s *Store) RevokeAccessCodes(ctx context.Context, accountID string) (int64, error) {
	res := s.q(ctx).Exec("UPDATE access_codes SET revoked_at = ? WHERE account_id = ? AND used_at IS NULL AND revoked_at IS NULL",
		Now(), accountID)
	if res.Error != nil {
		return 0, fmt.Errorf("store: revoke access codes: %w", mapErr(res.Error))
	}
	return res.RowsAffected, nil
}

// ExpiredAccessCodes returns up to limit live codes past their expiry.
func (s *Store) ExpiredAccessCodes(ctx context.Context, now time.Time, limit int) ([]AccessCode, error) {
	var out []AccessCode
	err := s.q(ctx).Where("used_at IS NULL AND revoked_at IS NULL AND expires_at < ?", now).Order("id").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: expired access codes: %w", mapErr(err))
	}
	return out, nil
}

// AccessCodeExport is one row of the access-code export.
type AccessCodeExport struct {
	AccessCode
	UserName    string
	DisplayName string
	ExternalID  *string
	Integration string
}

// LiveAccessCodes calls fn for every live, unexpired code of live accounts
// (of one integration when integrationID is set), in pages, so an export of
// 100,000 codes stays small in memory.
func (s *Store) LiveAccessCodes(ctx context.Context, integrationID string, fn func(AccessCodeExport) error) error {
	after := ""
	for {
		q := s.q(ctx).Table("access_codes c").
			Select("c.*, a.user_name, a.display_name, a.external_id, COALESCE(i.name, '') AS integration").
			Joins("JOIN accounts a ON a.id = c.account_id").
			Joins("LEFT JOIN integrations i ON i.id = a.integration_id").
			Where("c.used_at IS NULL AND c.revoked_at IS NULL AND c.expires_at > ? AND a.deleted_at IS NULL AND c.id > ?", Now(), after)
		if integrationID != "" {
			q = q.Where("a.integration_id = ?", integrationID)
		}
		var rows []AccessCodeExport
		if err := q.Order("c.id").Limit(1000).Scan(&rows).Error; err != nil {
			return fmt.Errorf("store: export access codes: %w", mapErr(err))
		}
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(rows) < 1000 {
			return nil
		}
		after = rows[len(rows)-1].ID
	}
}
