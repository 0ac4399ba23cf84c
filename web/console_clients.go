package web

import (
	"net/http"
	"strings"
)

// clientsView is the OIDC clients page; Created is set only on the answer
// to a create or a secret rotation, the one time the secret is shown.
type clientsView struct {
	Rows    []clientJSON
	Created *clientJSON
}

// clientsPage: GET /admin/clients lists the applications that sign users in.
func (s *Server) clientsPage(w http.ResponseWriter, r *http.Request) {
	s.renderClients(w, r, http.StatusOK, nil, "")
}

func (s *Server) renderClients(w http.ResponseWriter, r *http.Request, status int, created *clientJSON, errMsg string) {
	cs, err := s.Store.OIDCClients(r.Context())
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	v := clientsView{Created: created}
	for i := range cs {
		v.Rows = append(v.Rows, s.toClientJSON(&cs[i], ""))
	}
	d := s.newConsole(r, "clients", v)
	d.Error = errMsg
	s.renderConsole(w, r, status, "clients", d)
}

// clientFormError re-renders the list with why a client form was refused.
func (s *Server) clientFormError(w http.ResponseWriter, r *http.Request, err error) {
	if msg, status, ok := s.formRefusal(w, r, err, translate(consoleLang(r), "clients.err.exists")); ok {
		s.renderClients(w, r, status, nil, msg)
	}
}

// formLines splits a textarea into its non-blank lines (nil for none).
func formLines(v string) []string {
	var out []string
	for _, l := range strings.Split(v, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
