package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/provisiond/provisiond/auditexport"
	"github.com/provisiond/provisiond/store"
)

// auditFilterFrom reads the audit filters a request gives (actor, action,
// targetType, target or accountId, since and until as RFC 3339 times or
// dates); bad is the message naming a bad parameter, "" when all are good.
func auditFilterFrom(q url.Values) (f store.AuditFilter, bad string) {
	f = store.AuditFilter{Actor: q.Get("actor"), Action: q.Get("action"), TargetType: q.Get("targetType"), TargetID: q.Get("target")}
	if f.TargetID == "" {
		f.TargetID = q.Get("accountId")
	}
	for key, dst := range map[string]*time.Time{"since": &f.Since, "until": &f.Until} {
		v := q.Get(key)
		if v == "" {
			continue
		}
		t, err := auditexport.ParseTime(v)
		if err != nil {
			return f, key + " must be an RFC 3339 time or a date (YYYY-MM-DD)"
		}
		*dst = t
	}
	return f, ""
}

// exportAuditEvents: GET /api/v1/audit-events/export?format=csv|jsonl with
// the list's filters and integration (name or id). The body streams, one
// page of events in memory at a time, as a download.
func (s *Server) exportAuditEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "jsonl"
	}
	ctype, ok := auditexport.Formats[format]
	if !ok {
		writeError(w, r, http.StatusBadRequest, "invalid_parameter", "format must be csv or jsonl")
		return
	}
	f, bad := auditFilterFrom(q)
	if bad != "" {
		writeError(w, r, http.StatusBadRequest, "invalid_parameter", bad)
		return
	}
	exp := store.AuditExport{AuditFilter: f}
	if ref := q.Get("integration"); ref != "" {
		if exp.Integration, ok = s.integrationParam(w, r, ref); !ok {
			return
		}
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="audit-`+time.Now().UTC().Format("20060102-150405")+`.`+format+`"`)
	w.Header().Set("Cache-Control", "no-store")
	out, err := auditexport.New(w, format)
	if err == nil {
		err = s.Store.ExportAudit(r.Context(), exp, out.Event)
	}
	if err == nil {
		err = out.Close()
	}
	if err != nil { // the status is sent: the download ends short, and the log says why
		s.Log.WarnContext(r.Context(), "audit export ended early", "err", err)
	}
}
