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
	q := r.URL.Query()
	limit, offset := page(r)
	f := store.AuditFilter{Actor: q.Get("actor"), Action: q.Get("action"), TargetType: q.Get("targetType"),
		TargetID: q.Get("target"), Limit: limit, Offset: offset}
	if f.TargetID == "" {
		f.TargetID = q.Get("accountId")
	}
	for key, dst := range map[string]*time.Time{"since": &f.Since, "until": &f.Until} {
		if v := q.Get(key); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				writeError(w, r, http.StatusBadRequest, "invalid_parameter", key+" must be an RFC 3339 time")
				return
			}
			*dst = t
		}
	}
	evs, total, err := s.Store.AuditEvents(r.Context(), f)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	out := list[auditEventJSON]{Items: []auditEventJSON{}, Total: total}
	for _, e := range evs {
		out.Items = append(out.Items, auditEventJSON{ID: e.ID, At: e.At, Actor: e.Actor, Action: e.Action,
			TargetType: e.TargetType, Target: e.TargetID, Details: json.RawMessage(e.Details)})
	}
	writeJSON(w, http.StatusOK, out)
}
