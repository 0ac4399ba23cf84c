package store

import (
	"context"
	"fmt"
)

// EachGroupMember calls fn for every live member of a group, in account id
// order, reading from a database cursor: a group of any size is never held
// in memory. A member whose deletion the breaker holds is left out, as its
// integration sees it (source_view.go). Display is the label the client sent, else the account's
// displayName, else its userName. fn must not use the store (with SQLite's
// single connection the cursor holds it); an error from fn stops the walk
// and is returned as is.
func (s *Store) EachGroupMember(ctx context.Context, groupID string, fn func(GroupMember) error) error {
	// The primary key (group_id, account_id) gives the order without a sort.
	rows, err := s.q(ctx).Raw(`SELECT gm.account_id,
		CASE WHEN gm.display <> '' THEN gm.display WHEN a.display_name <> '' THEN a.display_name ELSE a.user_name END
		FROM group_members gm JOIN accounts a ON a.id = gm.account_id
		WHERE gm.group_id = ? AND a.deleted_at IS NULL AND `+sourceViewWhere+`
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

// GroupClaim is one group of an account as the sign-in's groups claim
// names it (signin/claims.go).
type GroupClaim struct {
	DisplayName     string
	IntegrationName string // "" for a group without an integration
	Shared          bool   // another group has the same name, case-insensitively
}

// GroupClaimsOfAccount lists the groups of an account, by displayName, with
// their integration's name and whether another group bears the same name.
func (s *Store) GroupClaimsOfAccount(ctx context.Context, accountID string) ([]GroupClaim, error) {
	out := []GroupClaim{}
	err := s.q(ctx).Raw(`SELECT g.display_name, COALESCE(i.name, '') AS integration_name,
		EXISTS (SELECT 1 FROM groups o WHERE lower(o.display_name) = lower(g.display_name) AND o.id <> g.id) AS shared
		FROM group_members gm JOIN groups g ON g.id = gm.group_id
		LEFT JOIN integrations i ON i.id = g.integration_id
		WHERE gm.account_id = ? ORDER BY lower(g.display_name), g.id`, accountID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: group claims of account %s: %w", accountID, mapErr(err))
	}
	return out, nil
}

// GroupsOfAccounts is GroupsOfAccount for a page of accounts, in one query
// (a Users list renders every user's groups without N+1 queries).
func (s *Store) GroupsOfAccounts(ctx context.Context, accountIDs []string) (map[string][]GroupRef, error) {
	out := make(map[string][]GroupRef, len(accountIDs))
	if len(accountIDs) == 0 {
		return out, nil
	}
	var rows []struct{ AccountID, ID, DisplayName string }
	err := s.q(ctx).Raw(`SELECT gm.account_id, g.id, g.display_name FROM group_members gm
		JOIN groups g ON g.id = gm.group_id
		WHERE gm.account_id IN ? ORDER BY lower(g.display_name), g.id`, accountIDs).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: groups of accounts: %w", mapErr(err))
	}
	for _, r := range rows {
		out[r.AccountID] = append(out[r.AccountID], GroupRef{ID: r.ID, DisplayName: r.DisplayName})
	}
	return out, nil
}
