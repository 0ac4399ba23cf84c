package signin_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// rp is a relying party: go-oidc discovery and verification, x/oauth2 code
// exchange with PKCE, a browser that stops at its callback.
type rp struct {
	conf     oauth2.Config
	provider *oidc.Provider
	browser  *http.Client
	callback string
}

func newRP(t *testing.T, e *env) *rp {
	t.Helper()
	app := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(app.Close)
	cb := app.URL + "/callback"
	id, sec := e.client(cb)
	prov, err := oidc.NewProvider(context.Background(), e.p.Issuer())
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	return &rp{provider: prov, callback: cb, browser: browser(cb), conf: oauth2.Config{
		ClientID: id, ClientSecret: sec, Endpoint: prov.Endpoint(), RedirectURL: cb,
		Scopes: []string{oidc.ScopeOpenID, "profile", "email", oidc.ScopeOfflineAccess}}}
}

// signIn runs the browser part: authorize, sign-in form, callback; it
// returns the callback's query (code and state).
func (r *rp) signIn(t *testing.T, user, pw, verifier, nonce string) url.Values {
	t.Helper()
	resp, err := r.browser.Get(r.conf.AuthCodeURL("st4te", oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/signin" {
		t.Fatalf("authorize ended at %s with %d", resp.Request.URL, resp.StatusCode)
	}
	id := resp.Request.URL.Query().Get("id")
	form := url.Values{"id": {id}, "username": {user}, "password": {pw}}
	resp, err = r.browser.PostForm(resp.Request.URL.Scheme+"://"+resp.Request.URL.Host+"/signin", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("sign-in answered %d at %s, want a redirect to the application", resp.StatusCode, resp.Request.URL)
	}
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if !strings.HasPrefix(loc.String(), r.callback) {
		t.Fatalf("redirected to %s", loc)
	}
	return loc.Query()
}

func TestSignInEndToEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st, nil)
		a := e.account("ada", "ada@example.com")
		r := newRP(t, e)

		verifier := oauth2.GenerateVerifier()
		q := r.signIn(t, "ADA@example.com", testPassword, verifier, "n0nce")
		if q.Get("state") != "st4te" || q.Get("code") == "" {
			t.Fatalf("callback query %v", q)
		}
		if _, err := r.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption("wrong-verifier-"+verifier)); err == nil {
			t.Fatal("exchange with a wrong PKCE verifier succeeded")
		}
		q = r.signIn(t, "ada", testPassword, verifier, "n0nce")
		tok, err := r.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
		if err != nil {
			t.Fatalf("exchange: %v", err)
		}
		// A second exchange of the code: TestCodeReplayRevokesItsTokens.
		raw, _ := tok.Extra("id_token").(string)
		idt, err := r.provider.Verifier(&oidc.Config{ClientID: r.conf.ClientID}).Verify(ctx, raw)
		if err != nil {
			t.Fatalf("verify ID token: %v", err)
		}
		var claims struct {
			Email             string   `json:"email"`
			EmailVerified     bool     `json:"email_verified"`
			Name              string   `json:"name"`
			FamilyName        string   `json:"family_name"`
			PreferredUsername string   `json:"preferred_username"`
			UserType          string   `json:"userType"`
			Nonce             string   `json:"nonce"`
			Roles             []string `json:"roles"`
			Groups            []string `json:"groups"`
		}
		decode(t, idt.Claims, &claims)
		if idt.Subject != a.ID || claims.Email != "ada@example.com" || !claims.EmailVerified ||
			claims.Nonce != "n0nce" || claims.UserType != "Employee" || claims.Name != "Ada Lovelace" || claims.PreferredUsername != "ada" ||
			!slices.Equal(claims.Roles, []string{"editor"}) || !slices.Equal(claims.Groups, []string{"Engineering"}) {
			t.Errorf("ID token: sub %s, claims %+v", idt.Subject, claims)
		}
		ui, err := r.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		if err != nil {
			t.Fatalf("userinfo: %v", err)
		}
		decode(t, ui.Claims, &claims)
		if ui.Email != "ada@example.com" || claims.FamilyName != "Lovelace" || !slices.Equal(claims.Groups, []string{"Engineering"}) {
			t.Errorf("userinfo: %+v", claims)
		}

		// Refresh rotates: the new token works, the old one is spent.
		old := *tok
		old.Expiry = time.Now().Add(-time.Minute)
		fresh, err := r.conf.TokenSource(ctx, &old).Token()
		if err != nil || fresh.RefreshToken == "" || fresh.RefreshToken == tok.RefreshToken {
			t.Fatalf("refresh: %v (rotated: %v)", err, fresh != nil && fresh.RefreshToken != tok.RefreshToken)
		}
		if _, err := r.conf.TokenSource(ctx, &old).Token(); err == nil {
			t.Error("a spent refresh token was accepted")
		}

		// Suspension ends the session: userinfo and refresh stop working.
		svc := account.New(st, nil, nil)
		if _, err := svc.Update(ctx, account.System, a.ID, 0, func(a *store.Account) error {
			a.Active = false
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.provider.UserInfo(ctx, oauth2.StaticTokenSource(fresh)); err == nil {
			t.Error("userinfo answered for a suspended account")
		}
		expired := *fresh
		expired.Expiry = time.Now().Add(-time.Minute)
		if _, err := r.conf.TokenSource(ctx, &expired).Token(); err == nil {
			t.Error("refresh worked for a suspended account")
		}
	})
}

func decode(t *testing.T, fn func(any) error, v any) {
	t.Helper()
	if err := fn(v); err != nil {
		t.Fatal(err)
	}
}
