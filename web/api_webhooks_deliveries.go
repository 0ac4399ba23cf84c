package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// deliveryJSON is one delivery with its last response.
type deliveryJSON struct {
	ID             int64      `json:"id"`
	WebhookID      string     `json:"webhookId"`
	EventID        string     `json:"eventId"`
	EventType      string     `json:"eventType"`
	Status         string     `json:"status"` // pending, delivered, failed
	Attempts       int        `json:"attempts"`
	LastStatusCode int        `json:"lastStatusCode,omitempty"`
	LastResponse   string     `json:"lastResponse,omitempty"` // owners only
	LastError      string     `json:"lastError,omitempty"`
	LastAttemptAt  *time.Time `json:"lastAttemptAt,omitempty"`
	LastDurationMS int64      `json:"lastDurationMs"`
	CreatedAt      time.Time  `json:"createdAt"`
	FinishedAt     *time.Time `json:"finishedAt,omitempty"`
	Payload        string     `json:"payload,omitempty"` // single delivery only
}

// toDeliveryJSON shows d, with its payload when full and the start of the
// endpoint's response (at most webhook.MaxResponseBytes) when withResponse.
func toDeliveryJSON(d *store.WebhookDelivery, full, withResponse bool) deliveryJSON {
	out := deliveryJSON{ID: d.ID, WebhookID: d.EndpointID, EventID: d.EventID, EventType: d.EventType,
		Status: d.Status, Attempts: d.Attempts, LastStatusCode: d.LastStatusCode,
		LastError: d.LastError, LastAttemptAt: d.LastAttemptAt, LastDurationMS: d.LastDurationMS,
		CreatedAt: d.CreatedAt, FinishedAt: d.FinishedAt}
	if full {
		out.Payload = d.Payload
	}
	if withResponse {
		out.LastResponse = d.LastResponse
	}
	return out
}

// canSeeResponses reports whether the caller may read endpoints' response
// bodies: owners only. An admin chooses where webhooks go; what comes back
// may be another system's data (an internal service the operator allowed),
// so reading it takes the highest role.
func canSeeResponses(r *http.Request) bool {
	p, ok := PrincipalFrom(r.Context())
	return ok && p.Role >= RoleOwner
}

// listDeliveries answers GET /api/v1/webhooks/{id}/deliveries (newest
// first; filters status and eventType; limit, offset).
func (s *Server) listDeliveries(w http.ResponseWriter, r *http.Request) {
	limit, offset := page(r)
	q := r.URL.Query()
	ds, total, err := s.Store.WebhookDeliveries(r.Context(), store.WebhookDeliveryQuery{EndpointID: r.PathValue("id"),
		Status: q.Get("status"), EventType: q.Get("eventType"), Limit: limit, Offset: offset})
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	responses := canSeeResponses(r)
	writeList(w, ds, total, func(d *store.WebhookDelivery) deliveryJSON { return toDeliveryJSON(d, false, responses) })
}

// getDelivery answers GET /api/v1/webhook-deliveries/{id}, payload included.
func (s *Server) getDelivery(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, r, http.StatusNotFound, "not_found", "no such delivery")
		return
	}
	d, err := s.Store.WebhookDeliveryByID(r.Context(), id)
	if err != nil {
		s.webhookError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toDeliveryJSON(d, true, canSeeResponses(r)))
}

// replayDelivery answers POST /api/v1/webhook-deliveries/{id}/replay with
// the new delivery of the same event.
func (s *Server) replayDelivery(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, r, http.StatusNotFound, "not_found", "no such delivery")
		return
	}
	d, err := webhook.Replay(r.Context(), s.Store, actor(r), id)
	if err != nil {
		s.webhookError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, toDeliveryJSON(d, false, canSeeResponses(r)))
}
