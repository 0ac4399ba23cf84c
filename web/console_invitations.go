package web

import (
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// invitationsPage: GET /admin/invitations?status=&offset= with one tab per status.
func (s *Server) invitationsPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset := consoleOffset(q)
	f := store.InvitationQuery{Status: q.Get("status"), Limit: consolePageSize, Offset: offset}
	invs, total, err := s.Store.ListInvitations(r.Context(), f)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	ins, err := s.Store.Integrations(r.Context())
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	page := struct {
		Status       string
		Statuses     []string
		Rows         []store.Invitation
		Integrations []store.Integration
		Pager        pager
	}{f.Status, invitationStatuses, invs, ins, newPager("/admin/invitations", q, offset, total)}
	s.renderConsole(w, r, http.StatusOK, "invitations", s.newConsole(r, "invitations", page))
}
