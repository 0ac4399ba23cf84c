package store

import (
	"context"
	"fmt"
)

// GroupQuery selects an integration's groups for a SCIM list.
type GroupQuery struct {
	IntegrationID string // "" selects the groups no integration owns
	Filter        Filter // nil: all; see groupWhere for what it may name
	SortBy        string // displayName, externalId, id, meta.created, meta.lastModified; "": creation order
	Desc          bool
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
	order, err := groupOrder(gq.SortBy, gq.Desc)
	if err != nil {
		return nil, 0, err
	}
	err = q.Order(order).Offset(gq.Offset).Limit(gq.Limit).Find(&out).Error
	if err != nil {
		return nil, 0, fmt.Errorf("store: list groups: %w", mapErr(err))
	}
	return out, total, nil
}

// groupOrder maps a SCIM sortBy to ORDER BY; id breaks ties so pages are stable.
func groupOrder(sortBy string, desc bool) (string, error) {
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	switch groupAttr(sortBy) {
	case "", "meta.created":
		return "created_at" + dir + ", id" + dir, nil
	case "meta.lastmodified":
		return "updated_at" + dir + ", id" + dir, nil
	case "displayname":
		return "lower(display_name)" + dir + ", id" + dir, nil
	case "externalid":
		return "external_id" + dir + ", id" + dir, nil
	case "id":
		return "id" + dir, nil
	}
	return "", filterErr(sortBy, "cannot sort by this attribute")
}
