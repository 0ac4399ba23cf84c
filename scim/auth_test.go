package scim

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"

	"github.com/provisiond/provisiond/store"
)

func TestBearerToken(t *testing.T) {
	ts := newTestServer(t, store.SQLite, nil)
	ctx := context.Background()
	for _, tok := range []string{"", "wrong", ts.token + "x", strings.ToUpper(ts.token)} {
		r := ts.doAs(tok, "GET", "/Users", nil).mustStatus(t, http.StatusUnauthorized)
		if r.str("status") != "401" || r.str("detail") == "" || r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("401 body %s", r.raw)
		}
	}
	ts.do("GET", "/Users", nil).mustStatus(t, http.StatusOK)
	// Discovery needs the token too.
	ts.doAs("", "GET", "/ServiceProviderConfig", nil).mustStatus(t, http.StatusUnauthorized)

	// Rotation: the old token stops working at once.
	newHash := "rotated"
	if _, err := ts.store.UpdateIntegration(ctx, ts.in.ID, func(in *store.Integration) error { in.TokenHash = &newHash; return nil }); err != nil {
		t.Fatal(err)
	}
	ts.do("GET", "/Users", nil).mustStatus(t, http.StatusUnauthorized)

	// Disabled integration.
	in2, tok2 := ts.addIntegration("disabled-later")
	ts.doAs(tok2, "GET", "/Users", nil).mustStatus(t, http.StatusOK)
	ts.store.UpdateIntegration(ctx, in2.ID, func(in *store.Integration) error { in.Disabled = true; return nil })
	ts.doAs(tok2, "GET", "/Users", nil).mustStatus(t, http.StatusUnauthorized)
}

func TestJWTBearer(t *testing.T) {
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	ts := newTestServer(t, store.SQLite, nil)
	ctx := context.Background()
	in, _ := ts.addIntegration("entra-oauth")
	ts.store.UpdateIntegration(ctx, in.ID, func(i *store.Integration) error {
		i.OIDCIssuer, i.OIDCAudience = m.Issuer(), "api://provisiond"
		return nil
	})
	sign := func(iss, aud string, exp time.Time) string {
		tok, err := m.Keypair.SignJWT(jwt.RegisteredClaims{Issuer: iss, Audience: jwt.ClaimStrings{aud},
			Subject: "entra", ExpiresAt: jwt.NewNumericDate(exp), IssuedAt: jwt.NewNumericDate(time.Now())})
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	good := sign(m.Issuer(), "api://provisiond", time.Now().Add(time.Hour))
	r := ts.doAs(good, "POST", "/Users", `{"userName":"jwt-user"}`).mustStatus(t, http.StatusCreated)
	a, _ := ts.store.AccountByID(ctx, r.str("id"))
	if a.IntegrationID == nil || *a.IntegrationID != in.ID {
		t.Errorf("JWT user attributed to %v, want %s", a.IntegrationID, in.ID)
	}
	for name, tok := range map[string]string{
		"wrong audience": sign(m.Issuer(), "api://other", time.Now().Add(time.Hour)),
		"expired":        sign(m.Issuer(), "api://provisiond", time.Now().Add(-time.Hour)),
		"unknown issuer": sign("https://issuer.invalid", "api://provisiond", time.Now().Add(time.Hour)),
		"tampered":       good[:len(good)-4] + "AAAA",
	} {
		if r := ts.doAs(tok, "GET", "/Users", nil); r.status != http.StatusUnauthorized {
			t.Errorf("%s: %d", name, r.status)
		}
	}
}
