package main

import (
	"strings"
	"testing"
)

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
