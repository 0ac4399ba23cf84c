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
	// After, when set, starts the page past this position of the creation
	// order (keyset paging: SortBy must be "" and Offset 0).
	After *Keyset
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
	if gq.After != nil {
		if gq.SortBy != "" || gq.Offset != 0 {
			return nil, 0, errKeysetOrder
		}
		cond, kargs := keysetWhere("created_at", "id", gq.After, gq.Desc)
		q = q.Where(cond, kargs...)
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
	case "":
		return "created_at" + dir + ", id" + dir, nil
	case "id":
		return "id" + dir, nil
	}
	key, ok := groupSortKey(sortBy)
	if !ok {
		return "", filterErr(sortBy, "cannot sort by this attribute")
	}
	return key + dir + ", id" + dir, nil
}

// groupSortKey is the SQL expression sortBy sorts groups by, and whether
// groups have that attribute.
func groupSortKey(sortBy string) (string, bool) {
	key, ok := map[string]string{"id": "id", "meta.created": "created_at", "meta.lastmodified": "updated_at",
		"displayname": "lower(display_name)", "externalid": "external_id"}[groupAttr(sortBy)]
	return key, ok
}
