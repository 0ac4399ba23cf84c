package web

import (
	"errors"
	"net/http"
	"unicode/utf8"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// accountsInvite: POST /admin/accounts/invite invites the account of the
// row's button (one=ID) or every selected one (id=...), with the form's
// optional message. An account already invited by mail gets its invitation
// re-sent (a new link, same expiry, the message it was first sent with).
func (s *Server) accountsInvite(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	ids := r.PostForm["id"]
	if one := r.PostFormValue("one"); one != "" {
		ids = []string{one}
	}
	back := safeNext(r.PostFormValue("back")) // the list with its filters
	method, err := invite.ParseMethod(r.PostFormValue("method"))
	if err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	invites := s.Invites.WithMethod(method) // the admin's choice, else each integration's
	message := r.PostFormValue("message")
	if utf8.RuneCountInString(message) > maxMessage {
		redirectDone(w, r, back, "message_too_long")
		return
	}
	if len(ids) == 0 {
		redirectDone(w, r, back, "nothing")
		return
	}
	mailed, codes := 0, 0
	for _, id := range ids {
		inv, err := s.Store.OpenInvitation(ctx, id)
		switch {
		case err == nil && inv.Status == store.InvitationSent:
			_, err = invites.Resend(ctx, actor(r), inv.ID) // several at once: links are copied one by one
			mailed++
		case err == nil || errors.Is(err, store.ErrNotFound):
			var res invite.InviteResult
			res, err = invites.InviteAccount(ctx, actor(r), id, message, false)
			if res.AccessCode {
				codes++
			} else {
				mailed++
			}
		}
		if err != nil {
			s.Log.WarnContext(ctx, "console invite", "account", id, "err", err)
			redirectDone(w, r, back, "error")
			return
		}
	}
	redirectDone(w, r, back, inviteFlash(mailed, codes))
}

// inviteFlash names the flash of an invite: "access code issued", not
// "invited", when the accounts had no email and nobody was mailed.
func inviteFlash(mailed, codes int) string {
	switch {
	case codes == 0:
		return "invited"
	case mailed == 0:
		return "codes_issued"
	}
	return "invited_codes"
}
