package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// testLDAP returns a private subtree ou=tXXXX,dc=example,dc=org of the test
// slapd with ou=people (three users) and ou=groups, and an admin connection.
func testLDAP(t *testing.T) (string, *ldap.Conn) {
	t.Helper()
	c := ldaptest.Dial(t, ldaptest.AdminDN, ldaptest.AdminPassword)
	ou := ldaptest.Subtree(t, c)
	for _, uid := range []string{"ann", "bob", "cat"} {
		ldaptest.Add(t, c, "uid="+uid+",ou=people,"+ou, map[string][]string{"objectClass": {"inetOrgPerson"},
			"uid": {uid}, "cn": {uid}, "sn": {uid}, "mail": {uid + "@example.org"}})
	}
	return ou, c
}

// TestLDAPSyncCommand: integration create --kind ldap (flags and YAML),
// ldap-sync --dry-run, a real run, and a safety stop exiting 3.
func TestLDAPSyncCommand(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ou, c := testLDAP(t)
			dir := inTempDir(t)
			env := map[string]string{"PROVISIOND_DATABASE_URL": storetest.URL(t, d), "PROVISIOND_SECRET_KEY": strings.Repeat("s", 40)}
			os.WriteFile(filepath.Join(dir, "pw"), []byte("syncpw\n"), 0o600)
			os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("url: http://x\nusers:\n  baseDN: nonsense\nbindPassword: secret\n"), 0o600)
			code, _, errOut := cli(t, env, "integration", "create", "--name", "bad", "--kind", "ldap", "--ldap-config", "bad.yaml")
			if code == 0 || !strings.Contains(errOut, "bindPassword") {
				t.Fatalf("unknown key accepted: %d %s", code, errOut)
			}
			os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("url: http://x\nusers:\n  baseDN: nonsense\n"), 0o600)
			code, _, errOut = cli(t, env, "integration", "create", "--name", "bad", "--kind", "ldap", "--ldap-config", "bad.yaml")
			if code == 0 || !strings.Contains(errOut, "url:") || !strings.Contains(errOut, "users.baseDN:") {
				t.Fatalf("bad config: %d %s", code, errOut)
			}
			code, out, errOut := cli(t, env, "integration", "create", "--name", "corp", "--kind", "ldap",
				"--ldap-url", os.Getenv("PROVISIOND_TEST_LDAP_URL"), "--ldap-bind-dn", "cn=syncbot,ou=services,dc=example,dc=org",
				"--ldap-bind-password-file", "pw", "--ldap-base-dn", "ou=people,"+ou)
			if code != 0 {
				t.Fatalf("create: %d %s %s", code, out, errOut)
			}

			code, out, errOut = cli(t, env, "ldap-sync", "--integration", "corp", "--dry-run")
			if code != 0 || !strings.Contains(out, "dry run") || !strings.Contains(out, "created 3") || !strings.Contains(out, "create  ann") {
				t.Fatalf("dry run: %d %q %s", code, out, errOut)
			}
			code, out, errOut = cli(t, env, "ldap-sync", "--integration", "corp")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if code != 0 || len(lines) != 1 || !strings.Contains(out, "full sync: read 3, created 3") || !strings.Contains(out, "took") {
				t.Fatalf("sync: %d %q %s", code, out, errOut)
			}

			ldaptest.Replace(t, c, "uid=ann,ou=people,"+ou, "mail", "ann.new@example.org")
			code, out, errOut = cli(t, env, "ldap-sync", "--integration", "corp")
			if code != 0 || !strings.Contains(out, "incremental sync: read 1, created 0, updated 1") {
				t.Fatalf("incremental: %d %q %s", code, out, errOut)
			}

			for _, uid := range []string{"ann", "bob", "cat"} {
				c.Del(ldap.NewDelRequest("uid="+uid+",ou=people,"+ou, nil))
			}
			code, out, errOut = cli(t, env, "ldap-sync", "--integration", "corp")
			if code != 3 || out != "" || !strings.Contains(errOut, "safety stop") || !strings.Contains(errOut, "--force") {
				t.Fatalf("safety stop: %d %q %s", code, out, errOut)
			}

			s, err := store.Open(context.Background(), env["PROVISIOND_DATABASE_URL"])
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			in, _ := s.IntegrationByName(context.Background(), "corp")
			if in.LDAPConfig == nil || strings.Contains(*in.LDAPConfig, "syncpw") || !strings.Contains(*in.LDAPConfig, filepath.Join(dir, "pw")) {
				t.Fatalf("stored config %v", in.LDAPConfig)
			}
			if a, err := s.AccountByUserName(context.Background(), "ann"); err != nil || a.Status != store.StatusNotInvited {
				t.Fatalf("ann after the stop: %+v %v", a, err)
			}
			runs, _, _ := s.SyncRuns(context.Background(), in.ID, 10, 0)
			if len(runs) != 4 || runs[0].Status != store.SyncStopped || !runs[3].DryRun || runs[1].Status != store.SyncSucceeded ||
				runs[1].Mode != "incremental" || runs[2].Status != store.SyncSucceeded {
				t.Fatalf("runs %+v", runs)
			}
		})
	}
}
