package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/provisiond/provisiond/scim"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

// withSCIMAndSignIn mounts the SCIM surface and the OpenID provider on the
// stack, as serve does, and returns the bearer token of a SCIM integration
// (no auto-invite) allowed to write accounts.
func (e *browserEnv) withSCIMAndSignIn(t *testing.T) string {
	t.Helper()
	p, err := signin.New(signin.Config{Store: e.s.Store, Keys: e.s.Keys, BaseURL: e.s.Config.BaseURL, OrgName: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	e.s.SignIn = p
	e.s.SCIM = scim.New(scim.Options{Store: e.s.Store, Accounts: e.s.Accounts, BaseURL: e.s.Config.BaseURL, Log: e.s.Log})
	e.s.Registry = nil
	e.ts.Config.Handler = e.s.Handler()
	token := secret.NewPrefixedToken(secret.SCIMTokenPrefix)
	hash := secret.TokenHash(token)
	seedIntegration(t, e.s.Store, &store.Integration{Name: "entra", Kind: "scim", TokenHash: &hash,
		Permissions: "accounts:read accounts:write accounts:deactivate groups:read groups:write"})
	return token
}

// scimCreate posts a SCIM user whose userName and address are email.
func (e *browserEnv) scimCreate(t *testing.T, token, email string) int {
	t.Helper()
	code, _ := postSCIMUser(t, e.ts.URL+"/scim/v2", token, `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"`+email+`",
		"active":true,"displayName":"Real Person","emails":[{"value":"`+email+`","type":"work","primary":true}]}`)
	return code
}

// postSCIMUser posts a SCIM User document to base (.../scim/v2) as the
// integration holding token does, and returns the status and the created
// user's id.
func postSCIMUser(t *testing.T, base, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/Users", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/scim+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var created struct{ ID string }
	json.NewDecoder(resp.Body).Decode(&created)
	return resp.StatusCode, created.ID
}

var claimLinkRE = regexp.MustCompile(`http://\S+/invite/[A-Za-z0-9_-]+`)

// mailedLink waits for the n-th mail, checks its recipient and returns the
// claim link in it with the parsed subject.
func (e *browserEnv) mailedLink(t *testing.T, n int, to string) (link, subject string) {
	t.Helper()
	m := e.smtp.WaitFor(n, 20*time.Second)[n-1]
	p := m.MustParse(t)
	if len(m.To) != 1 || !strings.EqualFold(m.To[0], to) {
		t.Fatalf("mail %d to %v, want %s", n, m.To, to)
	}
	if link = claimLinkRE.FindString(p.Text); link == "" {
		t.Fatalf("no claim link in mail %d:\n%s", n, p.Text)
	}
	return link, p.Subject
}

// signInToApp runs an application's authorization code flow (PKCE, a
// confidential client) against the stack's provider as user with pw. It
// returns the ID token's claims, or ok false when the sign-in is refused.
func (e *browserEnv) signInToApp(t *testing.T, user, pw string) (claims map[string]any, ok bool) {
	t.Helper()
	ctx := context.Background()
	app := httptest.NewServer(http.NotFoundHandler())
	defer app.Close()
	cb := app.URL + "/cb"
	sec := secret.NewToken()
	uris, _ := json.Marshal([]string{cb})
	c := &store.OIDCClient{Name: "app-" + store.NewID(), SecretHash: secret.TokenHash(sec), RedirectURIs: string(uris)}
	if err := e.s.Store.CreateOIDCClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	base := e.s.Config.BaseURL
	conf := oauth2.Config{ClientID: c.ID, ClientSecret: sec, RedirectURL: cb, Scopes: []string{"openid", "email", "profile"},
		Endpoint: oauth2.Endpoint{AuthURL: base + "/oidc/authorize", TokenURL: base + "/oidc/oauth/token"}}
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, CheckRedirect: func(r *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(r.URL.String(), cb) {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	verifier := oauth2.GenerateVerifier()
	resp, err := browser.Get(conf.AuthCodeURL("st4te", oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/signin" {
		t.Fatalf("authorize ended at %s (%d)", resp.Request.URL, resp.StatusCode)
	}
	resp, err = browser.PostForm(base+"/signin", url.Values{"id": {resp.Request.URL.Query().Get("id")},
		"username": {user}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || loc == nil || loc.Query().Get("code") == "" {
		return nil, false
	}
	tok, err := conf.Exchange(ctx, loc.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		t.Fatalf("ID token %q", raw)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || json.Unmarshal(payload, &claims) != nil {
		t.Fatalf("ID token payload: %v", err)
	}
	return claims, true
}
