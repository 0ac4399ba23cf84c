package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// linkEditView is the edit page of a multi-use link: the link, and the
// form as typed (a refused form comes back unchanged, the bad field marked).
type linkEditView struct {
	Link                     linkJSON
	Name, MaxUses, ExpiresAt string
	NameBad, MaxBad, ExpBad  bool
}

// linkEditPage: GET /admin/links/{id}/edit.
func (s *Server) linkEditPage(w http.ResponseWriter, r *http.Request) {
	l, err := s.Store.InvitationLinkByID(r.Context(), r.PathValue("id"))
	if !s.consoleFound(w, r, err) {
		return
	}
	j := toLinkJSON(l)
	v := linkEditView{Link: j, Name: l.Name, MaxUses: strconv.Itoa(l.MaxUses), ExpiresAt: l.ExpiresAt.UTC().Format("2006-01-02")}
	s.renderConsole(w, r, http.StatusOK, "link_edit", s.newConsole(r, "links", v))
}

// linkEditSubmit: POST /admin/links/{id}/edit with name, maxUses and
// expiresAt (a date, valid through its end, UTC) through
// invite.Claims.UpdateLink; the URL already handed out stays the same.
func (s *Server) linkEditSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, lang := r.Context(), consoleLang(r)
	l, err := s.Store.InvitationLinkByID(ctx, r.PathValue("id"))
	if !s.consoleFound(w, r, err) {
		return
	}
	v := linkEditView{Link: toLinkJSON(l), Name: r.PostFormValue("name"),
		MaxUses: strings.TrimSpace(r.PostFormValue("maxUses")), ExpiresAt: strings.TrimSpace(r.PostFormValue("expiresAt"))}
	refuse := func(msg string) {
		d := s.newConsole(r, "links", v)
		d.Error = msg
		s.renderConsole(w, r, http.StatusBadRequest, "link_edit", d)
	}
	maxUses, err := strconv.Atoi(v.MaxUses)
	if err != nil {
		v.MaxBad = true
		refuse(translate(lang, "links.err.max_uses", max(l.Uses, 1), invite.MaxLinkUses))
		return
	}
	day, err := time.Parse("2006-01-02", v.ExpiresAt)
	if err != nil {
		v.ExpBad = true
		refuse(translate(lang, "links.err.date"))
		return
	}
	exp := day.Add(24*time.Hour - time.Second)
	_, err = s.Claims.UpdateLink(ctx, actor(r), l.ID, invite.LinkPatch{Name: &v.Name, MaxUses: &maxUses, ExpiresAt: &exp})
	if e, ok := store.AsInvalid(err); ok {
		switch e.Field {
		case "name":
			v.NameBad = true
			refuse(translate(lang, "links.err.name", invite.MaxLinkNameLength))
		case "expiresAt":
			v.ExpBad = true
			refuse(translate(lang, "links.err.past"))
		default:
			v.MaxBad = true
			refuse(translate(lang, "links.err.max_uses", max(l.Uses, 1), invite.MaxLinkUses))
		}
		return
	}
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/links", "saved")
}

// linkURLPage: POST /admin/links/{id}/url shows a live link's URL again, on
// this answer only (audited invitation_link.url_viewed, as the API's GET .../url).
func (s *Server) linkURLPage(w http.ResponseWriter, r *http.Request) {
	l, err := s.Store.InvitationLinkByID(r.Context(), r.PathValue("id"))
	if !s.consoleFound(w, r, err) {
		return
	}
	url, err := s.Claims.CurrentJoinURL(r.Context(), actor(r), l.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		redirectDone(w, r, "/admin/links", "link_gone")
		return
	case errors.Is(err, invite.ErrLinkNotKept):
		redirectDone(w, r, "/admin/links", "link_not_kept")
		return
	case err != nil:
		s.consoleError(w, r, err)
		return
	}
	j := toLinkJSON(l)
	j.URL = url
	w.Header().Set("Cache-Control", "no-store")
	s.renderLinksShown(w, r, &j)
}
