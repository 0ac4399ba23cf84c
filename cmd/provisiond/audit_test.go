package main

import (
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestAuditExportCommand: audit export writes the log as CSV or JSON Lines
// on stdout, filtered; bad flags are usage errors (exit 2).
func TestAuditExportCommand(t *testing.T) {
	inTempDir(t)
	env := map[string]string{"PROVISIOND_DATABASE_URL": storetest.URL(t, storetest.Dialects(t)[0]), "PROVISIOND_SECRET_KEY": strings.Repeat("s", 40)}
	if code, _, errOut := cli(t, env, "integration", "create", "--name", "okta", "--kind", "scim"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := cli(t, env, "audit", "export", "--format", "csv", "--integration", "okta")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) < 2 || lines[0] != "id,at,actor,action,targetType,target,details" || !strings.Contains(out, "integration.created") {
		t.Fatalf("csv: %d %q %q", code, out, errOut)
	}
	code, out, _ = cli(t, env, "audit", "export", "--action", "integration.created", "--since", "2000-01-01")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, `{"id":`) {
		t.Fatalf("jsonl: %d %q", code, out)
	}
	for _, args := range [][]string{{"audit"}, {"audit", "export", "--format", "xml"}, {"audit", "export", "--since", "soon"}} {
		if code, _, _ := cli(t, env, args...); code != 2 {
			t.Fatalf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errOut := cli(t, env, "audit", "export", "--integration", "nope"); code == 0 || !strings.Contains(errOut, `no integration "nope"`) {
		t.Fatalf("unknown integration: %d %q", code, errOut)
	}
}
