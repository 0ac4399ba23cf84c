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

// An admin creates, rotates and retires an integration's OAuth client
// secret on its page: the secret is shown once, the page lists prefixes.
func TestConsoleIntegrationOAuth(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		c := signedIn(t, ts, s, "owner")
		name := "entra"
		in, _, err := s.Integrations.Create(t.Context(), "admin:test", integration.Input{Name: &name})
		if err != nil {
			t.Fatal(err)
		}
		page := ts.URL + "/admin/integrations/" + in.ID
		if resp, body := do(t, c, "GET", page, ""); resp.StatusCode != 200 || !strings.Contains(body, `id="oauth-secrets"`) ||
			!strings.Contains(body, "/oidc/oauth/token") {
			t.Fatalf("page: %d\n%s", resp.StatusCode, body)
		}
		secretIn := regexp.MustCompile(`id="client-secret"[^>]*value="(` + integration.OAuthSecretPrefix + `[^"]+)"`)
		var secrets []string
		for i := 0; i < 2; i++ {
			resp, body := do(t, c, "POST", page+"/oauth/secrets", url.Values{"overlapDays": {"1"}}.Encode())
			m := secretIn.FindStringSubmatch(body)
			if resp.StatusCode != 200 || m == nil || resp.Header.Get("Cache-Control") != "no-store" {
				t.Fatalf("create %d: %d\n%s", i, resp.StatusCode, body)
			}
			secrets = append(secrets, m[1])
		}
		_, body := do(t, c, "GET", page, "")
		if strings.Contains(body, secrets[0]) || strings.Contains(body, secrets[1]) || strings.Count(body, "/retire") != 2 {
			t.Fatalf("page after two secrets:\n%s", body)
		}
		// A third while two are valid is refused with the reason.
		if resp, body := do(t, c, "POST", page+"/oauth/secrets", ""); resp.StatusCode != 400 || !strings.Contains(body, "retire one first") {
			t.Errorf("third: %d", resp.StatusCode)
		}
		secs, _ := s.Integrations.OAuthSecrets(t.Context(), in.ID)
		resp, body := do(t, c, "POST", page+"/oauth/secrets/"+secs[1].ID+"/retire", "")
		if resp.StatusCode != 200 || strings.Count(body, "/retire") != 1 {
			t.Errorf("retire: %d\n%s", resp.StatusCode, body)
		}
	})
}
