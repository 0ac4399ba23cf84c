package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/provisiond/provisiond/invite"
)

// codeView is the access-code page: Code is set only on the reveal response.
type codeView struct {
	ID, UserName, Code string
	ExpiresAt          time.Time
}

// codePageGet: GET /admin/accounts/{id}/code offers to reveal (audited) the code.
func (s *Server) codePageGet(w http.ResponseWriter, r *http.Request) {
	a, err := s.Store.AccountByID(r.Context(), r.PathValue("id"))
	if !s.consoleFound(w, r, err) {
		return
	}
	s.renderConsole(w, r, http.StatusOK, "code", s.newConsole(r, "accounts", codeView{ID: a.ID, UserName: a.UserName}))
}

// codeReveal: POST /admin/accounts/{id}/code shows the code on this response only.
func (s *Server) codeReveal(w http.ResponseWriter, r *http.Request) {
	a, err := s.Store.AccountByID(r.Context(), r.PathValue("id"))
	if !s.consoleFound(w, r, err) {
		return
	}
	c, err := s.Invites.RevealAccessCode(r.Context(), actor(r), a.ID)
	if errors.Is(err, invite.ErrNoCode) || errors.Is(err, invite.ErrNotFound) {
		redirectDone(w, r, "/admin/accounts", "error")
		return
	}
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderConsole(w, r, http.StatusOK, "code", s.newConsole(r, "accounts",
		codeView{ID: a.ID, UserName: a.UserName, Code: c.Code, ExpiresAt: c.ExpiresAt}))
}
