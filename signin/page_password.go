package signin

import (
	"net/http"

	"github.com/provisiond/provisiond/ui"
)

// passwordPage answers GET /signin/password: change one's password. The
// current password is asked for rather than a session: provisiond keeps
// no browser session, and re-authentication is due before a change anyway.
func (p *Provider) passwordPage(w http.ResponseWriter, r *http.Request) {
	d := p.newPage(r)
	d.Action = "/signin/password"
	p.render(w, r, http.StatusOK, "password", d)
}

// passwordSubmit answers POST /signin/password, throttled like sign-in;
// a change ends every session of the account.
func (p *Provider) passwordSubmit(w http.ResponseWriter, r *http.Request) {
	if !ui.ParseForm(w, r) {
		return
	}
	name := r.PostForm.Get("username")
	d := p.newPage(r)
	d.Action, d.UserName = "/signin/password", name
	a := p.authenticateForm(w, r, "password", d, name, r.PostForm.Get("current"), nil)
	if a == nil {
		return
	}
	refused, err := p.saveNewPassword(w, r, "password", d, a, nil, "account.password_changed", nil)
	if refused {
		return
	}
	if err != nil {
		p.pageError(w, r, err)
		return
	}
	d.TitleKey, d.BodyKey = "password.done.title", "password.done.body"
	p.render(w, r, http.StatusOK, "done", d)
}
