package web

import (
	"net/http"
	"time"

	"github.com/provisiond/provisiond/csvexport"
	"github.com/provisiond/provisiond/invite"
)

// codesExport: GET /admin/access-codes.csv?integration= streams every live
// access code as CSV (audited once by invite.Service), for printing.
func (s *Server) codesExport(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="access-codes.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csvexport.NewWriter(w)
	cw.Write([]string{"account_id", "user_name", "display_name", "external_id", "integration", "access_code", "expires_at"})
	err := s.Invites.ExportAccessCodes(r.Context(), actor(r), r.URL.Query().Get("integration"), func(c invite.CodeRow) error {
		return cw.Write([]string{c.AccountID, c.UserName, c.DisplayName, c.ExternalID, c.Integration, c.Code,
			c.ExpiresAt.UTC().Format(time.RFC3339)})
	})
	cw.Flush()
	if err != nil {
		// Headers are gone; the truncated file is the signal, the log says why.
		s.Log.ErrorContext(r.Context(), "export access codes", "err", err)
	}
}
