package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/store"
)

// An admin (not owner) must not make the server read its own files or
// environment and bind with them to a directory the admin controls: that
// would hand them the secret key or the bootstrap token, and with it the
// owner's powers. The fake directory stands for the admin's host.
func TestLDAPSettingsCannotExfiltrateServerSecretsAPI(t *testing.T) {
	keyFile, keyValue, tokenVar, tokenValue := serverSecrets(t)
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		evil := ldaptest.NewBindRecorder(t)
		api := newAdminAPI(t, ts, s, "admin")
		refs := map[string]string{
			"secret key file":          "bindPasswordFile: " + keyFile,
			"process environment":      "bindPasswordFile: /proc/self/environ",
			"bootstrap token variable": "bindPasswordEnv: " + tokenVar,
		}
		// Through create, then through a change of an integration that binds
		// anonymously today.
		anon := `{"url":"` + evil.URL() + `","users":{"baseDN":"ou=people,dc=example,dc=org"}}`
		in := seedIntegration(t, s.Store, &store.Integration{Name: "anonymous", Kind: "ldap", LDAPConfig: &anon})
		for name, ref := range refs {
			code, out := api.call("POST", "/api/v1/integrations", map[string]any{"name": "evil " + strings.Fields(name)[0],
				"kind": "ldap", "ldapConfig": ldapYAML(evil.URL(), ref)})
			if code == 201 {
				api.call("POST", "/api/v1/integrations/"+out["id"].(string)+"/sync", nil)
				waitSyncsDone(t, s, out["id"].(string))
			}
			key := strings.TrimSuffix(strings.Fields(ref)[0], ":")
			if e, _ := out["error"].(map[string]any); code != 400 || !strings.Contains(e["message"].(string), key) {
				t.Errorf("create with %s: %d %v", name, code, out)
			}
			code, out = api.call("PATCH", "/api/v1/integrations/"+in.ID, map[string]any{"ldapConfig": ldapYAML(evil.URL(), ref)})
			if code == 200 {
				api.call("POST", "/api/v1/integrations/"+in.ID+"/sync", nil)
				waitSyncsDone(t, s, in.ID)
			}
			if code != 400 {
				t.Errorf("change to %s: %d %v", name, code, out)
			}
		}
		for _, pw := range evil.Passwords() {
			if strings.Contains(pw, keyValue) || strings.Contains(pw, tokenValue) || strings.Contains(pw, "PATH=") {
				t.Errorf("the admin's directory received a server secret: %.40q...", pw)
			}
		}
		if b := evil.Binds(); len(b) != 0 {
			t.Errorf("the admin's directory received %d binds", len(b))
		}
		ins, _ := s.Store.Integrations(ctx)
		if c, err := directory.ConfigOf(&ins[0]); len(ins) != 1 || err != nil || c.BindDN != "" || c.BindPasswordFile != "" {
			t.Errorf("integrations after refused writes: %d, first %+v", len(ins), c)
		}
	})
}

// A password the operator configured (a file, as `integration create
// --ldap-bind-password-file` stores it) must not follow a url, bind DN or
// TLS change made through the API: the change must carry the password again.
func TestLDAPPasswordDoesNotFollowRedirectedURLAPI(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		legit, evil := ldaptest.NewBindRecorder(t), ldaptest.NewBindRecorder(t)
		in, pwFile := seedLDAPIntegration(t, s, legit.URL(), "directory-password")
		api := newAdminAPI(t, ts, s, "admin")
		ref := "bindPasswordFile: " + pwFile
		for name, doc := range map[string]string{
			"url":                ldapYAML(evil.URL(), ref),
			"bind DN":            strings.Replace(ldapYAML(legit.URL(), ref), "cn=syncbot", "cn=other", 1),
			"startTLS":           ldapYAML(legit.URL(), ref, "startTLS: true"),
			"insecureSkipVerify": ldapYAML(legit.URL(), ref, "insecureSkipVerify: true"),
		} {
			code, out := api.call("PATCH", "/api/v1/integrations/"+in.ID, map[string]any{"ldapConfig": doc})
			if code == 200 {
				api.call("POST", "/api/v1/integrations/"+in.ID+"/sync", nil)
				waitSyncsDone(t, s, in.ID)
			}
			if e, _ := out["error"].(map[string]any); code != 400 || !strings.Contains(e["message"].(string), "ldapBindPassword") {
				t.Errorf("%s changed without the password: %d %v", name, code, out)
			}
		}
		if pw := evil.Passwords(); len(pw) != 0 {
			t.Fatalf("the operator's password followed the redirected url: %q", pw)
		}
		// The operator's settings still work, and a change that does not
		// touch where the password goes needs no password.
		code, out := api.call("PATCH", "/api/v1/integrations/"+in.ID, map[string]any{"ldapConfig": ldapYAML(legit.URL(), ref, "interval: 1h")})
		if code != 200 {
			t.Fatalf("harmless change: %d %v", code, out)
		}
		api.call("POST", "/api/v1/integrations/"+in.ID+"/sync", nil)
		waitSyncsDone(t, s, in.ID)
		if pw := legit.WaitForBinds(t, 1); pw[0].Password != "directory-password" {
			t.Fatalf("operator's directory got %+v", pw)
		}
	})
}

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

// The console's forms are held to the API's rules: no server file or
// variable outside the operator's allow-list, and the password again when
// url, bind DN or TLS settings change, so "Test connection" and "Sync now"
// never carry a server secret or a stored password to an admin's host.
func TestLDAPSettingsConsoleForms(t *testing.T) {
	keyFile, keyValue, _, _ := serverSecrets(t)
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		legit, evil := ldaptest.NewBindRecorder(t), ldaptest.NewBindRecorder(t)
		seedAdmin(t, s, "adm@example.com", "admin", "correct horse battery", false)
		c := browserClient(t)
		loginLocal(t, ts, c, "adm@example.com", "correct horse battery")
		post := func(path string, form url.Values) (int, string) {
			t.Helper()
			resp, body := do(t, c, "POST", ts.URL+path, form.Encode())
			return resp.StatusCode, body
		}
		code, body := post("/admin/integrations", url.Values{"name": {"evil"}, "kind": {"ldap"},
			"ldapConfig": {ldapYAML(evil.URL(), "bindPasswordFile: "+keyFile)}})
		if code != 400 || !strings.Contains(body, "bindPasswordFile") {
			t.Fatalf("create naming the secret key file: %d", code)
		}
		in, pwFile := seedLDAPIntegration(t, s, legit.URL(), "directory-password")
		redirect := url.Values{"ldapConfig": {ldapYAML(evil.URL(), "bindPasswordFile: "+pwFile)}}
		if code, body := post("/admin/integrations/"+in.ID, redirect); code != 400 || !strings.Contains(body, "ldapBindPassword") {
			t.Fatalf("redirect without the password: %d", code)
		}
		post("/admin/integrations/"+in.ID+"/test", nil)
		if b := legit.WaitForBinds(t, 1); b[0].Password != "directory-password" {
			t.Fatalf("test connection after a refused redirect: %+v", b)
		}
		withPassword := url.Values{"ldapConfig": {ldapYAML(evil.URL())}, "ldapBindPassword": {"typed-password"}}
		if code, _ := post("/admin/integrations/"+in.ID, withPassword); code != 200 {
			t.Fatalf("redirect with a password: %d", code)
		}
		post("/admin/integrations/"+in.ID+"/test", nil)
		post("/admin/integrations/"+in.ID+"/sync", nil)
		waitSyncsDone(t, s, in.ID)
		for _, pw := range evil.WaitForBinds(t, 2) {
			if pw.Password != "typed-password" {
				t.Fatalf("the new directory got %q", pw.Password)
			}
		}
		_, page := do(t, c, "GET", ts.URL+"/admin/integrations/"+in.ID, "")
		if !strings.Contains(page, `id="ldap-password-state">A bind password is stored.`) || strings.Contains(page, "typed-password") ||
			strings.Contains(page, keyValue) {
			t.Fatalf("integration page:\n%s", page)
		}
	})
}
