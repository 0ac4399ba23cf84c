package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

func TestClientsAndResetLinkAPI(t *testing.T) {
	url, s := newInviteTestServer(t)
	body := func(js string) *strings.Reader { return strings.NewReader(js) }
	var c clientJSON
	if code := call(t, "POST", url+"/api/v1/clients", "owner-token", "application/json",
		body(`{"name":"Wiki","redirectUris":["https://wiki.example.com/cb"]}`), &c); code != http.StatusCreated ||
		!strings.HasPrefix(c.Secret, integration.ClientSecretPrefix) || c.Issuer != s.Config.BaseURL+"/oidc" {
		t.Fatalf("create: %d %+v", code, c)
	}
	if code := call(t, "POST", url+"/api/v1/clients", "viewer-token", "application/json", body(`{}`), nil); code != http.StatusForbidden {
		t.Errorf("viewer create: %d", code)
	}
	if code := call(t, "POST", url+"/api/v1/clients", "owner-token", "application/json",
		body(`{"name":"Bad","redirectUris":["/relative#frag"]}`), nil); code != http.StatusBadRequest {
		t.Errorf("bad redirect: %d", code)
	}
	var l list[clientJSON]
	if call(t, "GET", url+"/api/v1/clients", "viewer-token", "", nil, &l); l.Total != 1 || l.Items[0].Secret != "" {
		t.Errorf("list: %+v", l)
	}
	var rot clientJSON
	if code := call(t, "PATCH", url+"/api/v1/clients/"+c.ID, "owner-token", "application/json",
		body(`{"rotateSecret":true}`), &rot); code != 200 || rot.Secret == "" || rot.Secret == c.Secret {
		t.Errorf("rotate: %d %+v", code, rot)
	}

	ctx := context.Background()
	p, err := signin.New(signin.Config{Store: s.Store, Keys: s.Keys, BaseURL: "https://p.example.test"})
	if err != nil {
		t.Fatal(err)
	}
	s.SignIn = p
	active := &store.Account{UserName: "ada", Active: true, Status: store.StatusActive, PasswordHash: "x"}
	invited := &store.Account{UserName: "bob", Active: true, Status: store.StatusInvited}
	for _, a := range []*store.Account{active, invited} {
		if err := s.Store.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	var link resetLinkJSON
	if code := call(t, "POST", url+"/api/v1/accounts/"+active.ID+"/password-reset", "owner-token", "", nil, &link); code != http.StatusCreated ||
		!strings.HasPrefix(link.URL, "https://p.example.test/signin/reset/") || link.Emailed {
		t.Errorf("reset link: %d %+v", code, link)
	}
	if code := call(t, "POST", url+"/api/v1/accounts/"+invited.ID+"/password-reset", "owner-token", "", nil, nil); code != http.StatusConflict {
		t.Errorf("reset link of an invited account: %d, want 409", code)
	}
}

func TestWebhooksAPI(t *testing.T) {
	url, _ := newInviteTestServer(t)
	var w webhookJSON
	if code := call(t, "POST", url+"/api/v1/webhooks", "owner-token", "application/json",
		strings.NewReader(`{"url":"https://app.example.com/hooks","events":["account.created","account.deleted"]}`), &w); code != http.StatusCreated ||
		!strings.HasPrefix(w.Secret, "whsec_") || len(w.Events) != 2 {
		t.Fatalf("create: %d %+v", code, w)
	}
	if code := call(t, "POST", url+"/api/v1/webhooks", "owner-token", "application/json",
		strings.NewReader(`{"url":"https://x.example.com","events":["account.nope"]}`), nil); code != http.StatusBadRequest {
		t.Errorf("unknown event: %d", code)
	}
	var got webhookJSON
	if code := call(t, "PATCH", url+"/api/v1/webhooks/"+w.ID, "owner-token", "application/json",
		strings.NewReader(`{"disabled":true}`), &got); code != 200 || !got.Disabled || got.Secret != "" {
		t.Errorf("patch: %d %+v", code, got)
	}
	var ds list[deliveryJSON]
	if code := call(t, "GET", url+"/api/v1/webhooks/"+w.ID+"/deliveries", "viewer-token", "", nil, &ds); code != 200 || ds.Total != 0 {
		t.Errorf("deliveries: %d %+v", code, ds)
	}
	if code := call(t, "POST", url+"/api/v1/webhook-deliveries/999/replay", "owner-token", "", nil, nil); code != http.StatusNotFound {
		t.Errorf("replay unknown: %d", code)
	}
	if code := call(t, "DELETE", url+"/api/v1/webhooks/"+w.ID, "owner-token", "", nil, nil); code != http.StatusNoContent {
		t.Errorf("delete: %d", code)
	}
}

func TestOAuthSecretsAPI(t *testing.T) {
	url, _ := newInviteTestServer(t)
	body := func(js string) *strings.Reader { return strings.NewReader(js) }
	var in integrationWithToken
	if code := call(t, "POST", url+"/api/v1/integrations", "owner-token", "application/json", body(`{"name":"entra"}`), &in); code != 201 {
		t.Fatalf("create integration: %d", code)
	}
	base := url + "/api/v1/integrations/" + in.ID + "/oauth"
	if code := call(t, "POST", base+"/secrets", "viewer-token", "", nil, nil); code != http.StatusForbidden {
		t.Errorf("viewer creates a secret: %d", code)
	}
	var first, second oauthJSON
	if code := call(t, "POST", base+"/secrets", "owner-token", "", nil, &first); code != 201 ||
		!strings.HasPrefix(first.Secret, integration.OAuthSecretPrefix) || first.ClientID != in.ID ||
		!strings.HasSuffix(first.TokenEndpoint, "/oidc/oauth/token") || first.TokenLifetimeSeconds != 3600 || len(first.Secrets) != 1 {
		t.Fatalf("create secret: %d %+v", code, first)
	}
	if code := call(t, "POST", base+"/secrets", "owner-token", "application/json", body(`{"overlapSeconds":3600}`), &second); code != 201 ||
		second.Secret == first.Secret || len(second.Secrets) != 2 || second.Secrets[1].ExpiresAt == nil {
		t.Fatalf("rotate: %d %+v", code, second)
	}
	for js, want := range map[string]int{`{"overlapSeconds":5}`: 400, `{"overlapSeconds":-1}`: 400, `{"nope":1}`: 400, `{}`: 400} {
		if code := call(t, "POST", base+"/secrets", "owner-token", "application/json", body(js), nil); code != want {
			t.Errorf("%s: %d, want %d", js, code, want) // {} is refused as a third valid secret
		}
	}
	var got oauthJSON
	if code := call(t, "GET", base, "viewer-token", "", nil, &got); code != 200 || got.Secret != "" || len(got.Secrets) != 2 {
		t.Errorf("get: %d %+v", code, got)
	}
	old := second.Secrets[1].ID
	if code := call(t, "POST", base+"/secrets/"+old+"/retire", "owner-token", "", nil, &got); code != 200 || got.Secrets[1].Valid {
		t.Errorf("retire: %d %+v", code, got)
	}
	if code := call(t, "POST", base+"/secrets/"+old+"/retire", "owner-token", "", nil, nil); code != 404 {
		t.Errorf("retire twice: %d", code)
	}
	// Another integration's secret cannot be retired through this one.
	var other integrationWithToken
	call(t, "POST", url+"/api/v1/integrations", "owner-token", "application/json", body(`{"name":"okta"}`), &other)
	if code := call(t, "POST", url+"/api/v1/integrations/"+other.ID+"/oauth/secrets/"+second.Created.ID+"/retire", "owner-token", "", nil, nil); code != 404 {
		t.Errorf("retire through another integration: %d", code)
	}
	if code := call(t, "GET", url+"/api/v1/integrations/nope/oauth", "owner-token", "", nil, nil); code != 404 {
		t.Errorf("unknown integration: %d", code)
	}
}
