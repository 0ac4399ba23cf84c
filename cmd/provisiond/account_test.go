package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestAccountCommands(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, dir, url string, env map[string]string) {
		code, out, errOut := cli(t, env, "account", "create", "--email", "ada@example.com", "--given-name", "Ada",
			"--family-name", "Lovelace", "--user-type", "host", "--role", "billing", "--role", "support", "--language", "fr", "--message", "hi")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || !strings.Contains(lines[0], "\tinvited") || !strings.HasPrefix(lines[len(lines)-1], "https://p.example.test/invite/") {
			t.Fatalf("create: %d %q %q", code, out, errOut)
		}
		if code, out, errOut = cli(t, env, "account", "create", "--no-email", "--user-name", "kiosk-1"); code != 0 || !strings.Contains(out, "access code issued") {
			t.Fatalf("create --no-email: %d %q %q", code, out, errOut)
		}
		if code, _, errOut = cli(t, env, "account", "create", "--email", "ada@example.com"); code == 0 || !strings.Contains(errOut, "exists") {
			t.Fatalf("duplicate: %d %q", code, errOut)
		}
		if code, _, _ = cli(t, env, "account", "create", "--given-name", "X"); code != 2 {
			t.Fatalf("no email: exit %d", code)
		}
		file := filepath.Join(dir, "people.csv")
		os.WriteFile(file, []byte("Email,Given Name,Roles\nann@example.com,Ann,a|b\nbad,Bad,\nada@example.com,Ada,\n"), 0o600)
		// The invalid row makes the exit status 4; the report is TSV with a header.
		code, out, errOut = cli(t, env, "account", "import", file, "--dry-run")
		if code != exitRowsFailed || !strings.HasPrefix(out, "ROW\tVALUE\tRESULT\t") || !strings.Contains(out, "2\tann@example.com\tcreate") ||
			!strings.Contains(out, "3\tbad\tinvalid") || !strings.Contains(out, "4\tada@example.com\talready_exists") {
			t.Fatalf("import --dry-run: %d %q %q", code, out, errOut)
		}
		code, out, errOut = cli(t, env, "account", "import", "--invite", "now", file, "--output", "table")
		// No SMTP anywhere: the claim link to hand over is in the report, on stdout.
		if code != exitRowsFailed || !strings.Contains(out, "ann@example.com  created") || !strings.Contains(out, "invited 1") ||
			!strings.Contains(out, "https://p.example.test/invite/") {
			t.Fatalf("import: %d %q %q", code, out, errOut)
		}
		st := storetest.OpenURL(t, url)
		ann, err := st.AccountByUserName(context.Background(), "ann@example.com")
		if err != nil || ann.Status != store.StatusInvited || ann.Origin != "admin" || ann.GivenName != "Ann" {
			t.Fatalf("ann: %+v %v", ann, err)
		}
		evs, _, _ := st.AuditEvents(context.Background(), store.AuditFilter{Actor: "admin:cli", Action: "account.import"})
		if len(evs) != 1 {
			t.Fatalf("import audit events: %d", len(evs))
		}
	})
}
