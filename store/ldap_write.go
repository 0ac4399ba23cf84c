package store

import (
	"context"
	"fmt"
)

// LinkLDAPManagers points manager_id at the live account synced from each
// account's manager_dn, where the link is missing or points to an account no
// longer live, and returns how many it changed. It runs once at the end of a
// sync, when every manager the run created exists (a manager's entry may
// come after its reports in the stream); a sync clears the link of an
// account whose manager_dn changed.
func (s *Store) LinkLDAPManagers(ctx context.Context, integrationID string) (int64, error) {
	return s.linkManagers(ctx, integrationID, `(manager_id = '' OR manager_id NOT IN
		(SELECT id FROM accounts WHERE integration_id = ? AND deleted_at IS NULL))`, integrationID)
}

// LinkLDAPManagersOf is LinkLDAPManagers for the given accounts only: what an
// incremental run that deleted nobody needs, without a pass over every account.
func (s *Store) LinkLDAPManagersOf(ctx context.Context, integrationID string, ids []string) (int64, error) {
	var n int64
	for start := 0; start < len(ids); start += memberChunk {
		k, err := s.linkManagers(ctx, integrationID, "id IN ?", ids[start:min(start+memberChunk, len(ids))])
		if err != nil {
			return n, err
		}
		n += k
	}
	return n, nil
}

func (s *Store) linkManagers(ctx context.Context, integrationID, which string, arg any) (int64, error) {
	const managerOf = `COALESCE((SELECT m.id FROM accounts m WHERE m.integration_id = accounts.integration_id
		AND m.deleted_at IS NULL AND m.source_dn <> '' AND lower(m.source_dn) = lower(accounts.manager_dn)), '')`
	res := s.q(ctx).Exec(`UPDATE accounts SET manager_id = `+managerOf+`, version = version + 1, updated_at = ?
		WHERE integration_id = ? AND deleted_at IS NULL AND manager_dn <> '' AND `+which+`
		AND manager_id <> `+managerOf, Now(), integrationID, arg)
	if res.Error != nil {
		return 0, fmt.Errorf("store: link managers: %w", mapErr(res.Error))
	}
	return res.RowsAffected, nil
}

// SetSyncCookie stores an integration's incremental-sync state.
func (s *Store) SetSyncCookie(ctx context.Context, integrationID string, cookie []byte) error {
	res := s.q(ctx).Exec("UPDATE integrations SET sync_cookie = ?, updated_at = ? WHERE id = ?", cookie, Now(), integrationID)
	return oneRow(res, "save sync cookie")
}

// SourcedGroup is a group as a directory sync knows it.
type SourcedGroup struct {
	ID          string
	ExternalID  string
	DisplayName string
	Hash        string
}

// SourcedGroups returns the integration's groups that have an externalId, by externalId.
func (s *Store) SourcedGroups(ctx context.Context, integrationID string) (map[string]SourcedGroup, error) {
	var rows []SourcedGroup
	err := s.q(ctx).Raw(`SELECT id, external_id, display_name, source_hash AS hash FROM groups
		WHERE integration_id = ? AND external_id IS NOT NULL`, integrationID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: sourced groups: %w", mapErr(err))
	}
	out := make(map[string]SourcedGroup, len(rows))
	for _, r := range rows {
		out[r.ExternalID] = r
	}
	return out, nil
}

// SetGroupSourceHash records the source's hash of a group after a sync wrote it.
func (s *Store) SetGroupSourceHash(ctx context.Context, groupID, hash string) error {
	if err := s.q(ctx).Exec("UPDATE groups SET source_hash = ? WHERE id = ?", hash, groupID).Error; err != nil {
		return fmt.Errorf("store: group %s source hash: %w", groupID, mapErr(err))
	}
	return nil
}
