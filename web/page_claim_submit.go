package web

import (
	"net/http"
	"net/url"

	"github.com/provisiond/provisiond/ui"
)

// claimSubmit answers POST /invite/{token}: checks the password, then claims
// the invitation atomically; re-renders the form with the errors tied to
// their fields, or answers 410 for any unusable token.
func (s *Server) claimSubmit(w http.ResponseWriter, r *http.Request) {
	if !ui.ParseForm(w, r) {
		return
	}
	token := r.PathValue("token")
	v, err := s.Claims.Inspect(r.Context(), token)
	if isGone(err) {
		s.pageGone(w, r)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.newPage(r, v.Lang)
	d.Email, d.Action, d.SignUp = v.Email, "/invite/"+url.PathEscape(token), v.SignUp
	pw := r.PostFormValue("password")
	if !checkConfirm(d, pw, r.PostFormValue("confirm")) {
		s.render(w, r, http.StatusUnprocessableEntity, "claim", d)
		return
	}
	res, err := s.Claims.Claim(r.Context(), token, pw)
	switch {
	case isGone(err):
		s.pageGone(w, r)
	case passwordErrors(d, err):
		s.render(w, r, http.StatusUnprocessableEntity, "claim", d)
	case err != nil:
		s.pageError(w, r, err)
	default:
		s.claimed(w, r, ui.Pick(res.Lang, d.Lang), res.Pending(), false)
	}
}
