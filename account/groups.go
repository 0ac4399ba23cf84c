package account

import (
	"context"
	"fmt"
	"strings"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// Groups belong to the integration that created them (nil: to admins);
// every method takes that integration's id ("" for admins) as its scope, so
// one IdP never sees or changes another's groups. Members must be live
// accounts of the same integration: other ids are skipped, not refused
// (what Entra and Microsoft's SCIM test collection expect).

// CreateGroup creates g, owned by integration in, with its initial members,
// in one transaction with its audit event.
func (s *Service) CreateGroup(ctx context.Context, actor Actor, in *store.Integration, g *store.Group, members []store.GroupMember) (*store.Group, error) {
	if err := normalizeGroup(g); err != nil {
		return nil, err
	}
	g.IntegrationID = nil
	if in != nil {
		g.IntegrationID = &in.ID
	}
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateGroup(ctx, g); err != nil {
			return err
		}
		added, err := tx.AddGroupMembers(ctx, g, members)
		if err != nil {
			return err
		}
		if added > 0 {
			if err := tx.SaveGroup(ctx, g, g.Version, added); err != nil {
				return err
			}
			if err := webhook.Enqueue(ctx, tx, webhook.MembershipEvent(g, added, 0, actor.String())); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, actor.String(), "group.created", "group", g.ID, map[string]any{
			"displayName": g.DisplayName, "membersAdded": added, "membersSkipped": int64(len(members)) - added})
	})
	if err != nil {
		return nil, fmt.Errorf("account: create group %q: %w", g.DisplayName, err)
	}
	return g, nil
}

// DeleteGroup deletes a group and its memberships; the member accounts stay.
// expectVersion 0 deletes whatever the version.
func (s *Service) DeleteGroup(ctx context.Context, actor Actor, integrationID, id string, expectVersion int64) error {
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		g, err := groupAt(ctx, tx, integrationID, id, expectVersion)
		if err != nil {
			return err
		}
		if err := tx.DeleteGroup(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, actor.String(), "group.deleted", "group", id, map[string]any{
			"displayName": g.DisplayName, "members": g.MemberCount})
	})
	if err != nil {
		return fmt.Errorf("account: delete group %s: %w", id, err)
	}
	return nil
}

// normalizeGroup checks the attributes every group must have.
func normalizeGroup(g *store.Group) error {
	if err := requireName("displayName", &g.DisplayName); err != nil {
		return err
	}
	if g.ExternalID != nil && *g.ExternalID == "" {
		g.ExternalID = nil
	}
	// PostgreSQL text cannot hold NUL: refused here rather than failing there.
	if strings.ContainsRune(g.DisplayName, 0) || (g.ExternalID != nil && strings.ContainsRune(*g.ExternalID, 0)) {
		return invalid("displayName and externalId cannot contain a NUL character")
	}
	return nil
}
