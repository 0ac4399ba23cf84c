package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/ui"
)

// joinSubmit answers POST /join/{token}. The submission counts against the
// link's maximum; an address that already has an account gets the same
// answer as a new one and creates nothing. With SMTP every sign-up lands on
// /check-email (a confirmation was mailed, or nothing happened); without,
// on /waiting (an admin approves it).
func (s *Server) joinSubmit(w http.ResponseWriter, r *http.Request) {
	if !ui.ParseForm(w, r) {
		return
	}
	token, d, ok := s.joinForm(w, r, r.PostFormValue("lang"))
	if !ok {
		return
	}
	d.Name, d.Email = r.PostFormValue("name"), r.PostFormValue("email")
	pw := ""
	if d.AskPassword {
		pw = r.PostFormValue("password")
		if !checkConfirm(d, pw, r.PostFormValue("confirm")) {
			s.render(w, r, http.StatusUnprocessableEntity, "join", d)
			return
		}
	}
	res, err := s.Claims.SignUp(r.Context(), token, invite.SignUpInput{Name: d.Name, Email: d.Email, Password: pw, Lang: d.Lang})
	var ie *invite.InputError
	switch {
	case isGone(err):
		s.pageGone(w, r)
	case errors.As(err, &ie):
		d.AddErr(ie.Field, "err."+ie.Field+"."+ie.Code)
		s.render(w, r, http.StatusUnprocessableEntity, "join", d)
	case passwordErrors(d, err):
		s.render(w, r, http.StatusUnprocessableEntity, "join", d)
	case err != nil:
		s.pageError(w, r, err)
	case res.AwaitsConfirmation():
		http.Redirect(w, r, "/check-email?"+url.Values{"lang": {d.Lang}}.Encode(), http.StatusSeeOther)
	default:
		s.claimed(w, r, d.Lang, res.Pending(), true)
	}
}
