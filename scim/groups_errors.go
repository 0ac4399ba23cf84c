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

// groupWriteScope is groupScope for a write to one group (PUT, PATCH,
// DELETE): it also reads the If-Match version the write must find (0 for
// none), answering 412 itself when the header names no usable version.
func (s *Server) groupWriteScope(w http.ResponseWriter, r *http.Request) (scope string, expect int64, ok bool) {
	scope, ok = groupScope(w, r)
	if !ok {
		return "", 0, false
	}
	expect, err := ifMatchVersion(r)
	if err != nil {
		s.failGroup(w, r, err)
		return "", 0, false
	}
	return scope, expect, true
}
