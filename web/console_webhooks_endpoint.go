package web

import (
	"net/http"
	"net/url"
	"unicode/utf8"

	"github.com/provisiond/provisiond/store"
)

// excerptBytes bounds the part of a response or error the deliveries list
// shows; the API's single delivery has it all.
const excerptBytes = 200

// webhookView is one endpoint's page: its settings and recent deliveries.
type webhookView struct {
	Endpoint webhookJSON
	Rows     []deliveryRow
	Status   string   // the status filter
	Statuses []string // what it offers
	Total    int64
	Pager    pager
	// ShowResponses: the admin is an owner. Response bodies are the
	// endpoint's words, which may echo whatever it reaches: owners only.
	ShowResponses bool
}

// deliveryRow is a delivery with the beginnings of its last response and error.
type deliveryRow struct {
	deliveryJSON
	Response, Error string
}

// webhookPage: GET /admin/webhooks/{id} shows the endpoint and its
// deliveries, newest first, optionally filtered by status.
func (s *Server) webhookPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := s.Store.WebhookEndpointByID(ctx, r.PathValue("id"))
	if !s.consoleFound(w, r, err) {
		return
	}
	q := r.URL.Query()
	offset := consoleOffset(q)
	status := q.Get("status")
	switch status {
	case store.WebhookPending, store.WebhookDelivered, store.WebhookFailed:
	default:
		status = ""
	}
	ds, total, err := s.Store.WebhookDeliveries(ctx, store.WebhookDeliveryQuery{EndpointID: e.ID, Status: status,
		Limit: consolePageSize, Offset: offset})
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	v := webhookView{Endpoint: toWebhookJSON(e, ""), Status: status, Total: total, ShowResponses: canSeeResponses(r),
		Statuses: []string{store.WebhookPending, store.WebhookDelivered, store.WebhookFailed},
		Pager:    newPager("/admin/webhooks/"+url.PathEscape(e.ID), q, offset, total)}
	for i := range ds {
		row := deliveryRow{deliveryJSON: toDeliveryJSON(&ds[i], false, v.ShowResponses), Error: excerpt(ds[i].LastError)}
		if v.ShowResponses {
			row.Response = excerpt(ds[i].LastResponse)
		}
		v.Rows = append(v.Rows, row)
	}
	s.renderConsole(w, r, http.StatusOK, "webhook", s.newConsole(r, "webhooks", v))
}

// excerpt is the first excerptBytes of s, cut on a character boundary.
func excerpt(s string) string {
	if len(s) <= excerptBytes {
		return s
	}
	cut := excerptBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
