package web

import (
	"net/http"
	"time"

	"github.com/provisiond/provisiond/store"
)

// syncRunJSON is a sync run as the admin API shows it; a running run's
// counts and message move as it progresses (flushed every second).
type syncRunJSON struct {
	ID            string     `json:"id"`
	IntegrationID string     `json:"integrationId"`
	Status        string     `json:"status"` // running, succeeded, failed, stopped
	Mode          string     `json:"mode"`
	DryRun        bool       `json:"dryRun"`
	Trigger       string     `json:"trigger"`
	Read          int        `json:"read"`
	Created       int        `json:"created"`
	Updated       int        `json:"updated"`
	Suspended     int        `json:"suspended"`
	Deleted       int        `json:"deleted"`
	Invited       int        `json:"invited"`
	Message       string     `json:"message"`
	StartedAt     time.Time  `json:"startedAt"`
	FinishedAt    *time.Time `json:"finishedAt,omitempty"`
}

func toSyncRunJSON(r *store.SyncRun) syncRunJSON {
	return syncRunJSON{ID: r.ID, IntegrationID: r.IntegrationID, Status: r.Status, Mode: r.Mode,
		DryRun: r.DryRun, Trigger: r.Trigger, Read: r.ReadCount, Created: r.CreatedCount,
		Updated: r.UpdatedCount, Suspended: r.SuspendedCount, Deleted: r.DeletedCount,
		Invited: r.InvitedCount, Message: r.Message, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt}
}

// getSyncRun answers GET /api/v1/sync-runs/{id}: one run with its live progress.
func (s *Server) getSyncRun(w http.ResponseWriter, r *http.Request) {
	run, err := s.Store.SyncRunByID(r.Context(), r.PathValue("id"))
	answerOne(s, w, r, run, err, "no such sync run", toSyncRunJSON)
}

// listSyncRuns answers GET /api/v1/integrations/{id}/sync-runs, newest first.
func (s *Server) listSyncRuns(w http.ResponseWriter, r *http.Request) {
	in, err := s.Store.IntegrationByRef(r.Context(), r.PathValue("id"))
	if !s.apiFound(w, r, err, "no such integration") {
		return
	}
	limit, offset := page(r)
	runs, total, err := s.Store.SyncRuns(r.Context(), in.ID, limit, offset)
	answerList(s, w, r, runs, total, err, toSyncRunJSON)
}
