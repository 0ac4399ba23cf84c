package web

import (
	"net/http"
	"net/url"
)

// joinPage answers GET /join/{token}: the sign-up form of a multi-use link,
// or 410 when the link is unknown, expired, used up or deleted. With SMTP
// the form asks for no password: it is chosen on the confirmation page.
func (s *Server) joinPage(w http.ResponseWriter, r *http.Request) {
	if _, d, ok := s.joinForm(w, r); ok {
		s.render(w, r, http.StatusOK, "join", d)
	}
}

// joinForm opens the {token} link and fills its sign-up form in the first
// of langs that is offered (newPage); when the link is unusable it has
// answered (pageUsable).
func (s *Server) joinForm(w http.ResponseWriter, r *http.Request, langs ...string) (token string, d *pageData, ok bool) {
	token = r.PathValue("token")
	if _, err := s.Claims.LinkOpen(r.Context(), token); !s.pageUsable(w, r, err) {
		return "", nil, false
	}
	d = s.newPage(r, langs...)
	d.Action, d.AskPassword = "/join/"+url.PathEscape(token), !s.Claims.ConfirmsByMail()
	return token, d, true
}
