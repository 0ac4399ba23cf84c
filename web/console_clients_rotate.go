package web

import (
	"net/http"

	"github.com/provisiond/provisiond/integration"
)

// clientRotatePage: POST /admin/clients/{id}/secret replaces a
// confidential client's secret and shows the new one on this response only.
func (s *Server) clientRotatePage(w http.ResponseWriter, r *http.Request) {
	c, sec, err := s.Integrations.UpdateClient(r.Context(), actor(r), r.PathValue("id"), integration.ClientInput{}, true)
	if err != nil {
		s.clientFormError(w, r, err)
		return
	}
	j := s.toClientJSON(c, sec)
	w.Header().Set("Cache-Control", "no-store")
	s.renderClients(w, r, http.StatusOK, &j, "")
}
