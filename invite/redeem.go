package invite

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// CodeView is what the set-password step of /code shows.
type CodeView struct {
	UserName string // the account the code opens, shown read-only
	Lang     string // language candidates of the account
}

// codeTarget is what a typed code opens: an access code or an invitation
// delivered by code, and its account.
type codeTarget struct {
	code    *store.AccessCode
	inv     *store.Invitation
	account *store.Account
}

// CheckCode verifies a typed code without using it (first step of /code).
// client identifies the caller (its address) for throttling. Every attempt
// is counted before anything is checked; a valid code takes its counts back.
func (c *Claims) CheckCode(ctx context.Context, code, client string) (*CodeView, error) {
	t, keys, err := c.openCode(ctx, code, client)
	if err != nil {
		return nil, err
	}
	c.forgive(ctx, keys)
	return &CodeView{UserName: t.account.UserName, Lang: accountLang(t.account)}, nil
}

// openCode throttles, then finds what code opens. Unknown, malformed, used,
// revoked and expired codes are all ErrGone after the same work.
func (c *Claims) openCode(ctx context.Context, code, client string) (*codeTarget, []string, error) {
	raw, wellFormed := secret.NormalizeAccessCode(code)
	h := c.Keys.HMAC(secret.PurposeAccessCode, raw)
	keys := []string{"client:" + client}
	if err := c.countAttempt(ctx, keys[0], limitOr(c.ClientLimit, DefaultClientLimit)); err != nil {
		return nil, nil, err
	}
	if wellFormed {
		keys = append(keys, "code:"+h)
		if err := c.countAttempt(ctx, keys[1], limitOr(c.CodeLimit, DefaultCodeLimit)); err != nil {
			return nil, nil, err
		}
	}
	t, err := c.codeTarget(ctx, h)
	if err != nil {
		return nil, nil, err
	}
	if !wellFormed {
		return nil, nil, gone("malformed code")
	}
	return t, keys, nil
}

func (c *Claims) codeTarget(ctx context.Context, h string) (*codeTarget, error) {
	t := &codeTarget{}
	accountID, stored := "", ""
	code, err := c.Store.AccessCodeByHMAC(ctx, h)
	switch {
	case err == nil:
		t.code, accountID, stored = code, code.AccountID, code.CodeHMAC
	case errors.Is(err, store.ErrNotFound):
		inv, err := c.Store.InvitationByCodeHMAC(ctx, h)
		if errors.Is(err, store.ErrNotFound) {
			_, _ = c.Store.AccountByID(ctx, store.NewID()) // equal work
			return nil, gone("unknown code")
		}
		if err != nil {
			return nil, fmt.Errorf("invite: code lookup: %w", err)
		}
		t.inv, accountID = inv, inv.AccountID
		if inv.CodeHMAC != nil {
			stored = *inv.CodeHMAC
		}
	default:
		return nil, fmt.Errorf("invite: code lookup: %w", err)
	}
	a, err := c.Store.AccountByID(ctx, accountID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("invite: code account: %w", err)
	}
	now := store.Now()
	switch {
	case subtle.ConstantTimeCompare([]byte(stored), []byte(h)) != 1, a == nil:
		return nil, gone("code does not match a live account")
	case t.code != nil && (t.code.UsedAt != nil || t.code.RevokedAt != nil || !t.code.ExpiresAt.After(now)):
		return nil, gone("access code used, revoked or expired")
	case t.inv != nil && (t.inv.Status != store.InvitationSent || t.inv.UsedAt != nil ||
		(t.inv.ExpiresAt != nil && !t.inv.ExpiresAt.After(now))):
		return nil, gone("code invitation " + t.inv.Status)
	case t.inv != nil && !sentToCurrentAddress(t.inv, a):
		return nil, gone("code sent to an address the account no longer has")
	case !a.Active || a.Status != store.StatusInvited:
		return nil, gone("account " + a.Status)
	}
	t.account = a
	return t, nil
}
