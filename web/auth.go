package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Console sessions: a random cookie value whose HMAC keys a row of the
// sessions table, so the table alone logs nobody in. A session ends after
// SessionIdle without a request or SessionMaxAge after login, whichever
// comes first, and at logout.
const (
	defaultSessionIdle   = 30 * time.Minute
	defaultSessionMaxAge = 12 * time.Hour
	sessionPurpose       = "admin-session" // HMAC sub-key of session ids
	sessionTouchEvery    = time.Minute     // write last_seen_at at most this often
)

// sessionCookieName is __Host- prefixed over https, which pins the cookie to
// this host and path / and requires Secure.
func (s *Server) sessionCookieName() string {
	if s.secureCookies() {
		return "__Host-provisiond_session"
	}
	return "provisiond_session"
}

func (s *Server) secureCookies() bool { return strings.HasPrefix(s.Config.BaseURL, "https://") }

func (s *Server) sessionLimits() (idle, maxAge time.Duration) {
	idle, maxAge = s.SessionIdle, s.SessionMaxAge
	if idle <= 0 {
		idle = defaultSessionIdle
	}
	if maxAge <= 0 {
		maxAge = defaultSessionMaxAge
	}
	return idle, maxAge
}

// startSession stores a new session for admin a and sets its cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, a *store.Admin) error {
	_, maxAge := s.sessionLimits()
	if old, err := r.Cookie(s.sessionCookieName()); err == nil && old.Value != "" {
		// A login always gets a fresh session; the one it replaces ends here.
		if err := s.Store.DeleteSession(r.Context(), s.Keys.HMAC(sessionPurpose, old.Value)); err != nil {
			return err
		}
	}
	value := secret.NewToken()
	now := store.Now()
	se := &store.Session{IDHash: s.Keys.HMAC(sessionPurpose, value), AdminID: a.ID,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(maxAge)}
	if err := s.Store.CreateSession(r.Context(), se); err != nil {
		return err
	}
	if a.Language == "" {
		// Until the admin chooses, the console's language at the first
		// sign-in is the language of the mail they receive (notify/).
		if _, err := s.Store.SetAdminLanguageIfUnset(r.Context(), a.ID, consoleLang(r)); err != nil {
			s.Log.WarnContext(r.Context(), "record admin language", "admin_id", a.ID, "err", err)
		}
	}
	// Logins are rare: a good moment to drop the sessions that ran out.
	idle, _ := s.sessionLimits()
	if _, err := s.Store.PurgeSessions(r.Context(), now, now.Add(-idle)); err != nil {
		s.Log.WarnContext(r.Context(), "purge sessions", "err", err)
	}
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookieName(), Value: value, Path: "/",
		MaxAge: int(maxAge.Seconds()), HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
	return nil
}

// endSession deletes the request's session row and clears its cookie.
func (s *Server) endSession(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(s.sessionCookieName()); err == nil && c.Value != "" {
		if err := s.Store.DeleteSession(r.Context(), s.Keys.HMAC(sessionPurpose, c.Value)); err != nil {
			s.Log.ErrorContext(r.Context(), "logout", "err", err)
		}
	}
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookieName(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
}

// sessionPrincipal authenticates a console session cookie. A state-changing
// request must also pass the cross-origin check, so a session can never be
// ridden by another site's form or fetch (CSRF).
func (s *Server) sessionPrincipal(r *http.Request) (Principal, bool) {
	c, err := r.Cookie(s.sessionCookieName())
	if err != nil || c.Value == "" {
		return Principal{}, false
	}
	if err := s.crossOrigin().Check(r); err != nil {
		return Principal{}, false
	}
	a, err := s.sessionAdmin(r.Context(), s.Keys.HMAC(sessionPurpose, c.Value))
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			s.Log.ErrorContext(r.Context(), "session lookup", "err", err)
		}
		return Principal{}, false
	}
	return Principal{Actor: "admin:" + a.Email, Role: ParseRole(a.Role), AdminID: a.ID, Email: a.Email}, true
}

// sessionAdmin returns the enabled admin of a live session, restarting its idle timer.
func (s *Server) sessionAdmin(ctx context.Context, idHash string) (*store.Admin, error) {
	idle, _ := s.sessionLimits()
	now := store.Now()
	se, err := s.Store.SessionByHash(ctx, idHash, now, now.Add(-idle))
	if err != nil {
		return nil, err
	}
	a, err := s.Store.AdminByID(ctx, se.AdminID)
	if err != nil {
		return nil, err
	}
	if a.Disabled {
		return nil, store.ErrNotFound
	}
	if now.Sub(se.LastSeenAt) >= sessionTouchEvery {
		if err := s.Store.TouchSession(ctx, idHash, now); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// crossOrigin is the CSRF check shared by the console and cookie-authenticated API calls.
func (s *Server) crossOrigin() *http.CrossOriginProtection {
	s.copOnce.Do(func() {
		s.cop = http.NewCrossOriginProtection()
		if o := origin(s.Config.BaseURL); o != "" {
			if err := s.cop.AddTrustedOrigin(o); err != nil {
				s.Log.Warn("base URL is not a usable origin for CSRF checks", "err", err)
			}
		}
	})
	return s.cop
}
