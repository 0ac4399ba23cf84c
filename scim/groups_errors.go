package scim

import (
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// failGroup is fail with a displayName conflict named as such (a
// group's externalId is not unique: see groups.go).
func (s *Server) failGroup(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case store.ConflictOn(err, "display_name"):
		writeError(w, http.StatusConflict, typeUniqueness, "displayName is already used by another group")
	default:
		s.fail(w, r, err)
	}
}

// groupScope returns the calling integration's id, the scope of every
// Groups call. Without an authenticated integration (a mis-wired route; the
// ServeHTTP authenticates first) it answers 401 rather than ever reaching
// the groups no integration owns.
func groupScope(w http.ResponseWriter, r *http.Request) (string, bool) {
	in := integrationFrom(r.Context())
	if in == nil {
		writeError(w, http.StatusUnauthorized, "", detailUnauthHTTP)
		return "", false
	}
	return in.ID, true
}
