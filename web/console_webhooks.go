package web

import (
	"net/http"

	"github.com/provisiond/provisiond/webhook"
)

// webhooksView is the webhook endpoints page; Created is set only on the
// answer to a create, the one time the signing secret is shown.
type webhooksView struct {
	Rows    []webhookJSON
	Created *webhookJSON
	Events  []string // what the create form offers
}

// webhooksPage: GET /admin/webhooks lists the endpoints, with the create form.
func (s *Server) webhooksPage(w http.ResponseWriter, r *http.Request) {
	s.renderWebhooks(w, r, http.StatusOK, nil, "")
}

func (s *Server) renderWebhooks(w http.ResponseWriter, r *http.Request, status int, created *webhookJSON, errMsg string) {
	es, err := s.Store.WebhookEndpoints(r.Context())
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	v := webhooksView{Created: created, Events: webhook.EventTypes}
	for i := range es {
		v.Rows = append(v.Rows, toWebhookJSON(&es[i], ""))
	}
	d := s.newConsole(r, "webhooks", v)
	d.Error = errMsg
	s.renderConsole(w, r, status, "webhooks", d)
}

// webhookFormError re-renders the list with why a webhook form was refused.
func (s *Server) webhookFormError(w http.ResponseWriter, r *http.Request, err error) {
	if msg, status, ok := s.formRefusal(w, r, err, ""); ok {
		s.renderWebhooks(w, r, status, nil, msg)
	}
}
