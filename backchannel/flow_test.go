package backchannel_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/backchannel/backchanneltest"
	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/scim"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

// env is a provisiond over one store: the sign-in provider (its keys sign
// logout tokens, its discovery and JWKS serve the applications) and the
// SCIM surface on one HTTP server, the account service every source
// shares, and the logout worker.
type env struct {
	t        *testing.T
	st       *store.Store
	url      string
	scimTok  string
	in       *store.Integration
	accounts *account.Service
	clients  *integration.Service
	issuer   string
}

func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	keys, err := secret.NewKeys(strings.Repeat("backchannel-test-", 3))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	p, err := signin.New(signin.Config{Store: st, Keys: keys, BaseURL: srv.URL, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	p.Mount(mux, func(h http.Handler) http.Handler { return h }, "/static/style.css")
	e := &env{t: t, st: st, url: srv.URL, accounts: account.New(st, nil, log), issuer: p.Issuer(),
		clients: &integration.Service{Store: st, Egress: backchanneltest.Loopback}}
	mux.Handle(scim.Prefix+"/", scim.New(scim.Options{Store: st, Accounts: e.accounts, BaseURL: srv.URL, Log: log}))
	e.scimTok = secret.NewPrefixedToken(secret.SCIMTokenPrefix)
	h := secret.TokenHash(e.scimTok)
	e.in = &store.Integration{Name: "okta", Kind: "scim", TokenHash: &h}
	if err := st.CreateIntegration(context.Background(), e.in); err != nil {
		t.Fatal(err)
	}
	backchanneltest.StartWorker(t, st, p)
	return e
}

// client registers an application; uri "" registers none.
func (e *env) client(name, uri string, sidRequired bool) *store.OIDCClient {
	e.t.Helper()
	c, _, err := e.clients.CreateClient(context.Background(), "test", integration.ClientInput{Name: &name,
		RedirectURIs: []string{"https://app.example.com/cb"}, BackchannelLogoutURI: &uri, BackchannelLogoutSessionRequired: &sidRequired})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// person is an account of the SCIM integration; with a password it may
// have signed in, sessions names the grants it holds at client c.
func (e *env) person(name string, withPassword bool, c *store.OIDCClient, sessions ...string) *store.Account {
	e.t.Helper()
	ctx := context.Background()
	a := &store.Account{UserName: name, Active: true, Status: store.StatusActive, IntegrationID: &e.in.ID}
	if withPassword {
		a.PasswordHash = "x"
	}
	if err := e.st.CreateAccount(ctx, a); err != nil {
		e.t.Fatal(err)
	}
	for _, fam := range sessions {
		h := "seed-" + store.NewID()
		tok := &store.OIDCToken{Kind: store.TokenRefresh, ClientID: c.ID, AccountID: a.ID, FamilyID: fam, TokenHMAC: &h,
			Scopes: "openid offline_access", AuthTime: store.Now(), ExpiresAt: store.Now().Add(-1)}
		if err := e.st.CreateOIDCToken(ctx, tok); err != nil {
			e.t.Fatal(err)
		}
	}
	return a
}

// scim sends a SCIM request as the integration and returns the status.
func (e *env) scim(method, path, body string) int {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.url+scim.Prefix+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+e.scimTok)
	req.Header.Set("Content-Type", "application/scim+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// logouts lists the recorded logouts of client c in status ("": any).
func (e *env) logouts(c *store.OIDCClient, status string) []store.BackchannelLogout {
	e.t.Helper()
	ls, _, err := e.st.BackchannelLogouts(context.Background(), store.BackchannelLogoutQuery{ClientID: c.ID, Status: status, Limit: 100})
	if err != nil {
		e.t.Fatal(err)
	}
	return ls
}
