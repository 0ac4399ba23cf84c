package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// cookieMaxAge keeps a language choice for a year.
const cookieMaxAge = 365 * 24 * 60 * 60

// Switch answers POST /lang, the switcher's form (partials.html): it keeps
// the chosen language in the lang cookie and sends the browser back, with a
// 303, to next. next must be a path on this site: an absolute URL, a
// scheme-relative one (//host) or anything a browser could read as one is
// refused with a 400, so the switcher cannot be used as an open redirect.
type Switch struct {
	Secure bool // send the cookie over HTTPS only (the base URL is https)
}

// ServeHTTP handles the switcher's form.
func (s Switch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !ParseForm(w, r) {
		return
	}
	lang := r.PostForm.Get("lang")
	next, ok := LocalPath(r.PostForm.Get("next"))
	if !ok || !slices.Contains(Languages, lang) {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: lang, Path: "/", MaxAge: cookieMaxAge,
		HttpOnly: true, Secure: s.Secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// LocalPath returns next when it is a path (and query) on this site, and
// reports false for anything else: empty, relative, absolute
// (https://evil.example), scheme-relative (//evil.example), and the forms
// browsers turn into those (a backslash, a tab or a newline: /\evil.example).
func LocalPath(next string) (string, bool) {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "", false
	}
	for _, c := range []byte(next) {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return "", false
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "", false
	}
	return next, true
}
