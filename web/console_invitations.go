package web

import (
	"context"
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
	f, ok := listByIntegration(s, w, r, func(ctx context.Context, status, q, in string, offset int) ([]store.Invitation, int64, error) {
		return s.Store.ListInvitations(ctx, store.InvitationQuery{Status: status, Q: q, IntegrationID: in,
			Limit: consolePageSize, Offset: offset})
	})
	if !ok {
		return
	}
	page := invitationsView{Status: f.Status, Q: f.Q, Integration: f.IntegrationID, Statuses: invitationStatuses,
		Rows: f.Rows, Integrations: f.Integrations, Pager: newPager("/admin/invitations", r.URL.Query(), f.Offset, f.Total), Emails: form}
	d := s.newConsole(r, "invitations", page)
	d.Error = errMsg
	s.renderConsole(w, r, status, "invitations", d)
}
