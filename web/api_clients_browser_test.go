package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

// relyingParty is the application: a server-side code flow with PKCE
// (x/oauth2) and ID token verification (go-oidc); /callback shows who
// signed in.
type relyingParty struct {
	srv      *httptest.Server
	conf     oauth2.Config
	verifier *oidc.IDTokenVerifier
	mu       sync.Mutex
	pkce     map[string]string // state -> verifier
}

func newRelyingParty(t *testing.T, e *browserEnv) *relyingParty {
	t.Helper()
	rp := &relyingParty{pkce: map[string]string{}}
	rp.srv = httptest.NewServer(http.HandlerFunc(rp.serve))
	t.Cleanup(rp.srv.Close)
	name := "Wiki"
	c, sec, err := e.s.Integrations.CreateClient(context.Background(), "test", integration.ClientInput{Name: &name,
		RedirectURIs: []string{rp.srv.URL + "/callback"}})
	if err != nil {
		t.Fatal(err)
	}
	prov, err := oidc.NewProvider(context.Background(), e.s.SignIn.Issuer())
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	rp.verifier = prov.Verifier(&oidc.Config{ClientID: c.ID})
	rp.conf = oauth2.Config{ClientID: c.ID, ClientSecret: sec, Endpoint: prov.Endpoint(),
		RedirectURL: rp.srv.URL + "/callback", Scopes: []string{oidc.ScopeOpenID, "profile", "email"}}
	return rp
}

func (rp *relyingParty) serve(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/login":
		state, v := oauth2.GenerateVerifier(), oauth2.GenerateVerifier()
		rp.mu.Lock()
		rp.pkce[state] = v
		rp.mu.Unlock()
		http.Redirect(w, r, rp.conf.AuthCodeURL(state, oauth2.S256ChallengeOption(v)), http.StatusFound)
	case "/callback":
		rp.mu.Lock()
		v := rp.pkce[r.URL.Query().Get("state")]
		rp.mu.Unlock()
		tok, err := rp.conf.Exchange(r.Context(), r.URL.Query().Get("code"), oauth2.VerifierOption(v))
		if err != nil {
			http.Error(w, "exchange: "+err.Error(), http.StatusBadGateway)
			return
		}
		raw, _ := tok.Extra("id_token").(string)
		idt, err := rp.verifier.Verify(r.Context(), raw)
		var claims struct {
			Email  string   `json:"email"`
			Groups []string `json:"groups"`
		}
		if err == nil {
			err = idt.Claims(&claims)
		}
		if err != nil {
			http.Error(w, "id token: "+err.Error(), http.StatusBadGateway)
			return
		}
		fmt.Fprintf(w, `<!doctype html><p id="who">%s</p>`, claims.Email)
	default:
		http.NotFound(w, r)
	}
}

// withSignIn mounts the OpenID provider on e's server (rebuilding its handler).
func withSignIn(t *testing.T, e *browserEnv) {
	t.Helper()
	p, err := signin.New(signin.Config{Store: e.s.Store, Keys: e.s.Keys, Log: e.s.Log, BaseURL: e.s.Config.BaseURL,
		OrgName: e.s.Config.OrgName, Mailer: e.s.Invites.Sender})
	if err != nil {
		t.Fatal(err)
	}
	e.s.SignIn, e.s.Registry = p, nil
	e.ts.Config.Handler = e.s.Handler()
}

// An invited person claims the account from the mail, signs in to the
// application, forgets the password, resets it from the mailed link and
// signs in again: Chromium all the way, through the real pages and headers.
func TestBrowserSignInAfterClaimAndReset(t *testing.T) {
	ctx := newBrowser(t)
	e := newBrowserEnv(t, nil)
	withSignIn(t, e)
	rp := newRelyingParty(t, e)
	bg := context.Background()
	in := seedIntegration(t, e.s.Store, &store.Integration{Name: "entra", Kind: "scim", AutoInvite: true})
	if _, err := e.s.Accounts.Create(bg, account.Actor{Kind: "integration", Name: in.Name}, in, &store.Account{
		UserName: "grace@acme.test", DisplayName: "Grace Hopper", Active: true, PreferredLanguage: "en",
		Emails: []store.Email{{Value: "grace@acme.test", Type: "work", IsPrimary: true}}}); err != nil {
		t.Fatal(err)
	}
	claim := regexp.MustCompile(`http://\S+/invite/[A-Za-z0-9_-]+`).FindString(e.smtp.WaitFor(1, 20*time.Second)[0].MustParse(t).Text)
	if err := chromedp.Do(ctx, append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(claim), chromedp.WaitVisible(chromedp.ID("password"))},
		append(fillPassword(goodPassword), chromedp.WaitVisible(chromedp.ID("done")))...)...); err != nil {
		t.Fatalf("claim: %v", err)
	}

	signIn := func(pw string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(rp.srv.URL+"/login"), chromedp.WaitVisible(chromedp.ID("username"))); err != nil {
			t.Fatalf("sign-in page: %v", err)
		}
		screenshot(t, ctx, "signin-form")
		err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("username"), "grace@acme.test"), chromedp.SendKeys(chromedp.ID("password"), pw),
			chromedp.Click(chromedp.CSS("button[type=submit]")), chromedp.WaitVisible(chromedp.ID("who")))
		if err != nil {
			screenshot(t, ctx, "signin-failed")
			t.Fatalf("sign-in: %v", err)
		}
		if who := text(t, ctx, "who"); who != "grace@acme.test" {
			t.Fatalf("application saw %q", who)
		}
	}
	signIn(goodPassword)
	screenshot(t, ctx, "signed-in")

	// Forgot password: the mailed link resets it once.
	err := chromedp.Do(ctx, chromedp.Navigate(rp.srv.URL+"/login"), chromedp.WaitVisible(chromedp.ID("forgot")),
		chromedp.Click(chromedp.ID("forgot")), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "grace@acme.test"), chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("sent")))
	if err != nil {
		t.Fatalf("forgot: %v", err)
	}
	mails := e.smtp.WaitFor(2, 20*time.Second)
	reset := regexp.MustCompile(`http://\S+/signin/reset/[A-Za-z0-9_-]+`).FindString(mails[len(mails)-1].MustParse(t).Text)
	if reset == "" {
		t.Fatal("no reset link in the mail")
	}
	const newPassword = "an entirely new passphrase"
	if err := chromedp.Do(ctx, append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(reset), chromedp.WaitVisible(chromedp.ID("password"))},
		append(fillPassword(newPassword), chromedp.WaitVisible(chromedp.ID("done")))...)...); err != nil {
		t.Fatalf("reset: %v", err)
	}
	screenshot(t, ctx, "reset-done")
	if err := chromedp.Do(ctx, chromedp.Navigate(reset), chromedp.WaitVisible(chromedp.ID("gone"))); err != nil {
		t.Fatalf("reset link reused: %v", err)
	}
	signIn(newPassword)
}
