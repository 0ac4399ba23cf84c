package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/provisiond/provisiond/webhook"
)

// webhookReplayPage: POST /admin/webhook-deliveries/{id}/replay queues the
// same event again as a new delivery (audited as webhook.replayed, like the
// API) and returns to the endpoint's page.
func (s *Server) webhookReplayPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	d, err := webhook.Replay(r.Context(), s.Store, actor(r), id)
	if !s.consoleFound(w, r, err) {
		return
	}
	redirectDone(w, r, "/admin/webhooks/"+url.PathEscape(d.EndpointID), "replayed")
}
