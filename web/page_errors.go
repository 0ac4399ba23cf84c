package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// pageGone answers 410 with the one page every unusable token gets.
func (s *Server) pageGone(w http.ResponseWriter, r *http.Request) {
	d := s.newPage(r)
	d.BodyKey, d.NoteKey = "gone.body", "gone.next"
	s.render(w, r, http.StatusGone, "gone", d)
}

// pageThrottled answers 429 with a Retry-After of the lockout.
func (s *Server) pageThrottled(w http.ResponseWriter, r *http.Request, lang string) {
	d := s.newPage(r, lang)
	lock := s.Claims.CodeLimit.Lockout
	if l := s.Claims.ClientLimit.Lockout; l > lock {
		lock = l
	}
	if lock <= 0 {
		lock = invite.DefaultCodeLimit.Lockout
	}
	d.BodyKey, d.Retry = "throttled.body", int(lock.Seconds())
	w.Header().Set("Retry-After", strconv.Itoa(int(lock.Seconds())))
	s.render(w, r, http.StatusTooManyRequests, "throttled", d)
}

// pageError logs err and answers a generic translated 500 (503 when the
// database is away); never err's text.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	if errors.Is(err, store.ErrUnavailable) {
		status = http.StatusServiceUnavailable
	}
	s.Log.ErrorContext(r.Context(), "page error", "path", r.Pattern, "err", err)
	d := s.newPage(r)
	d.TitleKey, d.BodyKey = "error.title", "error.body"
	s.render(w, r, status, "error", d)
}

// passwordErrors puts a password policy refusal or a mismatch on the form;
// it reports false when err is something else.
func passwordErrors(d *pageData, err error) bool {
	pe, ok := invite.IsPolicyError(err)
	if !ok {
		return false
	}
	switch pe.Code {
	case "too_short":
		d.AddErr("password", "err.password.too_short", pe.Min)
	case "too_long":
		d.AddErr("password", "err.password.too_long", pe.Max)
	default:
		d.AddErr("password", "err.password."+pe.Code)
	}
	return true
}

// checkConfirm adds the form errors of an empty password or a mismatch.
func checkConfirm(d *pageData, pw, confirm string) bool {
	switch {
	case pw == "":
		d.AddErr("password", "err.password.missing")
	case pw != confirm:
		d.AddErr("confirm", "err.confirm.mismatch")
	default:
		return true
	}
	return false
}

// isGone reports whether err means the token, link or code cannot be used.
func isGone(err error) bool { return errors.Is(err, invite.ErrGone) }

// pageUsable reports whether reading a token, link or code succeeded (err
// is nil); otherwise it has answered: the gone page (410) for an unusable
// one, the error page for any other error.
func (s *Server) pageUsable(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return true
	case isGone(err):
		s.pageGone(w, r)
	default:
		s.pageError(w, r, err)
	}
	return false
}
