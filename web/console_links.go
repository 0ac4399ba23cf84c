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

// linksView is the invitation links page; URL and Created are set only on
// the answer to a create, the one time the link is shown.
type linksView struct {
	Rows    []linkJSON
	Created *linkJSON
	Shown   bool // Created is a live link shown again, not a new one
	Pager   pager
}

// linksPage: GET /admin/links lists multi-use links with their uses.
func (s *Server) linksPage(w http.ResponseWriter, r *http.Request) {
	s.renderLinks(w, r, http.StatusOK, "")
}

// showLinkURL is the links page showing link l with its url, on this
// answer only (never cached).
func (s *Server) showLinkURL(w http.ResponseWriter, r *http.Request, status int, v linksView, l *store.InvitationLink, url string) {
	j := toLinkJSON(l)
	j.URL = url
	v.Created = &j
	w.Header().Set("Cache-Control", "no-store")
	s.renderLinksWith(w, r, status, v, "")
}

func (s *Server) renderLinks(w http.ResponseWriter, r *http.Request, status int, errMsg string) {
	s.renderLinksWith(w, r, status, linksView{}, errMsg)
}

func (s *Server) renderLinksWith(w http.ResponseWriter, r *http.Request, status int, v linksView, errMsg string) {
	q := r.URL.Query()
	offset := consoleOffset(q)
	ls, total, err := s.Claims.Links(r.Context(), consolePageSize, offset)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	v.Pager = newPager("/admin/links", q, offset, total)
	for i := range ls {
		v.Rows = append(v.Rows, toLinkJSON(&ls[i]))
	}
	d := s.newConsole(r, "links", v)
	d.Error = errMsg
	s.renderConsole(w, r, status, "links", d)
}

// linkCreatePage: POST /admin/links with name, maxUses, expiresAt (a date),
// requireApproval and allowedDomains (separated by commas or spaces).
func (s *Server) linkCreatePage(w http.ResponseWriter, r *http.Request) {
	maxUses, _ := strconv.Atoi(r.PostFormValue("maxUses"))
	exp, err := time.Parse("2006-01-02", r.PostFormValue("expiresAt"))
	if err != nil {
		s.renderLinks(w, r, http.StatusBadRequest, translate(consoleLang(r), "links.err.date"))
		return
	}
	in := invite.LinkInput{Name: r.PostFormValue("name"), MaxUses: maxUses, ExpiresAt: exp.Add(24*time.Hour - time.Second),
		RequireApproval: r.PostFormValue("requireApproval") == "true",
		AllowedDomains:  strings.FieldsFunc(r.PostFormValue("allowedDomains"), func(c rune) bool { return c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t' })}
	l, url, err := s.Claims.CreateLink(r.Context(), actor(r), in)
	if e, ok := store.AsInvalid(err); ok {
		s.renderLinks(w, r, http.StatusBadRequest, e.Error())
		return
	}
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	s.showLinkURL(w, r, http.StatusCreated, linksView{}, l, url)
}

// linkDeletePage: POST /admin/links/{id}/delete (the only way to cancel a link).
func (s *Server) linkDeletePage(w http.ResponseWriter, r *http.Request) {
	err := s.Claims.DeleteLink(r.Context(), actor(r), r.PathValue("id"))
	s.linkDone(w, r, err, "deleted")
}

// linkDone ends a change to a link: 404 when the link is gone, the error
// page on another error, else the links page saying done.
func (s *Server) linkDone(w http.ResponseWriter, r *http.Request, err error, done string) {
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, invite.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/links", done)
}

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
	s.linkDone(w, r, err, "saved")
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
	s.showLinkURL(w, r, http.StatusOK, linksView{Shown: true}, l, url)
}
