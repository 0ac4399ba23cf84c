package store

import (
	"context"
	"fmt"
	"time"
)

// InvitationLink is a multi-use sign-up link (/join/{token}). Its token is
// looked up by HMAC and kept sealed with the secret key (TokenSealed, nil for
// links older than that) so that an admin can be shown the URL again;
// deleting it (DeletedAt) is the only way to cancel it.
type InvitationLink struct {
	ID              string `gorm:"primaryKey"`
	Name            string
	TokenHash       string
	TokenSealed     []byte `gorm:"column:token_sealed"`
	MaxUses         int
	Uses            int
	RequireApproval bool
	AllowedDomains  string // space-separated, lower case; empty: any domain
	ExpiresAt       time.Time
	CreatedBy       string
	CreatedAt       time.Time
	DeletedAt       *time.Time
}

// TableName pins the table.
func (InvitationLink) TableName() string { return "invitation_links" }

// CreateInvitationLink inserts l. ID and CreatedAt are set here.
func (s *Store) CreateInvitationLink(ctx context.Context, l *InvitationLink) error {
	if l.ID == "" {
		l.ID = NewID()
	}
	l.CreatedAt = Now()
	l.ExpiresAt = l.ExpiresAt.UTC()
	if err := s.q(ctx).Create(l).Error; err != nil {
		return fmt.Errorf("store: create invitation link %q: %w", l.Name, mapErr(err))
	}
	return nil
}

// InvitationLinks lists live (not deleted) links, newest first, with their total.
func (s *Store) InvitationLinks(ctx context.Context, limit, offset int) ([]InvitationLink, int64, error) {
	q := s.q(ctx).Model(&InvitationLink{}).Where("deleted_at IS NULL")
	return findPage[InvitationLink](q, "created_at DESC, id DESC", limitOr(limit, 50), offset, "invitation links")
}

// InvitationLinkByID returns a live link.
func (s *Store) InvitationLinkByID(ctx context.Context, id string) (*InvitationLink, error) {
	return take[InvitationLink](s.q(ctx).Where("id = ? AND deleted_at IS NULL", id), "invitation link %s", id)
}

// InvitationLinkByTokenHash returns the link whose token HMAC is hash, deleted
// or not: callers decide what a deleted, expired or exhausted link shows.
func (s *Store) InvitationLinkByTokenHash(ctx context.Context, hash string) (*InvitationLink, error) {
	return take[InvitationLink](s.q(ctx).Where("token_hash = ?", hash), "invitation link by token")
}

// DeleteInvitationLink marks a live link deleted; ErrNotFound when there is none.
func (s *Store) DeleteInvitationLink(ctx context.Context, id string) error {
	res := s.q(ctx).Exec("UPDATE invitation_links SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", Now(), id)
	return oneRow(res, "delete invitation link %s", id)
}

// UseInvitationLink counts one sign-up against link id, atomically: it fails
// with ErrNotFound when the link is deleted, expired or at its maximum, so
// concurrent sign-ups can never exceed max_uses.
func (s *Store) UseInvitationLink(ctx context.Context, id string) error {
	res := s.q(ctx).Exec(`UPDATE invitation_links SET uses = uses + 1
		WHERE id = ? AND uses < max_uses AND deleted_at IS NULL AND expires_at > ?`, id, Now())
	return oneRow(res, "use invitation link %s", id)
}

// UpdateInvitationLink sets a live link's name, cap and expiry. The cap
// never drops below the sign-ups already counted (checked in the same
// statement, so a concurrent sign-up cannot slip under it): ErrNotFound when
// the link is deleted or gone, ErrConflict when uses exceed maxUses.
func (s *Store) UpdateInvitationLink(ctx context.Context, id, name string, maxUses int, expiresAt time.Time) error {
	res := s.q(ctx).Exec(`UPDATE invitation_links SET name = ?, max_uses = ?, expires_at = ?
		WHERE id = ? AND deleted_at IS NULL AND uses <= ?`, name, maxUses, expiresAt.UTC(), id, maxUses)
	if res.Error != nil {
		return fmt.Errorf("store: update invitation link %s: %w", id, mapErr(res.Error))
	}
	if res.RowsAffected == 1 {
		return nil
	}
	if _, err := s.InvitationLinkByID(ctx, id); err != nil {
		return err
	}
	return fmt.Errorf("store: update invitation link %s: more sign-ups than %d: %w", id, maxUses, ErrConflict)
}
