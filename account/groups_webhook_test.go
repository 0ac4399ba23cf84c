package account_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
	"github.com/provisiond/provisiond/webhook"
)

// Membership changes reach subscribed webhook endpoints, in the transaction
// of the change, with the counts of what really changed.
func TestMembershipChangesEnqueueWebhooks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		subscribe(t, st, webhook.GroupMembershipChanged)
		svc := account.New(st, nil, nil)
		actor := account.Actor{Kind: "admin", Name: "t"}
		in := newIntegration(t, st, "okta", "scim")
		a, err := svc.Create(ctx, actor, in, &store.Account{UserName: "ada", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		g, err := svc.CreateGroup(ctx, actor, in, &store.Group{DisplayName: "staff"}, []store.GroupMember{{AccountID: a.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.PatchMembers(ctx, actor, in.ID, g.ID, 0, nil, []string{a.ID, "unknown"}); err != nil {
			t.Fatal(err)
		}
		// A no-op change (removing a non-member) sends nothing.
		if _, err := svc.PatchMembers(ctx, actor, in.ID, g.ID, 0, nil, []string{a.ID}); err != nil {
			t.Fatal(err)
		}
		ds, total, err := st.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 {
			t.Fatalf("deliveries: %d, want 2 (create with one member, removal of one)", total)
		}
		var got []int64
		for i := len(ds) - 1; i >= 0; i-- {
			var p struct {
				Data struct{ MembersAdded, MembersRemoved int64 } `json:"data"`
			}
			json.Unmarshal([]byte(ds[i].Payload), &p)
			got = append(got, p.Data.MembersAdded, p.Data.MembersRemoved)
		}
		if len(got) != 4 || got[0]+got[2] != 1 || got[1]+got[3] != 1 {
			t.Fatalf("added/removed counts: %v", got)
		}
	})
}
