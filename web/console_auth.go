package web

import (
	"context"
	"net/http"
	"net/url"
)

// console requires a live session of at least role min for a console page
// (which consoleRoutes also wraps in the public pages' security headers and
// CSRF check). Anonymous visitors go to the login page and come back afterwards.
func (s *Server) console(min Role, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := s.sessionPrincipal(r)
		if !ok {
			next := "/admin/"
			if r.Method == http.MethodGet {
				next = r.URL.RequestURI()
			}
			http.Redirect(w, r, "/admin/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), principalKey{}, p))
		if p.Role < min {
			s.renderConsole(w, r, http.StatusForbidden, "forbidden", s.newConsole(r, "", nil))
			return
		}
		h(w, r)
	})
}
