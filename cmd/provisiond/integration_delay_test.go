package main

import (
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestIntegrationInviteDelayCap: the CLI refuses an invite delay over 7 days
// on create and on set, as the API does.
func TestIntegrationInviteDelayCap(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			inTempDir(t)
			env := map[string]string{"PROVISIOND_DATABASE_URL": storetest.URL(t, d), "PROVISIOND_SECRET_KEY": strings.Repeat("s", 40)}
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
}
