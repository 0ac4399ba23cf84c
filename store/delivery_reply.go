package store

import (
	"context"
	"fmt"
)

// SetDeliveryReply records the SMTP server's reply to a failed attempt on
// invitation id, if its token is still tokenHash (a resend's newer job
// owns the row otherwise).
func (s *Store) SetDeliveryReply(ctx context.Context, id, tokenHash, reply string) error {
	err := s.q(ctx).Exec(`UPDATE invitations SET delivery_reply = ? WHERE id = ? AND (token_hash = ? OR code_hmac = ?)`,
		reply, id, tokenHash, tokenHash).Error
	if err != nil {
		return fmt.Errorf("store: delivery reply: %w", mapErr(err))
	}
	return nil
}
