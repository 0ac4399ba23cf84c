package signin

import (
	"context"
	"errors"

	"github.com/zitadel/oidc/v3/pkg/oidc"

	"github.com/provisiond/provisiond/store"
)

// CanSignIn reports whether a may sign in and hold tokens: claimed and
// active. Every token use re-checks it, so a suspension or a deletion ends
// sessions at once, whichever path made it.
func CanSignIn(a *store.Account) bool {
	return a != nil && a.DeletedAt == nil && a.Active && a.Status == store.StatusActive && a.PasswordHash != ""
}

// checkAccount returns the account if it can still sign in; otherwise it
// deletes the account's tokens and answers invalid_grant.
func (p *Provider) checkAccount(ctx context.Context, id string) error {
	_, err := p.liveAccount(ctx, id)
	return err
}

func (p *Provider) liveAccount(ctx context.Context, id string) (*store.Account, error) {
	a, err := p.Store.AccountByID(ctx, id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if !CanSignIn(a) {
		if _, rerr := p.Store.EndSignInSessions(ctx, id); rerr != nil {
			p.Log.WarnContext(ctx, "revoke tokens of inactive account", "account", id, "err", rerr)
		}
		return nil, oidc.ErrInvalidGrant().WithDescription("the account cannot sign in")
	}
	return a, nil
}
