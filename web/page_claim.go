package web

import (
	"net/http"
	"net/url"
)

// claimPage answers GET /invite/{token}: the claim form. It never consumes
// the token: mail scanners open links before people do.
func (s *Server) claimPage(w http.ResponseWriter, r *http.Request) {
	if _, d, ok := s.claimForm(w, r); ok {
		s.render(w, r, http.StatusOK, "claim", d)
	}
}

// claimForm reads the {token} invitation and fills the claim form of it;
// when the token is unusable it has answered (pageUsable).
func (s *Server) claimForm(w http.ResponseWriter, r *http.Request) (token string, d *pageData, ok bool) {
	token = r.PathValue("token")
	v, err := s.Claims.Inspect(r.Context(), token)
	if !s.pageUsable(w, r, err) {
		return "", nil, false
	}
	d = s.newPage(r, v.Lang)
	d.Email, d.Action, d.SignUp = v.Email, "/invite/"+url.PathEscape(token), v.SignUp
	return token, d, true
}

// claimed sends a successful claim, sign-up or redemption on: to the
// application when configured, else to the success page; to the waiting page
// when an admin must approve first. 303, so a reload does not resubmit.
func (s *Server) claimed(w http.ResponseWriter, r *http.Request, lang string, pending, fromJoin bool) {
	q := url.Values{"lang": {lang}}
	if fromJoin {
		q.Set("via", "join")
	}
	switch {
	case pending:
		http.Redirect(w, r, "/waiting?"+q.Encode(), http.StatusSeeOther)
	case s.Config.AppURL != "":
		http.Redirect(w, r, s.Config.AppURL, http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/welcome?"+q.Encode(), http.StatusSeeOther)
	}
}

// welcomePage answers GET /welcome and GET /waiting, where claims land, and
// GET /check-email, where sign-ups waiting for their confirmation land. They
// show nothing personal, so they need no token.
func (s *Server) welcomePage(w http.ResponseWriter, r *http.Request) {
	d := s.newPage(r, r.URL.Query().Get("lang"))
	d.FromJoin = r.URL.Query().Get("via") == "join"
	d.TitleKey, d.BodyKey = "done.title", "done.body" // the done page (ui.Shared)
	if d.FromJoin {
		d.NoteKey = "done.join"
	}
	name := map[string]string{"/welcome": "done", "/waiting": "pending", "/check-email": "check_email"}[r.URL.Path]
	s.render(w, r, http.StatusOK, name, d)
}
