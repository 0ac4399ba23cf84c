package web

import (
	"context"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// TestInviteAllDryRunAPI: POST /api/v1/invitations with all and dryRun (in
// the body or ?dryRun=true) answers the counts and sends nothing; a viewer
// may not ask; dryRun without all is refused.
func TestInviteAllDryRunAPI(t *testing.T) {
	url, s := newInviteTestServer(t)
	ctx := context.Background()
	in, _ := oktaWith(t, s, false, "ann", "ben")
	var got struct {
		DryRun bool `json:"dryRun"`
		invite.AllForecast
	}
	for _, c := range []struct{ query, body string }{
		{"", `{"all": true, "integration": "okta", "dryRun": true}`},
		{"?dryRun=true", `{"all": true}`},
	} {
		got.AllForecast = invite.AllForecast{}
		if code := call(t, "POST", url+"/api/v1/invitations"+c.query, "viewer-token", "application/json", strings.NewReader(c.body), nil); code != 403 {
			t.Fatalf("a viewer's dry run: %d", code)
		}
		code := call(t, "POST", url+"/api/v1/invitations"+c.query, "owner-token", "application/json", strings.NewReader(c.body), &got)
		if code != 200 || !got.DryRun || got.Mailed != 2 || len(got.Integrations) != 1 || got.Integrations[0].IntegrationName != "okta" {
			t.Fatalf("dry run %s %s: %d %+v", c.query, c.body, code, got)
		}
	}
	if invs, _, _ := s.Store.ListInvitations(ctx, store.InvitationQuery{}); len(invs) != 0 {
		t.Fatalf("a dry run created %d invitations", len(invs))
	}
	if i, _ := s.Store.IntegrationByID(ctx, in.ID); i.AutoInvite {
		t.Fatal("a dry run turned auto-invite on")
	}
	var e apiError
	if code := call(t, "POST", url+"/api/v1/invitations?dryRun=true", "owner-token", "application/json", strings.NewReader(`{"emails": "ann@example.com"}`), &e); code != 400 {
		t.Fatalf("dryRun with emails: %d %+v", code, e)
	}
}
