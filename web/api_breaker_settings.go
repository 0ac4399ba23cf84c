package web

import (
	"net/http"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/store"
)

// breakerJSON is an integration's breaker: its settings and what it holds.
type breakerJSON struct {
	Enabled       bool  `json:"enabled"`
	Percent       int   `json:"percent"`
	Min           int   `json:"min"`
	WindowSeconds int   `json:"windowSeconds"`
	Trips         int64 `json:"trips"`
	Pending       int64 `json:"pending"`
}

// getBreaker: GET /api/v1/integrations/{id}/breaker.
func (s *Server) getBreaker(w http.ResponseWriter, r *http.Request) {
	in, ok := s.breakerIntegration(w, r)
	if !ok {
		return
	}
	s.writeBreaker(w, r, in.ID)
}

// patchBreaker: PATCH /api/v1/integrations/{id}/breaker with any of
// enabled, percent (1..100), min (>= 1), windowSeconds (60 .. 7 days).
func (s *Server) patchBreaker(w http.ResponseWriter, r *http.Request) {
	in, ok := s.breakerIntegration(w, r)
	if !ok {
		return
	}
	var body struct {
		Enabled       *bool `json:"enabled"`
		Percent       *int  `json:"percent"`
		Min           *int  `json:"min"`
		WindowSeconds *int  `json:"windowSeconds"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	_, err := s.Integrations.SetBreaker(r.Context(), actor(r), in.ID, integration.BreakerInput{
		Enabled: body.Enabled, Percent: body.Percent, Min: body.Min, WindowSeconds: body.WindowSeconds})
	if e, ok := store.AsInvalid(err); ok {
		writeError(w, r, http.StatusBadRequest, "invalid_field", e.Reason)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.writeBreaker(w, r, in.ID)
}

func (s *Server) writeBreaker(w http.ResponseWriter, r *http.Request, id string) {
	b, err := s.Store.IntegrationBreaker(r.Context(), id)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	n, err := s.Store.CountPendingHeld(r.Context(), id)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, breakerJSON{Enabled: b.Enabled, Percent: b.Percent, Min: b.Min,
		WindowSeconds: b.WindowSeconds, Trips: b.Trips, Pending: n})
}
