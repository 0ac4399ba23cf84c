package store

import (
	"context"
	"fmt"
	"time"
)

// insertInvitationsPG is InsertInvitations on PostgreSQL: one array per
// column, unnested into rows, instead of 17 bound values per row. A batch
// of 1,000 was 17,000 parameters for the client to encode and the server
// to bind and plan; as arrays it is 17 (the rows written are the same).
func (s *Store) insertInvitationsPG(ctx context.Context, invs []Invitation, now time.Time) ([]string, error) {
	n := len(invs)
	var (
		id, account, status, delivery, method, email, message, createdBy = make([]string, n), make([]string, n),
			make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		integration, tokenHash, codeHMAC  = make([]*string, n), make([]*string, n), make([]*string, n)
		sealed                            = make([][]byte, n)
		notBefore, expiresAt, firstSentAt = make([]*time.Time, n), make([]*time.Time, n), make([]*time.Time, n)
	)
	for i := range invs {
		in := &invs[i]
		id[i], account[i], integration[i], status[i], delivery[i], method[i] = in.ID, in.AccountID, in.IntegrationID, in.Status, in.Delivery, in.Method
		email[i], message[i], tokenHash[i], codeHMAC[i], sealed[i] = in.Email, in.Message, in.TokenHash, in.CodeHMAC, in.TokenSealed
		notBefore[i], expiresAt[i], firstSentAt[i], createdBy[i] = in.NotBefore, in.ExpiresAt, in.FirstSentAt, in.CreatedBy
	}
	rows, err := s.SQLTx().QueryContext(ctx, `INSERT INTO invitations (id, account_id, integration_id, status, delivery,
		method, email, message, token_hash, code_hmac, token_sealed, not_before, expires_at, first_sent_at, created_by,
		created_at, updated_at)
		SELECT u.*, $16::timestamptz, $16::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
			$5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bytea[], $12::timestamptz[],
			$13::timestamptz[], $14::timestamptz[], $15::text[]) AS u
		ON CONFLICT DO NOTHING RETURNING account_id`,
		id, account, integration, status, delivery, method, email, message, tokenHash, codeHMAC, sealed,
		notBefore, expiresAt, firstSentAt, createdBy, now)
	if err != nil {
		return nil, fmt.Errorf("store: insert invitations: %w", mapErr(err))
	}
	defer rows.Close()
	got := make([]string, 0, n)
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, fmt.Errorf("store: insert invitations: %w", mapErr(err))
		}
		got = append(got, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: insert invitations: %w", mapErr(err))
	}
	return got, nil
}

// setLockedAccountsStatusPG is SetLockedAccountsStatus on PostgreSQL: the
// ids as one array.
func (s *Store) setLockedAccountsStatusPG(ctx context.Context, ids []string, to string) error {
	_, err := s.SQLTx().ExecContext(ctx, "UPDATE accounts SET status = $1, version = version + 1, updated_at = $2 WHERE id = ANY($3::text[])",
		to, Now(), ids)
	if err != nil {
		return fmt.Errorf("store: set accounts status: %w", mapErr(err))
	}
	return nil
}
