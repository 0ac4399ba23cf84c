package web

import (
	"net/http"

	"github.com/provisiond/provisiond/webhook"
)

// webhookCreatePage: POST /admin/webhooks with url, event (repeated
// checkboxes) and description. The signing secret is on this response only.
func (s *Server) webhookCreatePage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	u, desc := r.PostForm.Get("url"), r.PostForm.Get("description")
	events := r.PostForm["event"]
	if events == nil {
		events = []string{} // refused with "at least one event", not taken as "unchanged"
	}
	e, sec, err := s.webhooks().Create(r.Context(), actor(r),
		webhook.EndpointInput{URL: &u, Events: events, Description: &desc})
	if err != nil {
		s.webhookFormError(w, r, err)
		return
	}
	j := toWebhookJSON(e, sec)
	w.Header().Set("Cache-Control", "no-store")
	s.renderWebhooks(w, r, http.StatusCreated, &j, "")
}
