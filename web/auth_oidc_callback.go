package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"golang.org/x/oauth2"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/store"
)

// oidcClaims are the ID token claims the console reads.
type oidcClaims struct {
	Email         string        `json:"email"`
	EmailVerified emailVerified `json:"email_verified"`
	Name          string        `json:"name"`
	Groups        []string      `json:"groups"`
}

// errNotAdmitted means the provider vouched for someone the configuration
// does not admit; the two below are its particular cases.
var (
	errNotAdmitted     = errors.New("web: oidc identity not admitted to the console")
	errUnverifiedEmail = fmt.Errorf("%w: no verified email", errNotAdmitted)
	errAdminDisabled   = fmt.Errorf("%w: the admin is disabled", errNotAdmitted)
)

// oidcCallback: GET /admin/oidc/callback checks state, exchanges the code
// with the PKCE verifier, verifies the ID token and its nonce, admits the
// person and starts a session.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	if !s.oidcEnabled() {
		http.NotFound(w, r)
		return
	}
	f, err := s.takeFlowCookie(w, r)
	q := r.URL.Query()
	if err == nil && subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.State)) != 1 {
		err = errors.New("web: oidc state mismatch")
	}
	if err == nil && q.Get("error") != "" {
		err = fmt.Errorf("web: oidc provider refused: %s", q.Get("error"))
	}
	var claims oidcClaims
	if err == nil {
		claims, err = s.oidcExchange(r.Context(), q.Get("code"), f)
	}
	var a *store.Admin
	if err == nil {
		a, err = s.admitOIDC(r.Context(), claims)
	}
	if err == nil {
		err = s.startSession(w, r, a)
	}
	if err != nil {
		s.Log.WarnContext(r.Context(), "oidc login failed", "err", err)
		key := "login.err.oidc"
		if errors.Is(err, errNotAdmitted) {
			key = "login.err.not_admitted"
			s.auditOIDCRefused(r, claims, err)
		}
		s.renderLogin(w, r, http.StatusForbidden, "", key)
		return
	}
	s.auditLogin(r.Context(), a, "oidc")
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
}

// oidcExchange trades the code for tokens and returns the verified ID token's claims.
func (s *Server) oidcExchange(ctx context.Context, code string, f oidcFlow) (oidcClaims, error) {
	var claims oidcClaims
	c, err := s.oidcClient(ctx)
	if err != nil {
		return claims, err
	}
	ctx = s.oidcContext(ctx)
	tok, err := c.conf.Exchange(ctx, code, oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return claims, fmt.Errorf("web: oidc code exchange: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return claims, errors.New("web: oidc token response without id_token")
	}
	idt, err := c.verifier.Verify(ctx, raw)
	if err != nil {
		return claims, fmt.Errorf("web: oidc id token: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.Nonce)) != 1 {
		return claims, errors.New("web: oidc nonce mismatch")
	}
	if err := idt.Claims(&claims); err != nil {
		return claims, fmt.Errorf("web: oidc claims: %w", err)
	}
	// Only an address the provider vouches for names an admin: a missing
	// claim is not a yes (Entra ID, for one, sends a mutable, unverified
	// email without it), or anyone able to set their own email at the
	// provider would log in as the admin who has that address.
	if claims.Email == "" || !bool(claims.EmailVerified) {
		return claims, errUnverifiedEmail
	}
	return claims, nil
}

// admitOIDC returns the admin a verified identity logs in as: an existing,
// enabled admin with that email keeps its role; otherwise someone listed in
// OIDC_ADMIN_EMAILS or holding a group of OIDC_ADMIN_GROUPS becomes an
// admin (the very first admin of the instance becomes its creator owner).
func (s *Server) admitOIDC(ctx context.Context, c oidcClaims) (*store.Admin, error) {
	a, err := s.Store.AdminByEmail(ctx, c.Email)
	if err == nil {
		if a.Disabled {
			return nil, fmt.Errorf("%w (%s)", errAdminDisabled, a.ID)
		}
		return a, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if !listed(s.Config.OIDCAdminEmails, c.Email) && !slices.ContainsFunc(c.Groups, func(g string) bool {
		return listed(s.Config.OIDCAdminGroups, g)
	}) {
		return nil, errNotAdmitted
	}
	a, err = s.Integrations.CreateAdmin(ctx, "admin:"+c.Email, integration.AdminInput{Email: &c.Email, Name: &c.Name, Via: "oidc"})
	if err != nil {
		return nil, fmt.Errorf("web: admit %s: %w", c.Email, err)
	}
	return a, nil
}

// listed reports whether v is in the operator's comma-separated list:
// exactly, but for the case of ASCII letters (store.SameEmail; Unicode case
// folding would admit look-alikes). Spaces around the list's items are the
// operator's formatting; v itself is taken as the provider sent it.
func listed(list, v string) bool {
	for item := range strings.SplitSeq(list, ",") {
		if item = strings.TrimSpace(item); item != "" && store.SameEmail(item, v) {
			return true
		}
	}
	return false
}

// auditOIDCRefused records a login the provider vouched for but the console
// refused (unverified email, not admitted, disabled admin). Forged or broken
// callbacks are only logged: anyone can send those, cheaply and at will.
func (s *Server) auditOIDCRefused(r *http.Request, c oidcClaims, err error) {
	reason := "not_admitted"
	switch {
	case errors.Is(err, errUnverifiedEmail):
		reason = "unverified_email"
	case errors.Is(err, errAdminDisabled):
		reason = "disabled"
	}
	details := map[string]any{"method": "oidc", "reason": reason, "email": c.Email,
		"emailVerified": bool(c.EmailVerified), "client": s.clientKey(r)}
	if err := s.Store.Audit(r.Context(), "anonymous", "admin.login_failed", "admin", "", details); err != nil {
		s.Log.ErrorContext(r.Context(), "audit refused oidc login", "err", err)
	}
}
