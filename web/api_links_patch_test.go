package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

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
