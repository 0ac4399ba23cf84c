package web

import (
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// auditPage: GET /admin/audit?actor=&action=&target=&offset=
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset := consoleOffset(q)
	f := store.AuditFilter{Actor: q.Get("actor"), Action: q.Get("action"), TargetID: q.Get("target"),
		Limit: consolePageSize, Offset: offset}
	evs, total, err := s.Store.AuditEvents(r.Context(), f)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	page := struct {
		Actor, Action, Target string
		Rows                  []store.AuditEvent
		Pager                 pager
	}{f.Actor, f.Action, f.TargetID, evs, newPager("/admin/audit", q, offset, total)}
	s.renderConsole(w, r, http.StatusOK, "audit", s.newConsole(r, "audit", page))
}
