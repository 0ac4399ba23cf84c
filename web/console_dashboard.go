package web

import (
	"net/http"

	"github.com/provisiond/provisiond/store"
)

// chart is one inline SVG bar chart of counts by status.
type chart struct {
	ID, TitleKey string
	Total        int64
	Height       int
	Bars         []chartBar
}

// chartBar is one bar; Width and Y are in the SVG's user units.
type chartBar struct {
	Status   string
	N        int64
	Width, Y int
}

const chartBarSpace, chartMaxWidth = 30, 380

// newChart lays out counts in the order of statuses, skipping none so the
// shape of the chart stays the same from one visit to the next.
func newChart(id, titleKey string, statuses []string, counts map[string]int64) chart {
	c := chart{ID: id, TitleKey: titleKey, Height: len(statuses)*chartBarSpace + 4}
	var max int64
	for _, st := range statuses {
		c.Total += counts[st]
		max = maxOf(max, counts[st])
	}
	for i, st := range statuses {
		w := 0
		if max > 0 {
			w = int(counts[st] * chartMaxWidth / max)
		}
		if counts[st] > 0 && w < 2 {
			w = 2
		}
		c.Bars = append(c.Bars, chartBar{Status: st, N: counts[st], Width: w, Y: i * chartBarSpace})
	}
	return c
}

func maxOf(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

var (
	accountStatuses = []string{store.StatusNotInvited, store.StatusInvited, store.StatusPendingApproval,
		store.StatusActive, store.StatusRejected, store.StatusSuspended, store.StatusDeleted}
	invitationStatuses = []string{store.InvitationSent, store.InvitationNeedsApproval, store.InvitationApproved,
		store.InvitationAccepted, store.InvitationRejected, store.InvitationCanceled, store.InvitationExpired}
)

// dashboardPage: GET /admin/{$}.
func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	accts, err := s.Store.CountAccountsByStatus(ctx)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	invs, err := s.Store.CountInvitationsByStatus(ctx)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	deliveries, err := s.Store.FailedDeliveries(ctx, 10)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	runs, err := s.Store.FailedSyncRuns(ctx, 10)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	steps, err := s.nextSteps(ctx, accts, invs)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	page := struct {
		Steps      []nextStep
		FirstRun   bool
		Charts     []chart
		Deliveries []store.Invitation
		Runs       []store.SyncRun
	}{steps, firstRun(steps), []chart{newChart("accounts", "dash.accounts", accountStatuses, accts),
		newChart("invitations", "dash.invitations", invitationStatuses, invs)}, deliveries, runs}
	s.renderConsole(w, r, http.StatusOK, "dashboard", s.newConsole(r, "dashboard", page))
}

// consoleError logs err and answers a plain 500 (or 503 while the database is away).
func (s *Server) consoleError(w http.ResponseWriter, r *http.Request, err error) {
	s.Log.ErrorContext(r.Context(), "console", "err", err, "path", r.URL.Path)
	status := http.StatusInternalServerError
	if errorsIsUnavailable(err) {
		status = http.StatusServiceUnavailable
	}
	http.Error(w, http.StatusText(status), status)
}
