package web

import (
	"net/http"

	"github.com/provisiond/provisiond/auditexport"
)

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
	writeList(w, evs, total, auditexport.From)
}
