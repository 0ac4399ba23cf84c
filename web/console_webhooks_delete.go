package web

import "net/http"

// webhookDeletePage: POST /admin/webhooks/{id}/delete removes the endpoint
// and its deliveries.
func (s *Server) webhookDeletePage(w http.ResponseWriter, r *http.Request) {
	if err := s.webhooks().Delete(r.Context(), actor(r), r.PathValue("id")); err != nil {
		s.webhookFormError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/webhooks", "deleted")
}
