package signin

import (
	"context"
	"errors"
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
