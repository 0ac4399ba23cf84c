package signin_test

import (
	"context"
	"crypto/x509"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// The token endpoint refuses per RFC 6749 §5.2.
func TestSCIMClientCredentialsRefusals(t *testing.T) {
	e := newSCIMEnv(t, storetest.Open(t, store.SQLite))
	in, sec := e.integration("Entra")
	other, otherSec := e.integration("Okta")
	for name, c := range map[string]struct {
		id, sec string
		basic   bool
		extra   url.Values
		status  int
		err     string
	}{
		"wrong secret":               {in.ID, sec + "x", true, nil, 401, "invalid_client"},
		"another integration's":      {in.ID, otherSec, true, nil, 401, "invalid_client"},
		"unknown client":             {"nope", sec, false, nil, 401, "invalid_client"},
		"no credentials":             {"", "", false, nil, 401, "invalid_client"},
		"both methods":               {in.ID, sec, true, url.Values{"client_id": {in.ID}, "client_secret": {sec}}, 400, "invalid_request"},
		"other scope":                {in.ID, sec, true, url.Values{"scope": {"scim openid"}}, 400, "invalid_scope"},
		"other resource":             {in.ID, sec, true, url.Values{"resource": {"https://graph.example.com"}}, 400, "invalid_target"},
		"huge client id":             {strings.Repeat("a", 10000), sec, true, nil, 401, "invalid_client"},
		"unsupported grant (pkg/op)": {in.ID, sec, false, url.Values{"grant_type": {"password"}}, 400, "unsupported_grant_type"},
	} {
		r := e.token(c.id, c.sec, c.basic, c.extra)
		if r.status != c.status || r.Error != c.err || r.AccessToken != "" {
			t.Errorf("%s: %d %s, want %d %s", name, r.status, r.Error, c.status, c.err)
		}
		if c.status == 401 && !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Basic") {
			t.Errorf("%s: WWW-Authenticate %q", name, r.header.Get("WWW-Authenticate"))
		}
	}
	// An OIDC client of the application gets no client credentials token.
	id, csec := e.client("https://wiki.example.com/cb")
	if r := e.token(id, csec, true, nil); r.status != 401 {
		t.Errorf("OIDC client: %d %s", r.status, r.Error)
	}
	// A huge body is refused before it is parsed.
	resp, err := http.Post(e.p.Issuer()+"/oauth/token", "application/x-www-form-urlencoded",
		strings.NewReader("grant_type=client_credentials&x="+strings.Repeat("a", 1<<20)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("huge body: %d", resp.StatusCode)
	}
	// Failures are throttled per client: past the free ones, 429.
	throttled := false
	for i := 0; i < 40 && !throttled; i++ {
		throttled = e.token(other.ID, "wrong", true, nil).status == http.StatusTooManyRequests
	}
	if !throttled {
		t.Errorf("40 failures were never throttled")
	}
}

// A token works only as the integration it was issued to, only while
// that integration is enabled, and only if it is ours, unexpired, for SCIM.
func TestSCIMTokenWorstInputs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newSCIMEnv(t, st)
		a, aSec := e.integration("Entra")
		b, bSec := e.integration("Okta")
		aTok, bTok := e.mustToken(a.ID, aSec), e.mustToken(b.ID, bSec)
		code, body := e.scim(bTok, "POST", "/Users", `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bob@example.com"}`)
		if code != http.StatusCreated {
			t.Fatalf("create as b: %d %s", code, body)
		}
		bUser := body[strings.Index(body, `"id":"`)+6:]
		bUser = bUser[:strings.Index(bUser, `"`)]
		// A's token is A's: B's account is not there.
		if code, _ := e.scim(aTok, "GET", "/Users/"+bUser, ""); code != http.StatusNotFound {
			t.Errorf("b's user with a's token: %d", code)
		}
		if _, body := e.scim(aTok, "GET", "/Users", ""); !strings.Contains(body, `"totalResults":0`) {
			t.Errorf("a's list shows b's users: %s", body)
		}

		kid, priv := e.signingKey()
		forge := func(typ string, alg jose.SignatureAlgorithm, key any, c map[string]any) string {
			sig, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key},
				(&jose.SignerOptions{}).WithType(jose.ContentType(typ)).WithHeader("kid", kid))
			if err != nil {
				t.Fatal(err)
			}
			tok, err := jwt.Signed(sig).Claims(c).Serialize()
			if err != nil {
				t.Fatal(err)
			}
			return tok
		}
		now := time.Now()
		claims := func(edit func(map[string]any)) map[string]any {
			c := map[string]any{"iss": e.p.Issuer(), "sub": a.ID, "client_id": a.ID, "aud": e.p.SCIMURL(),
				"iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
			if edit != nil {
				edit(c)
			}
			return c
		}
		pubDER, _ := x509.MarshalPKIXPublicKey(&priv.PublicKey)
		header := func(s string) string { return jwtPart(`{"alg":"` + s + `","typ":"at+jwt","kid":"` + kid + `"}`) }
		payload := jwtPart(`{"iss":"` + e.p.Issuer() + `","sub":"` + a.ID + `","client_id":"` + a.ID +
			`","aud":"` + e.p.SCIMURL() + `","exp":` + itoa(now.Add(time.Hour).Unix()) + `}`)
		if code, _ := e.scim(forge("at+jwt", jose.RS256, priv, claims(nil)), "GET", "/Users", ""); code != 200 {
			t.Fatalf("a well-forged token is refused (%d): the cases below prove nothing", code)
		}
		for name, tok := range map[string]string{
			"aud of another service":    forge("at+jwt", jose.RS256, priv, claims(func(c map[string]any) { c["aud"] = "https://graph.example.com" })),
			"expired":                   forge("at+jwt", jose.RS256, priv, claims(func(c map[string]any) { c["exp"] = now.Add(-2 * time.Minute).Unix() })),
			"no expiry":                 forge("at+jwt", jose.RS256, priv, claims(func(c map[string]any) { delete(c, "exp") })),
			"another issuer":            forge("at+jwt", jose.RS256, priv, claims(func(c map[string]any) { c["iss"] = "https://evil.example.com/oidc" })),
			"sub is not client_id":      forge("at+jwt", jose.RS256, priv, claims(func(c map[string]any) { c["sub"] = b.ID })),
			"an ID token (typ JWT)":     forge("JWT", jose.RS256, priv, claims(nil)),
			"alg none":                  header("none") + "." + payload + ".",
			"HS256 with our public key": forge("at+jwt", jose.HS256, pubDER, claims(nil)),
			"HS256 header, RS sig":      header("HS256") + "." + payload + "." + jwtPart("x"),
			"garbage with dots":         "a.b.c",
			"huge token":                strings.Repeat("a", 100<<10) + ".b.c",
		} {
			if code, body := e.scim(tok, "GET", "/Users", ""); code != http.StatusUnauthorized {
				t.Errorf("%s: %d %s", name, code, body)
			}
		}
		// A header past the server's limit never reaches the handler.
		if code, _ := e.scim(strings.Repeat("a", 2<<20), "GET", "/Users", ""); code != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("2 MiB Authorization header: %d", code)
		}

		// The sign-in (user) tokens of the application are not SCIM tokens.
		e.account("ada", "ada@example.com")
		user := newRP(t, e.env).tokens(t, "ada")
		idTok, _ := user.Extra("id_token").(string)
		for name, tok := range map[string]string{"user access token": user.AccessToken, "user ID token": idTok, "refresh token": user.RefreshToken} {
			if code, _ := e.scim(tok, "GET", "/Users", ""); code != http.StatusUnauthorized {
				t.Errorf("%s: %d", name, code)
			}
		}

		// Disabling A stops its issued token at once and its minting;
		// deleting B does the same for B.
		disabled := true
		if _, err := e.svc.Update(ctx, "admin:test", a.ID, integration.Input{Disabled: &disabled}); err != nil {
			t.Fatal(err)
		}
		if code, _ := e.scim(aTok, "GET", "/Users", ""); code != http.StatusUnauthorized {
			t.Errorf("token of a disabled integration: %d", code)
		}
		if r := e.token(a.ID, aSec, true, nil); r.status != http.StatusUnauthorized {
			t.Errorf("minting for a disabled integration: %d", r.status)
		}
		if err := e.svc.Delete(ctx, "admin:test", b.ID); err != nil {
			t.Fatal(err)
		}
		if code, _ := e.scim(bTok, "GET", "/Users", ""); code != http.StatusUnauthorized {
			t.Errorf("token of a deleted integration: %d", code)
		}
		if r := e.token(b.ID, bSec, true, nil); r.status != http.StatusUnauthorized {
			t.Errorf("minting for a deleted integration: %d", r.status)
		}
	})
}
