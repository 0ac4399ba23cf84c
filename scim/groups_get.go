package scim

import (
	"net/http"
	"strings"
)

// getGroup answers GET /Groups/{id}. With excludedAttributes=members the
// membership table is never read; otherwise members stream from a cursor.
func (s *Server) getGroup(w http.ResponseWriter, r *http.Request) {
	scope, ok := groupScope(w, r)
	if !ok {
		return
	}
	g, err := s.store.GroupByID(r.Context(), scope, r.PathValue("id"))
	if err != nil {
		s.failGroup(w, r, err)
		return
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && groupETagListHas(inm, etag(g.Version)) {
		w.Header().Set("ETag", etag(g.Version))
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.writeGroup(w, r, http.StatusOK, g, groupViewOfQuery(r.URL.Query().Get))
}

// groupETagListHas reports whether an If-None-Match list names tag (weakly).
func groupETagListHas(list, tag string) bool {
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(tag, "W/") {
			return true
		}
	}
	return false
}

// deleteGroup answers DELETE /Groups/{id}: memberships go, accounts stay.
func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) {
	scope, expect, ok := s.groupWriteScope(w, r)
	if !ok {
		return
	}
	err := s.accounts.DeleteGroup(r.Context(), actorFrom(r.Context()), scope, r.PathValue("id"), expect)
	if err != nil {
		s.failGroup(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
