package web

import (
	"net/http"

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
	b, err := s.Store.IntegrationBreaker(r.Context(), in.ID)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	for p, v := range map[*int]*int{&b.Percent: body.Percent, &b.Min: body.Min, &b.WindowSeconds: body.WindowSeconds} {
		if v != nil {
			*p = *v
		}
	}
	if body.Enabled != nil {
		b.Enabled = *body.Enabled
	}
	if msg := store.ValidateBreaker(b); msg != "" {
		writeError(w, r, http.StatusBadRequest, "invalid_field", msg)
		return
	}
	err = s.Store.Tx(r.Context(), func(tx *store.Store) error {
		if err := tx.SetIntegrationBreaker(r.Context(), in.ID, b); err != nil {
			return err
		}
		return tx.Audit(r.Context(), actor(r), "integration.breaker_updated", "integration", in.ID, map[string]any{
			"enabled": b.Enabled, "percent": b.Percent, "min": b.Min, "windowSeconds": b.WindowSeconds})
	})
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
