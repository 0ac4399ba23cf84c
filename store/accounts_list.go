package store

import (
	"context"
	"fmt"
	"strings"
)

// AccountQuery selects live accounts for SCIM lists, as their integration
// sees them (source_view.go): a held deletion is left out, and a held
// deactivation is inactive to filters and sorts (rows come back as stored,
// Held set: Account.SourceView renders them).
type AccountQuery struct {
	IntegrationID string // "" for every source
	Filter        Filter // nil matches everything
	SortBy        string // a SCIM attribute path; "" keeps creation order
	Desc          bool
	Offset        int
	Limit         int  // 0 means 100
	CountOnly     bool // only the total (SCIM count=0)
	// After, when set, starts the page past this position of the creation
	// order (keyset paging: SortBy must be "" and Offset 0); the total
	// still counts every match.
	After *Keyset
}

// ListAccounts returns one page of live accounts matching q, with their
// emails, and the exact number of matching accounts. Pages are in a stable
// order: the sort key, then (created_at, id).
func (s *Store) ListAccounts(ctx context.Context, q AccountQuery) ([]Account, int64, error) {
	whereSQL, args, err := s.accountWhereSQL(q)
	if err != nil {
		return nil, 0, err
	}
	order, err := accountOrder(q.SortBy, q.Desc)
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := s.q(ctx).Raw("SELECT COUNT(*) FROM accounts a WHERE "+whereSQL, args...).Find(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: count accounts: %w", mapErr(err))
	}
	if q.CountOnly || total == 0 || int64(q.Offset) >= total {
		return []Account{}, total, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	if q.After != nil {
		if q.SortBy != "" || q.Offset != 0 {
			return nil, 0, errKeysetOrder
		}
		cond, kargs := keysetWhere("a.created_at", "a.id", q.After, q.Desc)
		whereSQL, args = whereSQL+" AND "+cond, append(args, kargs...)
	}
	sql := "SELECT a.* FROM accounts a WHERE " + whereSQL + " ORDER BY " + order + " LIMIT ? OFFSET ?"
	var out []Account
	if err := s.q(ctx).Raw(sql, append(args, limit, q.Offset)...).Find(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("store: list accounts: %w", mapErr(err))
	}
	return s.loadPageEmails(ctx, out, total)
}

// accountWhereSQL is the WHERE clause of q (rows aliased a) and its arguments.
func (s *Store) accountWhereSQL(q AccountQuery) (string, []any, error) {
	b := &sqlBuilder{dialect: s.dialect}
	where, err := b.where(q.Filter, 0)
	if err != nil {
		return "", nil, err
	}
	conds := []string{"a.deleted_at IS NULL", sourceViewWhere}
	args := []any{}
	if q.IntegrationID != "" {
		conds = append(conds, "a.integration_id = ?")
		args = append(args, q.IntegrationID)
	}
	conds = append(conds, "("+where+")")
	return strings.Join(conds, " AND "), append(args, b.args...), nil
}

// accountOrder turns sortBy into ORDER BY, always ending on (created_at, id).
func accountOrder(sortBy string, desc bool) (string, error) {
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	tail := "a.created_at" + dir + ", a.id" + dir
	key, err := accountSortKey(sortBy)
	if err != nil || key == "" {
		return tail, err
	}
	return key + dir + ", " + tail, nil
}

// accountSortKey is the SQL expression sortBy sorts accounts (alias a) by,
// "" for none.
func accountSortKey(sortBy string) (string, error) {
	if sortBy == "" {
		return "", nil
	}
	a := canonicalAttr(sortBy)
	var c column
	if sub, ok := isEmailsAttr(a); ok && sub == "value" {
		c = column{expr: "a.email", kind: kindText}
	} else if c, ok = accountColumns[a]; !ok {
		return "", filterErr(sortBy, reasonUnknown)
	}
	if c.kind == kindText {
		return "lower(" + c.expr + ")", nil
	}
	return c.expr, nil
}
