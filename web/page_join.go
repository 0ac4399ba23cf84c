package web

import (
	"net/http"
	"net/url"
)

// joinPage answers GET /join/{token}: the sign-up form of a multi-use link,
// or 410 when the link is unknown, expired, used up or deleted. With SMTP
// the form asks for no password: it is chosen on the confirmation page.
func (s *Server) joinPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	_, err := s.Claims.LinkOpen(r.Context(), token)
	if isGone(err) {
		s.pageGone(w, r)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.newPage(r)
	d.Action, d.AskPassword = "/join/"+url.PathEscape(token), !s.Claims.ConfirmsByMail()
	s.render(w, r, http.StatusOK, "join", d)
}
