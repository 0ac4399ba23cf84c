package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/integration"
)

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
