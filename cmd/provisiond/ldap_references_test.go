package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// The operator's CLI keeps naming the bind password by file or variable
// (the admin API no longer may): --ldap-bind-password-file and an
// --ldap-config with bindPasswordEnv both reach the directory, and the
// change is audited without the password.
func TestLDAPOperatorReferencesCLI(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			dir := inTempDir(t)
			directory := ldaptest.NewBindRecorder(t)
			env := map[string]string{"PROVISIOND_DATABASE_URL": storetest.URL(t, d), "PROVISIOND_SECRET_KEY": strings.Repeat("s", 40),
				"LDAP_OPERATOR_PW": "from-operator-env"}
			os.WriteFile(filepath.Join(dir, "pw"), []byte("from-operator-file\n"), 0o600)
			code, out, errOut := cli(t, env, "integration", "create", "--name", "byfile", "--kind", "ldap",
				"--ldap-url", directory.URL(), "--ldap-bind-dn", "cn=syncbot,ou=services,dc=example,dc=org",
				"--ldap-bind-password-file", "pw", "--ldap-base-dn", "ou=people,dc=example,dc=org")
			if code != 0 {
				t.Fatalf("create with a password file: %d %s %s", code, out, errOut)
			}
			ca := "caCertificate: |\n  " + strings.ReplaceAll(strings.TrimSpace(ldaptest.CAPEM(t)), "\n", "\n  ") + "\n"
			os.WriteFile(filepath.Join(dir, "ldap.yaml"), []byte("url: "+directory.URL()+"\nbindDN: cn=env,dc=example,dc=org\n"+
				"bindPasswordEnv: LDAP_OPERATOR_PW\nusers:\n  baseDN: ou=people,dc=example,dc=org\n"+ca), 0o600)
			if code, out, errOut := cli(t, env, "integration", "create", "--name", "byenv", "--kind", "ldap", "--ldap-config", "ldap.yaml"); code != 0 {
				t.Fatalf("create from --ldap-config: %d %s %s", code, out, errOut)
			}
			for _, name := range []string{"byfile", "byenv"} {
				if code, _, errOut := cli(t, env, "ldap-sync", "--integration", name); code == 0 || !strings.Contains(errOut, "Invalid Credentials") {
					t.Fatalf("sync %s against the refusing directory: %d %s", name, code, errOut)
				}
			}
			got := map[string]string{}
			for _, b := range directory.WaitForBinds(t, 2) {
				got[b.DN] = b.Password
			}
			if got["cn=syncbot,ou=services,dc=example,dc=org"] != "from-operator-file" || got["cn=env,dc=example,dc=org"] != "from-operator-env" {
				t.Fatalf("directory got %v", got)
			}
			s, err := store.Open(context.Background(), env["PROVISIOND_DATABASE_URL"])
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			evs, n, _ := s.AuditEvents(context.Background(), store.AuditFilter{Action: "integration.ldap_credentials_changed"})
			if n != 2 || evs[0].Actor != "cli" || !strings.Contains(evs[0].Details, directory.URL()) || strings.Contains(evs[0].Details, "from-operator") {
				t.Fatalf("audit: %d %+v", n, evs)
			}
		})
	}
}
