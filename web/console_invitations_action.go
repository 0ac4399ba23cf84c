package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/provisiond/provisiond/invite"
)

// invitationActionPage: POST /admin/invitations/{id}/{action}, one of
// resend, cancel, approve, reject, link (shows the link the owner already
// holds) or regenerate (a new link; the old one stops working).
func (s *Server) invitationActionPage(w http.ResponseWriter, r *http.Request) {
	ctx, id, action := r.Context(), r.PathValue("id"), r.PathValue("action")
	var err error
	switch action {
	case "resend":
		var link string
		if link, err = s.Invites.Resend(ctx, actor(r), id); err == nil && link != "" {
			s.invitationLinkPage(w, r, id, "resent", link)
			return
		}
	case "cancel":
		err = s.Invites.Cancel(ctx, actor(r), id)
	case "approve":
		err = s.Invites.Approve(ctx, actor(r), id)
	case "reject":
		err = s.Invites.Reject(ctx, actor(r), id)
	case "link", "regenerate":
		s.invitationLinkPage(w, r, id, action, "")
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

// invitationLinkPage shows an invitation's claim link on this response only:
// the one its owner holds (kind "link", or "not_kept" when there is none to
// show), the one a resend without SMTP kept ("resent", link given), or a
// new one ("regenerate").
func (s *Server) invitationLinkPage(w http.ResponseWriter, r *http.Request, id, kind, link string) {
	ctx := r.Context()
	inv, err := s.Store.InvitationByID(ctx, id)
	var expires time.Time
	if err == nil && inv.ExpiresAt != nil {
		expires = *inv.ExpiresAt
	}
	switch {
	case err != nil:
	case kind == "link":
		link, expires, err = s.Invites.CurrentLink(ctx, actor(r), id)
		if errors.Is(err, invite.ErrLinkNotKept) {
			kind, err = "not_kept", nil
		}
	case kind == "regenerate":
		link, expires, err = s.Invites.Link(ctx, actor(r), id)
		kind = "regenerated"
	}
	if err != nil {
		s.Log.WarnContext(ctx, "console invitation link", "invitation", id, "err", err)
		redirectDone(w, r, "/admin/invitations", "error")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderConsole(w, r, http.StatusOK, "link", s.newConsole(r, "invitations", struct {
		ID, Email, URL, Kind string
		ExpiresAt            time.Time
	}{inv.ID, inv.Email, link, kind, expires}))
}
