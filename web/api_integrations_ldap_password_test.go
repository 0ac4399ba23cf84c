package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
	"github.com/provisiond/provisiond/store"
)

// The API takes the bind password itself: stored sealed, never returned,
// sent only to the url, bind DN and TLS settings it was given for.
func TestLDAPBindPasswordSealedAPI(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		legit, evil, later := ldaptest.NewBindRecorder(t), ldaptest.NewBindRecorder(t), ldaptest.NewBindRecorder(t)
		api := newAdminAPI(t, ts, s, "admin")
		code, out := api.call("POST", "/api/v1/integrations", map[string]any{"name": "corp", "kind": "ldap",
			"ldapConfig": ldapYAML(legit.URL()), "ldapBindPassword": "pw-one"})
		if code != 201 || out["ldapBindPasswordSet"] != true {
			t.Fatalf("create: %d %v", code, out)
		}
		id := out["id"].(string)
		sync := func() {
			t.Helper()
			api.call("POST", "/api/v1/integrations/"+id+"/sync", nil)
			waitSyncsDone(t, s, id)
		}
		sync()
		if b := legit.WaitForBinds(t, 1); b[0].Password != "pw-one" || b[0].DN != "cn=syncbot,ou=services,dc=example,dc=org" {
			t.Fatalf("directory got %+v", b)
		}
		// Never shown, never stored in the clear.
		for _, path := range []string{"/api/v1/integrations", "/api/v1/integrations/" + id, "/api/v1/audit-events"} {
			_, body := api.call("GET", path, nil)
			if b, _ := json.Marshal(body); strings.Contains(string(b), "pw-one") {
				t.Fatalf("%s shows the password: %s", path, b)
			}
		}
		in, _ := s.Store.IntegrationByID(ctx, id)
		if strings.Contains(string(in.LDAPBindPassword), "pw-one") || strings.Contains(*in.LDAPConfig, "pw-one") || in.LDAPBindPassword == nil {
			t.Fatalf("password at rest: %q / %s", in.LDAPBindPassword, *in.LDAPConfig)
		}
		// Where it goes cannot change without it; what is read can.
		code, out = api.call("PATCH", "/api/v1/integrations/"+id, map[string]any{"ldapConfig": ldapYAML(evil.URL())})
		if e, _ := out["error"].(map[string]any); code != 400 || !strings.Contains(e["message"].(string), "ldapBindPassword") {
			t.Fatalf("redirect without the password: %d %v", code, out)
		}
		if code, out := api.call("PATCH", "/api/v1/integrations/"+id, map[string]any{"ldapConfig": ldapYAML(legit.URL(), "interval: 1h")}); code != 200 || out["ldapBindPasswordSet"] != true {
			t.Fatalf("harmless change: %d %v", code, out)
		}
		sync()
		if b := legit.WaitForBinds(t, 2); b[1].Password != "pw-one" {
			t.Fatalf("kept password: %+v", b)
		}
		code, _ = api.call("PATCH", "/api/v1/integrations/"+id, map[string]any{"ldapConfig": ldapYAML(evil.URL()), "ldapBindPassword": "pw-two"})
		if code != 200 {
			t.Fatalf("redirect with a new password: %d", code)
		}
		sync()
		if pw := evil.WaitForBinds(t, 1); len(pw) != 1 || pw[0].Password != "pw-two" {
			t.Fatalf("new directory got %+v", pw)
		}
		// A path that changes the url without the password (here: the
		// database itself) cannot open it: it is sealed to where it goes.
		execSQL(t, s, "UPDATE integrations SET ldap_config = ? WHERE id = ?",
			`{"url":"`+later.URL()+`","bindDN":"cn=syncbot,ou=services,dc=example,dc=org","users":{"baseDN":"ou=people,dc=example,dc=org"}}`, id)
		sync()
		runs, _, _ := s.Store.SyncRuns(ctx, id, 1, 0)
		if len(later.Binds()) != 0 || runs[0].Status != store.SyncFailed || !strings.Contains(runs[0].Message, "give it again") {
			t.Fatalf("tampered url: binds %v, run %+v", later.Binds(), runs[0])
		}
		// Who moved the password where is in the audit trail.
		evs, n, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Action: "integration.ldap_credentials_changed"})
		if n != 2 || evs[0].Actor != "token:admin" {
			t.Fatalf("credential audit: %d %+v", n, evs)
		}
		var d map[string]map[string]any
		json.Unmarshal([]byte(evs[0].Details), &d)
		if d["url"]["before"] != legit.URL() || d["url"]["after"] != evil.URL() || d["bindDN"]["after"] != "cn=syncbot,ou=services,dc=example,dc=org" {
			t.Fatalf("credential audit details: %s", evs[0].Details)
		}
	})
}
