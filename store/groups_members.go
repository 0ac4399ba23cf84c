package store

import (
	"context"
	"fmt"
	"strings"
)

// memberChunk bounds the rows per statement: 2 parameters each stays far
// below SQLite's and PostgreSQL's parameter limits.
const memberChunk = 500

// AddGroupMembers adds the live accounts among members to group g and
// returns how many rows it inserted. Ids that are already members, unknown,
// deleted or (for an integration's group) another integration's are skipped
// without error. Cost: one INSERT per 500 members, whatever the group's
// size; member_count is the caller's to adjust (SaveGroup).
func (s *Store) AddGroupMembers(ctx context.Context, g *Group, members []GroupMember) (int64, error) {
	members = dedupMembers(members)
	now := Now()
	var added int64
	for start := 0; start < len(members); start += memberChunk {
		chunk := members[start:min(start+memberChunk, len(members))]
		values := strings.TrimSuffix(strings.Repeat("(?, ?),", len(chunk)), ",")
		args := []any{g.ID, now}
		for _, m := range chunk {
			args = append(args, m.AccountID, m.Display)
		}
		scope := ""
		if g.IntegrationID != nil {
			scope = " AND a.integration_id = ?"
			args = append(args, *g.IntegrationID)
		}
		// VALUES columns are column1, column2 on both dialects. SQLite needs
		// the WHERE clause to parse INSERT ... SELECT ... ON CONFLICT.
		res := s.q(ctx).Exec(`INSERT INTO group_members (group_id, created_at, account_id, display)
			SELECT ?, ?, v.column1, v.column2 FROM (VALUES `+values+`) AS v
			JOIN accounts a ON a.id = v.column1
			WHERE a.deleted_at IS NULL`+scope+`
			ON CONFLICT DO NOTHING`, args...)
		if res.Error != nil {
			return added, fmt.Errorf("store: add members to group %s: %w", g.ID, mapErr(res.Error))
		}
		added += res.RowsAffected
	}
	return added, nil
}

// RemoveGroupMembers removes accountIDs from group groupID and returns how
// many were members; the others are a no-op. One DELETE per 500 ids.
func (s *Store) RemoveGroupMembers(ctx context.Context, groupID string, accountIDs []string) (int64, error) {
	var removed int64
	for start := 0; start < len(accountIDs); start += memberChunk {
		chunk := accountIDs[start:min(start+memberChunk, len(accountIDs))]
		res := s.q(ctx).Exec("DELETE FROM group_members WHERE group_id = ? AND account_id IN ?", groupID, chunk)
		if res.Error != nil {
			return removed, fmt.Errorf("store: remove members of group %s: %w", groupID, mapErr(res.Error))
		}
		removed += res.RowsAffected
	}
	return removed, nil
}

// ClearGroupMembers removes every member of a group and returns how many there were.
func (s *Store) ClearGroupMembers(ctx context.Context, groupID string) (int64, error) {
	res := s.q(ctx).Exec("DELETE FROM group_members WHERE group_id = ?", groupID)
	if res.Error != nil {
		return 0, fmt.Errorf("store: clear group %s: %w", groupID, mapErr(res.Error))
	}
	return res.RowsAffected, nil
}

// ReplaceGroupMembers makes members the whole membership of g, touching only
// the difference, and returns the counts added and removed. It reads the
// current member ids, so it is O(group size): only a full replace pays that.
func (s *Store) ReplaceGroupMembers(ctx context.Context, g *Group, members []GroupMember) (added, removed int64, err error) {
	members = dedupMembers(members)
	want := make(map[string]bool, len(members))
	for _, m := range members {
		want[m.AccountID] = true
	}
	var current []string
	if err := s.q(ctx).Raw("SELECT account_id FROM group_members WHERE group_id = ?", g.ID).Find(&current).Error; err != nil {
		return 0, 0, fmt.Errorf("store: members of group %s: %w", g.ID, mapErr(err))
	}
	var drop []string
	for _, id := range current {
		if !want[id] {
			drop = append(drop, id)
		}
		delete(want, id)
	}
	var add []GroupMember
	for _, m := range members {
		if want[m.AccountID] {
			add = append(add, m)
		}
	}
	if removed, err = s.RemoveGroupMembers(ctx, g.ID, drop); err != nil {
		return 0, 0, err
	}
	added, err = s.AddGroupMembers(ctx, g, add)
	return added, removed, err
}

func dedupMembers(members []GroupMember) []GroupMember {
	seen := make(map[string]bool, len(members))
	out := members[:0:0]
	for _, m := range members {
		if m.AccountID != "" && !seen[m.AccountID] {
			seen[m.AccountID] = true
			out = append(out, m)
		}
	}
	return out
}
