package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/provisiond/provisiond/store"
)

// pager holds the previous and next page links of a list ("" for none).
type pager struct{ Prev, Next string }

// consolePageSize is the number of rows a console list shows.
const consolePageSize = 50

// consoleOffset is a console list's ?offset=, never negative (0 when
// missing or not a number).
func consoleOffset(q url.Values) int {
	offset, _ := strconv.Atoi(q.Get("offset"))
	return max(offset, 0)
}

// newPager builds the links around offset for a list of total rows.
func newPager(base string, q url.Values, offset int, total int64) pager {
	link := func(off int) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "offset" && k != "done" && len(vs) > 0 && vs[0] != "" {
				v.Set(k, vs[0])
			}
		}
		if off > 0 {
			v.Set("offset", strconv.Itoa(off))
		}
		if len(v) == 0 {
			return base
		}
		return base + "?" + v.Encode()
	}
	var p pager
	if offset > 0 {
		p.Prev = link(max(0, offset-consolePageSize))
	}
	if int64(offset+consolePageSize) < total {
		p.Next = link(offset + consolePageSize)
	}
	return p
}

// accountRow is one line of the accounts table.
type accountRow struct {
	store.Account
	IntegrationName string
	Invitable       bool // Invite (not_invited) or Re-invite (invited by mail)
	NoEmail         bool // has an access code instead
}

// accountsPage: GET /admin/accounts?q=&status=&integration=&offset=
func (s *Server) accountsPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, ok := listByIntegration(s, w, r, func(ctx context.Context, status, qs, in string, offset int) ([]store.Account, int64, error) {
		return s.Store.AdminAccounts(ctx, store.AdminAccountQuery{Status: status, Q: qs, IntegrationID: in,
			Limit: consolePageSize, Offset: offset})
	})
	if !ok {
		return
	}
	names := map[string]string{}
	for _, in := range f.Integrations {
		names[in.ID] = in.Name
	}
	page := struct {
		Q, Status, Integration string
		Back                   string
		Statuses               []string
		Integrations           []store.Integration
		Rows                   []accountRow
		Total                  int64
		Pager                  pager
	}{Q: f.Q, Status: f.Status, Integration: f.IntegrationID, Statuses: accountStatuses, Integrations: f.Integrations,
		Total: f.Total, Back: r.URL.Path + "?" + q.Encode(), Pager: newPager("/admin/accounts", q, f.Offset, f.Total)}
	for _, a := range f.Rows {
		row := accountRow{Account: a, NoEmail: a.Email == ""}
		if a.IntegrationID != nil {
			row.IntegrationName = names[*a.IntegrationID]
		}
		row.Invitable = a.Active && (a.Status == store.StatusNotInvited || (a.Status == store.StatusInvited && !row.NoEmail))
		page.Rows = append(page.Rows, row)
	}
	s.renderConsole(w, r, http.StatusOK, "accounts", s.newConsole(r, "accounts", page))
}
