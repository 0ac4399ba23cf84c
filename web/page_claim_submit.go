package web

import (
	"net/http"

	"github.com/provisiond/provisiond/ui"
)

// claimSubmit answers POST /invite/{token}: checks the password, then claims
// the invitation atomically; re-renders the form with the errors tied to
// their fields, or answers 410 for any unusable token.
func (s *Server) claimSubmit(w http.ResponseWriter, r *http.Request) {
	if !ui.ParseForm(w, r) {
		return
	}
	token, d, ok := s.claimForm(w, r)
	if !ok {
		return
	}
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
