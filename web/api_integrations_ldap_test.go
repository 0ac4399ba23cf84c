package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
)

// LDAP integrations are created and edited through the API (and so the
// console) with the keys of an --ldap-config file, validated at once.
func TestIntegrationLDAPSettingsAPI(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		call := namedAdminAPI(t, ts, s, "ci", "admin").call
		good := "url: ldap://127.0.0.1:3389\nbindDN: cn=syncbot,ou=services,dc=example,dc=org\n" +
			"users:\n  baseDN: ou=people,dc=example,dc=org\ninterval: 15m\n"
		code, out := call("POST", "/api/v1/integrations", map[string]any{"name": "corp", "kind": "ldap", "ldapConfig": good,
			"ldapBindPassword": "directory-password"})
		if code != 201 || out["token"] != nil || out["kind"] != "ldap" || out["ldapBindPasswordSet"] != true {
			t.Fatalf("create ldap: %d %v", code, out)
		}
		cfg, _ := out["ldapConfig"].(map[string]any)
		if cfg["url"] != "ldap://127.0.0.1:3389" || cfg["bindDN"] == nil || len(cfg) != 5 {
			t.Fatalf("stored settings: %v", cfg)
		}
		id := out["id"].(string)
		// The settings' autoInvite seeds the integration's, as from the CLI
		// (README: "seeds the integration's auto-invite"; the API ignored
		// it), unless autoInvite itself is given.
		for name, want := range map[string]bool{"seeded": true, "given": false} {
			body := map[string]any{"name": name, "kind": "ldap", "ldapConfig": good + "autoInvite: true\n", "ldapBindPassword": "pw"}
			if name == "given" {
				body["autoInvite"] = false
			}
			if code, out := call("POST", "/api/v1/integrations", body); code != 201 || out["autoInvite"] != want {
				t.Errorf("%s: %d %v, want autoInvite %t", name, code, out, want)
			}
		}
		for name, body := range map[string]map[string]any{
			"no settings":   {"name": "x1", "kind": "ldap"},
			"bad keys":      {"name": "x2", "kind": "ldap", "ldapConfig": "url: http://nope\nusers:\n  baseDN: not a dn\n"},
			"unknown key":   {"name": "x3", "kind": "ldap", "ldapConfig": "url: ldap://h\nbogus: 1\n"},
			"relative path": {"name": "x4", "kind": "ldap", "ldapConfig": good + "bindPasswordFile: pw.txt\n"},
			"no password":   {"name": "x5", "kind": "ldap", "ldapConfig": good},
		} {
			code, out := call("POST", "/api/v1/integrations", body)
			e, _ := out["error"].(map[string]any)
			if code != 400 || e["code"] != "invalid_field" || !strings.Contains(e["message"].(string), "ldapConfig") {
				t.Errorf("%s: %d %v", name, code, out)
			}
		}
		code, out = call("PATCH", "/api/v1/integrations/"+id, map[string]any{"ldapConfig": strings.Replace(good, "15m", "1h", 1)})
		if code != 200 {
			t.Fatalf("patch ldap: %d %v", code, out)
		}
		in, _ := s.Store.IntegrationByID(ctx, id)
		if y := ldapConfigYAML(in); !strings.Contains(y, "interval: 1h") || strings.Contains(y, "password:") {
			t.Fatalf("console editor text:\n%s", y)
		}
		_, sc := call("POST", "/api/v1/integrations", map[string]any{"name": "okta"})
		if code, _ := call("PATCH", "/api/v1/integrations/"+sc["id"].(string), map[string]any{"ldapConfig": good}); code != 400 {
			t.Fatalf("LDAP settings on a SCIM integration: %d", code)
		}
	})
}
