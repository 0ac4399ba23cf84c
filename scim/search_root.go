package scim

import (
	"bufio"
	"encoding/json"
	"net/http"

	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
)

// searchRoot answers POST /scim/v2/.search (RFC 7644 §3.4.3): the list
// parameters in the body, over Users and Groups together, as one
// ListResponse whose resources each carry their own schemas and
// meta.resourceType. Only the types the integration may read are searched
// (accounts:read, groups:read); with neither it is 403. The filter, paging
// and sorting are SQL over both types (store.SearchResources); an attribute
// one type lacks has no value there, and one that no type has is 400.
func (s *Server) searchRoot(w http.ResponseWriter, r *http.Request) {
	s.answerList(w, r, listParamsFromSearch, s.fail, s.answerRootList)
}

// listRoot answers GET /scim/v2/?filter=... (RFC 7644 §3.4.2.1), the same
// search with the parameters in the query.
func (s *Server) listRoot(w http.ResponseWriter, r *http.Request) {
	s.answerList(w, r, listParamsFromQuery, s.fail, s.answerRootList)
}

func (s *Server) answerRootList(w http.ResponseWriter, r *http.Request, p listParams) {
	ctx := r.Context()
	if p.cursor != nil {
		// One keyset would have to span two tables' creation orders.
		writeError(w, http.StatusBadRequest, typeInvalidValue, "cursor paging is offered on /Users and /Groups; the root search pages by startIndex")
		return
	}
	in := integrationFrom(ctx)
	perms := permission.FromStored(in.Permissions)
	q := store.ResourceQuery{IntegrationID: in.ID, Users: perms.Has(permission.AccountsRead),
		Groups: perms.Has(permission.GroupsRead), Filter: p.filter, SortBy: p.sortBy, Desc: p.desc,
		Offset: p.startIndex - 1, Limit: p.count, CountOnly: p.count == 0}
	if !q.Users && !q.Groups {
		writeError(w, http.StatusForbidden, "", forbiddenDetail(permission.AccountsRead))
		return
	}
	refs, total, err := s.store.SearchResources(ctx, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.loadPage(r, refs, p.proj)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 32<<10)
	bw.WriteString(`{"schemas":["` + listURN + `"],"totalResults":` + groupItoa(total) +
		`,"startIndex":` + groupItoa(int64(p.startIndex)) + `,"itemsPerPage":` + groupItoa(int64(len(page.order))) + `,"Resources":[`)
	view := groupViewOf(p.proj)
	for i, ref := range page.order {
		if i > 0 {
			bw.WriteByte(',')
		}
		if ref.Kind == store.KindGroup {
			if err := s.encodeGroup(ctx, bw, page.groups[ref.ID], view); err != nil {
				s.abortStream(r, ref.ID, err)
			}
			continue
		}
		a := page.users[ref.ID]
		b, err := json.Marshal(p.proj.apply(s.userDoc(a.SourceView(), page.userGroups[a.ID])))
		if err != nil {
			s.abortStream(r, "", err)
		}
		bw.Write(b)
	}
	bw.WriteString("]}\n")
	if err := bw.Flush(); err != nil {
		s.abortStream(r, "", err)
	}
}

// rootPage is one page of a root search, read by id.
type rootPage struct {
	order      []store.ResourceRef // those still there, in order
	users      map[string]*store.Account
	groups     map[string]*store.Group
	userGroups map[string][]store.GroupRef
}

// loadPage reads the resources of refs (one query per type, and one for the
// users' groups when projected). A resource deleted between the search and
// this read is left out of the page.
func (s *Server) loadPage(r *http.Request, refs []store.ResourceRef, proj projection) (rootPage, error) {
	ctx := r.Context()
	var userIDs, groupIDs []string
	for _, ref := range refs {
		if ref.Kind == store.KindGroup {
			groupIDs = append(groupIDs, ref.ID)
		} else {
			userIDs = append(userIDs, ref.ID)
		}
	}
	page := rootPage{userGroups: map[string][]store.GroupRef{}}
	var err error
	if page.users, err = s.store.AccountsByIDs(ctx, userIDs); err != nil {
		return page, err
	}
	if page.groups, err = s.store.GroupsByIDs(ctx, integrationFrom(ctx).ID, groupIDs); err != nil {
		return page, err
	}
	if proj.wants("groups") && len(userIDs) > 0 {
		if page.userGroups, err = s.store.GroupsOfAccounts(ctx, userIDs); err != nil {
			return page, err
		}
	}
	for _, ref := range refs {
		if (ref.Kind == store.KindGroup && page.groups[ref.ID] != nil) || (ref.Kind == store.KindUser && page.users[ref.ID] != nil) {
			page.order = append(page.order, ref)
		}
	}
	return page, nil
}
