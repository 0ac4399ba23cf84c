package web

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// Console login slows guessing per account and per client address, with the
// counters in the database so the delay holds across replicas. A progressive
// delay, not a lockout: a stranger failing on purpose delays an admin by at
// most a minute per attempt and never locks them out.
var (
	loginAccountDelay = store.DelayPolicy{Free: 5, Base: time.Second, Max: time.Minute, Window: time.Hour}
	loginClientDelay  = store.DelayPolicy{Free: 20, Base: time.Second, Max: 10 * time.Minute, Window: time.Hour}
)

// loginThrottlePurpose is the HMAC sub-key of the account keys, so that
// attempt_counters never hold who was tried.
const loginThrottlePurpose = "admin-login-throttle"

// loginKeys are the throttle keys of one login attempt.
type loginKeys struct{ client, account string }

func (s *Server) loginKeys(r *http.Request, email string) loginKeys {
	return loginKeys{client: "admin-login:client:" + s.clientKey(r),
		account: "admin-login:account:" + s.Keys.HMAC(loginThrottlePurpose, store.FoldEmail(email))}
}

// reserveLogin counts the attempt as a failure against both keys before the
// password is checked (parallel guesses cannot slip through), or returns
// how long the caller must still wait, counting nothing.
func (s *Server) reserveLogin(ctx context.Context, k loginKeys) (time.Duration, error) {
	now := store.Now()
	wait, err := s.Store.ReserveAttempt(ctx, k.client, loginClientDelay, now)
	if err != nil || wait > 0 {
		return wait, err
	}
	wait, err = s.Store.ReserveAttempt(ctx, k.account, loginAccountDelay, now)
	if err == nil && wait > 0 {
		// Not attempted after all: the client's reservation goes back.
		err = s.Store.ForgiveReservedAttempt(ctx, k.client)
	}
	return wait, err
}

// loginSucceeded clears the account's failures and takes back the client's
// reservation. The client's earlier failures still count: an admin with a
// valid login of their own must not be able to clear them between guesses
// at someone else's password.
func (s *Server) loginSucceeded(ctx context.Context, k loginKeys) {
	if err := s.Store.ClearAttempts(ctx, k.account); err != nil {
		s.Log.WarnContext(ctx, "login throttle: clear", "err", err)
	}
	if err := s.Store.ForgiveReservedAttempt(ctx, k.client); err != nil {
		s.Log.WarnContext(ctx, "login throttle: forgive", "err", err)
	}
}

// renderThrottled answers 429 with the wait in Retry-After and on the page.
func (s *Server) renderThrottled(w http.ResponseWriter, r *http.Request, email string, wait time.Duration) {
	secs := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	d := s.newConsole(r, "login", email)
	d.OIDC, d.Next = s.oidcEnabled(), safeNext(r.FormValue("next"))
	d.Error = translate(d.Lang, "login.err.throttled", ui.Duration(d.Lang, secs))
	s.renderConsole(w, r, http.StatusTooManyRequests, "login", d)
}

// auditLoginFailed records a refused console login. The address typed is
// kept only when it names an admin (a password typed into the wrong field
// must not land in the audit log); the client address always.
func (s *Server) auditLoginFailed(ctx context.Context, r *http.Request, a *store.Admin, method, reason string) {
	details := map[string]any{"method": method, "reason": reason, "client": s.clientKey(r)}
	target := ""
	if a != nil {
		target, details["email"] = a.ID, a.Email
	}
	if err := s.Store.Audit(ctx, "anonymous", "admin.login_failed", "admin", target, details); err != nil {
		s.Log.ErrorContext(ctx, "audit failed login", "err", err)
	}
}
