package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestIntegrationAuditKeys: the CLI's integration writes are audited as the
// API's are (integration.Service): a token rotation carries the new token's
// display prefix as tokenPrefix (it was prefix from the CLI; web's
// TestIntegrationWritesAsCLI reads the same key), and a create lists the
// settings it was given.
func TestIntegrationAuditKeys(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			inTempDir(t)
			env := map[string]string{"PROVISIOND_DATABASE_URL": storetest.URL(t, d), "PROVISIOND_SECRET_KEY": strings.Repeat("s", 40)}
			if code, _, errOut := cli(t, env, "integration", "create", "--name", "okta", "--kind", "scim", "--invite-delay", "5m"); code != 0 {
				t.Fatalf("create: %s", errOut)
			}
			code, out, errOut := cli(t, env, "integration", "rotate-token", "okta")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			tok := lines[len(lines)-1]
			if code != 0 || len(tok) < 8 {
				t.Fatalf("rotate: %d %q %s", code, out, errOut)
			}
			s, err := store.Open(context.Background(), env["PROVISIOND_DATABASE_URL"])
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			in, err := s.IntegrationByName(context.Background(), "okta")
			if err != nil {
				t.Fatal(err)
			}
			read := func(action string) map[string]any {
				t.Helper()
				evs, _, err := s.AuditEvents(context.Background(), store.AuditFilter{Action: action, TargetID: in.ID})
				if err != nil || len(evs) != 1 || evs[0].Actor != "cli" {
					t.Fatalf("%s: %+v %v", action, evs, err)
				}
				var details map[string]any
				if err := json.Unmarshal([]byte(evs[0].Details), &details); err != nil {
					t.Fatal(err)
				}
				return details
			}
			if got := read("integration.token_rotated"); got["tokenPrefix"] != tok[:8] || got["prefix"] != nil {
				t.Fatalf("rotation audited as %v, want tokenPrefix %q", got, tok[:8])
			}
			if got := read("integration.created"); got["name"] != "okta" || got["kind"] != "scim" || got["inviteDelaySeconds"] != 300.0 {
				t.Fatalf("create audited as %v", got)
			}
		})
	}
}
