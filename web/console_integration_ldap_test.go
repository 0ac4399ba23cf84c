package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// An admin creates an LDAP integration in the console and edits its
// settings there; bad settings come back on the page, key by key.
func TestConsoleLDAPIntegrationSettings(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		c := signedIn(t, ts, s, "owner")
		good := "url: ldap://127.0.0.1:3389\nbindDN: cn=syncbot,ou=services,dc=example,dc=org\n" +
			"users:\n  baseDN: ou=people,dc=example,dc=org\n"
		resp, body := do(t, c, "POST", ts.URL+"/admin/integrations",
			url.Values{"name": {"corp"}, "kind": {"ldap"}, "ldapConfig": {"url: http://nope\n"}}.Encode())
		if resp.StatusCode != 400 || !strings.Contains(body, "ldapConfig") {
			t.Fatalf("bad settings: %d", resp.StatusCode)
		}
		resp, _ = do(t, c, "POST", ts.URL+"/admin/integrations",
			url.Values{"name": {"corp"}, "kind": {"ldap"}, "ldapConfig": {good}, "ldapBindPassword": {"directory-password"}}.Encode())
		in, err := s.Store.IntegrationByName(t.Context(), "corp")
		if err != nil || in.Kind != "ldap" || in.TokenHash != nil || resp.Request.URL.Path != "/admin/integrations/"+in.ID {
			t.Fatalf("create: %v %+v at %s", err, in, resp.Request.URL)
		}
		_, body = do(t, c, "GET", ts.URL+"/admin/integrations/"+in.ID, "")
		if !strings.Contains(body, `id="ldapConfig"`) || !strings.Contains(body, "ou=people,dc=example,dc=org") {
			t.Fatal("the integration page does not show the LDAP settings for editing")
		}
		edited := strings.Replace(good, "ou=people", "ou=staff", 1)
		resp, _ = do(t, c, "POST", ts.URL+"/admin/integrations/"+in.ID, url.Values{"ldapConfig": {edited}}.Encode())
		if in, _ = s.Store.IntegrationByID(t.Context(), in.ID); resp.Request.URL.Query().Get("done") != "saved" ||
			!strings.Contains(*in.LDAPConfig, "ou=staff") || in.LDAPBindPassword == nil {
			t.Fatalf("edit: %s %v", resp.Request.URL, *in.LDAPConfig)
		}
	})
}
