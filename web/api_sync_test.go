package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// TestSyncAPI starts a sync through POST /api/v1/integrations/{id}/sync and
// follows it at /api/v1/sync-runs/{id} until it ends, against the test slapd
// (the shared directory's ou=people, read as is: a dry run, so it writes nothing).
func TestSyncAPI(t *testing.T) {
	url := ldaptest.URL(t)
	ts, s := newTestServer(t, nil)
	ctx := context.Background()
	for _, tk := range []struct{ name, role string }{{"adm", "admin"}, {"view", "viewer"}} {
		if err := s.Store.CreateAdminToken(ctx, &store.AdminToken{Name: tk.name, Role: tk.role,
			TokenHash: secret.TokenHash(tk.name + "-token"), CreatedAt: store.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	in, _ := seedLDAPIntegration(t, s, url, "syncpw")
	if err := s.Store.CreateIntegration(ctx, &store.Integration{Name: "okta", Kind: "scim"}); err != nil {
		t.Fatal(err)
	}
	call := func(method, path, token, body string) (int, map[string]any) {
		t.Helper()
		return adminAPI{t: t, ts: ts, token: token}.send(method, path, body)
	}
	if code, _ := call("POST", "/api/v1/integrations/corp/sync", "view-token", ""); code != 403 {
		t.Fatalf("viewer started a sync: %d", code)
	}
	if code, _ := call("POST", "/api/v1/integrations/okta/sync", "adm-token", ""); code != 400 {
		t.Fatalf("scim sync: %d", code)
	}
	code, run := call("POST", "/api/v1/integrations/"+in.ID+"/sync", "adm-token", `{"dryRun":true}`)
	if code != 202 || run["status"] != "running" || run["dryRun"] != true {
		t.Fatalf("start: %d %v", code, run)
	}
	id, _ := run["id"].(string)
	for deadline := time.Now().Add(20 * time.Second); run["status"] == "running"; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("run still running: %v", run)
		}
		_, run = call("GET", "/api/v1/sync-runs/"+id, "view-token", "")
	}
	if run["status"] != "succeeded" || run["read"].(float64) < 1 || !strings.Contains(run["message"].(string), "dry run") {
		t.Fatalf("finished run: %v", run)
	}
	code, list := call("GET", "/api/v1/integrations/corp/sync-runs", "view-token", "")
	if code != 200 || list["total"].(float64) != 1 {
		t.Fatalf("list: %d %v", code, list)
	}
	if code, _ := call("GET", "/api/v1/sync-runs/nope", "view-token", ""); code != 404 {
		t.Fatalf("unknown run: %d", code)
	}
	if _, n, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Action: "integration.sync_started"}); n != 1 {
		t.Fatalf("audit: %d", n)
	}
}
