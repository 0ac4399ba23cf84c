package web

import (
	"net/http"
	"time"

	"github.com/provisiond/provisiond/store"
)

// invitationActionPage: POST /admin/invitations/{id}/{action}, one of
// resend, cancel, approve, reject, or link (which shows a new claim link once).
func (s *Server) invitationActionPage(w http.ResponseWriter, r *http.Request) {
	ctx, id, action := r.Context(), r.PathValue("id"), r.PathValue("action")
	var err error
	switch action {
	case "resend":
		err = s.Invites.Resend(ctx, actor(r), id)
	case "cancel":
		err = s.Invites.Cancel(ctx, actor(r), id)
	case "approve":
		err = s.Invites.Approve(ctx, actor(r), id)
	case "reject":
		err = s.Invites.Reject(ctx, actor(r), id)
	case "link":
		s.invitationLinkPage(w, r, id)
		return
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.Log.WarnContext(ctx, "console invitation action", "action", action, "invitation", id, "err", err)
		redirectDone(w, r, "/admin/invitations", "error")
		return
	}
	redirectDone(w, r, "/admin/invitations", action)
}

// invitationLinkPage regenerates the claim link and shows it on this response only.
func (s *Server) invitationLinkPage(w http.ResponseWriter, r *http.Request, id string) {
	inv, err := s.Store.InvitationByID(r.Context(), id)
	if err != nil {
		s.Log.WarnContext(r.Context(), "console invitation link", "invitation", id, "err", err)
		redirectDone(w, r, "/admin/invitations", "error")
		return
	}
	link, expires, err := s.Invites.Link(r.Context(), actor(r), id)
	if err != nil {
		s.Log.WarnContext(r.Context(), "console invitation link", "invitation", id, "err", err)
		redirectDone(w, r, "/admin/invitations", "error")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderConsole(w, r, http.StatusOK, "link", s.newConsole(r, "invitations", struct {
		Email, URL string
		ExpiresAt  time.Time
	}{inv.Email, link, expires}))
}

// inviteAllPage: POST /admin/invitations/invite-all invites every
// not_invited account (of one integration, whose auto-invite it turns on).
func (s *Server) inviteAllPage(w http.ResponseWriter, r *http.Request) {
	var in *store.Integration
	if ref := r.PostFormValue("integration"); ref != "" {
		var err error
		if in, err = s.Store.IntegrationByRef(r.Context(), ref); err != nil {
			s.consoleError(w, r, err)
			return
		}
	}
	if _, err := s.Invites.InviteAll(r.Context(), actor(r), in, r.PostFormValue("message")); err != nil {
		s.consoleError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/invitations", "invited")
}
