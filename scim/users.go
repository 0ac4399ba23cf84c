package scim

import (
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// owned reports whether account a belongs to integration in: an integration
// sees and changes only the accounts it provisioned, and not one whose
// deletion it asked for while the breaker holds that deletion.
func owned(a *store.Account, in *store.Integration) bool {
	return a != nil && in != nil && a.IntegrationID != nil && *a.IntegrationID == in.ID && !a.HiddenFromSource()
}

// writeUser sends one User with its ETag (and Location: meta.location), as
// its integration sees it (a held deactivation shows as applied).
func (s *Server) writeUser(w http.ResponseWriter, r *http.Request, status int, a *store.Account) {
	a = a.SourceView()
	w.Header().Set("ETag", etag(a.Version))
	w.Header().Set("Location", s.baseURL+"/Users/"+a.ID)
	q := r.URL.Query()
	proj := parseProjection(q.Get("attributes"), q.Get("excludedAttributes"))
	var groups []store.GroupRef
	if proj.wants("groups") && status != http.StatusCreated { // a new user is in no group
		var err error
		if groups, err = s.store.GroupsOfAccount(r.Context(), a.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	writeJSON(w, status, proj.apply(s.userDoc(a, groups)))
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.AccountByID(r.Context(), r.PathValue("id"))
	if err == nil && !owned(a, integrationFrom(r.Context())) {
		err = store.ErrNotFound
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && inm == etag(a.Version) {
		w.Header().Set("ETag", etag(a.Version))
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.writeUser(w, r, http.StatusOK, a)
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	s.answerList(w, r, listParamsFromQuery, s.fail, s.respondUserList)
}

func (s *Server) searchUsers(w http.ResponseWriter, r *http.Request) {
	s.answerList(w, r, listParamsFromSearch, s.fail, s.respondUserList)
}

func (s *Server) respondUserList(w http.ResponseWriter, r *http.Request, p listParams) {
	in := integrationFrom(r.Context())
	pg, err := s.pagerFor(p, in.ID, "Users")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	accts, total, err := s.store.ListAccounts(r.Context(), store.AccountQuery{
		IntegrationID: in.ID, Filter: p.filter, SortBy: p.sortBy, Desc: p.desc,
		Offset: pg.offset, Limit: pg.limit(), CountOnly: p.count == 0, After: pg.after,
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	accts, next := pageOf(s, pg, accts, func(a *store.Account) *store.Keyset { return store.KeysetOf(a.CreatedAt, a.ID) })
	groups := map[string][]store.GroupRef{}
	if p.proj.wants("groups") && len(accts) > 0 {
		ids := make([]string, len(accts))
		for i := range accts {
			ids[i] = accts[i].ID
		}
		if groups, err = s.store.GroupsOfAccounts(r.Context(), ids); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	res := make([]any, 0, len(accts))
	for i := range accts {
		res = append(res, p.proj.apply(s.userDoc(accts[i].SourceView(), groups[accts[i].ID])))
	}
	writeJSON(w, http.StatusOK, pg.body(res, total, next))
}

func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	expect, err := ifMatchVersion(r)
	if err == nil {
		var a *store.Account
		if a, err = s.store.AccountByID(ctx, r.PathValue("id")); err == nil && !owned(a, integrationFrom(ctx)) {
			err = store.ErrNotFound
		}
		if err == nil {
			err = s.accounts.Delete(ctx, actorFrom(ctx), a.ID, expect)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
