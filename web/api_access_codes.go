package web

import (
	"net/http"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/mail"
)

// getAccessCode: GET /api/v1/accounts/{id}/access-code reveals the code (audited).
func (s *Server) getAccessCode(w http.ResponseWriter, r *http.Request) {
	c, err := s.Invites.RevealAccessCode(r.Context(), actor(r), r.PathValue("id"))
	s.answerAccessCode(w, r, c, err)
}

// regenerateAccessCode: POST /api/v1/accounts/{id}/access-code (the old code dies).
func (s *Server) regenerateAccessCode(w http.ResponseWriter, r *http.Request) {
	c, err := s.Invites.RegenerateAccessCode(r.Context(), actor(r), r.PathValue("id"))
	s.answerAccessCode(w, r, c, err)
}

// answerAccessCode answers a revealed or new access code, never cached, or
// the invite error that refused it.
func (s *Server) answerAccessCode(w http.ResponseWriter, r *http.Request, c invite.AccessCode, err error) {
	if err != nil {
		s.inviteError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, c)
}

// accessCodeQR: GET /api/v1/accounts/{id}/access-code/qr.png (audited like a reveal).
func (s *Server) accessCodeQR(w http.ResponseWriter, r *http.Request) {
	c, err := s.Invites.RevealAccessCode(r.Context(), actor(r), r.PathValue("id"))
	if err != nil {
		s.inviteError(w, r, err)
		return
	}
	png, err := mail.QRCode(c.Code)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(png)
}
