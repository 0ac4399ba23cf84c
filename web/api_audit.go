package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/provisiond/provisiond/store"
)

// auditEventJSON is an audit event as the admin API shows it.
type auditEventJSON struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	Actor      string          `json:"actor"`
	Action     string          `json:"action"`
	TargetType string          `json:"targetType"`
	Target     string          `json:"target"`
	Details    json.RawMessage `json:"details"`
}

func (s *Server) listAuditEvents(w http.ResponseWriter, r *http.Request) {
	f, bad := auditFilterFrom(r.URL.Query()) // api_audit_export.go
	if bad != "" {
		writeError(w, r, http.StatusBadRequest, "invalid_parameter", bad)
		return
	}
	f.Limit, f.Offset = page(r)
	evs, total, err := s.Store.AuditEvents(r.Context(), f)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeList(w, evs, total, func(e *store.AuditEvent) auditEventJSON {
		return auditEventJSON{ID: e.ID, At: e.At, Actor: e.Actor, Action: e.Action,
			TargetType: e.TargetType, Target: e.TargetID, Details: json.RawMessage(e.Details)}
	})
}
