package web

import (
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// An admin adds an endpoint (its secret shown once), sees a delivery with
// its last response on the endpoint's page, replays it and disables the
// endpoint.
func TestConsoleWebhooks(t *testing.T) {
	eachConsoleServer(t, nil, func(t *testing.T, ts *httptest.Server, s *Server) {
		ctx := t.Context()
		c := signedIn(t, ts, s, "owner")

		resp, body := do(t, c, "POST", ts.URL+"/admin/webhooks", url.Values{"url": {"https://x.example.com/h"}}.Encode())
		if resp.StatusCode != 400 || !strings.Contains(body, "at least one event") {
			t.Errorf("no event: %d", resp.StatusCode)
		}
		form := url.Values{"url": {"https://app.example.com/hooks"}, "event": {webhook.AccountCreated, webhook.AccountDeleted},
			"description": {"the wiki"}}
		resp, body = do(t, c, "POST", ts.URL+"/admin/webhooks", form.Encode())
		m := regexp.MustCompile(`value="(` + webhook.SecretPrefix + `[^"]+)"`).FindStringSubmatch(body)
		if resp.StatusCode != 201 || m == nil || strings.Count(body, m[1]) != 1 || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("create: %d\n%s", resp.StatusCode, body)
		}
		es, err := s.Store.WebhookEndpoints(ctx)
		if err != nil || len(es) != 1 || es[0].Events != "account.created account.deleted" {
			t.Fatalf("endpoints: %v %+v", err, es)
		}
		ep := es[0]
		if _, body := do(t, c, "GET", ts.URL+"/admin/webhooks", ""); strings.Contains(body, m[1]) || !strings.Contains(body, "https://app.example.com/hooks") {
			t.Fatal("list shows the secret again, or not the endpoint")
		}

		// A delivery that failed its first attempt, as the worker records it.
		d := &store.WebhookDelivery{EndpointID: ep.ID, EventID: store.NewID(), EventType: webhook.AccountCreated,
			OrderKey: "account:a1", Payload: `{"type":"account.created"}`}
		if err := s.Store.CreateWebhookDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
		long := "upstream <busy> " + strings.Repeat("x", 400)
		if err := s.Store.RecordWebhookAttempt(ctx, d.ID, store.WebhookAttempt{Status: store.WebhookPending, Code: 503, Response: long, Error: "HTTP 503"}); err != nil {
			t.Fatal(err)
		}
		resp, body = do(t, c, "GET", ts.URL+"/admin/webhooks/"+ep.ID, "")
		if resp.StatusCode != 200 || !strings.Contains(body, `id="delivery-`) || !strings.Contains(body, "503") ||
			!strings.Contains(body, "upstream &lt;busy&gt; xxx") || strings.Contains(body, strings.Repeat("x", 200)) || !strings.Contains(body, "x…") || strings.Contains(body, m[1]) {
			t.Fatalf("endpoint page:\n%s", body)
		}

		resp, body = do(t, c, "POST", ts.URL+"/admin/webhook-deliveries/"+strconv.FormatInt(d.ID, 10)+"/replay", "")
		if resp.Request.URL.Path != "/admin/webhooks/"+ep.ID || resp.Request.URL.Query().Get("done") != "replayed" || !strings.Contains(body, `id="flash"`) {
			t.Fatalf("replay ended at %s", resp.Request.URL)
		}
		ds, total, err := s.Store.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{EndpointID: ep.ID, Limit: 10})
		if err != nil || total != 2 || ds[0].EventID != d.EventID || ds[0].ID == d.ID {
			t.Fatalf("after replay: %v %d %+v", err, total, ds)
		}
		if _, body := do(t, c, "GET", ts.URL+"/admin/audit?action=webhook.replayed", ""); !strings.Contains(body, "admin:root@example.com") {
			t.Error("replay not audited with the admin")
		}
		if _, body := do(t, c, "GET", ts.URL+"/admin/webhooks/"+ep.ID+"?status=failed", ""); strings.Contains(body, `id="delivery-`) {
			t.Error("status filter shows pending deliveries")
		}

		resp, _ = do(t, c, "POST", ts.URL+"/admin/webhooks/"+ep.ID+"/disable", "back=endpoint")
		if got, _ := s.Store.WebhookEndpointByID(ctx, ep.ID); resp.Request.URL.Path != "/admin/webhooks/"+ep.ID || !got.Disabled {
			t.Fatalf("disable: %s %+v", resp.Request.URL, got)
		}
		resp, _ = do(t, c, "POST", ts.URL+"/admin/webhooks/"+ep.ID+"/delete", "")
		if es, _ := s.Store.WebhookEndpoints(ctx); resp.Request.URL.Query().Get("done") != "deleted" || len(es) != 0 {
			t.Fatalf("delete: %s, %d left", resp.Request.URL, len(es))
		}
		if resp, _ := do(t, c, "GET", ts.URL+"/admin/webhooks/"+ep.ID, ""); resp.StatusCode != 404 {
			t.Errorf("deleted endpoint page: %d", resp.StatusCode)
		}
	})
}
