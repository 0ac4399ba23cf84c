package web

import (
	"net/http"
	"net/url"

	"github.com/provisiond/provisiond/webhook"
)

// webhookSetEnabled: POST /admin/webhooks/{id}/enable and .../disable.
// A disabled endpoint gets no new deliveries; back=endpoint returns to the
// endpoint's page rather than the list.
func (s *Server) webhookSetEnabled(enabled bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, disabled := r.PathValue("id"), !enabled
		if _, err := s.webhooks().Update(r.Context(), actor(r), id, webhook.EndpointInput{Disabled: &disabled}); err != nil {
			s.webhookFormError(w, r, err)
			return
		}
		back := "/admin/webhooks"
		if r.PostFormValue("back") == "endpoint" {
			back += "/" + url.PathEscape(id)
		}
		redirectDone(w, r, back, "saved")
	}
}
