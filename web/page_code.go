package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/ui"
)

// codePage answers GET /code: the access-code form.
func (s *Server) codePage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "code", s.newPage(r, r.URL.Query().Get("lang")))
}

// codeSubmit answers POST /code: checks the code (throttled per code and per
// client), then shows the password step. A code that does not work answers
// 410 with the form again; too many failures answer 429.
func (s *Server) codeSubmit(w http.ResponseWriter, r *http.Request) {
	if !ui.ParseForm(w, r) {
		return
	}
	d := s.newPage(r, r.PostFormValue("lang"))
	d.Code = strings.TrimSpace(r.PostFormValue("code"))
	if d.Code == "" {
		d.AddErr("code", "err.code.required")
		s.render(w, r, http.StatusUnprocessableEntity, "code", d)
		return
	}
	v, err := s.Claims.CheckCode(r.Context(), d.Code, s.clientKey(r))
	if s.codeFailed(w, r, d, err) {
		return
	}
	d = s.newPage(r, v.Lang, d.Lang)
	d.Code, d.UserName = r.PostFormValue("code"), v.UserName
	s.render(w, r, http.StatusOK, "code_password", d)
}

// codeFailed answers a failed code check and reports whether it did.
func (s *Server) codeFailed(w http.ResponseWriter, r *http.Request, d *pageData, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, invite.ErrThrottled):
		s.pageThrottled(w, r, d.Lang)
	case isGone(err):
		d.Errs, d.ErrOrder = nil, nil
		d.AddErr("code", "err.code.gone")
		s.render(w, r, http.StatusGone, "code", d)
	default:
		s.pageError(w, r, err)
	}
	return true
}
