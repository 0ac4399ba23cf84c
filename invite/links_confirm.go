package invite

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// signUpByMail creates the invited account of a sign-up and its
// confirmation: an invitation (status sent, linkId set) whose claim link is
// mailed to the typed address by the delivery job. Opening it is the claim
// page: the person chooses a password there, which proves the address
// (Claims.Claim: accepted and active, or needs_approval when the link asks
// for approval). A stranger who typed someone else's address gets nothing:
// no password was set, the mail goes to the owner.
func (c *Claims) signUpByMail(ctx context.Context, l *store.InvitationLink, email, name, lang string) (Result, *store.Account, error) {
	res := Result{Status: store.StatusInvited, Lang: lang}
	var created *store.Account
	err := c.Store.Tx(ctx, func(tx *store.Store) error {
		free, err := useLink(ctx, tx, l, email, true)
		if err != nil || !free {
			return err
		}
		a := newSignUpAccount(email, name, lang)
		svc := account.New(tx, c.policy(), c.log()) // bound to tx: one transaction
		if _, err := svc.Create(ctx, linkActor(l), nil, a); err != nil {
			return err
		}
		if err := c.Invites.confirmationTx(ctx, tx, l, a); err != nil {
			return err
		}
		created, res.AccountID = a, a.ID
		return nil
	})
	return res, created, err
}

// confirmationTx creates and queues the confirmation of sign-up a, in tx.
func (s *Service) confirmationTx(ctx context.Context, tx *store.Store, l *store.InvitationLink, a *store.Account) error {
	actor := linkActor(l).String()
	inv, token := s.newInvitation(ctx, actor, a, nil, "")
	inv.LinkID = &l.ID
	if err := tx.CreateInvitation(ctx, inv); err != nil {
		return fmt.Errorf("invite: sign-up confirmation: %w", err)
	}
	if err := s.markInvitedBy(ctx, tx, actor, a); err != nil {
		return err
	}
	if err := tx.Audit(ctx, actor, "invitation.created", "invitation", inv.ID, map[string]any{
		"accountId": a.ID, "linkId": l.ID, "delivery": inv.Delivery, "reason": "sign-up confirmation"}); err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	return s.enqueue(ctx, tx, inv, token)
}

// signUpForApproval is a sign-up without SMTP: nothing can prove the
// address, so an admin approves it (docs/signup.md: pending_approval,
// invitation needs_approval) before it can sign in; approving vouches for
// the address (the account is then claimed and its email verified).
func (c *Claims) signUpForApproval(ctx context.Context, l *store.InvitationLink, email, name string, in SignUpInput) (Result, *store.Account, error) {
	if err := c.Policy.Check(in.Password, email, name); err != nil {
		return Result{}, nil, fmt.Errorf("invite: sign-up: %w", err)
	}
	hash, err := hashPassword(in.Password) // before the existing-address check: equal timing
	if err != nil {
		return Result{}, nil, fmt.Errorf("invite: sign-up: %w", err)
	}
	res := Result{Status: store.StatusPendingApproval, Lang: in.Lang}
	var created *store.Account
	err = c.Store.Tx(ctx, func(tx *store.Store) error {
		free, err := useLink(ctx, tx, l, email, false)
		if err != nil || !free {
			return err
		}
		a := newSignUpAccount(email, name, in.Lang)
		svc := account.New(tx, c.policy(), c.log())
		if _, err := svc.Create(ctx, linkActor(l), nil, a); err != nil {
			return err
		}
		if err := tx.ClaimAccount(ctx, a.ID, store.StatusNotInvited, res.Status, hash); err != nil {
			return err
		}
		now := store.Now()
		inv := &store.Invitation{AccountID: a.ID, LinkID: &l.ID, Status: store.InvitationNeedsApproval,
			Delivery: store.DeliveryNotSent, Method: MethodLink, Email: email, UsedAt: &now,
			ExpiresAt: c.approvalExpiry(now), CreatedBy: linkActor(l).String()}
		if err := tx.CreateInvitation(ctx, inv); err != nil {
			return err
		}
		created, res.AccountID = a, a.ID
		a.Status = res.Status
		if err := webhook.Enqueue(ctx, tx, webhook.AccountEvent(webhook.AccountClaimed, a, linkActor(l).String())); err != nil {
			return err
		}
		return tx.Audit(ctx, linkActor(l).String(), "invitation."+store.InvitationNeedsApproval, "invitation", inv.ID,
			map[string]any{"accountId": a.ID, "linkId": l.ID})
	})
	return res, created, err
}
