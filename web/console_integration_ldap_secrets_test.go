package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

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
