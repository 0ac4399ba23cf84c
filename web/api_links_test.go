package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

func TestInvitationLinksAPI(t *testing.T) {
	ts, s := newPagesServer(t, store.SQLite, nil)
	for _, bad := range []string{`{"maxUses": 3}`, `{"name": "x", "maxUses": 0}`,
		`{"name": "x", "maxUses": 3, "expiresAt": "2001-01-01T00:00:00Z"}`, `not json`} {
		if status, out := createLinkAPI(t, ts, s, bad); status != 400 || out["error"] == nil {
			t.Fatalf("%s: %d %v", bad, status, out)
		}
	}
	status, link := createLinkAPI(t, ts, s, `{"name": "Onboarding", "maxUses": 3}`)
	if status != 201 || link["uses"] != float64(0) || link["maxUses"] != float64(3) || link["expiresAt"] == nil {
		t.Fatalf("create: %d %v", status, link)
	}
	resp, body := get(t, ts.URL+"/api/v1/invitation-links", "owner-token")
	var l list[linkJSON]
	json.Unmarshal([]byte(body), &l)
	if resp.StatusCode != 200 || l.Total != 1 || l.Items[0].Name != "Onboarding" || strings.Contains(body, `"url"`) {
		t.Fatalf("list (the url is shown once only): %d %s", resp.StatusCode, body)
	}
	postForm(t, link["url"].(string), signUpForm("Fay", "fay@example.com"))
	if resp, body = get(t, ts.URL+"/api/v1/invitation-links/"+l.Items[0].ID, "owner-token"); !strings.Contains(body, `"uses":1`) {
		t.Fatalf("get after a sign-up: %d %s", resp.StatusCode, body)
	}
	req, _ := http.NewRequest("DELETE", ts.URL+"/api/v1/invitation-links/"+l.Items[0].ID, nil)
	req.Header.Set("Authorization", "Bearer owner-token")
	for _, want := range []int{204, 404} {
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != want {
			t.Fatalf("delete: %v, want %d", resp.StatusCode, want)
		}
	}
	if _, body = get(t, ts.URL+"/api/v1/invitation-links", "owner-token"); !strings.Contains(body, `"total":0`) {
		t.Fatalf("list after delete: %s", body)
	}
}

// TestInvitationLinkAllowedDomains: a link may name the domains it accepts,
// from the API and the console; a sign-up at another domain gets the form
// back (422, the same page shape as any field error), creates nothing and
// does not count a use.
func TestInvitationLinkAllowedDomains(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		for _, bad := range []string{`["corp"]`, `["evil.example/x"]`, `["a b.example"]`, `"corp.example"`, `[{"x":1}]`} {
			if status, out := createLinkAPI(t, ts, s, `{"name": "x", "maxUses": 3, "allowedDomains": `+bad+`}`); status != 400 || out["error"] == nil {
				t.Errorf("allowedDomains %s: %d %v", bad, status, out)
			}
		}
		status, link := createLinkAPI(t, ts, s, `{"name": "Corp", "maxUses": 3, "allowedDomains": ["@Corp.Example", "partner.example"]}`)
		if status != 201 || fmt.Sprint(link["allowedDomains"]) != "[corp.example partner.example]" {
			t.Fatalf("create: %d %v", status, link)
		}
		if _, body := get(t, ts.URL+"/api/v1/invitation-links/"+link["id"].(string), "owner-token"); !strings.Contains(body, `"allowedDomains":["corp.example","partner.example"]`) {
			t.Fatalf("get: %s", body)
		}
		resp, body := postForm(t, link["url"].(string), signUpForm("Mallory", "victim@corp.example.evil.example"))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="email-error"`) {
			t.Fatalf("sign-up at another domain: %d\n%s", resp.StatusCode, body)
		}
		if resp, _ := postForm(t, link["url"].(string), signUpForm("Vic", "vic@partner.example")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-up at an allowed domain: %d", resp.StatusCode)
		}
		if l, _ := s.Store.InvitationLinkByID(t.Context(), link["id"].(string)); l.Uses != 1 {
			t.Fatalf("uses %d, want 1 (the refused sign-up does not count)", l.Uses)
		}
		c := signedIn(t, ts, s, "owner")
		exp := time.Now().AddDate(0, 0, 7).Format("2006-01-02")
		resp, body = do(t, c, "POST", ts.URL+"/admin/links", url.Values{"name": {"Console"}, "maxUses": {"5"}, "expiresAt": {exp},
			"allowedDomains": {"acme.example, Other.example"}}.Encode())
		if resp.StatusCode != 201 || !strings.Contains(body, "acme.example, other.example") {
			t.Fatalf("console create: %d\n%s", resp.StatusCode, body)
		}
		if resp, _ = do(t, c, "POST", ts.URL+"/admin/links", url.Values{"name": {"Bad"}, "maxUses": {"5"}, "expiresAt": {exp},
			"allowedDomains": {"not a domain"}}.Encode()); resp.StatusCode != 400 {
			t.Fatalf("console bad domains: %d", resp.StatusCode)
		}
	})
}

// PATCH /api/v1/invitation-links/{id} changes name, cap and expiry of a live
// link and keeps its URL; a cap of -1, 10^12 or below the sign-ups made, an
// expiry in the past, an unknown field or a deleted link change nothing;
// a viewer's token gets 403. The change is audited with the old values.
func TestInvitationLinkPatchAPI(t *testing.T) {
	ts, s := newPagesServer(t, store.SQLite, nil)
	_, link := createLinkAPI(t, ts, s, `{"name": "Onboarding", "maxUses": 3}`)
	if err := s.Store.CreateAdminToken(context.Background(), &store.AdminToken{Name: "viewer", Role: "viewer",
		TokenHash: secret.TokenHash("viewer-token"), CreatedAt: store.Now()}); err != nil {
		t.Fatal(err)
	}
	id, u := link["id"].(string), link["url"].(string)
	path := ts.URL + "/api/v1/invitation-links/" + id
	postForm(t, u, signUpForm("Fay", "fay@example.com"))
	postForm(t, u, signUpForm("Gus", "gus@example.com"))
	patch := func(token, body string) (int, map[string]any) {
		var out map[string]any
		return call(t, "PATCH", path, token, "application/json", strings.NewReader(body), &out), out
	}
	if code, _ := patch("viewer-token", `{"name": "x"}`); code != 403 {
		t.Fatalf("viewer: %d", code)
	}
	future := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
	for _, bad := range []string{`{"maxUses": -1}`, `{"maxUses": 1000000000000}`, `{"maxUses": 1}`, `{"maxUses": 0}`,
		`{"expiresAt": "2001-01-01T00:00:00Z"}`, `{"name": "  "}`, `{"name": "` + strings.Repeat("n", 201) + `"}`, `{"uses": 0}`, `[]`} {
		if code, out := patch("owner-token", bad); code != 400 || out["error"] == nil {
			t.Errorf("%s: %d %v", bad, code, out)
		}
	}
	code, out := patch("owner-token", fmt.Sprintf(`{"name": "Staff", "maxUses": 2, "expiresAt": %q}`, future))
	if code != 200 || out["name"] != "Staff" || out["maxUses"] != float64(2) || out["uses"] != float64(2) {
		t.Fatalf("patch: %d %v", code, out)
	}
	var again struct{ URL string }
	if code := call(t, "GET", path+"/url", "owner-token", "", nil, &again); code != 200 || again.URL != u {
		t.Fatalf("url after the edit: %d %q, created %q", code, again.URL, u)
	}
	events, _, err := s.Store.AuditEvents(context.Background(), store.AuditFilter{Action: "invitation_link.updated"})
	if err != nil || len(events) != 1 || !strings.Contains(events[0].Details, `"was"`) || !strings.Contains(events[0].Details, "Onboarding") {
		t.Fatalf("audit: %+v %v", events, err)
	}
	if code := call(t, "DELETE", path, "owner-token", "", nil, nil); code != 204 {
		t.Fatal(code)
	}
	if code, _ := patch("owner-token", `{"name": "Back"}`); code != 404 {
		t.Fatalf("patch of a deleted link: %d", code)
	}
}

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
