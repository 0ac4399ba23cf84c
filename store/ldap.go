package store

import (
	"context"
	"fmt"
	"strings"
)

// LDAP sync reads: what one integration already holds, keyed the way the
// directory keys it (externalId = entryUUID/objectGUID, or the DN).

// ldapAccountColumns are what a sync knows of an account (EachLDAPAccount).
const ldapAccountColumns = `SELECT id, external_id, source_hash, source_dn, active FROM accounts
		WHERE integration_id = ? AND deleted_at IS NULL AND external_id IS NOT NULL`

// EachLDAPAccount calls fn for every live account of an integration, streamed
// row by row so that 100k accounts never sit in a slice.
func (s *Store) EachLDAPAccount(ctx context.Context, integrationID string, fn func(id, externalID, hash, dn string, active bool)) error {
	return s.eachLDAPAccount(ctx, fn, ldapAccountColumns, integrationID)
}

// LDAPAccountsOf is EachLDAPAccount for the given externalIds only (an
// incremental sync's changed entries), one query per 500.
func (s *Store) LDAPAccountsOf(ctx context.Context, integrationID string, externalIDs []string,
	fn func(id, externalID, hash, dn string, active bool)) error {
	for start := 0; start < len(externalIDs); start += memberChunk {
		chunk := externalIDs[start:min(start+memberChunk, len(externalIDs))]
		if err := s.eachLDAPAccount(ctx, fn, ldapAccountColumns+" AND external_id IN ?", integrationID, chunk); err != nil {
			return err
		}
	}
	return nil
}

// CountActiveLDAPAccounts counts the live, active accounts EachLDAPAccount
// would list: the base of a sync's maxDeactivatePercent.
func (s *Store) CountActiveLDAPAccounts(ctx context.Context, integrationID string) (int, error) {
	var n int64
	err := s.q(ctx).Raw(`SELECT COUNT(*) FROM accounts WHERE integration_id = ? AND deleted_at IS NULL
		AND external_id IS NOT NULL AND active`, integrationID).Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: ldap accounts: %w", mapErr(err))
	}
	return int(n), nil
}

func (s *Store) eachLDAPAccount(ctx context.Context, fn func(id, externalID, hash, dn string, active bool), query string, args ...any) error {
	rows, err := s.q(ctx).Raw(query, args...).Rows()
	if err != nil {
		return fmt.Errorf("store: ldap accounts: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id, ext, hash, dn string
		var active bool
		if err := rows.Scan(&id, &ext, &hash, &dn, &active); err != nil {
			return fmt.Errorf("store: ldap accounts: %w", mapErr(err))
		}
		fn(id, ext, hash, dn, active)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: ldap accounts: %w", mapErr(err))
	}
	return nil
}

// AccountIDsByExternalID maps the given externalIds of an integration's live
// accounts to account ids; unknown ones are absent. One query per 500 ids.
func (s *Store) AccountIDsByExternalID(ctx context.Context, integrationID string, externalIDs []string) (map[string]string, error) {
	out := make(map[string]string, len(externalIDs))
	for start := 0; start < len(externalIDs); start += memberChunk {
		chunk := externalIDs[start:min(start+memberChunk, len(externalIDs))]
		var rows []struct{ ExternalID, ID string }
		err := s.q(ctx).Raw(`SELECT external_id, id FROM accounts WHERE integration_id = ? AND deleted_at IS NULL
			AND external_id IN ?`, integrationID, chunk).Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("store: accounts by externalId: %w", mapErr(err))
		}
		for _, r := range rows {
			out[r.ExternalID] = r.ID
		}
	}
	return out, nil
}

// UserNameOwner is the live account holding a userName.
type UserNameOwner struct {
	IntegrationID string
	ExternalID    string
}

// UserNameOwners maps the lowered userNames among names that live accounts
// hold to their owners, so a sync can skip an entry whose userName another
// account has instead of failing its whole batch on the unique index.
func (s *Store) UserNameOwners(ctx context.Context, names []string) (map[string]UserNameOwner, error) {
	out := make(map[string]UserNameOwner, len(names))
	for start := 0; start < len(names); start += memberChunk {
		chunk := make([]string, 0, memberChunk)
		for _, n := range names[start:min(start+memberChunk, len(names))] {
			chunk = append(chunk, strings.ToLower(strings.TrimSpace(n)))
		}
		var rows []struct{ Name, IntegrationID, ExternalID string }
		err := s.q(ctx).Raw(`SELECT lower(user_name) AS name, COALESCE(integration_id, '') AS integration_id,
			COALESCE(external_id, '') AS external_id FROM accounts
			WHERE deleted_at IS NULL AND lower(user_name) IN ?`, chunk).Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("store: userName owners: %w", mapErr(err))
		}
		for _, r := range rows {
			out[r.Name] = UserNameOwner{IntegrationID: r.IntegrationID, ExternalID: r.ExternalID}
		}
	}
	return out, nil
}

// CountAccountsWithStatus counts the accounts among ids whose status is one of statuses.
func (s *Store) CountAccountsWithStatus(ctx context.Context, ids []string, statuses ...string) (int, error) {
	var total int64
	for start := 0; start < len(ids); start += memberChunk {
		var n int64
		err := s.q(ctx).Model(&Account{}).Where("id IN ? AND status IN ?", ids[start:min(start+memberChunk, len(ids))], statuses).
			Count(&n).Error
		if err != nil {
			return 0, fmt.Errorf("store: count accounts: %w", mapErr(err))
		}
		total += n
	}
	return int(total), nil
}
