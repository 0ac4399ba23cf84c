package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// adminAPI calls the admin API with a token of one role.
type adminAPI struct {
	t     *testing.T
	ts    *httptest.Server
	token string
}

// newAdminAPI creates an admin token of role and returns a client using it.
func newAdminAPI(t *testing.T, ts *httptest.Server, s *Server, role string) adminAPI {
	t.Helper()
	return namedAdminAPI(t, ts, s, role, role)
}

// namedAdminAPI is newAdminAPI with a token called name (the audit's actor
// is "token:"+name).
func namedAdminAPI(t *testing.T, ts *httptest.Server, s *Server, name, role string) adminAPI {
	t.Helper()
	tok := role + "-token-" + store.NewID()
	if err := s.Store.CreateAdminToken(context.Background(), &store.AdminToken{Name: name, Role: role,
		TokenHash: secret.TokenHash(tok), CreatedAt: store.Now()}); err != nil {
		t.Fatal(err)
	}
	return adminAPI{t: t, ts: ts, token: tok}
}

// call sends body as JSON and decodes the JSON answer.
func (a adminAPI) call(method, path string, body any) (int, map[string]any) {
	a.t.Helper()
	var raw string
	if body != nil {
		b, _ := json.Marshal(body)
		raw = string(b)
	}
	return a.send(method, path, raw)
}

// send sends raw as the body as it is and decodes the JSON answer.
func (a adminAPI) send(method, path, raw string) (int, map[string]any) {
	a.t.Helper()
	resp, out := do(a.t, http.DefaultClient, method, a.ts.URL+path, raw, "Authorization", "Bearer "+a.token)
	var m map[string]any
	json.Unmarshal([]byte(out), &m)
	return resp.StatusCode, m
}

// ldapYAML is an --ldap-config document for url with extra keys appended.
func ldapYAML(url string, extra ...string) string {
	return "url: " + url + "\nbindDN: cn=syncbot,ou=services,dc=example,dc=org\n" +
		"users:\n  baseDN: ou=people,dc=example,dc=org\n" + strings.Join(extra, "\n") + "\n"
}

// serverSecrets writes a stand-in for the server's secret key file and sets
// a stand-in bootstrap token in the environment; it returns both values.
func serverSecrets(t *testing.T) (keyFile, keyValue, tokenVar, tokenValue string) {
	t.Helper()
	keyValue = "server-secret-key-" + strings.Repeat("7", 40)
	keyFile = filepath.Join(t.TempDir(), "secret.key")
	if err := os.WriteFile(keyFile, []byte(keyValue+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tokenVar, tokenValue = "PROVISIOND_TEST_STANDIN_BOOTSTRAP_TOKEN", "bootstrap-"+strings.Repeat("b", 40)
	t.Setenv(tokenVar, tokenValue)
	return keyFile, keyValue, tokenVar, tokenValue
}

// seedLDAPIntegration creates the LDAP integration "corp" at url, binding as
// cn=syncbot with password read from a file, as `integration create
// --ldap-bind-password-file` stores it; it returns the integration and the file.
func seedLDAPIntegration(t *testing.T, s *Server, url, password string) (*store.Integration, string) {
	t.Helper()
	pwFile := filepath.Join(t.TempDir(), "ldap-password")
	if err := os.WriteFile(pwFile, []byte(password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	js := `{"url":"` + url + `","bindDN":"cn=syncbot,ou=services,dc=example,dc=org","bindPasswordFile":"` +
		pwFile + `","users":{"baseDN":"ou=people,dc=example,dc=org"}}`
	in := seedIntegration(t, s.Store, &store.Integration{Name: "corp", Kind: "ldap", LDAPConfig: &js})
	return in, pwFile
}

// waitSyncsDone waits until no sync run of the integration is running.
func waitSyncsDone(t *testing.T, s *Server, integrationID string) []store.SyncRun {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		runs, _, err := s.Store.SyncRuns(context.Background(), integrationID, 50, 0)
		if err != nil {
			t.Fatal(err)
		}
		running := false
		for _, r := range runs {
			running = running || r.Status == store.SyncRunning
		}
		if !running {
			return runs
		}
		if time.Now().After(deadline) {
			t.Fatalf("sync of %s still running after 20s", integrationID)
		}
	}
}
