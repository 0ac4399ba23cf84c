package account

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/provisiond/provisiond/store"
)

// CreateGroupsBulk is CreateGroup for a chunk of new groups of integration
// integrationID (members already resolved to account ids), inside the
// caller's transaction tx: the same checks and group.created audit event
// each, with multi-row INSERTs, since a first directory import creates
// thousands of groups (directory/group_bulk.go). A group the checks refuse
// fails the whole chunk with ErrInvalid; the caller retries group by group.
func (s *Service) CreateGroupsBulk(ctx context.Context, tx *store.Store, actor Actor, integrationID string, news []store.NewSourcedGroup) error {
	if len(news) == 0 {
		return nil
	}
	for _, ng := range news {
		if err := normalizeGroup(ng.Group); err != nil {
			return err
		}
	}
	if err := tx.CreateSourcedGroups(ctx, integrationID, news); err != nil {
		return fmt.Errorf("account: create %d groups: %w", len(news), err)
	}
	evs := make([]store.AuditEvent, len(news))
	for i, ng := range news {
		d, err := json.Marshal(map[string]any{"displayName": ng.Group.DisplayName, "membersAdded": ng.Group.MemberCount,
			"membersSkipped": int64(len(ng.Members)) - ng.Group.MemberCount})
		if err != nil {
			return fmt.Errorf("account: audit details: %w", err)
		}
		evs[i] = store.AuditEvent{Actor: actor.String(), Action: "group.created", TargetType: "group",
			TargetID: ng.Group.ID, Details: string(d)}
	}
	return tx.InsertAuditEvents(ctx, evs)
}
