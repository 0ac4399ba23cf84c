package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// The held-changes API lists, discards and applies what a tripped breaker
// holds; the breaker endpoint and /metrics show it. With 40 active accounts
// and the defaults (more than 10% and at least 25) the 25th deactivation is held.
func TestBreakerAPI(t *testing.T) {
	ts, s := newTestServer(t, nil)
	ctx := context.Background()
	if err := s.Store.CreateAdminToken(ctx, &store.AdminToken{Name: "ci", Role: "admin",
		TokenHash: secret.TokenHash("ci-token"), CreatedAt: store.Now()}); err != nil {
		t.Fatal(err)
	}
	in := seedIntegration(t, s.Store, &store.Integration{Name: "okta", Kind: "scim"})
	idp := account.Actor{Kind: "integration", ID: in.ID, Name: in.Name}
	for i := range 40 {
		a, err := s.Accounts.Create(ctx, idp, in, &store.Account{UserName: fmt.Sprintf("u%d", i), Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Accounts.Update(ctx, idp, a.ID, 0, func(a *store.Account) error { a.Active = false; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	call := func(method, path, body string, want int) map[string]any {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer ci-token")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != want {
			t.Fatalf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, want, b)
		}
		var out map[string]any
		json.Unmarshal(b, &out)
		return out
	}
	base := "/api/v1/integrations/" + in.ID
	if b := call("GET", base+"/breaker", "", 200); b["pending"] != 16.0 || b["trips"] != 1.0 || b["percent"] != 10.0 {
		t.Fatalf("breaker: %v", b)
	}
	l := call("GET", base+"/held-changes?limit=5", "", 200)
	items := l["items"].([]any)
	if l["total"] != 16.0 || len(items) != 5 || items[0].(map[string]any)["userName"] != "u24" {
		t.Fatalf("held changes: %v", l)
	}
	// Admins read the real state with the hold beside it (the integration
	// sees the account inactive).
	heldID := items[0].(map[string]any)["accountId"].(string)
	if a := call("GET", "/api/v1/accounts/"+heldID, "", 200); a["active"] != true || a["held"] != "deactivate" || a["status"] == "suspended" {
		t.Fatalf("held account as admins see it: %v", a)
	}
	_, metrics := get(t, ts.URL+"/metrics", "")
	if !strings.Contains(metrics, `provisiond_breaker_held_changes{integration="`+in.ID+`"} 16`) {
		t.Fatalf("metrics lack the held gauge")
	}
	call("PATCH", base+"/breaker", `{"percent": 0}`, 400)
	call("PATCH", base+"/breaker", `{"percent": 20, "min": 5}`, 200)
	first := int64(items[0].(map[string]any)["id"].(float64))
	if r := call("POST", base+"/held-changes/discard", fmt.Sprintf(`{"ids": [%d]}`, first), 200); r["discarded"] != 1.0 {
		t.Fatalf("discard: %v", r)
	}
	if a := call("GET", "/api/v1/accounts/"+heldID, "", 200); a["active"] != true || a["held"] != nil {
		t.Fatalf("discarded hold still shown: %v", a)
	}
	if r := call("POST", base+"/held-changes/apply", "", 200); r["applied"] != 15.0 || r["pending"] != 0.0 {
		t.Fatalf("apply: %v", r)
	}
	call("POST", base+"/held-changes/nope", "", 404)
}
