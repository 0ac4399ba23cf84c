package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// ResourceQuery selects Users and Groups of one integration together (SCIM's
// root .search, RFC 7644 §3.4.3), as the integration sees them.
type ResourceQuery struct {
	IntegrationID string
	Users, Groups bool   // the resource types to include
	Filter        Filter // an attribute one type lacks has no value there (filter_absent.go)
	SortBy        string // "": Users first, then Groups, each oldest first
	Desc          bool
	Offset, Limit int
	CountOnly     bool
}

// Resource kinds of a ResourceRef.
const (
	KindUser  = "User"
	KindGroup = "Group"
)

// ResourceRef is one resource of a mixed page.
type ResourceRef struct {
	Kind string // KindUser or KindGroup
	ID   string
}

// SearchResources returns one page of the matching Users and Groups, in
// order, and how many match in all. The page is one UNION ALL query over
// accounts and groups, so paging and sorting span both types: with sortBy,
// resources without a value (a Group for userName) come last either way,
// then Users before Groups, oldest first.
func (s *Store) SearchResources(ctx context.Context, q ResourceQuery) ([]ResourceRef, int64, error) {
	branches, err := s.resourceBranches(q)
	if err != nil {
		return nil, 0, err
	}
	if len(branches) == 0 {
		return []ResourceRef{}, 0, nil
	}
	var counts []string
	var args []any
	for _, b := range branches {
		counts = append(counts, "(SELECT COUNT(*) FROM "+b.from+" WHERE "+b.where+")")
		args = append(args, b.args...)
	}
	var total int64
	if err := s.q(ctx).Raw("SELECT "+strings.Join(counts, " + "), args...).Find(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: count resources: %w", mapErr(err))
	}
	if q.CountOnly || total == 0 || int64(q.Offset) >= total {
		return []ResourceRef{}, total, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	var selects []string
	args = args[:0]
	for _, b := range branches {
		selects = append(selects, "SELECT '"+b.kind+"' AS kind, "+b.rank+" AS rank, "+b.id+" AS id, "+b.key+" AS k, "+
			b.created+" AS created FROM "+b.from+" WHERE "+b.where)
		args = append(args, b.args...)
	}
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	order := "rank, created" + dir + ", id" + dir
	if q.SortBy != "" {
		order = "(CASE WHEN k IS NULL THEN 1 ELSE 0 END), k" + dir + ", " + order
	}
	sql := "SELECT kind, id FROM (" + strings.Join(selects, " UNION ALL ") + ") r ORDER BY " + order + " LIMIT ? OFFSET ?"
	out := []ResourceRef{}
	if err := s.q(ctx).Raw(sql, append(args, limit, q.Offset)...).Find(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("store: search resources: %w", mapErr(err))
	}
	return out, total, nil
}

// resourceBranch is one resource type's SELECT in SearchResources.
type resourceBranch struct {
	kind, rank, from, id, key, created, where string
	args                                      []any
}

func (s *Store) resourceBranches(q ResourceQuery) ([]resourceBranch, error) {
	absent := map[string]map[string]bool{KindUser: {}, KindGroup: {}}
	var out []resourceBranch
	if q.Users {
		f, err := withAbsent(q.Filter, KindUser, 0, func(leaf Filter) error {
			_, err := (&sqlBuilder{dialect: s.dialect}).where(leaf, 0)
			return err
		}, absent[KindUser])
		if err != nil {
			return nil, err
		}
		where, args, err := s.accountWhereSQL(AccountQuery{IntegrationID: q.IntegrationID, Filter: f})
		if err != nil {
			return nil, err
		}
		key, err := accountSortKey(q.SortBy)
		if err != nil && (!q.Groups || !groupKnows(q.SortBy)) {
			return nil, err
		}
		out = append(out, resourceBranch{kind: KindUser, rank: "0", from: "accounts a", id: "a.id",
			key: nullIfEmpty(key), created: "a.created_at", where: where, args: args})
	}
	if q.Groups {
		f, err := withAbsent(q.Filter, KindGroup, 0, func(leaf Filter) error {
			_, _, err := groupWhere(leaf, 0)
			return err
		}, absent[KindGroup])
		if err != nil {
			return nil, err
		}
		where, args := scopeWhere(q.IntegrationID)
		if f != nil {
			sql, fargs, err := groupWhere(f, 0)
			if err != nil {
				return nil, err
			}
			where, args = where+" AND ("+sql+")", append(args, fargs...)
		}
		key, ok := groupSortKey(q.SortBy)
		if !ok && q.SortBy != "" && !q.Users {
			return nil, filterErr(q.SortBy, "cannot sort by this attribute")
		}
		out = append(out, resourceBranch{kind: KindGroup, rank: "1", from: "groups", id: "groups.id",
			key: nullIfEmpty(key), created: "groups.created_at", where: where, args: args})
	}
	if q.Users && q.Groups {
		var both []string
		for a := range absent[KindUser] {
			if absent[KindGroup][a] {
				both = append(both, a)
			}
		}
		if len(both) > 0 {
			sort.Strings(both)
			return nil, filterErr(both[0], reasonUnknown)
		}
	}
	return out, nil
}

// groupKnows reports whether groups can be sorted by sortBy.
func groupKnows(sortBy string) bool {
	_, ok := groupSortKey(sortBy)
	return ok
}

func nullIfEmpty(expr string) string {
	if expr == "" {
		return "NULL"
	}
	return expr
}
