package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// TestKeptLinksAPI: GET .../link shows the link the owner holds, unchanged
// and only to admins (a viewer gets 403); POST .../link regenerates it;
// a resend without SMTP answers the same link to hand over; a multi-use
// link's URL can be read again by admins only. Every showing is audited
// and answered no-store.
func TestKeptLinksAPI(t *testing.T) {
	url, s := newInviteTestServer(t)
	ctx := context.Background()
	_, accts := oktaWith(t, s, true, "ann")
	a := accts[0]
	inv, err := s.Store.OpenInvitation(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	base := url + "/api/v1/invitations/" + inv.ID
	if c := call(t, "GET", base+"/link", "viewer-token", "", nil, nil); c != 403 {
		t.Fatalf("a viewer reads a claim link: %d", c)
	}
	var first, second, fresh linkResponse
	if c := call(t, "GET", base+"/link", "owner-token", "", nil, &first); c != 200 || !strings.HasPrefix(first.URL, "https://p.example.test/invite/") {
		t.Fatalf("current link: %d %+v", c, first)
	}
	var resent struct {
		invitationJSON
		Link string `json:"link"`
	}
	if c := call(t, "POST", base+"/resend", "owner-token", "", nil, &resent); c != 200 || resent.Link != first.URL || resent.Status != "sent" {
		t.Fatalf("resend without SMTP: %d %+v, want the link %s", c, resent, first.URL)
	}
	if c := call(t, "GET", base+"/link", "owner-token", "", nil, &second); c != 200 || second.URL != first.URL {
		t.Fatalf("shown twice: %q then %q", first.URL, second.URL)
	}
	if c := call(t, "POST", base+"/link", "owner-token", "", nil, &fresh); c != 200 || fresh.URL == first.URL {
		t.Fatalf("regenerate: %d %+v", c, fresh)
	}
	if _, n, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Action: "invitation.link_viewed", TargetID: inv.ID}); n != 2 {
		t.Fatalf("invitation.link_viewed audited %d times, want 2", n)
	}
	if _, err := s.Store.DB().ExecContext(ctx, "UPDATE invitations SET token_sealed = NULL WHERE id = '"+inv.ID+"'"); err != nil {
		t.Fatal(err)
	}
	var e apiError
	if c := call(t, "GET", base+"/link", "owner-token", "", nil, &e); c != 409 || e.Error.Code != "link_not_kept" {
		t.Fatalf("an older invitation: %d %+v", c, e)
	}

	l, joinURL, err := s.Claims.CreateLink(ctx, "admin:test", invite.LinkInput{Name: "Staff", MaxUses: 3, ExpiresAt: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if c := call(t, "GET", url+"/api/v1/invitation-links/"+l.ID+"/url", "viewer-token", "", nil, nil); c != 403 {
		t.Fatalf("a viewer reads a sign-up URL: %d", c)
	}
	var got struct {
		URL string `json:"url"`
	}
	if c := call(t, "GET", url+"/api/v1/invitation-links/"+l.ID+"/url", "owner-token", "", nil, &got); c != 200 || got.URL != joinURL {
		t.Fatalf("link URL again: %d %+v, want %s", c, got, joinURL)
	}
	if c := call(t, "GET", url+"/api/v1/invitation-links/nope/url", "owner-token", "", nil, nil); c != 404 {
		t.Fatalf("unknown link: %d", c)
	}
}
