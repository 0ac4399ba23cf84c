package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// seedTokens gives s an admin API token "<role>-token" per role.
func seedTokens(t *testing.T, s *Server, roles ...string) {
	t.Helper()
	for _, role := range roles {
		if err := s.Store.CreateAdminToken(context.Background(), &store.AdminToken{Name: role, Role: role,
			TokenHash: secret.TokenHash(role + "-token"), CreatedAt: store.Now()}); err != nil {
			t.Fatal(err)
		}
	}
}

// An admin cannot point a webhook at the server's own network, through
// the API (create, update) or the console; the operator's allowed networks
// are the exception.
func TestWebhooksRefuseInternalAddresses(t *testing.T) {
	t.Run("default", func(t *testing.T) { refuseInternalAddresses(t) })
	t.Run("allowed networks", func(t *testing.T) { allowedNetworksOpen(t) })
}

func refuseInternalAddresses(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		seedTokens(t, s, "admin")
		var e apiError
		for _, u := range []string{"http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:5432/", "http://[::ffff:10.0.0.1]/",
			"http://localhost:8080/", "http://[fd00::1]/h", "http://100.64.0.1/"} {
			body := `{"url":"` + u + `","events":["*"]}`
			if c := call(t, "POST", ts.URL+"/api/v1/webhooks", "admin-token", "application/json", strings.NewReader(body), &e); c != http.StatusBadRequest ||
				e.Error.Code != "invalid_field" || !strings.Contains(e.Error.Message, "webhookAllowedNetworks") {
				t.Errorf("create %s: %d %+v", u, c, e)
			}
		}
		var w webhookJSON
		if c := call(t, "POST", ts.URL+"/api/v1/webhooks", "admin-token", "application/json",
			strings.NewReader(`{"url":"https://app.example.com/hooks","events":["*"]}`), &w); c != http.StatusCreated {
			t.Fatalf("create a public endpoint: %d", c)
		}
		if c := call(t, "PATCH", ts.URL+"/api/v1/webhooks/"+w.ID, "admin-token", "application/json",
			strings.NewReader(`{"url":"http://169.254.169.254/latest/meta-data/"}`), &e); c != http.StatusBadRequest {
			t.Errorf("update to the metadata service: %d", c)
		}

		c := signedIn(t, ts, s, "admin")
		resp, page := do(t, c, "POST", ts.URL+"/admin/webhooks",
			url.Values{"url": {"http://[::ffff:127.0.0.1]:8080/h"}, "event": {webhook.AccountCreated}}.Encode())
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "a loopback address") {
			t.Errorf("console create: %d", resp.StatusCode)
		}
		if es, _ := s.Store.WebhookEndpoints(context.Background()); len(es) != 1 || es[0].URL != "https://app.example.com/hooks" {
			t.Errorf("endpoints: %+v", es)
		}
	})
}

func allowedNetworksOpen(t *testing.T) {
	eachConsoleServer(t, func(c *config.Config) { c.WebhookAllowedNetworks = "127.0.0.0/8" }, func(t *testing.T, ts *httptest.Server, s *Server) {
		seedTokens(t, s, "admin")
		if c := call(t, "POST", ts.URL+"/api/v1/webhooks", "admin-token", "application/json",
			strings.NewReader(`{"url":"http://127.0.0.1:9000/hooks","events":["*"]}`), nil); c != http.StatusCreated {
			t.Errorf("allowed network: %d", c)
		}
		if c := call(t, "POST", ts.URL+"/api/v1/webhooks", "admin-token", "application/json",
			strings.NewReader(`{"url":"http://169.254.169.254/","events":["*"]}`), nil); c != http.StatusBadRequest {
			t.Errorf("outside the allowed network: %d", c)
		}
	})
}

// What an endpoint answered is shown to owners only, in the API and the
// console; admins and viewers see status codes, errors and timing.
func TestWebhookResponsesShownToOwnersOnly(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := context.Background()
		seedTokens(t, s, "owner", "admin", "viewer")
		ep := &store.WebhookEndpoint{ID: store.NewID(), URL: "https://app.example.com/h", Events: "*", SecretSealed: []byte("x")}
		if err := s.Store.CreateWebhookEndpoint(ctx, ep); err != nil {
			t.Fatal(err)
		}
		d := &store.WebhookDelivery{EndpointID: ep.ID, EventID: store.NewID(), EventType: webhook.AccountCreated,
			OrderKey: "account:a1", Payload: `{}`}
		if err := s.Store.CreateWebhookDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
		const body = "ami-id\ninstance-id\niam/security-credentials/"
		if err := s.Store.RecordWebhookAttempt(ctx, d.ID, store.WebhookAttempt{Status: store.WebhookPending,
			Code: 500, Response: body, Error: "webhook: endpoint answered 500", Took: 1500 * 1e6}); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			token string
			see   bool
		}{{"owner-token", true}, {"admin-token", false}, {"viewer-token", false}} {
			var l list[deliveryJSON]
			var one deliveryJSON
			call(t, "GET", ts.URL+"/api/v1/webhooks/"+ep.ID+"/deliveries", tc.token, "", nil, &l)
			call(t, "GET", ts.URL+"/api/v1/webhook-deliveries/"+strconv.FormatInt(d.ID, 10), tc.token, "", nil, &one)
			if len(l.Items) != 1 || (l.Items[0].LastResponse == body) != tc.see || (one.LastResponse == body) != tc.see ||
				one.LastStatusCode != 500 || one.LastDurationMS != 1500 || one.LastError == "" {
				t.Errorf("%s: list %+v, one %+v", tc.token, l.Items, one)
			}
		}
		for _, role := range []string{"owner", "admin"} {
			c := browserClient(t)
			seedAdmin(t, s, role+"@example.com", role, "correct horse battery", role == "owner")
			loginLocal(t, ts, c, role+"@example.com", "correct horse battery")
			_, page := do(t, c, "GET", ts.URL+"/admin/webhooks/"+ep.ID, "")
			if strings.Contains(page, "iam/security-credentials") != (role == "owner") || !strings.Contains(page, "1500 ms") ||
				strings.Contains(page, "shown to owners only") == (role == "owner") {
				t.Errorf("%s sees:\n%s", role, page)
			}
		}
	})
}
