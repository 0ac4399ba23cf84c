package store

import (
	"context"
	"fmt"
	"strings"
)

// AccountWhereSQLForTest exposes the WHERE clause ListAccounts would run.
func (s *Store) AccountWhereSQLForTest(q AccountQuery) (string, []any, error) {
	return s.accountWhereSQL(q)
}

// ExplainForTest returns the query plan of query.
func (s *Store) ExplainForTest(ctx context.Context, query string, args []any) (string, error) {
	var out []string
	err := s.Tx(ctx, func(tx *Store) error {
		prefix := "EXPLAIN QUERY PLAN "
		if s.dialect == Postgres {
			prefix = "EXPLAIN "
		}
		rows, err := tx.q(ctx).Raw(prefix+query, args...).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			out = append(out, fmt.Sprint(vals...))
		}
		return rows.Err()
	})
	return strings.Join(out, "\n"), err
}

// SeedAccountsForTest bulk-inserts n live accounts of integration
// integrationID (userName seed<i>, one email each) and refreshes the
// planner's statistics, so that query plans are those of a real table.
func (s *Store) SeedAccountsForTest(ctx context.Context, integrationID string, n int) error {
	now := Now()
	accts := make([]Account, n)
	emails := make([]Email, n)
	for i := range accts {
		id := NewID()
		name := fmt.Sprintf("seed%d@example.com", i)
		accts[i] = Account{ID: id, IntegrationID: &integrationID, Origin: "scim", UserName: name,
			ExternalID: &name, Email: name, Active: true, Status: StatusNotInvited, Attributes: "{}",
			Version: 1, CreatedAt: now, UpdatedAt: now}
		emails[i] = Email{AccountID: id, Value: name, Type: "work", IsPrimary: true}
	}
	if err := s.q(ctx).CreateInBatches(accts, 200).Error; err != nil {
		return err
	}
	if err := s.q(ctx).CreateInBatches(emails, 500).Error; err != nil {
		return err
	}
	return s.q(ctx).Exec("ANALYZE").Error
}
