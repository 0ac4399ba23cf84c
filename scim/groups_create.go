package scim

import (
	"net/http"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// createGroup answers POST /Groups: 201 with an absolute Location.
func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	if _, ok := groupScope(w, r); !ok {
		return
	}
	in, err := decodeGroupInput(r)
	if err != nil {
		s.failGroup(w, r, err)
		return
	}
	g := &store.Group{DisplayName: in.displayName, ExternalID: in.externalID}
	g, err = s.accounts.CreateGroup(r.Context(), actorFrom(r.Context()), integrationFrom(r.Context()), g, in.members)
	if err != nil {
		s.failGroup(w, r, err)
		return
	}
	w.Header().Set("Location", s.baseURL+"/Groups/"+g.ID)
	s.writeGroup(w, r, http.StatusCreated, g, groupViewOfQuery(r.URL.Query().Get))
}

// replaceGroup answers PUT /Groups/{id}. Members are replaced only when the
// body has "members" (see groups.go).
func (s *Server) replaceGroup(w http.ResponseWriter, r *http.Request) {
	scope, expect, ok := s.groupWriteScope(w, r)
	if !ok {
		return
	}
	in, err := decodeGroupInput(r)
	if err != nil {
		s.failGroup(w, r, err)
		return
	}
	edit := account.GroupEdit{Attrs: func(g *store.Group) error {
		g.DisplayName, g.ExternalID = in.displayName, in.externalID
		return nil
	}}
	if in.hasMembers {
		edit.Members = []account.MemberOp{{Kind: account.MembersReplace, Members: in.members}}
	}
	g, err := s.accounts.EditGroup(r.Context(), actorFrom(r.Context()), scope, r.PathValue("id"), expect, edit)
	if err != nil {
		s.failGroup(w, r, err)
		return
	}
	s.writeGroup(w, r, http.StatusOK, g, groupViewOfQuery(r.URL.Query().Get))
}
