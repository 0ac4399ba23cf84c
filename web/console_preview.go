package web

import (
	"net/http"
)

// previewPage: POST /admin/invitations/preview renders the invitation mail
// with the typed custom message, for a sample person, without sending it.
func (s *Server) previewPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.Invites.Preview(r.Context(), "", consoleLang(r), r.PostFormValue("message"))
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	s.renderConsole(w, r, http.StatusOK, "preview", s.newConsole(r, "invitations", p))
}
