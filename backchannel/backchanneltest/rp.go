// Package backchanneltest is an application for tests: an HTTP server that
// receives OpenID Connect back-channel logout tokens and verifies them as a
// relying party does, with github.com/coreos/go-oidc (signature through the
// provider's JWKS, iss, aud, exp) plus what Back-Channel Logout 1.0 section
// 2.6 asks (typ logout+jwt, the event, sub or sid, jti, iat, no nonce).
package backchanneltest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	jose "github.com/go-jose/go-jose/v4"
)

// Event is the member of the events claim that makes a logout token.
const Event = "http://schemas.openid.net/event/backchannel-logout"

// Logout is one verified logout token the application accepted.
type Logout struct {
	Subject, SID, JTI string
}

// RP is the application. Set ClientID (the aud it expects) before any
// logout arrives; FailFirst answers that many first requests 500; Refuse
// answers every request 400 (an application that rejects the token).
type RP struct {
	URL       string // where logout tokens are posted
	Issuer    string
	ClientID  string
	FailFirst int
	Refuse    bool

	mu       sync.Mutex
	requests int
	got      []Logout
	bad      []string
	verifier *oidc.IDTokenVerifier
}

// NewRP starts an application that trusts issuer; it stops with the test.
func NewRP(t testing.TB, issuer string) *RP {
	t.Helper()
	rp := &RP{Issuer: issuer}
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	rp.URL = srv.URL + "/backchannel-logout"
	return rp
}

// ServeHTTP receives one logout token.
func (rp *RP) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	rp.requests++
	if rp.requests <= rp.FailFirst {
		http.Error(w, "not now", http.StatusInternalServerError)
		return
	}
	l, err := rp.verify(r)
	if err != nil {
		rp.bad = append(rp.bad, err.Error())
		http.Error(w, `{"error":"invalid_request"}`, http.StatusBadRequest)
		return
	}
	if rp.Refuse {
		http.Error(w, `{"error":"invalid_request"}`, http.StatusBadRequest)
		return
	}
	rp.got = append(rp.got, l)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}

func (rp *RP) verify(r *http.Request) (Logout, error) {
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		return Logout{}, fmt.Errorf("%s with %q, want a form POST", r.Method, r.Header.Get("Content-Type"))
	}
	raw := r.PostFormValue("logout_token")
	jws, err := jose.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return Logout{}, fmt.Errorf("parse: %w", err)
	}
	if typ := jws.Signatures[0].Header.ExtraHeaders[jose.HeaderType]; typ != "logout+jwt" {
		return Logout{}, fmt.Errorf("typ %v, want logout+jwt", typ)
	}
	if rp.verifier == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		p, err := oidc.NewProvider(ctx, rp.Issuer)
		if err != nil {
			return Logout{}, fmt.Errorf("discovery: %w", err)
		}
		rp.verifier = p.Verifier(&oidc.Config{ClientID: rp.ClientID})
	}
	tok, err := rp.verifier.Verify(r.Context(), raw)
	if err != nil {
		return Logout{}, fmt.Errorf("verify: %w", err)
	}
	var c struct {
		SID    string                     `json:"sid"`
		JTI    string                     `json:"jti"`
		IAT    int64                      `json:"iat"`
		Nonce  *string                    `json:"nonce"`
		Events map[string]json.RawMessage `json:"events"`
	}
	if err := tok.Claims(&c); err != nil {
		return Logout{}, err
	}
	switch ev, ok := c.Events[Event]; {
	case !ok || len(ev) == 0 || ev[0] != '{':
		return Logout{}, fmt.Errorf("events %v lack %s as an object", c.Events, Event)
	case c.Nonce != nil:
		return Logout{}, fmt.Errorf("a logout token carries a nonce")
	case tok.Subject == "" && c.SID == "":
		return Logout{}, fmt.Errorf("neither sub nor sid")
	case c.JTI == "" || c.IAT == 0:
		return Logout{}, fmt.Errorf("jti %q, iat %d", c.JTI, c.IAT)
	}
	return Logout{Subject: tok.Subject, SID: c.SID, JTI: c.JTI}, nil
}

// Got returns the logouts accepted so far.
func (rp *RP) Got() []Logout {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return append([]Logout(nil), rp.got...)
}

// Bad returns why tokens failed verification.
func (rp *RP) Bad() []string {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return append([]string(nil), rp.bad...)
}

// Requests is how many requests arrived.
func (rp *RP) Requests() int {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return rp.requests
}
