package account

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// createGroups is CreateGroup for a chunk of new directory groups inside
// tx: the same checks (normalizeGroup) and group.created audit event each,
// with multi-row INSERTs: a first import creates thousands of groups.
func (t *LDAPTarget) createGroups(ctx context.Context, tx *store.Store, groups []*ldapsync.Group) error {
	if len(groups) == 0 {
		return nil
	}
	news := make([]store.NewSourcedGroup, 0, len(groups))
	for _, g := range groups {
		ext := g.ExternalID
		sg := &store.Group{DisplayName: g.DisplayName, ExternalID: &ext}
		if err := normalizeGroup(sg); err != nil {
			return err // the caller retries group by group and skips this one
		}
		ids, err := t.accountIDs(ctx, tx, g.MemberExternalIDs)
		if err != nil {
			return err
		}
		members := make([]string, 0, len(ids))
		for _, m := range g.MemberExternalIDs {
			if id, ok := ids[m]; ok {
				members = append(members, id)
			}
		}
		news = append(news, store.NewSourcedGroup{Group: sg, Hash: g.Hash, Members: members})
	}
	if err := tx.CreateSourcedGroups(ctx, t.in.ID, news); err != nil {
		return fmt.Errorf("account: create %d groups: %w", len(news), err)
	}
	evs := make([]store.AuditEvent, len(news))
	for i, ng := range news {
		d, err := json.Marshal(map[string]any{"displayName": ng.Group.DisplayName, "membersAdded": ng.Group.MemberCount,
			"membersSkipped": int64(len(ng.Members)) - ng.Group.MemberCount})
		if err != nil {
			return fmt.Errorf("account: audit details: %w", err)
		}
		evs[i] = store.AuditEvent{Actor: t.actor.String(), Action: "group.created", TargetType: "group",
			TargetID: ng.Group.ID, Details: string(d)}
	}
	return tx.InsertAuditEvents(ctx, evs)
}
