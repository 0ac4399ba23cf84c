package scim

import (
	"bufio"
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// listGroups answers GET /Groups.
func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) {
	s.answerList(w, r, listParamsFromQuery, s.failGroup, s.answerGroupList)
}

// searchGroups answers POST /Groups/.search.
func (s *Server) searchGroups(w http.ResponseWriter, r *http.Request) {
	s.answerList(w, r, listParamsFromSearch, s.failGroup, s.answerGroupList)
}

// answerGroupList writes a ListResponse. The page of groups is read first
// (itemsPerPage is the number returned); each group's members, unless
// excluded, then stream like a single group's.
func (s *Server) answerGroupList(w http.ResponseWriter, r *http.Request, p listParams) {
	scope, ok := groupScope(w, r)
	if !ok {
		return
	}
	pg, err := s.pagerFor(p, scope, "Groups")
	if err != nil {
		s.failGroup(w, r, err)
		return
	}
	groups, total, err := s.store.ListGroups(r.Context(), store.GroupQuery{IntegrationID: scope,
		Filter: p.filter, SortBy: p.sortBy, Desc: p.desc, Offset: pg.offset, Limit: pg.limit(), After: pg.after})
	if err != nil {
		s.failGroup(w, r, err)
		return
	}
	groups, next := pageOf(s, pg, groups, func(g *store.Group) *store.Keyset { return store.KeysetOf(g.CreatedAt, g.ID) })
	view := groupViewOf(p.proj)
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 32<<10)
	bw.WriteString(pg.head(total, len(groups), next))
	for i := range groups {
		if i > 0 {
			bw.WriteByte(',')
		}
		if err := s.encodeGroup(r.Context(), bw, &groups[i], view); err != nil {
			s.abortStream(r, groups[i].ID, err)
		}
	}
	bw.WriteString("]}\n")
	if err := bw.Flush(); err != nil {
		s.abortStream(r, "", err)
	}
}
