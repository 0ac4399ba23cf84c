package web

import (
	"net/http"
	"net/url"
	"strings"
)

// pageCSP allows no inline script or style and nothing from elsewhere. The
// application's origin joins form-action because browsers apply it to the
// redirect that follows a claim.
func (s *Server) pageCSP() string {
	formAction := "'self'"
	if o := origin(s.Config.AppURL); o != "" {
		formAction += " " + o
	}
	return "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'none'; object-src 'none'; " +
		"frame-ancestors 'none'; form-action " + formAction + "; base-uri 'none'"
}

// pageMiddleware returns the wrapper of the public pages: security headers on
// every answer, and net/http's CrossOriginProtection (Sec-Fetch-Site /
// Origin) against CSRF on their POSTs, answering a translated 403 page.
func (s *Server) pageMiddleware() func(http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	if o := origin(s.Config.BaseURL); o != "" {
		if err := cop.AddTrustedOrigin(o); err != nil {
			s.Log.Warn("base URL is not a usable origin for CSRF checks", "err", err)
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := s.newPage(r)
		d.TitleKey, d.BodyKey = "forbidden.title", "forbidden.body"
		s.render(w, r, http.StatusForbidden, "error", d)
	}))
	csp := s.pageCSP()
	hsts := strings.HasPrefix(s.Config.BaseURL, "https://")
	return func(next http.Handler) http.Handler {
		protected := cop.Handler(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Security-Policy", csp)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "no-referrer")
			h.Set("X-Robots-Tag", "noindex, nofollow")
			h.Set("Cache-Control", "no-store")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
			if hsts {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			protected.ServeHTTP(w, r)
		})
	}
}

// origin returns scheme://host of a URL, or "" when it has none.
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// clientKey names the caller for throttling (clientip: the connection's
// address, or the client behind the configured trusted proxies).
func (s *Server) clientKey(r *http.Request) string { return s.clients.Key(r) }
