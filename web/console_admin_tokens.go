package web

import (
	"net/http"
)

// adminTokensPage: GET /admin/admin-tokens lists the admin API tokens (owners).
func (s *Server) adminTokensPage(w http.ResponseWriter, r *http.Request) {
	toks, err := s.Store.AdminTokens(r.Context())
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	s.renderConsole(w, r, http.StatusOK, "admin_tokens", s.newConsole(r, "admins", toks))
}

// adminTokenRevokePage: POST /admin/admin-tokens/{id}/revoke revokes a
// token for good (owners), as DELETE /api/v1/admin-tokens/{id} does.
func (s *Server) adminTokenRevokePage(w http.ResponseWriter, r *http.Request) {
	_, err := s.Store.RevokeAdminTokens(r.Context(), r.PathValue("id"), actor(r))
	if !s.consoleFound(w, r, err) {
		return
	}
	redirectDone(w, r, "/admin/admin-tokens", "token_revoked")
}
