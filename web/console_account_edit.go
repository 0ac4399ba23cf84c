package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// accountEditView is the edit page of an account: the form for an
// admin-created one, the owner's name for one of an integration.
type accountEditView struct {
	Account  *store.Account
	Roles    string
	Owner    string // the integration that owns it: read-only
	Reinvite bool   // the email changed and the pending invitation was canceled
}

// accountEditPage: GET /admin/accounts/{id}/edit.
func (s *Server) accountEditPage(w http.ResponseWriter, r *http.Request) {
	s.renderAccountEdit(w, r, http.StatusOK, r.PathValue("id"), false, "")
}

// accountEditSubmit: POST /admin/accounts/{id}/edit saves names, userType,
// roles and email; a new email cancels the pending invitation and the page
// offers a new one.
func (s *Server) accountEditSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	f := r.PostFormValue
	email, given, family, typ := f("email"), f("givenName"), f("familyName"), f("userType")
	roles := strings.Split(f("roles"), ",")
	e := account.AdminEdit{Email: &email, GivenName: &given, FamilyName: &family, UserType: &typ, Roles: &roles}
	id := r.PathValue("id")
	res, err := s.Invites.EditAdminAccount(r.Context(), s.Accounts, adminActor(r), id, 0, e)
	switch {
	case errors.Is(err, account.ErrInvalid):
		s.renderAccountEdit(w, r, http.StatusBadRequest, id, false, invalidReason(err))
	case errors.Is(err, account.ErrOwnedByIntegration):
		s.renderAccountEdit(w, r, http.StatusConflict, id, false, "")
	case errors.Is(err, store.ErrConflict):
		s.renderAccountEdit(w, r, http.StatusConflict, id, false, "an account with this user name exists")
	case errors.Is(err, store.ErrNotFound):
		http.NotFound(w, r)
	case err != nil:
		s.consoleError(w, r, err)
	case res.ReinviteOffered:
		s.renderAccountEdit(w, r, http.StatusOK, id, true, "")
	default:
		redirectDone(w, r, "/admin/accounts/"+id, "account_saved")
	}
}

func (s *Server) renderAccountEdit(w http.ResponseWriter, r *http.Request, status int, id string, reinvite bool, errText string) {
	a, err := s.Store.AccountByID(r.Context(), id)
	if !s.consoleFound(w, r, err) {
		return
	}
	v := accountEditView{Account: a, Roles: strings.Join(account.Roles(a), ", "), Reinvite: reinvite}
	var owned *account.OwnedError
	if err := s.Accounts.Owner(r.Context(), a); errors.As(err, &owned) {
		v.Owner = owned.IntegrationName
	} else if err != nil {
		s.consoleError(w, r, err)
		return
	}
	d := s.newConsole(r, "accounts", v)
	d.Error = errText
	s.renderConsole(w, r, status, "account_edit", d)
}
