package store

import (
	"context"
	"fmt"
)

// The resources of a mixed page (SearchResources), read by id in one query
// per type.

// AccountsByIDs returns the live accounts among ids, with their emails, by id.
func (s *Store) AccountsByIDs(ctx context.Context, ids []string) (map[string]*Account, error) {
	out := make(map[string]*Account, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Account
	if err := s.q(ctx).Where("id IN ? AND deleted_at IS NULL", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: accounts by id: %w", mapErr(err))
	}
	ptrs := make([]*Account, len(rows))
	for i := range rows {
		ptrs[i] = &rows[i]
		out[rows[i].ID] = &rows[i]
	}
	return out, s.loadEmails(ctx, ptrs)
}

// GroupsByIDs returns the groups among ids that integrationID owns, by id.
func (s *Store) GroupsByIDs(ctx context.Context, integrationID string, ids []string) (map[string]*Group, error) {
	out := make(map[string]*Group, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	where, args := scopeWhere(integrationID)
	var rows []Group
	if err := s.q(ctx).Where("id IN ?", ids).Where(where, args...).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: groups by id: %w", mapErr(err))
	}
	for i := range rows {
		out[rows[i].ID] = &rows[i]
	}
	return out, nil
}
