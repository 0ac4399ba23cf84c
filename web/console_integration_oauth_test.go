package web

import (
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/integration"
)

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
