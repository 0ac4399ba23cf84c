package signin

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
)

// errBadCredentials covers unknown names, wrong passwords and accounts that
// cannot sign in: the pages never say which.
var errBadCredentials = errors.New("signin: bad credentials")

// authenticate finds the account named by userName or email and checks pw.
// An email shared by several accounts matches the one that can sign in, if
// exactly one can.
func (p *Provider) authenticate(ctx context.Context, name, pw string) (*store.Account, error) {
	a, err := p.findAccount(ctx, strings.TrimSpace(name))
	if err != nil {
		return nil, err
	}
	hash := dummyHash()
	if a != nil {
		hash = a.PasswordHash
	}
	ok, verr := password.Verify(hash, pw)
	if a == nil || !ok || verr != nil {
		return nil, errBadCredentials
	}
	if password.NeedsRehash(a.PasswordHash) {
		if h, err := password.Hash(pw); err == nil {
			if err := p.Store.SetAccountPassword(ctx, a.ID, h); err != nil {
				p.Log.WarnContext(ctx, "rehash password", "account", a.ID, "err", err)
			}
		}
	}
	return a, nil
}

// authenticateForm runs the steps the sign-in and password-change forms
// share: the user name is required, the attempt is counted (admit), the
// password is checked and a success forgives the earlier failures. On a
// refusal it shows form again with d (refused runs first, when set) or
// answers itself, and returns nil.
func (p *Provider) authenticateForm(w http.ResponseWriter, r *http.Request, form string, d *pageData, name, pw string, refused func()) *store.Account {
	if name == "" {
		d.AddErr("username", "err.username.missing")
		p.render(w, r, http.StatusUnprocessableEntity, form, d)
		return nil
	}
	keys, ok := p.admit(w, r, "pwd", name)
	if !ok {
		return nil
	}
	a, err := p.authenticate(r.Context(), name, pw)
	if errors.Is(err, errBadCredentials) {
		if refused != nil {
			refused()
		}
		d.AddErr("username", "err.signin.failed")
		p.render(w, r, http.StatusUnauthorized, form, d)
		return nil
	}
	if err != nil {
		p.pageError(w, r, err)
		return nil
	}
	p.forgive(r.Context(), keys)
	return a
}

// findAccount returns the one account that can sign in with that name, or
// nil (no error) when there is none.
func (p *Provider) findAccount(ctx context.Context, name string) (*store.Account, error) {
	if name == "" {
		return nil, nil
	}
	a, err := p.Store.AccountByUserName(ctx, name)
	switch {
	case err == nil && CanSignIn(a):
		return a, nil
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	if !strings.Contains(name, "@") {
		return nil, nil
	}
	all, err := p.Store.AccountsByEmail(ctx, name)
	if err != nil {
		return nil, err
	}
	var found *store.Account
	for _, c := range all {
		if CanSignIn(c) {
			if found != nil {
				return nil, nil // ambiguous: the userName must be used
			}
			found = c
		}
	}
	return found, nil
}
