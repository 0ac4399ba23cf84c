package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// InvitationQuery selects invitations for the admin API; zero fields match all.
type InvitationQuery struct {
	Status        string
	AccountID     string
	IntegrationID string
	Q             string // a case-insensitive substring of the address the invitation went to
	Limit, Offset int
}

// ListInvitations returns one page of invitations, newest first, and the total.
func (s *Store) ListInvitations(ctx context.Context, f InvitationQuery) ([]Invitation, int64, error) {
	q := s.q(ctx).Model(&Invitation{})
	q = whereEq(q, "status", f.Status, "account_id", f.AccountID, "integration_id", f.IntegrationID)
	if f.Q != "" {
		q = q.Where(`lower(email) LIKE ? ESCAPE '\'`, "%"+likeEscape(strings.ToLower(f.Q))+"%")
	}
	return findPage[Invitation](q, "created_at DESC, id DESC", limitOr(f.Limit, 100), f.Offset, "invitations")
}

// DueInvitations returns up to limit invitations in status whose deadline
// has passed: expires_at for sent ones, created_at+ttl for those waiting for
// approval (their expiry runs from creation: approvalTTL in the README).
func (s *Store) DueInvitations(ctx context.Context, status string, now time.Time, ttl time.Duration, limit int) ([]Invitation, error) {
	q := s.q(ctx).Where("status = ?", status)
	if status == InvitationNeedsApproval {
		q = q.Where("created_at < ?", now.Add(-ttl))
	} else {
		q = q.Where("expires_at IS NOT NULL AND expires_at < ?", now)
	}
	var out []Invitation
	if err := q.Order("id").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: due invitations: %w", mapErr(err))
	}
	return out, nil
}

// PurgeInvitations deletes up to limit invitation records created before
// cutoff, whatever their status, and reports how many went.
func (s *Store) PurgeInvitations(ctx context.Context, cutoff time.Time, limit int) (int64, error) {
	res := s.q(ctx).Exec(`DELETE FROM invitations WHERE id IN
		(SELECT id FROM invitations WHERE created_at < ? ORDER BY id LIMIT ?)`, cutoff, limit)
	if res.Error != nil {
		return 0, fmt.Errorf("store: purge invitations: %w", mapErr(res.Error))
	}
	return res.RowsAffected, nil
}

// SetDelivery records a delivery attempt's outcome on invitation id, only
// while its claim token or one-time code still hashes to tokenHash (a
// resend or a regenerated link supersedes older jobs). On delivered it also stamps the send times and,
// on the first send, the expiry. It reports whether the row was updated.
func (s *Store) SetDelivery(ctx context.Context, id, tokenHash, delivery, lastErr string, sentAt time.Time, expiresAt *time.Time) (bool, error) {
	now := Now()
	var res = s.q(ctx)
	if delivery == DeliveryDelivered {
		res = res.Exec(`UPDATE invitations SET delivery = ?, delivery_error = '', delivery_reply = '', sent_count = sent_count + 1,
			last_sent_at = ?, first_sent_at = COALESCE(first_sent_at, ?),
			expires_at = CASE WHEN first_sent_at IS NULL THEN ? ELSE expires_at END, updated_at = ?
			WHERE id = ? AND (token_hash = ? OR code_hmac = ?)`, delivery, sentAt, sentAt, expiresAt, now, id, tokenHash, tokenHash)
	} else {
		res = res.Exec(`UPDATE invitations SET delivery = ?, delivery_error = ?, updated_at = ?
			WHERE id = ? AND (token_hash = ? OR code_hmac = ?)`, delivery, lastErr, now, id, tokenHash, tokenHash)
	}
	if res.Error != nil {
		return false, fmt.Errorf("store: set delivery %s: %w", id, mapErr(res.Error))
	}
	return res.RowsAffected > 0, nil
}
