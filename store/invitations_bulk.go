package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// InviteCandidateIDs returns the ids of every live, active, not_invited
// account (of one integration when integrationID is set), read in pages in
// (created_at, id) order: the order of accounts_status_idx, so each page is
// an index range scan. 100,000 ids are about 5 MB.
func (s *Store) InviteCandidateIDs(ctx context.Context, integrationID string) ([]string, error) {
	var ids []string
	var after struct {
		ID        string
		CreatedAt time.Time
	}
	for {
		q := s.q(ctx).Model(&Account{}).Select("id, created_at").
			Where("status = ? AND active = ? AND deleted_at IS NULL", StatusNotInvited, true)
		if after.ID != "" {
			// A row-value comparison, not an OR: both databases use it as an index range.
			q = q.Where("(created_at, id) > (?, ?)", after.CreatedAt, after.ID)
		}
		if integrationID != "" {
			q = q.Where("integration_id = ?", integrationID)
		}
		var page []struct {
			ID        string
			CreatedAt time.Time
		}
		if err := q.Order("created_at, id").Limit(5000).Find(&page).Error; err != nil {
			return nil, fmt.Errorf("store: invite candidates: %w", mapErr(err))
		}
		for _, p := range page {
			ids = append(ids, p.ID)
		}
		if len(page) < 5000 {
			return ids, nil
		}
		after = page[len(page)-1]
	}
}

// LockInviteCandidates returns those of ids that are still live, active and
// not_invited, with the columns inviting and its webhook event need; in a PostgreSQL transaction
// they are locked, so a concurrent deactivation waits for the batch. The
// query selects by primary key only and filters here: with a status
// condition, a planner with stale statistics (right after a bulk import)
// walks accounts_status_idx and its dead entries instead, batch after batch.
func (s *Store) LockInviteCandidates(ctx context.Context, ids []string) ([]Account, error) {
	// The columns of inviting, and those of the account.invited webhook
	// event (webhook.AccountEvent), so that the event needs no read again.
	q := s.q(ctx).Select("id, integration_id, email, active, status, created_at, preferred_language, locale, display_name, deleted_at, "+
		"user_name, given_name, family_name, user_type, version, external_id").
		Where("id IN ?", ids)
	q = s.lockedInTx(q)
	var rows []Account
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: invite candidates: %w", mapErr(err))
	}
	out := rows[:0]
	for _, a := range rows {
		if a.Status == StatusNotInvited && a.Active && a.DeletedAt == nil {
			out = append(out, a)
		}
	}
	return out, nil
}

// InsertInvitations inserts invs (one statement on PostgreSQL, the kept
// single-row INSERT on SQLite), skipping any that would be a second open
// invitation of its account, and returns the ids of the accounts that did
// get one.
func (s *Store) InsertInvitations(ctx context.Context, invs []Invitation) (map[string]bool, error) {
	got := map[string]bool{}
	if len(invs) == 0 {
		return got, nil
	}
	now := Now()
	for i := range invs {
		in := &invs[i]
		if in.ID == "" {
			in.ID = NewID()
		}
		in.CreatedAt, in.UpdatedAt = now, now
	}
	if s.dialect == Postgres && s.inTx {
		ids, err := s.insertInvitationsPG(ctx, invs, now)
		for _, id := range ids {
			got[id] = true
		}
		return got, err
	}
	if s.dialect == SQLite {
		// One kept single-row INSERT per invitation (insertEachNew): the
		// multi-row one was parsed again for every batch (17,000
		// parameters) and copied each page it changed to the statement
		// journal, a tenth of invite-all's CPU. Outside a transaction it
		// takes one of its own: all or none, as the one statement was.
		var written []bool
		err := s.Tx(ctx, func(tx *Store) error {
			var err error
			written, err = insertEachNew(ctx, tx, invs)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("store: insert invitations: %w", err)
		}
		for k, ok := range written {
			if ok {
				got[invs[k].AccountID] = true
			}
		}
		return got, nil
	}
	const cols = "id, account_id, integration_id, status, delivery, method, email, message, token_hash, code_hmac, token_sealed, not_before, expires_at, first_sent_at, created_by, created_at, updated_at"
	var b strings.Builder
	args := make([]any, 0, len(invs)*17)
	b.WriteString("INSERT INTO invitations (" + cols + ") VALUES ")
	for i := range invs {
		in := &invs[i]
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
		args = append(args, in.ID, in.AccountID, in.IntegrationID, in.Status, in.Delivery, in.Method, in.Email,
			in.Message, in.TokenHash, in.CodeHMAC, in.TokenSealed, in.NotBefore, in.ExpiresAt, in.FirstSentAt, in.CreatedBy, now, now)
	}
	b.WriteString(" ON CONFLICT DO NOTHING RETURNING account_id")
	var ids []string
	if err := s.q(ctx).Raw(b.String(), args...).Find(&ids).Error; err != nil {
		return nil, fmt.Errorf("store: insert invitations: %w", mapErr(err))
	}
	for _, id := range ids {
		got[id] = true
	}
	return got, nil
}

// SetAccountsStatus moves the accounts in ids that are in status from to
// status to, bumping their version.
func (s *Store) SetAccountsStatus(ctx context.Context, ids []string, from, to string) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.q(ctx).Exec("UPDATE accounts SET status = ?, version = version + 1, updated_at = ? WHERE id IN ? AND status = ?",
		to, Now(), ids, from).Error
	if err != nil {
		return fmt.Errorf("store: set accounts status: %w", mapErr(err))
	}
	return nil
}

// SetLockedAccountsStatus moves the accounts in ids to status to, bumping
// their version. The caller has locked them in its transaction and checked
// their status (LockInviteCandidates): the statement selects by primary key
// alone. With a status condition both planners chose accounts_status_idx
// instead, while statistics were missing (right after a bulk import), and
// read every account still in that status for each batch of invite-all
// (SQLite 30 ms a batch instead of 7; docs/performance.md).
func (s *Store) SetLockedAccountsStatus(ctx context.Context, ids []string, to string) error {
	if len(ids) == 0 {
		return nil
	}
	if !s.inTx {
		return fmt.Errorf("store: set locked accounts status: not in a transaction")
	}
	if s.dialect == Postgres {
		return s.setLockedAccountsStatusPG(ctx, ids, to)
	}
	err := s.q(ctx).Exec("UPDATE accounts SET status = ?, version = version + 1, updated_at = ? WHERE id IN ?",
		to, Now(), ids).Error
	if err != nil {
		return fmt.Errorf("store: set accounts status: %w", mapErr(err))
	}
	return nil
}

// AuditEntry is one event of AuditMany.
type AuditEntry struct {
	Action, TargetType, TargetID string
	Details                      map[string]any
}

// AuditMany writes many audit events by one actor at once
// (InsertAuditEvents); call it on the transaction's store, like Audit.
func (s *Store) AuditMany(ctx context.Context, actor string, entries []AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	evs := make([]AuditEvent, len(entries))
	now := Now()
	for i, e := range entries {
		d := "{}"
		if len(e.Details) > 0 {
			b, err := json.Marshal(e.Details)
			if err != nil {
				return fmt.Errorf("store: audit details: %w", err)
			}
			d = string(b)
		}
		evs[i] = AuditEvent{At: now, Actor: actor, Action: e.Action, TargetType: e.TargetType, TargetID: e.TargetID, Details: d}
	}
	return s.InsertAuditEvents(ctx, evs)
}
