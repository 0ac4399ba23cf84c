package main

import (
	"context"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// TestIntegrationSetAccess: --delivery-method and --permissions change the
// integration, unknown names and methods are refused before anything is
// written, and the change is audited with before and after.
func TestIntegrationSetAccess(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, _, _ string, env map[string]string) {
		if code, _, errOut := cli(t, env, "integration", "create", "--name", "okta", "--kind", "scim"); code != 0 {
			t.Fatalf("create: %s", errOut)
		}
		for _, args := range [][]string{{"--permissions", "accounts:read,accounts:nuke"}, {"--delivery-method", "fax"}} {
			code, _, errOut := cli(t, env, append([]string{"integration", "set", "okta"}, args...)...)
			if code == 0 || !strings.Contains(errOut, strings.TrimPrefix(args[1], "accounts:read,")) {
				t.Errorf("set %v: code %d, stderr %q; want a refusal naming the bad value", args, code, errOut)
			}
		}
		code, out, errOut := cli(t, env, "integration", "set", "okta", "--delivery-method", "code",
			"--permissions", "accounts:read, accounts:write,groups:read")
		if code != 0 || !strings.Contains(out, "delivery-method code") || !strings.Contains(out, "permissions accounts:read,accounts:write,groups:read") {
			t.Fatalf("set: %d %q %q", code, out, errOut)
		}
		s, err := store.Open(context.Background(), env["PROVISIOND_DATABASE_URL"])
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		in, err := s.IntegrationByName(context.Background(), "okta")
		if err != nil || in.DeliveryMethod != "code" || in.Permissions != "accounts:read accounts:write groups:read" {
			t.Fatalf("after set: %+v %v", in, err)
		}
		evs, _, err := s.AuditEvents(context.Background(), store.AuditFilter{Action: "integration.updated", TargetID: in.ID})
		if err != nil || len(evs) != 1 || !strings.Contains(string(evs[0].Details), "before") ||
			!strings.Contains(string(evs[0].Details), "accounts:deactivate") {
			t.Fatalf("audit: %+v %v", evs, err)
		}
	})
}
