package signin

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// resetPage answers GET /signin/reset/{token}: the new-password form. It
// never consumes the token: mail scanners open links before people do.
func (p *Provider) resetPage(w http.ResponseWriter, r *http.Request) {
	if _, _, d, ok := p.resetForm(w, r); ok {
		p.render(w, r, http.StatusOK, "reset", d)
	}
}

// resetForm reads the {token} reset and fills the new-password form of its
// account; when the token is unusable it has answered (usable).
func (p *Provider) resetForm(w http.ResponseWriter, r *http.Request) (*store.PasswordReset, *store.Account, *pageData, bool) {
	token := r.PathValue("token")
	reset, a, err := p.resetByToken(r.Context(), token)
	if !p.usable(w, r, err) {
		return nil, nil, nil, false
	}
	d := p.newPage(r, a.PreferredLanguage, a.Locale)
	d.Action, d.UserName = "/signin/reset/"+url.PathEscape(token), a.UserName
	return reset, a, d, true
}

// resetSubmit answers POST /signin/reset/{token}: checks the password,
// then in one transaction consumes the token (once), stores the new hash,
// ends the account's sessions and audits.
func (p *Provider) resetSubmit(w http.ResponseWriter, r *http.Request) {
	if !ui.ParseForm(w, r) {
		return
	}
	reset, a, d, ok := p.resetForm(w, r)
	if !ok {
		return
	}
	pw := r.PostForm.Get("password")
	if !p.checkNewPassword(d, a, pw, r.PostForm.Get("confirm")) {
		p.render(w, r, http.StatusUnprocessableEntity, "reset", d)
		return
	}
	hash, err := password.Hash(pw)
	if err != nil {
		p.pageError(w, r, err)
		return
	}
	err = p.Store.Tx(r.Context(), func(tx *store.Store) error {
		if err := tx.UsePasswordReset(r.Context(), reset.ID); err != nil {
			return err
		}
		if err := tx.SetAccountPassword(r.Context(), a.ID, hash); err != nil {
			return err
		}
		if _, err := tx.EndSignInSessions(r.Context(), a.ID); err != nil {
			return err
		}
		return tx.Audit(r.Context(), "self:"+a.ID, "account.password_reset", "account", a.ID,
			map[string]any{"resetId": reset.ID})
	})
	if !p.usable(w, r, err) {
		return
	}
	d.TitleKey, d.BodyKey = "reset.done.title", "reset.done.body"
	p.render(w, r, http.StatusOK, "done", d)
}

// checkNewPassword puts a missing, mismatched or refused password on the form.
func (p *Provider) checkNewPassword(d *pageData, a *store.Account, pw, confirm string) bool {
	switch {
	case pw == "":
		d.AddErr("password", "err.password.missing")
		return false
	case pw != confirm:
		d.AddErr("confirm", "err.confirm.mismatch")
		return false
	}
	err := p.Policy.Check(pw, a.UserName, a.Email, a.DisplayName, a.GivenName, a.FamilyName)
	var pe *password.PolicyError
	if !errors.As(err, &pe) {
		return true
	}
	switch pe.Code {
	case password.CodeTooShort:
		d.AddErr("password", "err.password.too_short", pe.Min)
	case password.CodeTooLong:
		d.AddErr("password", "err.password.too_long", pe.Max)
	default:
		d.AddErr("password", "err.password."+pe.Code)
	}
	return false
}
