package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/provisiond/provisiond/invite"
)

// maxImportUpload bounds an uploaded csv/xlsx file.
const maxImportUpload = 10 << 20

// importView is the import page: the report of a preview (with the rows to
// confirm) or of the real run.
type importView struct {
	DryRun  bool
	By      string
	Message string
	Rows    []invite.ImportReport
	Invited int // rows invited by mail (or that would be)
	Codes   int // rows given an access code instead: no email (or that would be)
}

// importPreviewPage: POST /admin/invitations/import (multipart: file,
// message) parses the file and shows what inviting would do, changing
// nothing; the confirm form carries the parsed rows.
func (s *Server) importPreviewPage(w http.ResponseWriter, r *http.Request) {
	name, data, err := readUpload(w, r, maxImportUpload)
	if err != nil {
		s.renderImport(w, r, http.StatusBadRequest, importView{}, "import.err.file")
		return
	}
	file, err := invite.ParseImport(name, data)
	if err != nil {
		s.Log.InfoContext(r.Context(), "console import refused", "err", err)
		s.renderImport(w, r, http.StatusBadRequest, importView{}, "import.err.format")
		return
	}
	s.runImport(w, r, file, r.FormValue("message"), true)
}

// importConfirmPage: POST /admin/invitations/import/confirm invites the rows
// the preview showed (fields by, row, value, message).
func (s *Server) importConfirmPage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	rows, values := r.PostForm["row"], r.PostForm["value"]
	by := r.PostFormValue("by")
	if len(rows) != len(values) || len(rows) > invite.MaxImportRows || (by != "email" && by != "externalId") {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	file := &invite.ImportFile{By: by}
	for i := range rows {
		n, _ := strconv.Atoi(rows[i])
		file.Rows = append(file.Rows, invite.ImportRow{Row: n, Value: values[i]})
	}
	s.runImport(w, r, file, r.PostFormValue("message"), false)
}

func (s *Server) runImport(w http.ResponseWriter, r *http.Request, file *invite.ImportFile, message string, dryRun bool) {
	rep, err := s.Invites.Import(r.Context(), actor(r), file, message, dryRun)
	if err != nil && !errors.Is(err, invite.ErrImportFormat) {
		s.consoleError(w, r, err)
		return
	}
	v := importView{DryRun: dryRun, By: file.By, Message: message, Rows: rep}
	for _, row := range rep {
		switch {
		case row.Outcome == invite.Invited && row.AccessCode:
			v.Codes++
		case row.Outcome == invite.Invited:
			v.Invited++
		}
	}
	s.renderImport(w, r, http.StatusOK, v, "")
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, status int, v importView, errKey string) {
	d := s.newConsole(r, "invitations", v)
	if errKey != "" {
		d.Error = translate(d.Lang, errKey)
	}
	s.renderConsole(w, r, status, "import", d)
}
