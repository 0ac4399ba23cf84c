package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJSONOutput parses what --output json prints: the field names are the
// contract docs/cli.md documents.
func TestJSONOutput(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, dir, _ string, env map[string]string) {
		if code, _, errOut := cli(t, env, "integration", "create", "--name", "okta", "--kind", "scim"); code != 0 {
			t.Fatal(errOut)
		}
		file := filepath.Join(dir, "people.csv")
		os.WriteFile(file, []byte("Email,Given name\nann@example.com,Ann\nbob@example.com,Bob\n"), 0o600)
		var imp struct {
			Items []struct {
				Row       int    `json:"row"`
				Value     string `json:"value"`
				Result    string `json:"result"`
				AccountID string `json:"accountId"`
			} `json:"items"`
			ImportID string `json:"importId"`
			Created  int    `json:"created"`
			Mail     string `json:"mail"`
		}
		mustJSON(t, env, &imp, "account", "import", file, "--output", "json")
		if len(imp.Items) != 2 || imp.Items[0].Row != 2 || imp.Items[0].Result != "created" || imp.Created != 2 || imp.ImportID == "" || imp.Mail != "not_sent" {
			t.Fatalf("account import: %+v", imp)
		}
		var accts struct {
			Items []struct {
				ID, UserName, Status string
			} `json:"items"`
			Total int `json:"total"`
		}
		mustJSON(t, env, &accts, "account", "list", "--status", "not_invited", "--output", "json")
		if accts.Total != 2 || len(accts.Items) != 2 || accts.Items[0].UserName != "ann@example.com" || accts.Items[0].Status != "not_invited" {
			t.Fatalf("account list: %+v", accts)
		}
		var inv struct {
			Items []struct {
				Value, AccountID, Result, Link string
			} `json:"items"`
			Mail string `json:"mail"`
		}
		mustJSON(t, env, &inv, "invite", "--emails", "ann@example.com", "--output", "json")
		if len(inv.Items) != 1 || inv.Items[0].Result != "invited" || inv.Items[0].AccountID != accts.Items[0].ID ||
			!strings.HasPrefix(inv.Items[0].Link, "https://p.example.test/invite/") {
			t.Fatalf("invite --emails: %+v", inv)
		}
		var in struct {
			ID, Name, Kind, TokenPrefix, SCIMURL string
			Token                                string `json:"token"`
		}
		mustJSON(t, env, &in, "integration", "show", "okta", "--output", "json")
		if in.Name != "okta" || in.Kind != "scim" || len(in.TokenPrefix) != 8 || in.SCIMURL != "https://p.example.test/scim/v2" || in.Token != "" {
			t.Fatalf("integration show: %+v", in)
		}
		var ins struct{ Items []struct{ ID string } }
		mustJSON(t, env, &ins, "integration", "list", "--output", "json")
		if len(ins.Items) != 1 || ins.Items[0].ID != in.ID {
			t.Fatalf("integration list: %+v", ins)
		}
		// TSV: a header row, then one tab-separated row per item.
		code, out, _ := cli(t, env, "account", "list", "--output", "tsv")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || len(lines) != 3 || lines[0] != "ID\tUSER NAME\tEMAIL\tSTATUS\tORIGIN\tCREATED" || len(strings.Split(lines[1], "\t")) != 6 {
			t.Fatalf("account list --output tsv: %q", out)
		}
		if code, _, errOut := cli(t, env, "account", "list", "--output", "xml"); code != 2 || !strings.Contains(errOut, "--output must be") {
			t.Fatalf("--output xml: %d %q", code, errOut)
		}
		if code, _, errOut := cli(t, env, "account", "list", "--integration", "nope"); code == 0 || !strings.Contains(errOut, `no integration "nope"`) {
			t.Fatalf("--integration nope: %d %q", code, errOut)
		}
	})
}

// mustJSON runs a command that must succeed and decodes its stdout into v.
func mustJSON(t *testing.T, env map[string]string, v any, args ...string) {
	t.Helper()
	code, out, errOut := cli(t, env, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d %q", args, code, errOut)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("%v: not JSON: %v\n%s", args, err, out)
	}
}
