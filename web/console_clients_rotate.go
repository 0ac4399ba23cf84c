package web

import (
	"net/http"

	"github.com/provisiond/provisiond/integration"
)

// clientRotatePage: POST /admin/clients/{id}/secret replaces a
// confidential client's secret and shows the new one on this response only.
func (s *Server) clientRotatePage(w http.ResponseWriter, r *http.Request) {
	c, sec, err := s.Integrations.UpdateClient(r.Context(), actor(r), r.PathValue("id"), integration.ClientInput{}, true)
	s.renderClientSecret(w, r, http.StatusOK, c, sec, err)
}
