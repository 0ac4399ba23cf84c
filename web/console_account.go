package web

import (
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// accountPage: GET /admin/accounts/{id} shows an account, its invitations
// and its history (the audit events about it).
func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := s.Store.AccountByIDAny(ctx, r.PathValue("id"))
	if !s.consoleFound(w, r, err) {
		return
	}
	invs, _, err := s.Store.ListInvitations(ctx, store.InvitationQuery{AccountID: a.ID, Limit: 20})
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	ids := []string{a.ID}
	for _, inv := range invs {
		ids = append(ids, inv.ID)
	}
	evs, err := s.Store.AuditEventsOfTargets(ctx, ids, 100)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	page := struct {
		Account     *store.Account
		Integration string
		Invitations []store.Invitation
		History     []store.AuditEvent
	}{Account: a, Invitations: invs, History: evs}
	if a.IntegrationID != nil {
		if in, err := s.Store.IntegrationByID(ctx, *a.IntegrationID); err == nil {
			page.Integration = in.Name
		}
	}
	s.renderConsole(w, r, http.StatusOK, "account", s.newConsole(r, "accounts", page))
}
