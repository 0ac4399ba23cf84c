package store_test

import (
	"context"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// ListInvitations' Q matches a case-insensitive substring of the address,
// with LIKE's wildcards taken literally, together with the other filters.
func TestListInvitationsSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		in := &store.Integration{Name: "okta", Kind: "scim"}
		if err := s.CreateIntegration(ctx, in); err != nil {
			t.Fatal(err)
		}
		for i, email := range []string{"Ann.Lee@Acme.test", "bob@acme.test", "c_d%e@other.test"} {
			a := &store.Account{UserName: email, Email: email, Active: true}
			if i == 0 {
				a.IntegrationID = &in.ID
			}
			if err := s.CreateAccount(ctx, a); err != nil {
				t.Fatal(err)
			}
			h := "h" + email
			inv := &store.Invitation{AccountID: a.ID, IntegrationID: a.IntegrationID, Status: store.InvitationSent,
				Delivery: store.DeliveryQueued, Method: "link", Email: email, TokenHash: &h}
			if err := s.CreateInvitation(ctx, inv); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			f    store.InvitationQuery
			want int64
		}{
			{store.InvitationQuery{Q: "ACME"}, 2},
			{store.InvitationQuery{Q: "ann.lee"}, 1},
			{store.InvitationQuery{Q: "%"}, 1}, // literally, not any
			{store.InvitationQuery{Q: "_"}, 1},
			{store.InvitationQuery{Q: "acme", IntegrationID: in.ID}, 1},
			{store.InvitationQuery{Q: "acme", Status: store.InvitationCanceled}, 0},
			{store.InvitationQuery{Q: "nobody"}, 0},
		} {
			got, total, err := s.ListInvitations(ctx, c.f)
			if err != nil || total != c.want || int64(len(got)) != c.want {
				t.Errorf("%+v: %d rows, total %d, %v; want %d", c.f, len(got), total, err, c.want)
			}
		}
	})
}
