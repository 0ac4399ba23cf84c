package account

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// MemberOpKind says what a MemberOp does.
type MemberOpKind int

// The membership operations of a PATCH or PUT.
const (
	MembersAdd       MemberOpKind = iota // add Members; present ones and unknown ids are skipped
	MembersRemove                        // remove Members; absent ones are a no-op
	MembersRemoveAll                     // remove every member
	MembersReplace                       // make Members the whole list
)

// MemberOp is one membership operation.
type MemberOp struct {
	Kind    MemberOpKind
	Members []store.GroupMember
}

// GroupEdit is one request's changes to a group (a SCIM PATCH or PUT),
// applied in one transaction and recorded as one audit event with counts.
type GroupEdit struct {
	Attrs   func(g *store.Group) error // changes displayName, externalId; nil: none
	Members []MemberOp                 // applied in order, after Attrs
}

// EditGroup applies e to group id if integrationID owns it and its version
// is still expectVersion (0: any). Adding or removing k members costs O(k)
// statements whatever the group's size; only MembersReplace reads the list.
func (s *Service) EditGroup(ctx context.Context, actor Actor, integrationID, id string, expectVersion int64, e GroupEdit) (*store.Group, error) {
	var out *store.Group
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		g, err := groupAt(ctx, tx, integrationID, id, expectVersion)
		if err != nil {
			return err
		}
		version := g.Version
		if e.Attrs != nil {
			if err := e.Attrs(g); err != nil {
				return err
			}
			g.ID, g.IntegrationID = id, nilIfEmpty(integrationID)
			if err := normalizeGroup(g); err != nil {
				return err
			}
		}
		added, removed, err := applyMemberOps(ctx, tx, g, e.Members)
		if err != nil {
			return err
		}
		if err := tx.SaveGroup(ctx, g, version, added-removed); err != nil {
			return err
		}
		out = g
		if added > 0 || removed > 0 {
			if err := webhook.Enqueue(ctx, tx, webhook.MembershipEvent(g, added, removed, actor.String())); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, actor.String(), "group.updated", "group", id, map[string]any{
			"displayName": g.DisplayName, "version": g.Version, "membersAdded": added, "membersRemoved": removed})
	})
	if err != nil {
		return nil, fmt.Errorf("account: update group %s: %w", id, err)
	}
	return out, nil
}

func applyMemberOps(ctx context.Context, tx *store.Store, g *store.Group, ops []MemberOp) (added, removed int64, err error) {
	for _, op := range ops {
		var a, r int64
		switch op.Kind {
		case MembersAdd:
			a, err = tx.AddGroupMembers(ctx, g, op.Members)
		case MembersRemove:
			ids := make([]string, len(op.Members))
			for i, m := range op.Members {
				ids[i] = m.AccountID
			}
			r, err = tx.RemoveGroupMembers(ctx, g.ID, ids)
		case MembersRemoveAll:
			r, err = tx.ClearGroupMembers(ctx, g.ID)
		case MembersReplace:
			a, r, err = tx.ReplaceGroupMembers(ctx, g, op.Members)
		default:
			err = invalid("unknown member operation %d", op.Kind)
		}
		if err != nil {
			return 0, 0, err
		}
		added, removed = added+a, removed+r
	}
	return added, removed, nil
}

// UpdateGroup lets fn change a group's attributes (not its members).
func (s *Service) UpdateGroup(ctx context.Context, actor Actor, integrationID, id string, expectVersion int64, fn func(g *store.Group) error) (*store.Group, error) {
	return s.EditGroup(ctx, actor, integrationID, id, expectVersion, GroupEdit{Attrs: fn})
}

// PatchMembers adds and removes members (removals first).
func (s *Service) PatchMembers(ctx context.Context, actor Actor, integrationID, id string, expectVersion int64, add []store.GroupMember, remove []string) (*store.Group, error) {
	rm := make([]store.GroupMember, len(remove))
	for i, id := range remove {
		rm[i].AccountID = id
	}
	return s.EditGroup(ctx, actor, integrationID, id, expectVersion, GroupEdit{Members: []MemberOp{
		{Kind: MembersRemove, Members: rm}, {Kind: MembersAdd, Members: add}}})
}

// ReplaceMembers makes members the group's whole membership.
func (s *Service) ReplaceMembers(ctx context.Context, actor Actor, integrationID, id string, expectVersion int64, members []store.GroupMember) (*store.Group, error) {
	return s.EditGroup(ctx, actor, integrationID, id, expectVersion, GroupEdit{Members: []MemberOp{{Kind: MembersReplace, Members: members}}})
}

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// groupAt reads group id of integrationID for a change that expects its
// version to be expectVersion (0: whatever it is): store.ErrVersionMismatch
// otherwise.
func groupAt(ctx context.Context, tx *store.Store, integrationID, id string, expectVersion int64) (*store.Group, error) {
	g, err := tx.LockGroup(ctx, integrationID, id)
	if err != nil {
		return nil, err
	}
	if expectVersion != 0 && g.Version != expectVersion {
		return nil, store.ErrVersionMismatch
	}
	return g, nil
}
