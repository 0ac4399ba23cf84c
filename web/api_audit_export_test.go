package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestAuditExportAPI: GET /api/v1/audit-events/export streams CSV (a
// formula an actor name carries stays text) or JSON Lines, to viewers too,
// with the list's filters; a bad format or time is a 400.
func TestAuditExportAPI(t *testing.T) {
	url, s := newInviteTestServer(t)
	ctx := context.Background()
	seedIntegration(t, s.Store, &store.Integration{Name: "okta", Kind: "scim"})
	for _, e := range []struct{ actor, action string }{
		{"integration:okta", "account.created"}, {"=HYPERLINK(\"x\")", "admin.created"}, {"integration:okta", "account.deleted"},
	} {
		if err := s.Store.Audit(ctx, e.actor, e.action, "account", "a1", map[string]any{"k": "v"}); err != nil {
			t.Fatal(err)
		}
	}
	get := func(query string) (int, string, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", url+"/api/v1/audit-events/export"+query, nil)
		req.Header.Set("Authorization", "Bearer viewer-token")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	code, ctype, body := get("?format=csv")
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if code != 200 || !strings.HasPrefix(ctype, "text/csv") || len(lines) != 4 || lines[0] != "id,at,actor,action,targetType,target,details" {
		t.Fatalf("csv: %d %s\n%s", code, ctype, body)
	}
	if !strings.Contains(lines[2], `"'=HYPERLINK(""x"")"`) {
		t.Fatalf("csv row: %s", lines[2])
	}
	code, ctype, body = get("?integration=okta&action=account.deleted")
	if code != 200 || ctype != "application/x-ndjson" || strings.Count(body, "\n") != 1 {
		t.Fatalf("jsonl: %d %s\n%s", code, ctype, body)
	}
	var ev struct {
		Action  string         `json:"action"`
		Details map[string]any `json:"details"`
	}
	if err := json.Unmarshal([]byte(body), &ev); err != nil || ev.Action != "account.deleted" || ev.Details["k"] != "v" {
		t.Fatalf("jsonl event: %v %+v", err, ev)
	}
	for _, q := range []string{"?format=xml", "?since=yesterday", "?integration=nope"} {
		if code, _, body := get(q); code != 400 {
			t.Fatalf("%s: %d %s", q, code, body)
		}
	}
}

// TestConsoleAuditExportLinks: the audit page offers the export with its
// filters, and the link downloads with the console session alone.
func TestConsoleAuditExportLinks(t *testing.T) {
	e := newBrowserEnv(t, nil)
	seedAdmin(t, e.s, "root@acme.test", "viewer", "correct horse battery", true)
	c := browserClient(t)
	loginLocal(t, e.ts, c, "root@acme.test", "correct horse battery")
	_, body := do(t, c, "GET", e.ts.URL+"/admin/audit?action=admin.login", "")
	if !strings.Contains(body, `id="audit-export"`) || !strings.Contains(body, "/api/v1/audit-events/export?format=csv&amp;actor=&amp;action=admin.login") {
		t.Fatalf("audit page:\n%s", body)
	}
	resp, body := do(t, c, "GET", e.ts.URL+"/api/v1/audit-events/export?format=csv", "")
	if resp.StatusCode != 200 || !strings.HasPrefix(body, "id,at,actor,action") || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export with the console session: %d %v\n%s", resp.StatusCode, resp.Header, body)
	}
}
