package web

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

// Where the operator allows it (PROVISIOND_LDAP_FILES_DIR and
// PROVISIOND_LDAP_ENV_PREFIX), the API may name files and variables, and
// nothing that only looks as if it were inside; the CA is taken as PEM
// content, never as a server path outside the allowed directory.
func TestLDAPAllowListAndCAAPI(t *testing.T) {
	keyFile, _, tokenVar, _ := serverSecrets(t)
	allowed := t.TempDir()
	os.WriteFile(filepath.Join(allowed, "corp-password"), []byte("from-allowed-file\n"), 0o600)
	os.Symlink(keyFile, filepath.Join(allowed, "escape"))
	os.Mkdir(filepath.Join(allowed, "sub"), 0o700)
	t.Setenv("LDAP_BIND_CORP", "from-allowed-env")
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		s.Directory.Allow = directory.AllowList{FilesDir: allowed, EnvPrefix: "LDAP_BIND_"}
		dir := ldaptest.NewBindRecorder(t)
		api := newAdminAPI(t, ts, s, "admin")
		n := 0
		create := func(extra ...string) (int, map[string]any) {
			t.Helper()
			n++
			return api.call("POST", "/api/v1/integrations", map[string]any{"name": "corp" + string(rune('a'+n)),
				"kind": "ldap", "ldapConfig": ldapYAML(dir.URL(), extra...)})
		}
		for name, ref := range map[string]string{
			"symlink out of the directory": "bindPasswordFile: " + filepath.Join(allowed, "escape"),
			"dot-dot out of the directory": "bindPasswordFile: " + allowed + "/sub/../../" + filepath.Base(filepath.Dir(keyFile)) + "/secret.key",
			"the directory itself":         "bindPasswordFile: " + allowed,
			"variable without the prefix":  "bindPasswordEnv: " + tokenVar,
			"prefix without a name":        "bindPasswordEnv: LDAP_BIND_",
			"CA from a server path":        "caFile: " + keyFile,
			"CA that is not a certificate": "caCertificate: not a certificate",
		} {
			if code, out := create(ref); code != 400 {
				t.Errorf("%s: %d %v", name, code, out)
			}
		}
		for name, ref := range map[string]string{
			"allowed file":     "bindPasswordFile: " + filepath.Join(allowed, "corp-password"),
			"allowed variable": "bindPasswordEnv: LDAP_BIND_CORP",
		} {
			code, out := create(ref)
			if code != 201 || out["ldapBindPasswordSet"] != false {
				t.Fatalf("%s: %d %v", name, code, out)
			}
			api.call("POST", "/api/v1/integrations/"+out["id"].(string)+"/sync", nil)
			waitSyncsDone(t, s, out["id"].(string))
		}
		got := strings.Join(dir.Passwords(), ",")
		if !strings.Contains(got, "from-allowed-file") || !strings.Contains(got, "from-allowed-env") || strings.Contains(got, "secret") {
			t.Fatalf("directory got %q", got)
		}
		ca := ldaptest.CAPEM(t)
		code, out := api.call("POST", "/api/v1/integrations", map[string]any{"name": "tls", "kind": "ldap",
			"ldapConfig":       ldapYAML(dir.URL(), "startTLS: true", "caCertificate: |\n  "+strings.ReplaceAll(strings.TrimSpace(ca), "\n", "\n  ")),
			"ldapBindPassword": "pw"})
		if cfg, _ := out["ldapConfig"].(map[string]any); code != 201 || strings.TrimSpace(cfg["caCertificate"].(string)) != strings.TrimSpace(ca) {
			t.Fatalf("CA as PEM: %d %v", code, out)
		}
	})
}
