package web

import (
	"net/http"
	"unicode/utf8"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// emailsForm is the invitations page's form for a list of addresses: what
// the admin typed, and after a send what happened to each address.
type emailsForm struct {
	Emails, Message, Method string
	Done                    bool
	Invited, AlreadyInvited int
	NotFound, Invalid       []string
}

// invitationsEmailsPage: POST /admin/invitations/emails invites the
// accounts having each address of a comma-separated list (emails), with an
// optional message and delivery method. A refused list (too long, message
// too long) comes back as typed, with the reason; nothing is sent.
func (s *Server) invitationsEmailsPage(w http.ResponseWriter, r *http.Request) {
	lang := consoleLang(r)
	form := emailsForm{Emails: r.PostFormValue("emails"), Message: r.PostFormValue("message"), Method: r.PostFormValue("method")}
	method, err := invite.ParseMethod(form.Method)
	switch {
	case err != nil:
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	case len(invite.SplitEmails(form.Emails)) == 0:
		s.renderInvitations(w, r, http.StatusBadRequest, form, translate(lang, "invitations.emails.err.empty"))
		return
	case utf8.RuneCountInString(form.Message) > maxMessage:
		s.renderInvitations(w, r, http.StatusBadRequest, form, translate(lang, "invitations.err.message", maxMessage))
		return
	}
	results, err := s.Invites.WithMethod(method).InviteEmails(r.Context(), actor(r), form.Emails, form.Message)
	if e, ok := store.AsInvalid(err); ok && e.Field == "emails" {
		s.renderInvitations(w, r, http.StatusBadRequest, form, translate(lang, "invitations.emails.err.too_many", invite.MaxEmailList))
		return
	}
	if err != nil {
		s.consoleError(w, r, err)
		return
	}
	done := emailsForm{Done: true, Method: form.Method}
	tally(results, &done.Invited, &done.AlreadyInvited, &done.NotFound, &done.Invalid)
	if len(done.NotFound)+len(done.Invalid) > 0 {
		done.Emails, done.Message = joinEmails(done.NotFound, done.Invalid), form.Message // to correct and send again
	}
	s.renderInvitations(w, r, http.StatusOK, done, "")
}

// joinEmails lists the addresses that were not invited, for the form.
func joinEmails(lists ...[]string) string {
	var out string
	for _, l := range lists {
		for _, e := range l {
			if out != "" {
				out += ", "
			}
			out += e
		}
	}
	return out
}
