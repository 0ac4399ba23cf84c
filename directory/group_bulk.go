package directory

import (
	"context"

	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// createGroups creates a chunk of new directory groups inside tx, their
// members resolved through the run's externalId map, through
// account.Service.CreateGroupsBulk (CreateGroup's checks and audit event,
// multi-row INSERTs): a first import creates thousands of groups.
func (t *Target) createGroups(ctx context.Context, tx *store.Store, groups []*ldapsync.Group) error {
	if len(groups) == 0 {
		return nil
	}
	news := make([]store.NewSourcedGroup, 0, len(groups))
	for _, g := range groups {
		ext := g.ExternalID
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
		news = append(news, store.NewSourcedGroup{Group: &store.Group{DisplayName: g.DisplayName, ExternalID: &ext},
			Hash: g.Hash, Members: members})
	}
	// A group the checks refuse fails the chunk: the caller retries group by group and skips it.
	return t.acc.CreateGroupsBulk(ctx, tx, t.actor, t.in.ID, news)
}
