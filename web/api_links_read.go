package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// listLinks answers GET /api/v1/invitation-links: live links with their uses.
func (s *Server) listLinks(w http.ResponseWriter, r *http.Request) {
	limit, offset := page(r)
	ls, total, err := s.Claims.Links(r.Context(), limit, offset)
	answerList(s, w, r, ls, total, err, toLinkJSON)
}

// getLink answers GET /api/v1/invitation-links/{id} (without its url).
func (s *Server) getLink(w http.ResponseWriter, r *http.Request) {
	l, err := s.Store.InvitationLinkByID(r.Context(), r.PathValue("id"))
	answerOne(s, w, r, l, err, "no such invitation link", toLinkJSON)
}

// deleteLink answers DELETE /api/v1/invitation-links/{id}: the only way to
// cancel a link; its page answers 410 from then on.
func (s *Server) deleteLink(w http.ResponseWriter, r *http.Request) {
	p, _ := PrincipalFrom(r.Context())
	err := s.Claims.DeleteLink(r.Context(), p.Actor, r.PathValue("id"))
	if !s.apiFound(w, r, err, "no such invitation link") {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// getLinkURL answers GET /api/v1/invitation-links/{id}/url: the URL of a live
// link again, unchanged (audited invitation_link.url_viewed; admins only).
func (s *Server) getLinkURL(w http.ResponseWriter, r *http.Request) {
	url, err := s.Claims.CurrentJoinURL(r.Context(), actor(r), r.PathValue("id"))
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, r, http.StatusNotFound, "not_found", "no such live invitation link (deleted or expired)")
	case errors.Is(err, invite.ErrLinkNotKept):
		writeError(w, r, http.StatusConflict, "link_not_kept", "this link was created before links were kept; its URL cannot be shown again")
	case err != nil:
		s.internalError(w, r, err)
	default:
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, struct {
			URL string `json:"url"`
		}{url})
	}
}

// patchLink answers PATCH /api/v1/invitation-links/{id} with any of name,
// maxUses and expiresAt; the URL already handed out does not change.
func (s *Server) patchLink(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name      *string    `json:"name"`
		MaxUses   *int       `json:"maxUses"`
		ExpiresAt *time.Time `json:"expiresAt"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	l, err := s.Claims.UpdateLink(r.Context(), actor(r), r.PathValue("id"),
		invite.LinkPatch{Name: body.Name, MaxUses: body.MaxUses, ExpiresAt: body.ExpiresAt})
	if e, ok := store.AsInvalid(err); ok {
		writeError(w, r, http.StatusBadRequest, "invalid", e.Error())
		return
	}
	if !s.apiFound(w, r, err, "no such invitation link") {
		return
	}
	writeJSON(w, http.StatusOK, toLinkJSON(l))
}
