package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// webhookJSON is an endpoint as the admin API shows it; Secret only in the
// answer to its creation.
type webhookJSON struct {
	ID          string    `json:"id"`
	URL         string    `json:"url"`
	Events      []string  `json:"events"`
	Description string    `json:"description"`
	Disabled    bool      `json:"disabled"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
	Secret      string    `json:"secret,omitempty"`
}

func toWebhookJSON(e *store.WebhookEndpoint, sec string) webhookJSON {
	return webhookJSON{ID: e.ID, URL: e.URL, Events: strings.Fields(e.Events), Description: e.Description,
		Disabled: e.Disabled, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt, Secret: sec}
}

// webhookRequest is the body of POST and PATCH /api/v1/webhooks.
type webhookRequest struct {
	URL         *string  `json:"url"`
	Events      []string `json:"events"`
	Description *string  `json:"description"`
	Disabled    *bool    `json:"disabled"`
}

func (q webhookRequest) input() webhook.EndpointInput {
	return webhook.EndpointInput{URL: q.URL, Events: q.Events, Description: q.Description, Disabled: q.Disabled}
}

func (s *Server) webhooks() webhook.Endpoints {
	return webhook.Endpoints{Store: s.Store, Keys: s.Keys, Egress: s.egress}
}

// listWebhooks answers GET /api/v1/webhooks.
func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request) {
	es, err := s.Store.WebhookEndpoints(r.Context())
	answerList(s, w, r, es, int64(len(es)), err, func(e *store.WebhookEndpoint) webhookJSON { return toWebhookJSON(e, "") })
}

// getWebhook answers GET /api/v1/webhooks/{id}.
func (s *Server) getWebhook(w http.ResponseWriter, r *http.Request) {
	e, err := s.Store.WebhookEndpointByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.webhookError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toWebhookJSON(e, ""))
}

// createWebhook answers POST /api/v1/webhooks with the endpoint and its
// signing secret, shown once.
func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request) {
	var q webhookRequest
	if !decodeJSON(w, r, &q) {
		return
	}
	e, sec, err := s.webhooks().Create(r.Context(), actor(r), q.input())
	if err != nil {
		s.webhookError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/webhooks/"+e.ID)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, toWebhookJSON(e, sec))
}

// patchWebhook answers PATCH /api/v1/webhooks/{id}.
func (s *Server) patchWebhook(w http.ResponseWriter, r *http.Request) {
	var q webhookRequest
	if !decodeJSON(w, r, &q) {
		return
	}
	e, err := s.webhooks().Update(r.Context(), actor(r), r.PathValue("id"), q.input())
	if err != nil {
		s.webhookError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toWebhookJSON(e, ""))
}

// deleteWebhook answers DELETE /api/v1/webhooks/{id}.
func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	if err := s.webhooks().Delete(r.Context(), actor(r), r.PathValue("id")); err != nil {
		s.webhookError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) webhookError(w http.ResponseWriter, r *http.Request, err error) {
	s.writeFailed(w, r, err, "no such webhook endpoint or delivery", "")
}
