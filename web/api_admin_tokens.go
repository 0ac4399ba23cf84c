package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/provisiond/provisiond/store"
)

// adminTokenJSON is an admin API token as owners see it: never the token,
// nor its hash.
type adminTokenJSON struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Role      string     `json:"role"`
	CreatedAt time.Time  `json:"createdAt"`
	RevokedAt *time.Time `json:"revokedAt,omitempty"`
}

// listAdminTokensAPI: GET /api/v1/admin-tokens (owners).
func (s *Server) listAdminTokensAPI(w http.ResponseWriter, r *http.Request) {
	toks, err := s.Store.AdminTokens(r.Context())
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeList(w, toks, int64(len(toks)), func(t *store.AdminToken) adminTokenJSON {
		return adminTokenJSON{ID: t.ID, Name: t.Name, Role: t.Role, CreatedAt: t.CreatedAt, RevokedAt: t.RevokedAt}
	})
}

// revokeAdminTokenAPI: DELETE /api/v1/admin-tokens/{id} (owners; id or
// name, e.g. "bootstrap") revokes for good: the record stays, so serve
// never installs PROVISIOND_BOOTSTRAP_TOKEN again with that value. A token
// may revoke itself.
func (s *Server) revokeAdminTokenAPI(w http.ResponseWriter, r *http.Request) {
	_, err := s.Store.RevokeAdminTokens(r.Context(), r.PathValue("id"), actor(r))
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, r, http.StatusNotFound, "not_found", "no such admin token")
	case err != nil:
		s.internalError(w, r, err)
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}
