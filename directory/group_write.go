package directory

import (
	"context"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// syncGroup creates or updates one directory group inside tx, members
// resolved through the run's externalId map, and records its source hash.
func (t *Target) syncGroup(ctx context.Context, tx *store.Store, g *ldapsync.Group, existing map[string]store.SourcedGroup) error {
	ids, err := t.accountIDs(ctx, tx, g.MemberExternalIDs)
	if err != nil {
		return err
	}
	members := make([]store.GroupMember, 0, len(ids))
	for _, m := range g.MemberExternalIDs {
		if id, ok := ids[m]; ok {
			members = append(members, store.GroupMember{AccountID: id})
		}
	}
	ext := g.ExternalID
	svc := t.acc.WithStore(tx)
	cur, ok := existing[g.ExternalID]
	if !ok {
		sg := &store.Group{DisplayName: g.DisplayName, ExternalID: &ext}
		if _, err := svc.CreateGroup(ctx, t.actor, t.in, sg, members); err != nil {
			return err
		}
		return tx.SetGroupSourceHash(ctx, sg.ID, g.Hash)
	}
	_, err = svc.EditGroup(ctx, t.actor, t.in.ID, cur.ID, 0, account.GroupEdit{
		Attrs: func(sg *store.Group) error {
			sg.DisplayName, sg.ExternalID = g.DisplayName, &ext
			return nil
		},
		Members: []account.MemberOp{{Kind: account.MembersReplace, Members: members}},
	})
	if err != nil {
		return err
	}
	return tx.SetGroupSourceHash(ctx, cur.ID, g.Hash)
}
