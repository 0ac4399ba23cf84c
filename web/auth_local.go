package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
)

// dummyHash is verified when no admin matches, so an unknown email costs the
// same argon2id time as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := password.Hash("provisiond-no-such-admin")
	return h
})

// loginPage: GET /admin/login.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.renderLogin(w, r, http.StatusOK, "", "")
}

// renderLogin shows the login form with an optional error (a catalog key).
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, email, errKey string) {
	d := s.newConsole(r, "login", email)
	d.OIDC, d.Next = s.oidcEnabled(), safeNext(r.FormValue("next"))
	if errKey != "" {
		d.Error = translate(d.Lang, errKey)
	}
	s.renderConsole(w, r, status, "login", d)
}

// loginSubmit: POST /admin/login with email and password. Throttled per
// account and per client (auth_local_throttle.go); failures are audited.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
	pw := r.PostFormValue("password")
	keys := s.loginKeys(r, email)
	wait, err := s.reserveLogin(ctx, keys)
	if err != nil {
		s.Log.ErrorContext(ctx, "login throttle", "err", err)
		s.renderLogin(w, r, http.StatusServiceUnavailable, email, "login.err.unavailable")
		return
	}
	if wait > 0 {
		s.renderThrottled(w, r, email, wait)
		return
	}
	a, err := s.Store.AdminByEmail(ctx, email)
	hash := dummyHash()
	switch {
	case err == nil && a.PasswordHash != "" && !a.Disabled:
		hash = a.PasswordHash
	case errors.Is(err, store.ErrNotFound):
		a = nil
	case err != nil:
		s.Log.ErrorContext(ctx, "login", "err", err)
		s.renderLogin(w, r, http.StatusServiceUnavailable, email, "login.err.unavailable")
		return
	}
	match, verr := password.Verify(hash, pw)
	if a == nil || verr != nil || !match || hash != a.PasswordHash {
		s.auditLoginFailed(ctx, r, a, "password", loginFailure(a, match))
		s.renderLogin(w, r, http.StatusUnauthorized, email, "login.err.invalid")
		return
	}
	if err := s.startSession(w, r, a); err != nil {
		s.Log.ErrorContext(ctx, "start session", "err", err)
		s.renderLogin(w, r, http.StatusServiceUnavailable, email, "login.err.unavailable")
		return
	}
	s.loginSucceeded(ctx, keys)
	s.auditLogin(ctx, a, "password")
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

// loginFailure names why a password login failed, for the audit trail.
func loginFailure(a *store.Admin, match bool) string {
	switch {
	case a == nil:
		return "unknown_account"
	case a.Disabled:
		return "disabled"
	case a.PasswordHash == "":
		return "no_password"
	case !match:
		return "wrong_password"
	}
	return "error"
}

// auditLogin records a console login; a failure to write it is logged only.
func (s *Server) auditLogin(ctx context.Context, a *store.Admin, method string) {
	if err := s.Store.Audit(ctx, "admin:"+a.Email, "admin.login", "admin", a.ID, map[string]any{"method": method}); err != nil {
		s.Log.ErrorContext(ctx, "audit login", "err", err)
	}
}

// logout: POST /admin/logout ends the session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	s.endSession(w, r)
	http.Redirect(w, r, "/admin/login?done=logged_out", http.StatusSeeOther)
}
