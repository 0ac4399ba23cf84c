package signin_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// noFollow is a client that shows redirects instead of following them.
var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// authorize sends /oidc/authorize with q and reports where it sends the
// browser: the sign-in page, or an error (for the application, or shown).
func authorize(t *testing.T, e *env, q url.Values) (toSignIn bool, oauthErr string) {
	t.Helper()
	resp, err := noFollow.Get(e.p.Issuer() + "/authorize?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	switch {
	case resp.StatusCode == http.StatusFound && loc.Path == "/signin":
		return true, ""
	case resp.StatusCode == http.StatusFound:
		return false, loc.Query().Get("error") + loc.Fragment
	}
	return false, resp.Status
}

// No implicit grant, no PKCE plain, and a public client without PKCE is
// refused at the authorization endpoint, before any sign-in.
func TestAuthorizeRefusesImplicitAndWeakPKCE(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, nil)
		const cb = "https://app.example.com/cb"
		confidential, _ := e.client(cb)
		public := &store.OIDCClient{Name: "SPA", RedirectURIs: `["http://127.0.0.1:9999/cb"]`}
		if err := st.CreateOIDCClient(context.Background(), public); err != nil {
			t.Fatal(err)
		}
		const challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" // S256 of RFC 7636's example
		q := func(client, redirect string, kv ...string) url.Values {
			v := url.Values{"client_id": {client}, "redirect_uri": {redirect}, "scope": {"openid"}, "state": {"s"}, "response_type": {"code"}}
			for i := 0; i+1 < len(kv); i += 2 {
				v.Set(kv[i], kv[i+1])
			}
			return v
		}
		const implicit, pkce = "unauthorized_client", "invalid_request"
		refused := map[string]struct {
			q    url.Values
			want string
		}{
			"implicit token":      {q(confidential, cb, "response_type", "token"), implicit},
			"implicit id_token":   {q(confidential, cb, "response_type", "id_token", "nonce", "n"), implicit},
			"implicit both":       {q(confidential, cb, "response_type", "id_token token", "nonce", "n"), implicit},
			"hybrid":              {q(confidential, cb, "response_type", "code id_token"), implicit},
			"plain":               {q(confidential, cb, "code_challenge", challenge, "code_challenge_method", "plain"), pkce},
			"method missing":      {q(confidential, cb, "code_challenge", challenge), pkce},
			"public without PKCE": {q(public.ID, "http://127.0.0.1:9999/cb"), pkce},
			"public with plain":   {q(public.ID, "http://127.0.0.1:9999/cb", "code_challenge", challenge, "code_challenge_method", "plain"), pkce},
		}
		for name, tc := range refused {
			if toSignIn, why := authorize(t, e, tc.q); toSignIn || !strings.Contains(why, tc.want) {
				t.Errorf("%s: sent to sign in %v, error %q, want %s", name, toSignIn, why, tc.want)
			}
		}
		for name, v := range map[string]url.Values{
			"confidential":      q(confidential, cb),
			"confidential S256": q(confidential, cb, "code_challenge", challenge, "code_challenge_method", "S256"),
			"public with S256":  q(public.ID, "http://127.0.0.1:9999/cb", "code_challenge", challenge, "code_challenge_method", "S256"),
		} {
			if toSignIn, why := authorize(t, e, v); !toSignIn {
				t.Errorf("%s: refused (%s)", name, why)
			}
		}
	})
}

// A code whose request used PKCE plain (stored before plain was refused at
// authorization) is not exchanged, even with the matching verifier.
func TestTokenExchangeRefusesPlainPKCE(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st, nil)
		a := e.account("ada", "ada@example.com")
		const cb = "https://app.example.com/cb"
		id, sec := e.client(cb)
		now := store.Now()
		code := "legacy-code"
		h := e.p.Keys.HMAC("oidc-auth-code", code) // signin's HMAC purpose for codes
		r := &store.AuthRequest{ClientID: id, RedirectURI: cb, Scopes: "openid", ResponseType: "code",
			CodeChallenge: "the-verifier-itself", CodeChallengeMethod: "plain", AccountID: &a.ID, AuthTime: &now,
			CodeHMAC: &h, ExpiresAt: now.Add(time.Minute)}
		if err := st.CreateAuthRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("POST", e.p.Issuer()+"/oauth/token", strings.NewReader(url.Values{
			"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {cb},
			"code_verifier": {"the-verifier-itself"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(id, sec)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			Error       string `json:"error"`
			AccessToken string `json:"access_token"`
		}
		json.NewDecoder(resp.Body).Decode(&body)
		if resp.StatusCode != http.StatusBadRequest || body.AccessToken != "" || body.Error != "invalid_grant" {
			t.Errorf("exchange: %d %+v", resp.StatusCode, body)
		}
	})
}
