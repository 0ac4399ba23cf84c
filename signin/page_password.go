package signin

import (
	"errors"
	"net/http"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
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
	if name == "" {
		d.AddErr("username", "err.username.missing")
		p.render(w, r, http.StatusUnprocessableEntity, "password", d)
		return
	}
	keys, ok := p.admit(w, r, "pwd", name)
	if !ok {
		return
	}
	a, err := p.authenticate(r.Context(), name, r.PostForm.Get("current"))
	if errors.Is(err, errBadCredentials) {
		d.AddErr("username", "err.signin.failed")
		p.render(w, r, http.StatusUnauthorized, "password", d)
		return
	}
	if err != nil {
		p.pageError(w, r, err)
		return
	}
	p.forgive(r.Context(), keys)
	pw := r.PostForm.Get("password")
	if !p.checkNewPassword(d, a, pw, r.PostForm.Get("confirm")) {
		p.render(w, r, http.StatusUnprocessableEntity, "password", d)
		return
	}
	hash, err := password.Hash(pw)
	if err == nil {
		err = p.Store.Tx(r.Context(), func(tx *store.Store) error {
			if err := tx.SetAccountPassword(r.Context(), a.ID, hash); err != nil {
				return err
			}
			// Whoever else knew the old password, or holds a token issued
			// under it, is signed out everywhere; the owner signs in again.
			if _, err := tx.EndSignInSessions(r.Context(), a.ID); err != nil {
				return err
			}
			return tx.Audit(r.Context(), "self:"+a.ID, "account.password_changed", "account", a.ID, nil)
		})
	}
	if err != nil {
		p.pageError(w, r, err)
		return
	}
	d.TitleKey, d.BodyKey = "password.done.title", "password.done.body"
	p.render(w, r, http.StatusOK, "done", d)
}
