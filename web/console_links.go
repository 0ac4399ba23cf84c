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
	s.renderLinks(w, r, http.StatusOK, nil, "")
}

// renderLinksShown is the links page showing live link l's URL again.
func (s *Server) renderLinksShown(w http.ResponseWriter, r *http.Request, l *linkJSON) {
	s.renderLinksWith(w, r, http.StatusOK, linksView{Created: l, Shown: true}, "")
}

func (s *Server) renderLinks(w http.ResponseWriter, r *http.Request, status int, created *linkJSON, errMsg string) {
	s.renderLinksWith(w, r, status, linksView{Created: created}, errMsg)
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
		s.renderLinks(w, r, http.StatusBadRequest, nil, translate(consoleLang(r), "links.err.date"))
		return
	}
	in := invite.LinkInput{Name: r.PostFormValue("name"), MaxUses: maxUses, ExpiresAt: exp.Add(24*time.Hour - time.Second),
		RequireApproval: r.PostFormValue("requireApproval") == "true",
		AllowedDomains:  strings.FieldsFunc(r.PostFormValue("allowedDomains"), func(c rune) bool { return c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t' })}
	l, url, err := s.Claims.CreateLink(r.Context(), actor(r), in)
	if e, ok := store.AsInvalid(err); ok {
		s.renderLinks(w, r, http.StatusBadRequest, nil, e.Error())
		return
	}
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	j := toLinkJSON(l)
	j.URL = url
	w.Header().Set("Cache-Control", "no-store")
	s.renderLinks(w, r, http.StatusCreated, &j, "")
}

// linkDeletePage: POST /admin/links/{id}/delete (the only way to cancel a link).
func (s *Server) linkDeletePage(w http.ResponseWriter, r *http.Request) {
	err := s.Claims.DeleteLink(r.Context(), actor(r), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, invite.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/links", "deleted")
}
