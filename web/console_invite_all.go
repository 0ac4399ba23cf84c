package web

import (
	"errors"
	"net/http"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// inviteAllView is the invite-all page: first the forecast with the confirm
// form (Done false), then, after the confirmation, what was done.
type inviteAllView struct {
	Integration *store.Integration // nil: every integration
	Message     string
	Forecast    invite.AllForecast
	Mail        bool // SMTP configured: invitations are mailed, not only created
	Done        bool
	Result      invite.AllResult
}

// inviteAllAskPage: POST /admin/invitations/invite-all (integration,
// message) shows how many accounts would be mailed or given an access code,
// per integration, and asks to confirm. It sends and changes nothing.
func (s *Server) inviteAllAskPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.inviteAllForm(w, r)
	if !ok {
		return
	}
	f, err := s.Invites.ForecastAll(r.Context(), v.Integration)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	v.Forecast = f
	s.renderConsole(w, r, http.StatusOK, "invite_all", s.newConsole(r, "invitations", v))
}

// inviteAllConfirmPage: POST /admin/invitations/invite-all/confirm invites
// every not_invited account (of one integration, whose auto-invite it turns
// on) and shows how many invitations and access codes went out. Posting it
// again invites nobody twice: invited accounts are no longer candidates.
func (s *Server) inviteAllConfirmPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.inviteAllForm(w, r)
	if !ok {
		return
	}
	res, err := s.Invites.InviteAll(r.Context(), actor(r), v.Integration, v.Message)
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	v.Done, v.Result = true, res
	s.renderConsole(w, r, http.StatusOK, "invite_all", s.newConsole(r, "invitations", v))
}

// inviteAllForm reads the form both steps share: the integration (id or
// name, "" for all) and the custom message. It has answered when !ok.
func (s *Server) inviteAllForm(w http.ResponseWriter, r *http.Request) (inviteAllView, bool) {
	v := inviteAllView{Message: r.PostFormValue("message"), Mail: s.Invites.MailEnabled()}
	if len(v.Message) > maxMessage {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return v, false
	}
	if ref := r.PostFormValue("integration"); ref != "" {
		in, err := s.Store.IntegrationByRef(r.Context(), ref)
		if errors.Is(err, store.ErrNotFound) {
			http.NotFound(w, r)
			return v, false
		}
		if err != nil {
			s.consoleError(w, r, err)
			return v, false
		}
		v.Integration = in
	}
	return v, true
}
