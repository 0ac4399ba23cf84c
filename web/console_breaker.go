package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/provisiond/provisiond/store"
)

// breakerView is the held-changes page of one integration.
type breakerView struct {
	ID, Name string
	Settings store.BreakerSettings
	Rows     []store.HeldChange
	Total    int64
	Pager    pager
}

// breakerPage: GET /admin/integrations/{id}/held-changes lists what the
// integration's breaker holds, with the apply and discard buttons.
func (s *Server) breakerPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := s.Store.IntegrationByRef(ctx, r.PathValue("id"))
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	set, err := s.Store.IntegrationBreaker(ctx, in.ID)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	q := r.URL.Query()
	offset := consoleOffset(q)
	rows, total, err := s.Store.HeldChanges(ctx, store.HeldQuery{IntegrationID: in.ID, Limit: consolePageSize, Offset: offset})
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	v := breakerView{ID: in.ID, Name: in.Name, Settings: set, Rows: rows, Total: total,
		Pager: newPager("/admin/integrations/"+url.PathEscape(in.ID)+"/held-changes", q, offset, total)}
	s.renderConsole(w, r, http.StatusOK, "breaker", s.newConsole(r, "integrations", v))
}

// breakerDecide: POST /admin/integrations/{id}/held-changes/{action}
// (apply|discard), for all pending changes or the selected id fields.
func (s *Server) breakerDecide(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := s.Store.IntegrationByRef(ctx, r.PathValue("id"))
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	back := "/admin/integrations/" + url.PathEscape(in.ID) + "/held-changes"
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	var ids []int64
	if r.PostForm.Get("selection") != "" { // the selection form: only what is ticked
		ids = []int64{}
		for _, v := range r.PostForm["id"] {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			http.Redirect(w, r, back, http.StatusSeeOther)
			return
		}
	}
	switch r.PathValue("action") {
	case "apply":
		_, err = s.Accounts.ApplyHeld(ctx, adminActor(r), in.ID, ids)
	case "discard":
		_, err = s.Accounts.DiscardHeld(ctx, adminActor(r), in.ID, ids)
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// heldBanner lists the integrations whose breaker holds changes, for the
// banner every console page shows; a failure only hides the banner.
func (s *Server) heldBanner(r *http.Request) []store.BreakerStatus {
	sts, err := s.Store.BreakerStatuses(r.Context())
	if err != nil {
		s.Log.WarnContext(r.Context(), "breaker banner", "err", err)
		return nil
	}
	var out []store.BreakerStatus
	for _, b := range sts {
		if b.Pending > 0 {
			out = append(out, b)
		}
	}
	return out
}
