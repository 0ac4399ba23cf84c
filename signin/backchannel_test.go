package signin_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/backchannel/backchanneltest"
	"github.com/provisiond/provisiond/jobs/jobstest"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// An application that signed a person in and registered a back-channel
// logout URI is told when the account is suspended: one logout token, which
// go-oidc verifies with the provider's JWKS, naming the account (sub) and
// the session of its ID tokens (sid, the same after a refresh); the first
// attempt answered 500 is retried. Discovery advertises it.
func TestBackchannelLogoutEndToEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st, nil)
		a := e.account("ada", "ada@example.com")
		r := newRP(t, e)
		app := backchanneltest.NewRP(t, e.p.Issuer())
		app.ClientID, app.FailFirst = r.conf.ClientID, 1
		if _, err := st.UpdateOIDCClient(ctx, r.conf.ClientID, func(c *store.OIDCClient) error {
			c.BackchannelLogoutURI = app.URL
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		backchanneltest.StartWorker(t, st, e.p)

		verifier := oauth2.GenerateVerifier()
		q := r.signIn(t, "ada", testPassword, verifier, "n0nce")
		tok, err := r.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
		if err != nil {
			t.Fatalf("exchange: %v", err)
		}
		sid := idTokenSID(t, r, tok)
		old := *tok
		old.Expiry = time.Now().Add(-time.Minute)
		fresh, err := r.conf.TokenSource(ctx, &old).Token()
		if err != nil {
			t.Fatalf("refresh: %v", err)
		}
		if got := idTokenSID(t, r, fresh); sid == "" || got != sid {
			t.Fatalf("sid %q after the code exchange, %q after a refresh: want one session", sid, got)
		}

		svc := account.New(st, nil, nil)
		if _, err := svc.Update(ctx, account.System, a.ID, 0, func(a *store.Account) error { a.Active = false; return nil }); err != nil {
			t.Fatal(err)
		}
		jobstest.WaitFor(t, "the logout token", func() bool {
			ls, _, err := st.BackchannelLogouts(ctx, store.BackchannelLogoutQuery{AccountID: a.ID, Status: store.WebhookDelivered, Limit: 1})
			return err == nil && len(ls) > 0
		})
		got := app.Got()
		if len(got) != 1 || got[0].Subject != a.ID || got[0].SID != sid {
			t.Errorf("logouts %+v, want one for sub %s sid %s", got, a.ID, sid)
		}
		if bad := app.Bad(); len(bad) > 0 || app.Requests() != 2 {
			t.Errorf("%d requests (want 2: a 500, then the token); refused tokens: %v", app.Requests(), bad)
		}
		ls, _, err := st.BackchannelLogouts(ctx, store.BackchannelLogoutQuery{AccountID: a.ID, Limit: 10})
		if err != nil || len(ls) != 1 || ls[0].Attempts != 2 || ls[0].Status != store.WebhookDelivered || ls[0].LastStatusCode != 200 {
			t.Errorf("recorded %+v (%v), want one delivered after 2 attempts", ls, err)
		}

		resp, err := http.Get(e.p.Issuer() + "/.well-known/openid-configuration")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var doc struct {
			Supported bool `json:"backchannel_logout_supported"`
			Session   bool `json:"backchannel_logout_session_supported"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil || !doc.Supported || !doc.Session {
			t.Errorf("discovery: %+v %v, want back-channel logout (with sessions) supported", doc, err)
		}
	})
}

// idTokenSID verifies tok's ID token and returns its sid.
func idTokenSID(t *testing.T, r *rp, tok *oauth2.Token) string {
	t.Helper()
	raw, _ := tok.Extra("id_token").(string)
	idt, err := r.provider.Verifier(&oidc.Config{ClientID: r.conf.ClientID}).Verify(context.Background(), raw)
	if err != nil {
		t.Fatalf("verify ID token: %v", err)
	}
	var c struct {
		SID string `json:"sid"`
	}
	decode(t, idt.Claims, &c)
	return c.SID
}
