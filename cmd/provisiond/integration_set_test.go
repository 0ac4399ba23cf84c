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

// TestIntegrationInviteDelayCap: the CLI refuses an invite delay over 7 days
// on create and on set, as the API does.
func TestIntegrationInviteDelayCap(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, _, _ string, env map[string]string) {
		if code, _, _ := cli(t, env, "integration", "create", "--name", "big", "--kind", "scim", "--invite-delay", "169h"); code == 0 {
			t.Fatal("create with 169h accepted")
		}
		if code, _, errOut := cli(t, env, "integration", "create", "--name", "okta", "--kind", "scim", "--invite-delay", "168h"); code != 0 {
			t.Fatalf("create with 168h: %s", errOut)
		}
		if code, _, errOut := cli(t, env, "integration", "set", "okta", "--invite-delay", "169h"); code == 0 || !strings.Contains(errOut, "168h") {
			t.Fatalf("set with 169h: code %d %q", code, errOut)
		}
	})
}

// TestIntegrationReminderDays: --reminder-days is 0-29 on create and set,
// refused with the flag's name otherwise.
func TestIntegrationReminderDays(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, _, _ string, env map[string]string) {
		if code, _, errOut := cli(t, env, "integration", "create", "--name", "big", "--reminder-days", "30"); code == 0 || !strings.Contains(errOut, "--reminder-days") {
			t.Fatalf("create with 30 days: code %d %q", code, errOut)
		}
		if code, _, errOut := cli(t, env, "integration", "create", "--name", "okta", "--reminder-days", "3"); code != 0 {
			t.Fatalf("create with 3 days: %s", errOut)
		}
		for _, bad := range []string{"-1", "1e9", "three"} {
			if code, _, errOut := cli(t, env, "integration", "set", "okta", "--reminder-days", bad); code == 0 || !strings.Contains(errOut, "--reminder-days") {
				t.Fatalf("set with %s: code %d %q", bad, code, errOut)
			}
		}
		if code, out, errOut := cli(t, env, "integration", "set", "okta", "--reminder-days", "0"); code != 0 || !strings.Contains(out, "reminder-days 0") {
			t.Fatalf("set 0: code %d %q %q", code, out, errOut)
		}
	})
}
