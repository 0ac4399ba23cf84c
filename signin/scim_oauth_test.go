package signin_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// An integration gets a token over HTTP with client_secret_basic and with
// client_secret_post, then provisions through SCIM with it.
func TestSCIMClientCredentials(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newSCIMEnv(t, st)
		in, sec := e.integration("Entra")
		if !strings.HasPrefix(sec, integration.OAuthSecretPrefix) {
			t.Fatalf("secret %q lacks its prefix", sec[:4])
		}
		r := e.token(in.ID, sec, true, url.Values{"scope": {"scim"}, "resource": {e.p.SCIMURL()}})
		if r.status != http.StatusOK || r.TokenType != "Bearer" || r.ExpiresIn != 3600 || r.Scope != "scim" ||
			r.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("basic: %d %+v", r.status, r)
		}
		post := e.token(in.ID, sec, false, nil)
		if post.status != http.StatusOK || post.AccessToken == "" {
			t.Fatalf("post: %d %s", post.status, post.Error)
		}
		code, body := e.scim(r.AccessToken, "POST", "/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada@example.com"}`)
		if code != http.StatusCreated {
			t.Fatalf("create with the token: %d %s", code, body)
		}
		if code, body := e.scim(post.AccessToken, "GET", "/Users?filter="+url.QueryEscape(`userName eq "ada@example.com"`), ""); code != 200 ||
			!strings.Contains(body, `"totalResults":1`) {
			t.Fatalf("list with the token: %d %s", code, body)
		}
		// The secret's last use is recorded (the admin sees when Entra moved to a new one).
		secs, _ := e.svc.OAuthSecrets(context.Background(), in.ID)
		if len(secs) != 1 || secs[0].LastUsedAt == nil {
			t.Errorf("last use not recorded: %+v", secs)
		}

		// Discovery names the grant; the SCIM ServiceProviderConfig the scheme.
		resp, err := http.Get(e.p.Issuer() + "/.well-known/openid-configuration")
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Grants  []string `json:"grant_types_supported"`
			Methods []string `json:"token_endpoint_auth_methods_supported"`
		}
		json.NewDecoder(resp.Body).Decode(&doc)
		resp.Body.Close()
		if !slices.Contains(doc.Grants, "client_credentials") || !slices.Contains(doc.Methods, "client_secret_basic") ||
			!slices.Contains(doc.Methods, "client_secret_post") {
			t.Errorf("discovery: %+v", doc)
		}
		if _, body := e.scim(r.AccessToken, "GET", "/ServiceProviderConfig", ""); !strings.Contains(body, `"oauth2"`) ||
			!strings.Contains(body, "valid one hour") {
			t.Errorf("ServiceProviderConfig: %s", body)
		}
	})
}

// Rotation: both secrets work during the overlap; the old one stops when
// the admin retires it, or when the overlap ends; every step is audited.
func TestSCIMClientSecretRotation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newSCIMEnv(t, st)
		in, first := e.integration("Entra")
		_, second, err := e.svc.CreateOAuthSecret(ctx, "admin:test", in.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{first, second} {
			tok := e.mustToken(in.ID, s)
			if code, _ := e.scim(tok, "GET", "/Users", ""); code != 200 {
				t.Errorf("during the overlap: %d", code)
			}
		}
		// A third while two are valid is refused.
		if _, _, err := e.svc.CreateOAuthSecret(ctx, "admin:test", in.ID, 0); !isInvalid(err) {
			t.Errorf("third secret: %v", err)
		}
		// The admin retires the first.
		secs, _ := e.svc.OAuthSecrets(ctx, in.ID)
		oldest := secs[len(secs)-1]
		if err := e.svc.RetireOAuthSecret(ctx, "admin:test", in.ID, oldest.ID); err != nil {
			t.Fatal(err)
		}
		if r := e.token(in.ID, first, true, nil); r.status != http.StatusUnauthorized || r.Error != "invalid_client" {
			t.Errorf("retired secret: %d %s", r.status, r.Error)
		}
		e.mustToken(in.ID, second)

		// The overlap of the second ends: its expiry is where the passing of
		// time would leave it after a rotation (store.Now has no clock to move).
		if _, err := st.ExpireIntegrationSecrets(ctx, in.ID, time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if r := e.token(in.ID, second, false, nil); r.status != http.StatusUnauthorized || r.Error != "invalid_client" {
			t.Errorf("secret past its overlap: %d %s", r.status, r.Error)
		}
		_, third, err := e.svc.CreateOAuthSecret(ctx, "admin:test", in.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		e.mustToken(in.ID, third)
		n, err := e.svc.RetireLapsedOAuthSecrets(ctx)
		if err != nil || n != 1 {
			t.Errorf("lapsed secrets retired: %d %v", n, err)
		}
		events, _, err := st.AuditEvents(ctx, store.AuditFilter{TargetID: in.ID})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, ev := range events {
			actions = append(actions, ev.Action)
		}
		for _, want := range []string{"integration.oauth_secret_created", "integration.oauth_secret_rotated", "integration.oauth_secret_retired"} {
			if !slices.Contains(actions, want) {
				t.Errorf("audit lacks %s: %v", want, actions)
			}
		}
	})
}

func isInvalid(err error) bool {
	var ie *store.InvalidError
	return errors.As(err, &ie)
}
