package signin_test

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/scim"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// scimEnv is the provider with a SCIM server that accepts its client
// credentials tokens, and the service that gives integrations secrets.
type scimEnv struct {
	*env
	scimURL string // the SCIM server (its own listener; the audience is the provider's BaseURL + /scim/v2)
	svc     *integration.Service
}

func newSCIMEnv(t *testing.T, st *store.Store) *scimEnv {
	t.Helper()
	e := newEnv(t, st, nil)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := scim.New(scim.Options{Store: st, Accounts: account.New(st, nil, log), BaseURL: e.srv.URL, Log: log, OAuth: e.p})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &scimEnv{env: e, scimURL: srv.URL + scim.Prefix, svc: &integration.Service{Store: st}}
}

// integration creates a SCIM integration with a first client secret.
func (e *scimEnv) integration(name string) (*store.Integration, string) {
	e.t.Helper()
	in, _, err := e.svc.Create(context.Background(), "admin:test", integration.Input{Name: &name})
	if err != nil {
		e.t.Fatal(err)
	}
	_, sec, err := e.svc.CreateOAuthSecret(context.Background(), "admin:test", in.ID, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	return in, sec
}

// tokenReply is the token endpoint's answer, success or error.
type tokenReply struct {
	status      int
	header      http.Header
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope"`
	Error       string `json:"error"`
}

// token asks the token endpoint for a client credentials token: with
// client_secret_basic when basic, else client_secret_post; extra adds to
// the form.
func (e *scimEnv) token(id, sec string, basic bool, extra url.Values) tokenReply {
	e.t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}}
	for k, v := range extra {
		form[k] = v
	}
	if !basic && id != "" {
		form.Set("client_id", id)
		form.Set("client_secret", sec)
	}
	req, _ := http.NewRequest("POST", e.p.Issuer()+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basic && id != "" {
		req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(sec))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	r := tokenReply{status: resp.StatusCode, header: resp.Header}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		e.t.Fatalf("token reply %d: %v", resp.StatusCode, err)
	}
	return r
}

// mustToken is token that must succeed.
func (e *scimEnv) mustToken(id, sec string) string {
	e.t.Helper()
	r := e.token(id, sec, true, nil)
	if r.status != http.StatusOK || r.AccessToken == "" {
		e.t.Fatalf("token: %d %s", r.status, r.Error)
	}
	return r.AccessToken
}

// scim sends one SCIM request with a bearer token; it returns the status
// and the body.
func (e *scimEnv) scim(token, method, path, body string, hdr ...string) (int, string) {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.scimURL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/scim+json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// signingKey is the provider's current private key, opened as the
// provider does (for forging tokens in tests).
func (e *scimEnv) signingKey() (string, *rsa.PrivateKey) {
	e.t.Helper()
	keys, err := secret.NewKeys(strings.Repeat("test-master-key-", 3))
	if err != nil {
		e.t.Fatal(err)
	}
	rows, err := e.st.SigningKeys(context.Background(), time.Now())
	if err != nil || len(rows) == 0 {
		e.t.Fatalf("signing keys: %v (%d)", err, len(rows))
	}
	der, err := keys.Open(rows[0].PrivateKeySealed, "oidc-signing-key:"+rows[0].ID)
	if err != nil {
		e.t.Fatal(err)
	}
	priv, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		e.t.Fatal(err)
	}
	return rows[0].ID, priv.(*rsa.PrivateKey)
}

// jwtPart is s as one base64url part of a compact JWT.
func jwtPart(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
