package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/provisiond/provisiond/csvexport"
	"github.com/provisiond/provisiond/invite"
)

// getAccountImportAPI: GET /api/v1/account-imports/{id} answers a kept
// import with its report, as JSON or, with ?format=csv, as a CSV download.
func (s *Server) getAccountImportAPI(w http.ResponseWriter, r *http.Request) {
	imp, err := s.Store.AccountImportByID(r.Context(), r.PathValue("id"))
	if !s.apiFound(w, r, err, "no such import") {
		return
	}
	var rows []invite.AccountImportReport
	if err := json.Unmarshal([]byte(imp.Report), &rows); err != nil {
		s.internalError(w, r, err)
		return
	}
	if r.URL.Query().Get("format") != "csv" {
		writeJSON(w, http.StatusOK, toAccountImportJSON(imp, rows))
		return
	}
	writeImportCSV(w, imp.ID, rows)
}

// writeImportCSV answers the report as a CSV attachment.
func writeImportCSV(w http.ResponseWriter, id string, rows []invite.AccountImportReport) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="account-import-`+id+`.csv"`)
	cw := csvexport.NewWriter(w)
	cw.Write([]string{"row", "value", "result", "reason", "accountId", "invitation"})
	for _, r := range rows {
		cw.Write([]string{strconv.Itoa(r.Row), r.Value, r.Result, r.Reason, r.AccountID, r.Invitation})
	}
	cw.Flush()
}

// csvSafe defuses spreadsheet formulas in values that came from a file.

// applyAccountImportAPI: POST /api/v1/account-imports/{id}/apply runs a
// kept preview for real (invite=now|later, message), at most once.
func (s *Server) applyAccountImportAPI(w http.ResponseWriter, r *http.Request) {
	opts, ok := importOptions(w, r)
	if !ok {
		return
	}
	res, err := s.Invites.ApplyAccountImport(r.Context(), s.Accounts, adminActor(r), r.PathValue("id"), opts)
	switch {
	case errors.Is(err, invite.ErrNotFound):
		writeError(w, r, http.StatusNotFound, "not_found", "no such import")
	case errors.Is(err, invite.ErrImportApplied):
		writeError(w, r, http.StatusConflict, "already_applied", "this import is not a preview, or was already applied")
	case err != nil:
		s.internalError(w, r, err)
	default:
		writeJSON(w, http.StatusOK, toAccountImportJSON(res.Import, res.Rows))
	}
}
