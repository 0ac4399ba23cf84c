package signin

import (
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/secret"
)

// The authorization callback (/oidc/authorize/callback?id=) turns a
// completed request into a code. Anyone holding the request id could call
// it, so an attacker who got a victim to sign in on the attacker's request
// (/signin?id= sent in a link) could collect the victim's code. The callback
// is therefore bound to the browser that signed in: the successful sign-in
// sets a short-lived cookie carrying an HMAC of the request id, scoped to the
// callback path, and the callback refuses a request without it.

const (
	purposeCallback   = "oidc-callback-binding"
	callbackPath      = "/authorize/callback"
	callbackCookieTTL = 300 // seconds
)

func callbackCookieName(id string) string { return "pvd_signin_" + id }

// bindCallback sets the cookie that lets this browser collect the code of
// request id.
func (p *Provider) bindCallback(w http.ResponseWriter, id string) {
	http.SetCookie(w, &http.Cookie{Name: callbackCookieName(id), Value: p.Keys.HMAC(purposeCallback, id),
		Path: "/oidc" + callbackPath, MaxAge: callbackCookieTTL, HttpOnly: true,
		Secure: strings.HasPrefix(p.BaseURL, "https://"), SameSite: http.SameSiteLaxMode})
}

// guardCallback wraps pkg/op's handler (paths relative to /oidc).
func (p *Provider) guardCallback(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == callbackPath {
			id := r.URL.Query().Get("id")
			c, err := r.Cookie(callbackCookieName(id))
			if id == "" || err != nil || !secret.Equal(c.Value, p.Keys.HMAC(purposeCallback, id)) {
				p.pageGone(w, r)
				return
			}
			http.SetCookie(w, &http.Cookie{Name: c.Name, Path: "/oidc" + callbackPath, MaxAge: -1})
		}
		next.ServeHTTP(w, r)
	})
}
