package web

import (
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/signin"
)

// An admin registers a client through the console: the secret is on the
// create (and rotate) answer once, never on the list; a viewer only reads.
func TestConsoleClients(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		c := signedIn(t, ts, s, "owner")
		secretIn := regexp.MustCompile(`id="client-secret"[^>]*value="(` + integration.ClientSecretPrefix + `[^"]+)"`)

		form := url.Values{"name": {"Wiki"}, "redirectUris": {"https://wiki.example.com/cb\r\n\r\n https://wiki.example.com/cb2 \r\n"}}
		resp, body := do(t, c, "POST", ts.URL+"/admin/clients", form.Encode())
		m := secretIn.FindStringSubmatch(body)
		if resp.StatusCode != 201 || m == nil || strings.Count(body, m[1]) != 1 || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("create: %d %q\n%s", resp.StatusCode, resp.Header.Get("Cache-Control"), body)
		}
		cs, err := s.Store.OIDCClients(t.Context())
		if err != nil || len(cs) != 1 {
			t.Fatalf("clients: %v %d", err, len(cs))
		}
		if r, _ := signin.ClientURIs(&cs[0]); len(r) != 2 || r[1] != "https://wiki.example.com/cb2" {
			t.Errorf("redirect URIs: %q", r)
		}
		resp, body = do(t, c, "GET", ts.URL+"/admin/clients", "")
		if resp.StatusCode != 200 || strings.Contains(body, m[1]) || !strings.Contains(body, cs[0].ID) ||
			!strings.Contains(body, "https://wiki.example.com/cb2") {
			t.Fatalf("list shows the secret again, or not the client:\n%s", body)
		}

		resp, body = do(t, c, "POST", ts.URL+"/admin/clients", url.Values{"name": {"Bad"}, "redirectUris": {"/relative"}}.Encode())
		if resp.StatusCode != 400 || !strings.Contains(body, "not an absolute URI") {
			t.Errorf("bad redirect: %d", resp.StatusCode)
		}

		resp, body = do(t, c, "POST", ts.URL+"/admin/clients/"+cs[0].ID+"/secret", "")
		rot := secretIn.FindStringSubmatch(body)
		if resp.StatusCode != 200 || rot == nil || rot[1] == m[1] || strings.Count(body, rot[1]) != 1 || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("rotate: %d\n%s", resp.StatusCode, body)
		}

		viewer := browserClient(t)
		seedAdmin(t, s, "vi@example.com", "viewer", "correct horse battery", false)
		loginLocal(t, ts, viewer, "vi@example.com", "correct horse battery")
		if _, body := do(t, viewer, "GET", ts.URL+"/admin/clients", ""); strings.Contains(body, `id="create-client"`) || !strings.Contains(body, "Wiki") {
			t.Error("viewer sees the create form, or not the clients")
		}
		if resp, _ := do(t, viewer, "POST", ts.URL+"/admin/clients/"+cs[0].ID+"/delete", ""); resp.StatusCode != 403 {
			t.Errorf("viewer delete: %d", resp.StatusCode)
		}

		resp, _ = do(t, c, "POST", ts.URL+"/admin/clients/"+cs[0].ID+"/delete", "")
		if cs, _ := s.Store.OIDCClients(t.Context()); resp.Request.URL.Query().Get("done") != "deleted" || len(cs) != 0 {
			t.Fatalf("delete: %s, %d left", resp.Request.URL, len(cs))
		}
	})
}
