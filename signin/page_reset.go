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
	useReset := func(tx *store.Store) error { return tx.UsePasswordReset(r.Context(), reset.ID) }
	refused, err := p.saveNewPassword(w, r, "reset", d, a, useReset, "account.password_reset", map[string]any{"resetId": reset.ID})
	if refused || !p.usable(w, r, err) {
		return
	}
	d.TitleKey, d.BodyKey = "reset.done.title", "reset.done.body"
	p.render(w, r, http.StatusOK, "done", d)
}

// saveNewPassword checks the form's new password (password, confirm) for a
// and, when the policy refuses it, shows form again with d (refused). Else
// it stores it in one transaction after first (when set), ending every
// session of the account (whoever else knew the old password, or holds a
// token issued under it, is signed out; the owner signs in again) and
// auditing action with details; err is the hashing's or the transaction's.
func (p *Provider) saveNewPassword(w http.ResponseWriter, r *http.Request, form string, d *pageData, a *store.Account,
	first func(tx *store.Store) error, action string, details map[string]any) (refused bool, err error) {
	pw := r.PostForm.Get("password")
	if !p.checkNewPassword(d, a, pw, r.PostForm.Get("confirm")) {
		p.render(w, r, http.StatusUnprocessableEntity, form, d)
		return true, nil
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return false, err
	}
	return false, p.Store.Tx(r.Context(), func(tx *store.Store) error {
		if first != nil {
			if err := first(tx); err != nil {
				return err
			}
		}
		if err := tx.SetAccountPassword(r.Context(), a.ID, hash); err != nil {
			return err
		}
		if _, err := tx.EndSignInSessions(r.Context(), a.ID); err != nil {
			return err
		}
		return tx.Audit(r.Context(), "self:"+a.ID, action, "account", a.ID, details)
	})
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
