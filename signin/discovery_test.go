package signin_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// Discovery names only what the provider serves: no device authorization
// endpoint (the flow is not implemented), which answers 404; and only what
// it offers: the code flow with PKCE S256, no implicit grant (RFC 9700).
func TestDiscoveryNamesOnlyServedEndpoints(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite), nil)
	resp, err := http.Get(e.p.Issuer() + "/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("discovery: %d %v", resp.StatusCode, err)
	}
	if _, ok := doc["device_authorization_endpoint"]; ok {
		t.Errorf("discovery advertises device_authorization_endpoint %v", doc["device_authorization_endpoint"])
	}
	if gts, _ := doc["grant_types_supported"].([]any); slices.Contains(gts, any("urn:ietf:params:oauth:grant-type:device_code")) {
		t.Errorf("discovery advertises the device_code grant: %v", gts)
	}
	if rts, _ := doc["response_types_supported"].([]any); !slices.Equal(rts, []any{"code"}) {
		t.Errorf("response_types_supported %v, want [code]", rts)
	}
	// client_credentials is for SCIM integrations only (client_credentials.go).
	if gts, _ := doc["grant_types_supported"].([]any); !slices.Equal(gts, []any{"authorization_code", "refresh_token", "client_credentials"}) {
		t.Errorf("grant_types_supported %v, want [authorization_code refresh_token client_credentials]", gts)
	}
	if ms, _ := doc["code_challenge_methods_supported"].([]any); !slices.Equal(ms, []any{"S256"}) {
		t.Errorf("code_challenge_methods_supported %v, want [S256]", ms)
	}
	for _, k := range []string{"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"} {
		if v, _ := doc[k].(string); v == "" {
			t.Errorf("discovery lost %s", k)
		}
	}
	r, err := http.Post(e.p.Issuer()+"/device_authorization", "application/x-www-form-urlencoded", strings.NewReader("client_id=x"))
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusNotFound {
		t.Errorf("device authorization: %d, want 404", r.StatusCode)
	}
}
