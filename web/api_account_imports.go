package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// accountImportJSON is a kept account import with its report.
type accountImportJSON struct {
	ID            string                       `json:"id"`
	CreatedAt     time.Time                    `json:"createdAt"`
	CreatedBy     string                       `json:"createdBy"`
	FileName      string                       `json:"fileName"`
	DryRun        bool                         `json:"dryRun"`
	Invite        string                       `json:"invite"`
	Total         int                          `json:"total"`
	Created       int                          `json:"created"` // dry run: would be created
	AlreadyExists int                          `json:"alreadyExists"`
	Invalid       int                          `json:"invalid"`
	Invited       int                          `json:"invited"`
	AppliedID     *string                      `json:"appliedId,omitempty"`
	Rows          []invite.AccountImportReport `json:"rows"`
}

func toAccountImportJSON(imp *store.AccountImport, rows []invite.AccountImportReport) accountImportJSON {
	return accountImportJSON{ID: imp.ID, CreatedAt: imp.CreatedAt, CreatedBy: imp.CreatedBy, FileName: imp.FileName,
		DryRun: imp.DryRun, Invite: imp.Invite, Total: imp.Total, Created: imp.CreatedCount, AlreadyExists: imp.ExistingCount,
		Invalid: imp.InvalidCount, Invited: imp.InvitedCount, AppliedID: imp.AppliedID, Rows: rows}
}

// importAccountsAPI: POST /api/v1/accounts/import (multipart: file, csv or
// xlsx; dryRun=true previews; invite=now|later; message) creates accounts
// row by row and answers the kept report.
func (s *Server) importAccountsAPI(w http.ResponseWriter, r *http.Request) {
	fileName, data, ok := apiImportUpload(w, r)
	if !ok {
		return
	}
	opts, ok := importOptions(w, r)
	if !ok {
		return
	}
	rows, err := invite.ParseAccountImport(fileName, data)
	if errors.Is(err, invite.ErrAccountImportFormat) {
		writeError(w, r, http.StatusBadRequest, "invalid_file", `the file needs a header row with an "Email", "External ID" or "User name" column`)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	opts.FileName = fileName
	res, err := s.Invites.ImportAccounts(r.Context(), s.Accounts, adminActor(r), rows, opts)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAccountImportJSON(res.Import, res.Rows))
}

// importOptions reads dryRun, invite and message from the query or form.
func importOptions(w http.ResponseWriter, r *http.Request) (invite.AccountImportOptions, bool) {
	choice, ok := invite.ParseInviteChoice(r.FormValue("invite"))
	if !ok {
		writeError(w, r, http.StatusBadRequest, "invalid_parameter", `invite is "now" or "later"`)
		return invite.AccountImportOptions{}, false
	}
	message := r.FormValue("message")
	if len(message) > maxMessage {
		writeError(w, r, http.StatusBadRequest, "invalid_body", "message is longer than 4000 characters")
		return invite.AccountImportOptions{}, false
	}
	return invite.AccountImportOptions{DryRun: r.FormValue("dryRun") == "true", Invite: choice, Message: message}, true
}
