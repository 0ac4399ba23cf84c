package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// NewSourcedGroup is a group a directory sync creates: its row, the
// source's hash, and its members' account ids.
type NewSourcedGroup struct {
	Group   *Group
	Hash    string
	Members []string
}

// CreateSourcedGroups inserts new groups of one integration with their
// source hash and members in a few multi-row statements (CreateGroup plus
// AddGroupMembers in bulk, with the same rule: members that are not live
// accounts of the integration are skipped). Each group's MemberCount is set
// to the members actually added.
func (s *Store) CreateSourcedGroups(ctx context.Context, integrationID string, gs []NewSourcedGroup) error {
	if len(gs) == 0 {
		return nil
	}
	now := Now()
	ids := make([]string, len(gs))
	for i, ng := range gs {
		g := ng.Group
		if g.ID == "" {
			g.ID = NewID()
		}
		if g.Attributes == "" {
			g.Attributes = "{}"
		}
		g.IntegrationID, g.Version, g.MemberCount, g.CreatedAt, g.UpdatedAt = &integrationID, 1, 0, now, now
		ids[i] = g.ID
	}
	for start := 0; start < len(gs); start += 100 {
		chunk := gs[start:min(start+100, len(gs))]
		args := make([]any, 0, 10*len(chunk))
		for _, ng := range chunk {
			g := ng.Group
			args = append(args, g.ID, integrationID, g.ExternalID, g.DisplayName, g.Attributes, 0, 1, now, now, ng.Hash)
		}
		values := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?),", len(chunk)), ",")
		if err := s.q(ctx).Exec(`INSERT INTO groups (id, integration_id, external_id, display_name, attributes,
			member_count, version, created_at, updated_at, source_hash) VALUES `+values, args...).Error; err != nil {
			return fmt.Errorf("store: create %d groups: %w", len(chunk), mapErr(err))
		}
	}
	// Members go in memberChunk pairs at a time, built as they are sent.
	args := make([]any, 0, 2+2*memberChunk)
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		values := strings.TrimSuffix(strings.Repeat("(?, ?),", len(args)/2), ",")
		all := append(append([]any{now}, args...), integrationID)
		if err := s.q(ctx).Exec(`INSERT INTO group_members (group_id, account_id, created_at, display)
			SELECT v.column1, v.column2, ?, '' FROM (VALUES `+values+`) AS v
			JOIN accounts a ON a.id = v.column2 WHERE a.deleted_at IS NULL AND a.integration_id = ?
			ON CONFLICT DO NOTHING`, all...).Error; err != nil {
			return fmt.Errorf("store: add group members: %w", mapErr(err))
		}
		args = args[:0]
		return nil
	}
	// Sent in account order, whatever the group: the accounts a membership
	// joins and its account index are then walked in order, each page read
	// once per chunk (SQLite, 100k-user import: groups phase about 15%
	// faster). The order is sorted as references: a chunk may hold
	// hundreds of thousands of memberships. Duplicates and ids that are no
	// live account of the integration need no filtering here: ON CONFLICT
	// skips the former, the join the latter.
	n := 0
	for _, ng := range gs {
		n += len(ng.Members)
	}
	type ref struct{ g, m int32 }
	order := make([]ref, 0, n)
	for i, ng := range gs {
		for j := range ng.Members {
			order = append(order, ref{int32(i), int32(j)})
		}
	}
	member := func(r ref) string { return gs[r.g].Members[r.m] }
	slices.SortFunc(order, func(x, y ref) int { return strings.Compare(member(x), member(y)) })
	for _, r := range order {
		args = append(args, gs[r.g].Group.ID, member(r))
		if len(args) == 2*memberChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return s.countMembers(ctx, gs, ids)
}

// countMembers sets member_count of the new groups from their rows.
func (s *Store) countMembers(ctx context.Context, gs []NewSourcedGroup, ids []string) error {
	counts := map[string]int64{}
	for start := 0; start < len(ids); start += memberChunk {
		chunk := ids[start:min(start+memberChunk, len(ids))]
		if err := s.q(ctx).Exec(`UPDATE groups SET member_count = (SELECT COUNT(*) FROM group_members m
			WHERE m.group_id = groups.id) WHERE id IN ?`, chunk).Error; err != nil {
			return fmt.Errorf("store: count group members: %w", mapErr(err))
		}
		var rows []struct {
			ID          string
			MemberCount int64
		}
		if err := s.q(ctx).Raw("SELECT id, member_count FROM groups WHERE id IN ?", chunk).Scan(&rows).Error; err != nil {
			return fmt.Errorf("store: count group members: %w", mapErr(err))
		}
		for _, r := range rows {
			counts[r.ID] = r.MemberCount
		}
	}
	for _, ng := range gs {
		ng.Group.MemberCount = counts[ng.Group.ID]
	}
	return nil
}
