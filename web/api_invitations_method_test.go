package web

import (
	"context"
	"strings"
	"testing"
)

// TestInvitationMethodAPI: the method an admin picks reaches the invitation,
// on invite and on resend (the invitation service's copy carries it), and a
// bad one is a 400.
func TestInvitationMethodAPI(t *testing.T) {
	url, s := newInviteTestServer(t)
	ctx := context.Background()
	_, accts := oktaWith(t, s, false, "ann")
	a := accts[0]
	var out createInvitationsResponse
	if c := call(t, "POST", url+"/api/v1/invitations", "owner-token", "application/json",
		strings.NewReader(`{"accountIds": ["`+a.ID+`"], "method": "code"}`), &out); c != 200 || out.Invited != 1 {
		t.Fatalf("invite by code: %d %+v", c, out)
	}
	inv, err := s.Store.OpenInvitation(ctx, a.ID)
	if err != nil || inv.Method != "code" {
		t.Fatalf("invitation after method code: %+v %v", inv, err)
	}
	var got invitationJSON
	if c := call(t, "POST", url+"/api/v1/invitations/"+inv.ID+"/resend", "owner-token", "application/json",
		strings.NewReader(`{"method": "link"}`), &got); c != 200 || got.Method != "link" {
		t.Fatalf("resend as link: %d %+v", c, got)
	}
	if c := call(t, "POST", url+"/api/v1/invitations/"+inv.ID+"/resend", "owner-token", "application/json",
		strings.NewReader(`{"method": "pigeon"}`), nil); c != 400 {
		t.Fatalf("a bad method: %d", c)
	}
}
