package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// adminsPage: GET /admin/admins lists console admins; owners get the forms.
func (s *Server) adminsPage(w http.ResponseWriter, r *http.Request) {
	s.renderAdmins(w, r, http.StatusOK, "")
}

func (s *Server) renderAdmins(w http.ResponseWriter, r *http.Request, status int, errMsg string) {
	as, err := s.Store.Admins(r.Context())
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	d := s.newConsole(r, "admins", as)
	d.Error = errMsg
	s.renderConsole(w, r, status, "admins", d)
}

// adminFormError re-renders the page with the reason a change was refused.
func (s *Server) adminFormError(w http.ResponseWriter, r *http.Request, err error) {
	lang := consoleLang(r)
	var msg string
	switch {
	case errors.Is(err, store.ErrLastOwner):
		msg = translate(lang, "admins.err.last_owner")
	case errors.Is(err, store.ErrCreatorSelf):
		msg = translate(lang, "admins.err.creator_self")
	default:
		var ok bool
		if msg, _, ok = s.formRefusal(w, r, err, translate(lang, "admins.err.exists")); !ok {
			return
		}
	}
	s.renderAdmins(w, r, http.StatusConflict, msg)
}

// adminCreatePage: POST /admin/admins (owners) with email, name, role, optional password.
func (s *Server) adminCreatePage(w http.ResponseWriter, r *http.Request) {
	email, name, role := r.PostFormValue("email"), r.PostFormValue("name"), r.PostFormValue("role")
	in := adminInput{Email: &email, Name: &name, Role: &role}
	if pw := r.PostFormValue("password"); pw != "" {
		in.Password = &pw
	}
	if _, err := s.Integrations.CreateAdmin(r.Context(), actor(r), in.input()); err != nil {
		s.adminFormError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/admins", "saved")
}

// adminSavePage: POST /admin/admins/{id} (owners) sets role and disabled.
func (s *Server) adminSavePage(w http.ResponseWriter, r *http.Request) {
	role, disabled := r.PostFormValue("role"), r.PostFormValue("disabled") == "true"
	in := adminInput{Role: &role, Disabled: &disabled}
	if _, err := s.Integrations.UpdateAdmin(r.Context(), actor(r), r.PathValue("id"), in.input()); err != nil {
		s.adminFormError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/admins", "saved")
}

// adminDeletePage: POST /admin/admins/{id}/delete (owners).
func (s *Server) adminDeletePage(w http.ResponseWriter, r *http.Request) {
	p, _ := PrincipalFrom(r.Context())
	if err := s.Integrations.DeleteAdmin(r.Context(), actor(r), r.PathValue("id"), p.AdminID); err != nil {
		s.adminFormError(w, r, err)
		return
	}
	if strings.EqualFold(r.PathValue("id"), p.AdminID) {
		s.endSession(w, r)
	}
	redirectDone(w, r, "/admin/admins", "deleted")
}
