package web

import (
	"net/http"

	"github.com/provisiond/provisiond/ui"
)

// codePasswordSubmit answers POST /code/password: re-checks the code (the
// first step proves nothing to this request), then uses it and sets the
// password in one transaction.
func (s *Server) codePasswordSubmit(w http.ResponseWriter, r *http.Request) {
	if !ui.ParseForm(w, r) {
		return
	}
	d := s.newPage(r, r.PostFormValue("lang"))
	d.Code = r.PostFormValue("code")
	pw := r.PostFormValue("password")
	if !checkConfirm(d, pw, r.PostFormValue("confirm")) {
		v, err := s.Claims.CheckCode(r.Context(), d.Code, s.clientKey(r))
		if s.codeFailed(w, r, d, err) {
			return
		}
		d.UserName = v.UserName
		s.render(w, r, http.StatusUnprocessableEntity, "code_password", d)
		return
	}
	res, err := s.Claims.RedeemCode(r.Context(), d.Code, s.clientKey(r), pw)
	if passwordErrors(d, err) {
		d.UserName = res.UserName
		s.render(w, r, http.StatusUnprocessableEntity, "code_password", d)
		return
	}
	if s.codeFailed(w, r, d, err) {
		return
	}
	s.claimed(w, r, ui.Pick(res.Lang, d.Lang), res.Pending(), false)
}
