package invite

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// RedeemCode uses a code and sets the account's password (second step of
// /code), in one transaction with the audit events. The code is checked and
// throttled again: the first step proves nothing to this request. With a
// password policy error, Result carries UserName and Lang for the form.
func (c *Claims) RedeemCode(ctx context.Context, code, client, pw string) (Result, error) {
	t, keys, err := c.openCode(ctx, code, client)
	if err != nil {
		return Result{}, err
	}
	c.forgive(ctx, keys)
	a := t.account
	res := Result{AccountID: a.ID, Status: store.StatusActive, Lang: accountLang(a), UserName: a.UserName}
	if err := c.Policy.Check(pw, a.UserName, a.Email, a.DisplayName); err != nil {
		return Result{UserName: a.UserName, Lang: res.Lang}, fmt.Errorf("invite: redeem: %w", err)
	}
	hash, err := hashPassword(pw)
	if err != nil {
		return Result{}, fmt.Errorf("invite: redeem: %w", err)
	}
	actor := account.Actor{Kind: "self", ID: a.ID}.String()
	err = c.Store.Tx(ctx, func(tx *store.Store) error {
		inv := t.inv
		if inv == nil {
			inv = &store.Invitation{AccountID: a.ID, IntegrationID: a.IntegrationID}
		}
		approval, err := c.approvalRequired(ctx, tx, inv, a)
		if err != nil {
			return err
		}
		invStatus := store.InvitationAccepted
		if approval {
			res.Status, invStatus = store.StatusPendingApproval, store.InvitationNeedsApproval
		}
		if err := c.consumeCode(ctx, tx, t, invStatus, actor); err != nil {
			return err
		}
		if err := tx.ClaimAccount(ctx, a.ID, store.StatusInvited, res.Status, hash); err != nil {
			return err
		}
		a.Status = res.Status
		if err := webhook.Enqueue(ctx, tx, webhook.AccountEvent(webhook.AccountClaimed, a, actor)); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "account.claimed", "account", a.ID,
			map[string]any{"status": res.Status, "method": "code"})
	})
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrAlreadyInvited) {
		return Result{}, gone("code used concurrently")
	}
	if err != nil {
		return Result{}, fmt.Errorf("invite: redeem code of %s: %w", a.ID, err)
	}
	c.log().InfoContext(ctx, "code redeemed", "account_id", a.ID, "status", res.Status)
	c.notifyRegistration(ctx, a, "")
	return res, nil
}

// consumeCode uses the code once. A redeemed access code that needs approval
// gets an invitation record in needs_approval, so admins approve it like any
// other claim.
func (c *Claims) consumeCode(ctx context.Context, tx *store.Store, t *codeTarget, invStatus, actor string) error {
	if t.inv != nil {
		var expires = t.inv.ExpiresAt
		if invStatus == store.InvitationNeedsApproval {
			expires = c.approvalExpiry(t.inv.CreatedAt)
		}
		if err := tx.ConsumeInvitation(ctx, t.inv.ID, invStatus, expires); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "invitation."+invStatus, "invitation", t.inv.ID, map[string]any{"accountId": t.account.ID})
	}
	if err := tx.ConsumeAccessCode(ctx, t.code.ID); err != nil {
		return err
	}
	if err := tx.Audit(ctx, actor, "access_code.used", "access_code", t.code.ID, map[string]any{"accountId": t.account.ID}); err != nil {
		return err
	}
	if invStatus != store.InvitationNeedsApproval {
		return nil
	}
	now := store.Now()
	inv := &store.Invitation{AccountID: t.account.ID, IntegrationID: t.account.IntegrationID, Status: invStatus,
		Delivery: store.DeliveryNotSent, Method: "code", Email: t.account.Email, UsedAt: &now,
		ExpiresAt: c.approvalExpiry(now), CreatedBy: actor}
	return tx.CreateInvitation(ctx, inv)
}
