package store

import (
	"gorm.io/gorm"

	"context"
	"fmt"
)

// GroupRef names a group an account belongs to (the User's read-only
// "groups" attribute).
type GroupRef struct {
	ID          string
	DisplayName string
}

// GroupMember is one membership: the account and the label the client sent
// with it (empty: none; readers then show the account's displayName).
type GroupMember struct {
	AccountID string
	Display   string
}

// scopeWhere restricts a groups query to one integration's groups; "" means
// the groups no integration owns (created by admins).
func scopeWhere(integrationID string) (string, []any) {
	if integrationID == "" {
		return "integration_id IS NULL", nil
	}
	return "integration_id = ?", []any{integrationID}
}

// CreateGroup inserts g without members. ID, version, count and timestamps are set here.
func (s *Store) CreateGroup(ctx context.Context, g *Group) error {
	if g.ID == "" {
		g.ID = NewID()
	}
	if g.Attributes == "" {
		g.Attributes = "{}"
	}
	g.Version, g.MemberCount = 1, 0
	now := Now()
	g.CreatedAt, g.UpdatedAt = now, now
	if err := s.q(ctx).Create(g).Error; err != nil {
		return fmt.Errorf("store: create group %q: %w", g.DisplayName, mapErr(err))
	}
	return nil
}

// GroupByID returns group id if integrationID owns it.
func (s *Store) GroupByID(ctx context.Context, integrationID, id string) (*Group, error) {
	return take[Group](s.groupByID(ctx, integrationID, id), "group %s", id)
}

// LockGroup is GroupByID for a transaction that will change the group: on
// PostgreSQL the row stays locked until the transaction ends, so concurrent
// changes to one group queue up instead of losing updates (member_count,
// version).
func (s *Store) LockGroup(ctx context.Context, integrationID, id string) (*Group, error) {
	return take[Group](s.lockedInTx(s.groupByID(ctx, integrationID, id)), "group %s", id)
}

func (s *Store) groupByID(ctx context.Context, integrationID, id string) *gorm.DB {
	where, args := scopeWhere(integrationID)
	return s.q(ctx).Where("id = ?", id).Where(where, args...)
}

// GroupByExternalID returns an integration's group by its externalId (the
// LDAP worker keys groups on it). externalId is not unique: with several,
// the oldest is returned.
func (s *Store) GroupByExternalID(ctx context.Context, integrationID, externalID string) (*Group, error) {
	var g Group
	err := s.q(ctx).Where("integration_id = ? AND external_id = ?", integrationID, externalID).
		Order("created_at, id").Take(&g).Error
	if err != nil {
		return nil, fmt.Errorf("store: group by externalId: %w", mapErr(err))
	}
	return &g, nil
}

// SaveGroup writes g's attributes if its version is still expectVersion,
// adds memberDelta to member_count and bumps the version. It returns
// ErrVersionMismatch when someone else wrote first, ErrNotFound when gone.
func (s *Store) SaveGroup(ctx context.Context, g *Group, expectVersion, memberDelta int64) error {
	if g.Attributes == "" {
		g.Attributes = "{}"
	}
	now := Now()
	res := s.q(ctx).Exec(`UPDATE groups SET display_name = ?, external_id = ?, attributes = ?,
		member_count = member_count + ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		g.DisplayName, g.ExternalID, g.Attributes, memberDelta, expectVersion+1, now, g.ID, expectVersion)
	if res.Error != nil {
		return fmt.Errorf("store: save group %s: %w", g.ID, mapErr(res.Error))
	}
	if res.RowsAffected == 0 {
		var n int64
		if err := s.q(ctx).Model(&Group{}).Where("id = ?", g.ID).Count(&n).Error; err != nil {
			return fmt.Errorf("store: save group %s: %w", g.ID, mapErr(err))
		}
		if n == 0 {
			return fmt.Errorf("store: save group %s: %w", g.ID, ErrNotFound)
		}
		return fmt.Errorf("store: save group %s: %w", g.ID, ErrVersionMismatch)
	}
	g.Version, g.UpdatedAt = expectVersion+1, now
	g.MemberCount += memberDelta
	return nil
}

// DeleteGroup deletes a group; its memberships go with it (ON DELETE
// CASCADE), its members' accounts stay.
func (s *Store) DeleteGroup(ctx context.Context, id string) error {
	res := s.q(ctx).Exec("DELETE FROM groups WHERE id = ?", id)
	return oneRow(res, "delete group %s", id)
}
