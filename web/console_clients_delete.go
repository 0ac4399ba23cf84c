package web

import (
	"net/http"

	"github.com/provisiond/provisiond/signin"
)

// clientDeletePage: POST /admin/clients/{id}/delete; the client's sessions
// and tokens end with it.
func (s *Server) clientDeletePage(w http.ResponseWriter, r *http.Request) {
	if err := signin.DeleteClient(r.Context(), s.Store, actor(r), r.PathValue("id")); err != nil {
		s.clientFormError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/clients", "deleted")
}
