package invite

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// ClaimView is what the claim form shows.
type ClaimView struct {
	Email  string // the invited address, shown read-only
	Lang   string // language candidates of the account ("preferredLanguage,locale")
	SignUp bool   // the confirmation of a sign-up through a multi-use link
}

// Inspect checks a claim token without consuming it (GET /invite/{token}).
func (c *Claims) Inspect(ctx context.Context, token string) (*ClaimView, error) {
	inv, a, err := c.claimable(ctx, token)
	if err != nil {
		return nil, err
	}
	return &ClaimView{Email: invitedAddress(inv, a), Lang: accountLang(a), SignUp: inv.LinkID != nil}, nil
}

// Claim sets the password of the invitation's account and consumes the
// invitation, in one transaction with the audit events. A *password.PolicyError
// leaves everything untouched; ErrGone covers every unusable token.
func (c *Claims) Claim(ctx context.Context, token, pw string) (Result, error) {
	inv, a, err := c.claimable(ctx, token)
	if err != nil {
		return Result{}, err
	}
	if err := c.Policy.Check(pw, invitedAddress(inv, a), a.UserName, a.DisplayName); err != nil {
		return Result{}, fmt.Errorf("invite: claim: %w", err)
	}
	hash, err := hashPassword(pw)
	if err != nil {
		return Result{}, fmt.Errorf("invite: claim: %w", err)
	}
	res := Result{AccountID: a.ID, Status: store.StatusActive, Lang: accountLang(a)}
	err = c.Store.Tx(ctx, func(tx *store.Store) error {
		approval, err := c.approvalRequired(ctx, tx, inv, a)
		if err != nil {
			return err
		}
		invStatus, expires := store.InvitationAccepted, inv.ExpiresAt
		if approval {
			res.Status, invStatus, expires = store.StatusPendingApproval, store.InvitationNeedsApproval, c.approvalExpiry(inv.CreatedAt)
		}
		if err := tx.ConsumeInvitation(ctx, inv.ID, invStatus, expires); err != nil {
			return err
		}
		if err := tx.ClaimAccount(ctx, a.ID, store.StatusInvited, res.Status, hash); err != nil {
			return err
		}
		actor := account.Actor{Kind: "self", ID: a.ID}.String()
		if err := tx.Audit(ctx, actor, "invitation."+invStatus, "invitation", inv.ID,
			map[string]any{"accountId": a.ID}); err != nil {
			return err
		}
		a.Status = res.Status
		if err := webhook.Enqueue(ctx, tx, webhook.AccountEvent(webhook.AccountClaimed, a, actor)); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "account.claimed", "account", a.ID, map[string]any{"status": res.Status})
	})
	if errors.Is(err, store.ErrNotFound) {
		return Result{}, gone("claimed, canceled or expired concurrently")
	}
	if err != nil {
		return Result{}, fmt.Errorf("invite: claim %s: %w", inv.ID, err)
	}
	c.log().InfoContext(ctx, "invitation claimed", "invitation_id", inv.ID, "account_id", a.ID, "status", res.Status)
	c.notifyRegistration(ctx, a, "")
	return res, nil
}

// claimable finds the open invitation of token and its account. Unknown tokens
// do the same two lookups as known ones, so timing tells nothing.
func (c *Claims) claimable(ctx context.Context, token string) (*store.Invitation, *store.Account, error) {
	inv, err := c.Store.InvitationByTokenHash(ctx, claimKey(c.Keys, token))
	if errors.Is(err, store.ErrNotFound) {
		_, _ = c.Store.AccountByID(ctx, store.NewID()) // equal work: a lookup that finds nothing
		return nil, nil, gone("unknown claim token")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("invite: claim lookup: %w", err)
	}
	a, err := c.Store.AccountByID(ctx, inv.AccountID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, gone("account deleted")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("invite: claim account: %w", err)
	}
	switch {
	case inv.Status != store.InvitationSent || inv.UsedAt != nil:
		return nil, nil, gone("invitation " + inv.Status)
	case inv.ExpiresAt != nil && !inv.ExpiresAt.After(store.Now()):
		return nil, nil, gone("invitation expired")
	case !a.Active || a.Status != store.StatusInvited:
		return nil, nil, gone("account " + a.Status)
	case !sentToCurrentAddress(inv, a):
		return nil, nil, gone("invitation sent to an address the account no longer has")
	}
	return inv, a, nil
}
