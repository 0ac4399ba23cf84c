package signin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// The OAuth 2.0 client credentials grant (RFC 6749 §4.4) for SCIM
// integrations (docs/scim-oauth.md). The client is a SCIM integration:
// client_id is its id, the secret one of its integration_secrets
// (integration.Service.CreateOAuthSecret), authenticated with
// client_secret_basic or client_secret_post. The token is a JWT access
// token (scim_tokens.go) for the SCIM base URL, valid SCIMTokenTTL. The
// OIDC clients of the application never get this grant: pkg/op answers
// them unsupported_grant_type as before.

const (
	grantClientCredentials = "client_credentials"
	// maxTokenRequest bounds a token request body read here.
	maxTokenRequest = 64 << 10
	// ScopeSCIM is the only scope of the grant, and the default.
	ScopeSCIM = "scim"
)

// clientCredentials serves the client credentials grant at the token
// endpoint and lists it in discovery; everything else goes to next.
func (p *Provider) clientCredentials(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/oauth/token":
			body, err := io.ReadAll(io.LimitReader(r.Body, maxTokenRequest+1))
			if err != nil || len(body) > maxTokenRequest {
				tokenError(w, http.StatusBadRequest, "invalid_request", "request body too large or unreadable")
				return
			}
			form, err := url.ParseQuery(string(body))
			if err == nil && form.Get("grant_type") == grantClientCredentials {
				p.clientCredentialsToken(w, r, form)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			next.ServeHTTP(w, r)
		case r.Method == http.MethodGet && r.URL.Path == "/.well-known/openid-configuration":
			serveEditedDiscovery(w, r, next, func(doc map[string]any) {
				gts, _ := doc["grant_types_supported"].([]any)
				if !slices.Contains(gts, any(grantClientCredentials)) {
					doc["grant_types_supported"] = append(gts, grantClientCredentials)
				}
			})
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// clientCredentialsToken authenticates the integration and mints its token.
func (p *Provider) clientCredentialsToken(w http.ResponseWriter, r *http.Request, form url.Values) {
	id, sec, how, err := clientAuth(r, form)
	if err != nil {
		tokenError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	if how == "" {
		invalidClient(w)
		return
	}
	if len(id) > 200 || len(sec) > 200 {
		invalidClient(w)
		return
	}
	ctx := r.Context()
	keys, err := p.throttle(ctx, r, "oauth", id)
	if errors.Is(err, errThrottled) {
		wait := 60
		var te *throttledError
		if errors.As(err, &te) {
			wait = max(1, int(math.Ceil(te.wait.Seconds())))
		}
		w.Header().Set("Retry-After", strconv.Itoa(wait))
		tokenError(w, http.StatusTooManyRequests, "temporarily_unavailable", "too many failed attempts; retry later")
		return
	}
	if err != nil {
		p.Log.ErrorContext(ctx, "oauth client credentials: throttle", "err", err)
		tokenError(w, http.StatusServiceUnavailable, "server_error", "try again later")
		return
	}
	secretID, err := p.checkIntegrationSecret(ctx, id, sec)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			p.Log.ErrorContext(ctx, "oauth client credentials: lookup", "err", err)
			tokenError(w, http.StatusServiceUnavailable, "server_error", "try again later")
			return
		}
		p.Log.InfoContext(ctx, "oauth client credentials refused")
		invalidClient(w)
		return
	}
	p.forgive(ctx, keys)
	if scope := strings.Fields(form.Get("scope")); slices.ContainsFunc(scope, func(s string) bool { return s != ScopeSCIM }) {
		tokenError(w, http.StatusBadRequest, "invalid_scope", `the only scope is "scim"`)
		return
	}
	for _, k := range []string{"resource", "audience"} { // RFC 8707; some clients say audience
		for _, v := range form[k] {
			if strings.TrimSuffix(v, "/") != p.SCIMURL() {
				tokenError(w, http.StatusBadRequest, "invalid_target", "the only resource is "+p.SCIMURL())
				return
			}
		}
	}
	tok, err := p.mintSCIMToken(ctx, id)
	if err != nil {
		p.Log.ErrorContext(ctx, "oauth client credentials: sign", "err", err)
		tokenError(w, http.StatusServiceUnavailable, "server_error", "try again later")
		return
	}
	if err := p.Store.TouchIntegrationSecret(ctx, secretID, store.Now()); err != nil {
		p.Log.WarnContext(ctx, "oauth client credentials: last use", "err", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	json.NewEncoder(w).Encode(map[string]any{"access_token": tok, "token_type": "Bearer",
		"expires_in": int(SCIMTokenTTL.Seconds()), "scope": ScopeSCIM})
}

// clientAuth reads client_secret_basic (the Authorization header, whose
// parts are form-encoded: RFC 6749 §2.3.1) or client_secret_post; how is
// "" when the request carries neither, and err when it carries both.
func clientAuth(r *http.Request, form url.Values) (id, sec, how string, err error) {
	u, pw, basic := r.BasicAuth()
	posted := form.Has("client_id") || form.Has("client_secret")
	switch {
	case basic && posted && form.Get("client_secret") != "":
		return "", "", "", errors.New("use one client authentication method")
	case basic:
		id, err1 := url.QueryUnescape(u)
		sec, err2 := url.QueryUnescape(pw)
		if err1 != nil || err2 != nil || id == "" || sec == "" {
			return "", "", "", nil
		}
		return id, sec, "basic", nil
	case form.Get("client_id") != "" && form.Get("client_secret") != "":
		return form.Get("client_id"), form.Get("client_secret"), "post", nil
	}
	return "", "", "", nil
}

// checkIntegrationSecret returns the id of the valid secret of SCIM
// integration id that sec is, or store.ErrNotFound: unknown, disabled or
// LDAP integration, wrong or retired secret. Every valid secret is
// compared in constant time.
func (p *Provider) checkIntegrationSecret(ctx context.Context, id, sec string) (string, error) {
	in, err := p.Store.IntegrationByID(ctx, id)
	if err != nil {
		return "", err
	}
	if in.Kind != "scim" || in.Disabled {
		return "", store.ErrNotFound
	}
	all, err := p.Store.IntegrationSecrets(ctx, id)
	if err != nil {
		return "", err
	}
	hash, now, found := secret.TokenHash(sec), store.Now(), ""
	for _, c := range all {
		if c.Valid(now) && secret.Equal(c.SecretHash, hash) {
			found = c.ID
		}
	}
	if found == "" {
		return "", store.ErrNotFound
	}
	return found, nil
}

// invalidClient is RFC 6749 §5.2's 401 for a client that failed to
// authenticate; the same for every reason.
func invalidClient(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Basic realm="provisiond", charset="UTF-8"`)
	tokenError(w, http.StatusUnauthorized, "invalid_client", "client authentication failed")
}

// tokenError writes an RFC 6749 §5.2 error response.
func tokenError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}
