package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// heldChangeJSON is a held deactivation or deletion as the admin API shows it.
type heldChangeJSON struct {
	ID        int64     `json:"id"`
	AccountID string    `json:"accountId"`
	UserName  string    `json:"userName"`
	Kind      string    `json:"kind"`
	Status    string    `json:"status"`
	Actor     string    `json:"actor"`
	Repeats   int       `json:"repeats"`
	CreatedAt time.Time `json:"createdAt"`
}

// listHeldChanges: GET /api/v1/integrations/{id}/held-changes, oldest first
// (the order apply replays them in); ?status= picks resolved ones.
func (s *Server) listHeldChanges(w http.ResponseWriter, r *http.Request) {
	in, ok := s.breakerIntegration(w, r)
	if !ok {
		return
	}
	limit, offset := page(r)
	hs, total, err := s.Store.HeldChanges(r.Context(), store.HeldQuery{IntegrationID: in.ID,
		Status: r.URL.Query().Get("status"), Limit: limit, Offset: offset})
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeList(w, hs, total, func(h *store.HeldChange) heldChangeJSON {
		return heldChangeJSON{ID: h.ID, AccountID: h.AccountID, UserName: h.UserName,
			Kind: h.Kind, Status: h.Status, Actor: h.Actor, Repeats: h.Repeats, CreatedAt: h.CreatedAt}
	})
}

// decideHeldChanges: POST /api/v1/integrations/{id}/held-changes/{action}
// (apply|discard) with an optional {"ids": [...]}; no ids means all pending.
func (s *Server) decideHeldChanges(w http.ResponseWriter, r *http.Request) {
	in, ok := s.breakerIntegration(w, r)
	if !ok {
		return
	}
	var body struct {
		IDs []int64 `json:"ids"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil && !errors.Is(err, io.EOF) {
		writeError(w, r, http.StatusBadRequest, "invalid_body", `the body must be empty or {"ids": [...]}`)
		return
	}
	var res account.Resolution
	var err error
	switch r.PathValue("action") {
	case "apply":
		res, err = s.Accounts.ApplyHeld(r.Context(), adminActor(r), in.ID, body.IDs)
	case "discard":
		res, err = s.Accounts.DiscardHeld(r.Context(), adminActor(r), in.ID, body.IDs)
	default:
		writeError(w, r, http.StatusNotFound, "not_found", "no such action: use apply or discard")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// breakerIntegration finds the {id} integration or answers 404.
func (s *Server) breakerIntegration(w http.ResponseWriter, r *http.Request) (*store.Integration, bool) {
	in, err := s.Store.IntegrationByRef(r.Context(), r.PathValue("id"))
	if !s.apiFound(w, r, err, "no such integration") {
		return nil, false
	}
	return in, true
}

// adminActor is the request's admin as an account.Actor ("admin:ada@x", "token:ci").
func adminActor(r *http.Request) account.Actor {
	kind, name, _ := strings.Cut(actor(r), ":")
	if kind == "" {
		kind = "admin"
	}
	return account.Actor{Kind: kind, Name: name}
}
