package web

import (
	"net/http"
)

// clientDeletePage: POST /admin/clients/{id}/delete; the client's sessions
// and tokens end with it.
func (s *Server) clientDeletePage(w http.ResponseWriter, r *http.Request) {
	if err := s.Integrations.DeleteClient(r.Context(), actor(r), r.PathValue("id")); err != nil {
		s.clientFormError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/clients", "deleted")
}
