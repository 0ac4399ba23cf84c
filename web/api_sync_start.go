package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/store"
)

// syncRequest is the optional body of POST /api/v1/integrations/{id}/sync.
type syncRequest struct {
	DryRun bool `json:"dryRun"`
	Full   bool `json:"full"`
	Force  bool `json:"force"`
}

// startSync answers POST /api/v1/integrations/{id}/sync: it starts a run in
// the background and answers 202 with the run (poll /api/v1/sync-runs/{id}),
// 409 when one is already running, 400 for a non-LDAP integration.
func (s *Server) startSync(w http.ResponseWriter, r *http.Request) {
	var req syncRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 4096)).Decode(&req); err != nil && !errors.Is(err, io.EOF) {
		writeError(w, r, http.StatusBadRequest, "invalid", "the body must be {\"dryRun\", \"full\", \"force\"} booleans")
		return
	}
	in, err := s.Store.IntegrationByRef(r.Context(), r.PathValue("id"))
	if !s.apiFound(w, r, err, "no such integration") {
		return
	}
	if _, err := directory.ConfigOf(in); err != nil {
		writeError(w, r, http.StatusBadRequest, "not_ldap", "only LDAP integrations sync on demand")
		return
	}
	p, _ := PrincipalFrom(r.Context())
	started := make(chan *store.SyncRun, 1)
	failed := make(chan error, 1)
	ctx := context.WithoutCancel(r.Context()) // the run outlives the request
	go func() {
		run, _, err := s.Directory.Sync(ctx, directory.RunOptions{Integration: in, DryRun: req.DryRun,
			Full: req.Full, Force: req.Force, Trigger: "api:" + p.Actor,
			Started: func(run *store.SyncRun) { cp := *run; started <- &cp }})
		if run == nil {
			failed <- err
		}
	}()
	select {
	case run := <-started:
		if err := s.Store.Audit(r.Context(), p.Actor, "integration.sync_started", "integration", in.ID,
			map[string]any{"run": run.ID, "dryRun": req.DryRun, "full": req.Full, "force": req.Force}); err != nil {
			s.Log.ErrorContext(r.Context(), "audit sync start", "err", err)
		}
		w.Header().Set("Location", "/api/v1/sync-runs/"+run.ID)
		writeJSON(w, http.StatusAccepted, toSyncRunJSON(run))
	case err := <-failed:
		switch {
		case errors.Is(err, directory.ErrSyncRunning):
			writeError(w, r, http.StatusConflict, "sync_running", "a sync of this integration is already running")
			return
		case errors.Is(err, directory.ErrIntegrationDisabled):
			writeError(w, r, http.StatusConflict, "disabled", "the integration is disabled")
			return
		}
		s.internalError(w, r, err)
	}
}
