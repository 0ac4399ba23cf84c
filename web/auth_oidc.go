package web

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/provisiond/provisiond/secret"
)

// oidcLogin is the console's OpenID Connect client: authorization code flow
// with PKCE (S256), a nonce in the ID token and a state parameter, all three
// kept in a short-lived, HMAC-signed, HttpOnly cookie between the redirect
// and the callback.
type oidcLogin struct {
	conf     oauth2.Config
	verifier *oidc.IDTokenVerifier
}

const (
	oidcFlowCookie  = "provisiond_oidc"
	oidcFlowPurpose = "admin-oidc-flow"
	oidcFlowTTL     = 10 * time.Minute
)

// oidcFlow is what the flow cookie carries from login to callback.
type oidcFlow struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Next     string `json:"x"`
	Expires  int64  `json:"e"`
}

func (s *Server) oidcEnabled() bool { return s.Config.OIDCIssuer != "" && s.Config.OIDCClientID != "" }

// oidcContext makes go-oidc and x/oauth2 use s.OIDCClient.
func (s *Server) oidcContext(ctx context.Context) context.Context {
	if s.OIDCClient == nil {
		return ctx
	}
	return oidc.ClientContext(ctx, s.OIDCClient)
}

// oidcClient discovers the provider on first use and keeps the result; a
// failed discovery is retried on the next login.
func (s *Server) oidcClient(ctx context.Context) (*oidcLogin, error) {
	s.oidcMu.Lock()
	defer s.oidcMu.Unlock()
	if s.oidc != nil {
		return s.oidc, nil
	}
	p, err := oidc.NewProvider(s.oidcContext(ctx), s.Config.OIDCIssuer)
	if err != nil {
		return nil, fmt.Errorf("web: oidc discovery: %w", err)
	}
	scopes := []string{oidc.ScopeOpenID, "email", "profile"}
	if s.Config.OIDCAdminGroups != "" {
		scopes = append(scopes, "groups")
	}
	s.oidc = &oidcLogin{
		conf: oauth2.Config{ClientID: s.Config.OIDCClientID, ClientSecret: s.Config.OIDCClientSecret,
			Endpoint: p.Endpoint(), RedirectURL: s.Config.BaseURL + "/admin/oidc/callback", Scopes: scopes},
		verifier: p.Verifier(&oidc.Config{ClientID: s.Config.OIDCClientID}),
	}
	return s.oidc, nil
}

// setFlowCookie signs f into the flow cookie.
func (s *Server) setFlowCookie(w http.ResponseWriter, f oidcFlow) {
	b, _ := json.Marshal(f)
	payload := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: oidcFlowCookie, Value: payload + "." + s.Keys.HMAC(oidcFlowPurpose, payload),
		Path: "/admin/", MaxAge: int(oidcFlowTTL.Seconds()), HttpOnly: true, Secure: s.secureCookies(),
		SameSite: http.SameSiteLaxMode})
}

// takeFlowCookie reads, checks and clears the flow cookie.
func (s *Server) takeFlowCookie(w http.ResponseWriter, r *http.Request) (oidcFlow, error) {
	var f oidcFlow
	c, err := r.Cookie(oidcFlowCookie)
	if err != nil {
		return f, errors.New("web: oidc callback without a flow cookie")
	}
	http.SetCookie(w, &http.Cookie{Name: oidcFlowCookie, Value: "", Path: "/admin/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
	payload, mac, ok := strings.Cut(c.Value, ".")
	if !ok || subtle.ConstantTimeCompare([]byte(mac), []byte(s.Keys.HMAC(oidcFlowPurpose, payload))) != 1 {
		return f, errors.New("web: oidc flow cookie signature mismatch")
	}
	b, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return f, fmt.Errorf("web: oidc flow cookie: %w", err)
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return f, fmt.Errorf("web: oidc flow cookie: %w", err)
	}
	if time.Now().Unix() > f.Expires {
		return f, errors.New("web: oidc flow cookie expired")
	}
	return f, nil
}

// oidcStart: GET /admin/login/oidc redirects to the provider.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	if !s.oidcEnabled() {
		http.NotFound(w, r)
		return
	}
	c, err := s.oidcClient(r.Context())
	if err != nil {
		s.Log.ErrorContext(r.Context(), "oidc login", "err", err)
		s.renderLogin(w, r, http.StatusBadGateway, "", "login.err.provider")
		return
	}
	f := oidcFlow{State: secret.NewToken(), Nonce: secret.NewToken(), Verifier: oauth2.GenerateVerifier(),
		Next: safeNext(r.URL.Query().Get("next")), Expires: time.Now().Add(oidcFlowTTL).Unix()}
	s.setFlowCookie(w, f)
	http.Redirect(w, r, c.conf.AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)), http.StatusFound)
}

// safeNext keeps a post-login destination only when it is a console path.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/admin/") && !strings.HasPrefix(next, "//") && !strings.Contains(next, "\\") {
		return next
	}
	return "/admin/"
}
