package store

import (
	"context"
	"fmt"
	"time"
)

// The columns InsertInvitations writes, one row's placeholders and values.
const (
	invitationCols   = "id, account_id, integration_id, status, delivery, method, email, message, token_hash, code_hmac, token_sealed, not_before, expires_at, first_sent_at, created_by, created_at, updated_at"
	invitationValues = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)

func invitationArgs(in *Invitation, now time.Time) []any {
	return []any{in.ID, in.AccountID, in.IntegrationID, in.Status, in.Delivery, in.Method, in.Email,
		in.Message, in.TokenHash, in.CodeHMAC, in.TokenSealed, in.NotBefore, in.ExpiresAt, in.FirstSentAt, in.CreatedBy, now, now}
}

// insertInvitationsEach is InsertInvitations on SQLite: one prepared
// single-row INSERT for every invitation (insert_each.go says why), the
// same ON CONFLICT DO NOTHING skipping a second open invitation. An
// invite-all batch of 1,000 was one statement of 17,000 arguments, parsed
// anew and journaled page by page: a third of the batch's time.
func (s *Store) insertInvitationsEach(ctx context.Context, invs []Invitation) (map[string]bool, error) {
	got := map[string]bool{}
	stmt, err := s.q(ctx).Statement.ConnPool.PrepareContext(ctx,
		"INSERT INTO invitations ("+invitationCols+") VALUES "+invitationValues+" ON CONFLICT DO NOTHING")
	if err != nil {
		return nil, fmt.Errorf("store: insert invitations: %w", mapErr(err))
	}
	defer stmt.Close()
	now := Now()
	for i := range invs {
		in := &invs[i]
		if in.ID == "" {
			in.ID = NewID()
		}
		in.CreatedAt, in.UpdatedAt = now, now
		res, err := stmt.ExecContext(ctx, invitationArgs(in, now)...)
		if err != nil {
			return nil, fmt.Errorf("store: insert invitations: %w", mapErr(err))
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, fmt.Errorf("store: insert invitations: %w", mapErr(err))
		} else if n > 0 {
			got[in.AccountID] = true
		}
	}
	return got, nil
}
