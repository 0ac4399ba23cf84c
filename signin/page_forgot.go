package signin

import (
	"net/http"
	"net/mail"
	"strings"

	"github.com/provisiond/provisiond/ui"
)

// forgotPage answers GET /signin/forgot: the address form.
func (p *Provider) forgotPage(w http.ResponseWriter, r *http.Request) {
	d := p.newPage(r)
	d.Action, d.RequestID = "/signin/forgot", r.URL.Query().Get("id")
	p.render(w, r, http.StatusOK, "forgot", d)
}

// forgotSubmit answers POST /signin/forgot with the same page whether or
// not an account uses the address; a link is mailed (in the background) to
// each account with that address that can sign in.
func (p *Provider) forgotSubmit(w http.ResponseWriter, r *http.Request) {
	if !ui.ParseForm(w, r) {
		return
	}
	email := strings.TrimSpace(r.PostForm.Get("email"))
	d := p.newPage(r)
	d.Action, d.RequestID, d.Email = "/signin/forgot", r.PostForm.Get("id"), email
	if _, err := mail.ParseAddress(email); err != nil || len(email) > 320 {
		d.AddErr("email", "err.email.required")
		p.render(w, r, http.StatusUnprocessableEntity, "forgot", d)
		return
	}
	if _, ok := p.admit(w, r, "reset", email); !ok {
		return
	}
	accounts, err := p.Store.AccountsByEmail(r.Context(), email)
	if err != nil {
		p.pageError(w, r, err)
		return
	}
	for _, a := range accounts {
		if !CanSignIn(a) || a.Email == "" {
			continue
		}
		if _, err := p.issueReset(r.Context(), "self:"+a.ID, a.ID, true, false); err != nil {
			p.Log.ErrorContext(r.Context(), "issue reset link", "account", a.ID, "err", err)
		}
	}
	p.render(w, r, http.StatusOK, "forgot_sent", d)
}
