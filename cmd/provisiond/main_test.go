package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// cli runs provisiond in-process with env set, from a fresh working directory.
func cli(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// testSecretKey is the PROVISIOND_SECRET_KEY the command tests configure.
var testSecretKey = strings.Repeat("s", 40)

// cliEnv sets up a command test on dialect d: a fresh working directory
// (dir) and database (url), and the environment that names them with the
// test key and a base URL.
func cliEnv(t *testing.T, d store.Dialect) (dir, url string, env map[string]string) {
	t.Helper()
	dir = inTempDir(t)
	url = storetest.URL(t, d)
	return dir, url, map[string]string{"PROVISIOND_DATABASE_URL": url, "PROVISIOND_SECRET_KEY": testSecretKey,
		"PROVISIOND_BASE_URL": "https://p.example.test"}
}

// eachDialectCLI runs f as a subtest on every dialect, in cliEnv's working
// directory (dir) with its database (url) and environment.
func eachDialectCLI(t *testing.T, f func(t *testing.T, dir, url string, env map[string]string)) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			dir, url, env := cliEnv(t, d)
			f(t, dir, url, env)
		})
	}
}

func inTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

// TestIntegrationLifecycle also reads the audit events, which the CLI
// writes as the API does (integration.Service; web's
// TestIntegrationWriteAPI reads the same): a rotation carries the new
// token's prefix as tokenPrefix (it was prefix from the CLI), a create every
// setting given.
func TestIntegrationLifecycle(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, _, _ string, env map[string]string) {
		code, out, errOut := cli(t, env, "integration", "create", "--name", "okta", "--kind", "scim", "--auto-invite")
		if code != 0 {
			t.Fatalf("create: %d %s", code, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		token := lines[len(lines)-1]
		if !strings.HasPrefix(token, "pvd_") || len(token) < 40 {
			t.Fatalf("last line is not the token: %q", token)
		}
		code, _, errOut = cli(t, env, "integration", "create", "--name", "OKTA", "--kind", "scim")
		if code == 0 || !strings.Contains(errOut, "already exists") {
			t.Fatalf("duplicate: %d %q", code, errOut)
		}
		code, _, errOut = cli(t, env, "integration", "create", "--name", "", "--kind", "scim")
		if code != 2 || !strings.Contains(errOut, "--name must be") {
			t.Fatalf("malformed name: %d %q", code, errOut)
		}
		code, out, _ = cli(t, env, "integration", "list")
		if code != 0 || !strings.Contains(out, "okta") || !strings.Contains(out, token[:8]+"...") || strings.Contains(out, token) {
			t.Fatalf("list: %q", out)
		}
		if code, _, errOut = cli(t, env, "integration", "set", "okta", "--auto-invite=false"); code != 0 {
			t.Fatalf("set: %s", errOut)
		}
		code, out, _ = cli(t, env, "integration", "rotate-token", "okta")
		lines = strings.Split(strings.TrimSpace(out), "\n")
		rotated := lines[len(lines)-1]
		if code != 0 || rotated == token || len(rotated) < 8 {
			t.Fatalf("rotate: %d %q", code, out)
		}
		s, err := store.Open(context.Background(), env["PROVISIOND_DATABASE_URL"])
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		in, err := s.IntegrationByName(context.Background(), "okta")
		if err != nil || in.AutoInvite {
			t.Fatalf("after set: %+v %v", in, err)
		}
		for action, want := range map[string]map[string]any{
			"integration.token_rotated": {"tokenPrefix": rotated[:8], "prefix": nil},
			"integration.created":       {"name": "okta", "kind": "scim", "autoInvite": true, "inviteDelaySeconds": 0.0, "requireApproval": false},
		} {
			evs, _, err := s.AuditEvents(context.Background(), store.AuditFilter{Action: action, TargetID: in.ID})
			var got map[string]any
			if err != nil || len(evs) != 1 || evs[0].Actor != "cli" || json.Unmarshal([]byte(evs[0].Details), &got) != nil {
				t.Fatalf("%s: %+v %v", action, evs, err)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s audited as %v, want %s %v", action, got, k, v)
				}
			}
		}
		evs, total, _ := s.AuditEvents(context.Background(), store.AuditFilter{TargetID: in.ID})
		if total != 3 {
			t.Fatalf("audit events: %d %+v", total, evs)
		}
	})
}

func TestBadInputOneClearLine(t *testing.T) {
	dir := inTempDir(t)
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o500)
	cases := map[string]struct {
		env  map[string]string
		want string
	}{
		"malformed database url": {map[string]string{"PROVISIOND_DATABASE_URL": "mysql://x"}, "databaseURL (PROVISIOND_DATABASE_URL)"},
		"unreachable postgres": {map[string]string{"PROVISIOND_DATABASE_URL": "postgres://u@127.0.0.1:1/db?connect_timeout=2",
			"PROVISIOND_SECRET_KEY": strings.Repeat("s", 40)}, "databaseURL (PROVISIOND_DATABASE_URL): store: connect to PostgreSQL"},
		"unknown key": {map[string]string{}, ""},
	}
	if os.Geteuid() != 0 { // root writes anywhere
		cases["data dir not writable"] = struct {
			env  map[string]string
			want string
		}{map[string]string{"PROVISIOND_DATA_DIR": ro}, "dataDir (PROVISIOND_DATA_DIR)"}
	}
	os.WriteFile("bad.yaml", []byte("lissen: x\n"), 0o600)
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			args := []string{"migrate"}
			want := tc.want
			if name == "unknown key" {
				args, want = []string{"migrate", "--config", "bad.yaml"}, `unknown key "lissen"`
			}
			code, _, errOut := cli(t, tc.env, args...)
			if code == 0 || !strings.Contains(errOut, want) {
				t.Fatalf("code %d, stderr %q, want it to contain %q", code, errOut, want)
			}
			if strings.Contains(errOut, "password") {
				t.Fatalf("stderr leaks: %q", errOut)
			}
		})
	}
	if _, err := os.Stat("data/provisiond.db"); err == nil {
		t.Fatal("a failed start created the database half-way")
	}
}

func TestHelpOnEverySubcommand(t *testing.T) {
	for name := range commands {
		code, out, _ := cli(t, nil, name, "--help")
		if code != 0 || !strings.Contains(out, "Example") || !strings.Contains(out, "Usage") {
			t.Errorf("%s --help: %d %q", name, code, out)
		}
	}
	code, out, _ := cli(t, nil, "--help")
	if code != 0 || !strings.Contains(out, "serve") {
		t.Errorf("--help: %d %q", code, out)
	}
	if code, _, _ := cli(t, nil, "frobnicate"); code != 2 {
		t.Errorf("unknown command exit %d", code)
	}
}
