package web

import (
	"net/http"
	"time"
)

// invitationAction: POST /api/v1/invitations/{id}/{resend|cancel|approve|reject}.
// Without SMTP a resend answers the link to hand over in "link" (no-store).
func (s *Server) invitationAction(w http.ResponseWriter, r *http.Request) {
	id, act := r.PathValue("id"), r.PathValue("action")
	var err error
	link := ""
	switch act {
	case "resend":
		invites, ok := s.resendMethod(w, r)
		if !ok {
			return
		}
		link, err = invites.Resend(r.Context(), actor(r), id)
	case "cancel":
		err = s.Invites.Cancel(r.Context(), actor(r), id)
	case "approve":
		err = s.Invites.Approve(r.Context(), actor(r), id)
	case "reject":
		err = s.Invites.Reject(r.Context(), actor(r), id)
	case "link":
		s.invitationLink(w, r)
		return
	default:
		writeError(w, r, http.StatusNotFound, "not_found", "no such endpoint")
		return
	}
	if err != nil {
		s.inviteError(w, r, err)
		return
	}
	inv, err := s.Store.InvitationByID(r.Context(), id)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if link == "" {
		writeJSON(w, http.StatusOK, toInvitationJSON(inv))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, struct {
		invitationJSON
		Link string `json:"link"`
	}{toInvitationJSON(inv), link})
}

type linkResponse struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// currentInvitationLink: GET /api/v1/invitations/{id}/link returns the claim
// link the owner already holds, unchanged (audited invitation.link_viewed).
func (s *Server) currentInvitationLink(w http.ResponseWriter, r *http.Request) {
	link, exp, err := s.Invites.CurrentLink(r.Context(), actor(r), r.PathValue("id"))
	s.writeLink(w, r, link, exp, err)
}

// invitationLink: POST /api/v1/invitations/{id}/link regenerates the claim
// link and returns it (older links stop working).
func (s *Server) invitationLink(w http.ResponseWriter, r *http.Request) {
	link, exp, err := s.Invites.Link(r.Context(), actor(r), r.PathValue("id"))
	s.writeLink(w, r, link, exp, err)
}

// writeLink answers a claim link and its expiry, never cached, or the
// invite package's error (inviteError).
func (s *Server) writeLink(w http.ResponseWriter, r *http.Request, link string, exp time.Time, err error) {
	if err != nil {
		s.inviteError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, linkResponse{URL: link, ExpiresAt: exp})
}
