package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
)

// Local admin login is throttled per client address and per email, with the
// counters in the database so the limit holds across replicas.
var loginLimit = store.AttemptLimit{Max: 10, Window: 15 * time.Minute, Lockout: 15 * time.Minute}

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

// loginSubmit: POST /admin/login with email and password.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
	pw := r.PostFormValue("password")
	for _, key := range []string{"admin-login:client:" + s.clientKey(r), "admin-login:email:" + strings.ToLower(email)} {
		ok, err := s.Store.CountAttempt(ctx, key, loginLimit)
		if err != nil {
			s.Log.ErrorContext(ctx, "login throttle", "err", err)
			s.renderLogin(w, r, http.StatusServiceUnavailable, email, "login.err.unavailable")
			return
		}
		if !ok {
			s.renderLogin(w, r, http.StatusTooManyRequests, email, "login.err.throttled")
			return
		}
	}
	a, err := s.Store.AdminByEmail(ctx, email)
	hash := dummyHash()
	if err == nil && a.PasswordHash != "" && !a.Disabled {
		hash = a.PasswordHash
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.Log.ErrorContext(ctx, "login", "err", err)
		s.renderLogin(w, r, http.StatusServiceUnavailable, email, "login.err.unavailable")
		return
	}
	match, verr := password.Verify(hash, pw)
	if err != nil || verr != nil || !match || hash != a.PasswordHash {
		s.renderLogin(w, r, http.StatusUnauthorized, email, "login.err.invalid")
		return
	}
	if err := s.startSession(w, r, a); err != nil {
		s.Log.ErrorContext(ctx, "start session", "err", err)
		s.renderLogin(w, r, http.StatusServiceUnavailable, email, "login.err.unavailable")
		return
	}
	s.auditLogin(ctx, a, "password")
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
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
