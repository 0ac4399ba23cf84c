package web

import (
	"context"
	"net/http"

	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/store"
)

// integrationSyncPage: POST /admin/integrations/{id}/sync starts an LDAP
// sync run (full, or a dry run that writes nothing, when asked) and shows
// its live progress.
func (s *Server) integrationSyncPage(w http.ResponseWriter, r *http.Request) {
	in, err := s.Store.IntegrationByID(r.Context(), r.PathValue("id"))
	if !s.consoleFound(w, r, err) {
		return
	}
	if _, err := directory.ConfigOf(in); err != nil {
		redirectDone(w, r, "/admin/integrations/"+in.ID, "error")
		return
	}
	started, failed := make(chan *store.SyncRun, 1), make(chan error, 1)
	ctx := context.WithoutCancel(r.Context()) // the run outlives the request
	full, dry := r.PostFormValue("full") == "true", r.PostFormValue("dryRun") == "true"
	go func() {
		run, _, err := s.Directory.Sync(ctx, directory.RunOptions{Integration: in, Full: full, DryRun: dry,
			Trigger: "console:" + actor(r), Started: func(run *store.SyncRun) { cp := *run; started <- &cp }})
		if run == nil {
			failed <- err
		}
	}()
	select {
	case run := <-started:
		if err := s.Store.Audit(r.Context(), actor(r), "integration.sync_started", "integration", in.ID,
			map[string]any{"run": run.ID, "full": full, "dryRun": dry}); err != nil {
			s.Log.ErrorContext(r.Context(), "audit sync start", "err", err)
		}
		http.Redirect(w, r, "/admin/sync-runs/"+run.ID, http.StatusSeeOther)
	case err := <-failed:
		s.Log.WarnContext(r.Context(), "console sync start", "integration", in.ID, "err", err)
		redirectDone(w, r, "/admin/integrations/"+in.ID, "sync_running")
	}
}

// syncRunPage: GET /admin/sync-runs/{id} shows a run; the page reloads
// itself every two seconds while the run is going (no script needed).
func (s *Server) syncRunPage(w http.ResponseWriter, r *http.Request) {
	run, err := s.Store.SyncRunByID(r.Context(), r.PathValue("id"))
	if !s.consoleFound(w, r, err) {
		return
	}
	d := s.newConsole(r, "integrations", run)
	d.Refresh = run.Status == store.SyncRunning
	s.renderConsole(w, r, http.StatusOK, "sync_run", d)
}
