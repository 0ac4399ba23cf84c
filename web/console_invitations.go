package web

import (
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// invitationsView is the invitations page: the list with its filters, and
// the comma-separated addresses form (kept as typed when refused, with the
// per-address outcome after a send).
type invitationsView struct {
	Status, Q, Integration string
	Statuses               []string
	Rows                   []store.Invitation
	Integrations           []store.Integration
	Pager                  pager
	Emails                 emailsForm
}

// invitationsPage: GET /admin/invitations?status=&q=&integration=&offset=,
// one tab per status; q searches the address, integration narrows to one.
func (s *Server) invitationsPage(w http.ResponseWriter, r *http.Request) {
	s.renderInvitations(w, r, http.StatusOK, emailsForm{}, "")
}

func (s *Server) renderInvitations(w http.ResponseWriter, r *http.Request, status int, form emailsForm, errMsg string) {
	q := r.URL.Query()
	offset := consoleOffset(q)
	f := store.InvitationQuery{Status: q.Get("status"), Q: q.Get("q"), IntegrationID: q.Get("integration"),
		Limit: consolePageSize, Offset: offset}
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
	page := invitationsView{Status: f.Status, Q: f.Q, Integration: f.IntegrationID, Statuses: invitationStatuses,
		Rows: invs, Integrations: ins, Pager: newPager("/admin/invitations", q, offset, total), Emails: form}
	d := s.newConsole(r, "invitations", page)
	d.Error = errMsg
	s.renderConsole(w, r, status, "invitations", d)
}
