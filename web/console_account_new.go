package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// accountNewView is the new-account page: the form (with what was typed
// after an error) or the created account and how it was invited.
type accountNewView struct {
	Form    createAccountRequest
	Roles   string
	Created *invite.AdminCreateResult
}

// accountNewPage: GET /admin/accounts/new shows the form.
func (s *Server) accountNewPage(w http.ResponseWriter, r *http.Request) {
	s.renderConsole(w, r, http.StatusOK, "account_new", s.newConsole(r, "accounts", accountNewView{}))
}

// accountNewSubmit: POST /admin/accounts/new creates the account and
// invites it at once; the claim link is shown, once, when there is no SMTP.
func (s *Server) accountNewSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	f := r.PostFormValue
	v := accountNewView{Roles: f("roles"), Form: createAccountRequest{Email: f("email"), UserName: f("userName"),
		ExternalID: f("externalId"), GivenName: f("givenName"), FamilyName: f("familyName"), UserType: f("userType"),
		PreferredLanguage: f("preferredLanguage"), Message: f("message")}}
	in := account.AdminInput{Email: v.Form.Email, UserName: v.Form.UserName, ExternalID: v.Form.ExternalID,
		GivenName: v.Form.GivenName, FamilyName: v.Form.FamilyName, UserType: v.Form.UserType,
		Roles: strings.Split(v.Roles, ","), PreferredLanguage: v.Form.PreferredLanguage}
	d := s.newConsole(r, "accounts", &v)
	if len(v.Form.Message) > maxMessage {
		d.Error = "message is longer than 4000 characters"
		s.renderConsole(w, r, http.StatusBadRequest, "account_new", d)
		return
	}
	res, err := s.Invites.CreateAdminAccount(r.Context(), s.Accounts, adminActor(r), in, v.Form.Message)
	switch {
	case errors.Is(err, account.ErrInvalid):
		d.Error = invalidReason(err)
	case errors.Is(err, store.ErrConflict):
		d.Error = "an account with this user name or external id exists"
	case err != nil:
		s.consoleError(w, r, err)
		return
	default:
		v.Created = &res
		s.renderConsole(w, r, http.StatusCreated, "account_new", d)
		return
	}
	s.renderConsole(w, r, http.StatusBadRequest, "account_new", d)
}
