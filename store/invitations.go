package store

import (
	"gorm.io/gorm"

	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Invitation statuses: a contract (docs/openapi.yaml InvitationStatus); keep the names.
const (
	InvitationSent          = "sent"
	InvitationNeedsApproval = "needs_approval"
	InvitationApproved      = "approved"
	InvitationAccepted      = "accepted"
	InvitationRejected      = "rejected"
	InvitationCanceled      = "canceled"
	InvitationExpired       = "expired"
)

// Delivery states of an invitation, tracked apart from its status.
const (
	DeliveryQueued    = "queued"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
	DeliveryNotSent   = "not_sent"
)

// OpenInvitationStatuses are the statuses covered by the one-open-invitation
// index (invitations_open_key).
var OpenInvitationStatuses = []string{InvitationSent, InvitationNeedsApproval}

// Invitation is one invitation of one account, from creation to its end.
type Invitation struct {
	ID            string `gorm:"primaryKey"`
	AccountID     string
	IntegrationID *string
	LinkID        *string
	Status        string
	Delivery      string
	DeliveryError string
	DeliveryReply string // the SMTP server's reply to the last failed attempt (admins only)
	Method        string // "link" or "code"
	Email         string
	Message       string
	TokenHash     *string
	CodeHMAC      *string `gorm:"column:code_hmac"`
	// TokenSealed is the claim token of a link invitation, sealed with the
	// secret key (invite/links_kept.go); nil for codes and older rows.
	TokenSealed []byte `gorm:"column:token_sealed"`
	SentCount   int
	NotBefore   *time.Time
	FirstSentAt *time.Time
	LastSentAt  *time.Time
	ExpiresAt   *time.Time
	RemindedAt  *time.Time // when its one reminder was scheduled (reminders.go)
	UsedAt      *time.Time
	DecidedAt   *time.Time
	CreatedBy   string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// TableName pins the table.
func (Invitation) TableName() string { return "invitations" }

// ErrAlreadyInvited means the account already has an open invitation: the
// partial unique index refused a second one (an IdP retry, a racing replica).
var ErrAlreadyInvited = errors.New("store: account already has an open invitation")

// CreateInvitation inserts inv. A second open invitation for the same
// account is ErrAlreadyInvited. The insert says ON CONFLICT DO NOTHING
// rather than failing: on PostgreSQL a failed statement would abort the
// caller's whole transaction (the account's provisioning).
func (s *Store) CreateInvitation(ctx context.Context, inv *Invitation) error {
	if inv.ID == "" {
		inv.ID = NewID()
	}
	now := Now()
	if inv.CreatedAt.IsZero() {
		inv.CreatedAt = now
	}
	inv.UpdatedAt = now
	res := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(inv)
	if res.Error != nil {
		return fmt.Errorf("store: create invitation: %w", mapErr(res.Error))
	}
	if res.RowsAffected == 0 {
		return ErrAlreadyInvited
	}
	return nil
}

// InvitationByID returns one invitation; outside a transaction it reads on
// SQLite's read-only connections (the delivery worker's first read).
func (s *Store) InvitationByID(ctx context.Context, id string) (*Invitation, error) {
	return take[Invitation](s.read(ctx).Where("id = ?", id), "invitation %s", id)
}

// LockInvitation is InvitationByID for a transition: on PostgreSQL the row
// stays locked until the transaction ends, so concurrent transitions
// serialise.
func (s *Store) LockInvitation(ctx context.Context, id string) (*Invitation, error) {
	return take[Invitation](s.lockedInTx(s.q(ctx).Where("id = ?", id)), "invitation %s", id)
}

// InvitationByTokenHash returns the invitation whose claim token hashes to h.
func (s *Store) InvitationByTokenHash(ctx context.Context, h string) (*Invitation, error) {
	return take[Invitation](s.q(ctx).Where("token_hash = ?", h), "invitation by token")
}

// OpenInvitation returns the account's open (sent or needs_approval)
// invitation, or ErrNotFound.
func (s *Store) OpenInvitation(ctx context.Context, accountID string) (*Invitation, error) {
	return take[Invitation](s.openInvitation(ctx, accountID), "open invitation")
}

// LockOpenInvitation is OpenInvitation for a transaction that will close or
// change it: on PostgreSQL the row stays locked until the transaction ends.
func (s *Store) LockOpenInvitation(ctx context.Context, accountID string) (*Invitation, error) {
	return take[Invitation](s.lockedInTx(s.openInvitation(ctx, accountID)), "open invitation")
}

func (s *Store) openInvitation(ctx context.Context, accountID string) *gorm.DB {
	return s.q(ctx).Where("account_id = ? AND status IN ?", accountID, OpenInvitationStatuses)
}

// SaveInvitation writes every column of inv.
func (s *Store) SaveInvitation(ctx context.Context, inv *Invitation) error {
	inv.UpdatedAt = Now()
	res := s.q(ctx).Model(&Invitation{}).Where("id = ?", inv.ID).Select("*").Omit("id", "created_at").Updates(inv)
	return oneRow(res, "save invitation %s", inv.ID)
}
