package web

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// accountImportView is the account import page: the upload form, a kept
// preview with the invite-now-or-later choice, or an applied report.
type accountImportView struct {
	Import *store.AccountImport
	Rows   []invite.AccountImportReport
}

// accountImportPage: GET /admin/accounts/import shows the upload form.
func (s *Server) accountImportPage(w http.ResponseWriter, r *http.Request) {
	s.renderConsole(w, r, http.StatusOK, "account_import", s.newConsole(r, "accounts", accountImportView{}))
}

// accountImportPreview: POST /admin/accounts/import (multipart: file)
// parses the file and keeps a preview (a dry run): nothing is created yet.
func (s *Server) accountImportPreview(w http.ResponseWriter, r *http.Request) {
	name, data, err := readUpload(w, r, maxImportUpload)
	var rows []invite.AccountImportRow
	if err == nil {
		rows, err = invite.ParseAccountImport(name, data)
	}
	if err != nil {
		s.Log.InfoContext(r.Context(), "console account import refused", "err", err)
		d := s.newConsole(r, "accounts", accountImportView{})
		d.Error = translate(d.Lang, "account_import.err.file")
		s.renderConsole(w, r, http.StatusBadRequest, "account_import", d)
		return
	}
	res, err := s.Invites.ImportAccounts(r.Context(), s.Accounts, adminActor(r), rows,
		invite.AccountImportOptions{FileName: name, DryRun: true})
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	s.renderConsole(w, r, http.StatusOK, "account_import", s.newConsole(r, "accounts", accountImportView{Import: res.Import, Rows: res.Rows}))
}

// accountImportApply: POST /admin/accounts/import/{id}/apply creates the
// accounts of a kept preview, inviting them now or later (field invite).
func (s *Server) accountImportApply(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	choice, ok := invite.ParseInviteChoice(r.PostFormValue("invite"))
	if !ok || len(r.PostFormValue("message")) > maxMessage {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	res, err := s.Invites.ApplyAccountImport(r.Context(), s.Accounts, adminActor(r), r.PathValue("id"),
		invite.AccountImportOptions{Invite: choice, Message: r.PostFormValue("message")})
	switch {
	case errors.Is(err, invite.ErrNotFound):
		http.NotFound(w, r)
	case errors.Is(err, invite.ErrImportApplied):
		d := s.newConsole(r, "accounts", accountImportView{})
		d.Error = translate(d.Lang, "account_import.err.applied")
		s.renderConsole(w, r, http.StatusConflict, "account_import", d)
	case err != nil:
		s.consoleError(w, r, err)
	default:
		http.Redirect(w, r, "/admin/account-imports/"+res.Import.ID, http.StatusSeeOther)
	}
}

// accountImportReportPage: GET /admin/account-imports/{id} shows a kept import.
func (s *Server) accountImportReportPage(w http.ResponseWriter, r *http.Request) {
	imp, err := s.Store.AccountImportByID(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	var rows []invite.AccountImportReport
	if err == nil {
		err = json.Unmarshal([]byte(imp.Report), &rows)
	}
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	s.renderConsole(w, r, http.StatusOK, "account_import", s.newConsole(r, "accounts", accountImportView{Import: imp, Rows: rows}))
}
