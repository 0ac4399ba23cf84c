package web

import (
	"errors"
	"net/http"

	"github.com/provisiond/provisiond/invite"
)

// maxImportBytes bounds an uploaded import file.
const maxImportBytes = 20 << 20

type importResponse struct {
	DryRun  bool                  `json:"dryRun"`
	By      string                `json:"by"` // "email" or "externalId"
	Invited int                   `json:"invited"`
	Rows    []invite.ImportReport `json:"rows"`
}

// importInvitations: POST /api/v1/invitations/import (multipart, field
// "file", csv or xlsx; optional field "message"; ?dryRun=true previews).
func (s *Server) importInvitations(w http.ResponseWriter, r *http.Request) {
	fileName, data, ok := apiImportUpload(w, r)
	if !ok {
		return
	}
	f, err := invite.ParseImport(fileName, data)
	if errors.Is(err, invite.ErrImportFormat) {
		writeError(w, r, http.StatusBadRequest, "invalid_file", `the file needs a header row with an "Email" or "External ID" column`)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	message := r.FormValue("message")
	if len(message) > maxMessage {
		writeError(w, r, http.StatusBadRequest, "invalid_body", "message is longer than 4000 characters")
		return
	}
	dry := r.URL.Query().Get("dryRun") == "true"
	rows, err := s.Invites.Import(r.Context(), actor(r), f, message, dry)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	out := importResponse{DryRun: dry, By: f.By, Rows: rows}
	for _, row := range rows {
		if row.Outcome == invite.Invited {
			out.Invited++
		}
	}
	writeJSON(w, http.StatusOK, out)
}
