package store

import (
	"context"
	"fmt"
)

// EachGroupMember calls fn for every live member of a group, in account id
// order, reading from a database cursor: a group of any size is never held
// in memory. Display is the label the client sent, else the account's
// displayName, else its userName. fn must not use the store (with SQLite's
// single connection the cursor holds it); an error from fn stops the walk
// and is returned as is.
func (s *Store) EachGroupMember(ctx context.Context, groupID string, fn func(GroupMember) error) error {
	// The primary key (group_id, account_id) gives the order without a sort.
	rows, err := s.q(ctx).Raw(`SELECT gm.account_id,
		CASE WHEN gm.display <> '' THEN gm.display WHEN a.display_name <> '' THEN a.display_name ELSE a.user_name END
		FROM group_members gm JOIN accounts a ON a.id = gm.account_id
		WHERE gm.group_id = ? AND a.deleted_at IS NULL
		ORDER BY gm.account_id`, groupID).Rows()
	if err != nil {
		return fmt.Errorf("store: members of group %s: %w", groupID, mapErr(err))
	}
	defer rows.Close()
	var m GroupMember
	for rows.Next() {
		if err := rows.Scan(&m.AccountID, &m.Display); err != nil {
			return fmt.Errorf("store: members of group %s: %w", groupID, mapErr(err))
		}
		if err := fn(m); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: members of group %s: %w", groupID, mapErr(err))
	}
	return nil
}

// GroupsOfAccount lists the groups an account belongs to, by displayName.
func (s *Store) GroupsOfAccount(ctx context.Context, accountID string) ([]GroupRef, error) {
	out := []GroupRef{}
	err := s.q(ctx).Raw(`SELECT g.id, g.display_name FROM group_members gm
		JOIN groups g ON g.id = gm.group_id
		WHERE gm.account_id = ? ORDER BY lower(g.display_name), g.id`, accountID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: groups of account %s: %w", accountID, mapErr(err))
	}
	return out, nil
}

// GroupQuery selects an integration's groups for a SCIM list.
type GroupQuery struct {
	IntegrationID string // "" selects the groups no integration owns
	Filter        Filter // nil: all; see groupWhere for what it may name
	Offset        int
	Limit         int // 0 returns only the total (SCIM count=0)
}

// ListGroups returns one page of groups (without members), oldest first,
// with the total number matching.
func (s *Store) ListGroups(ctx context.Context, gq GroupQuery) ([]Group, int64, error) {
	where, args := scopeWhere(gq.IntegrationID)
	q := s.q(ctx).Model(&Group{}).Where(where, args...)
	if gq.Filter != nil {
		sql, fargs, err := groupWhere(gq.Filter, 0)
		if err != nil {
			return nil, 0, err
		}
		q = q.Where(sql, fargs...)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: count groups: %w", mapErr(err))
	}
	out := []Group{}
	if gq.Limit == 0 {
		return out, total, nil
	}
	err := q.Order("created_at, id").Offset(gq.Offset).Limit(gq.Limit).Find(&out).Error
	if err != nil {
		return nil, 0, fmt.Errorf("store: list groups: %w", mapErr(err))
	}
	return out, total, nil
}
