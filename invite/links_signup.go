package invite

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// SignUpInput is what a person types on /join/{token}.
type SignUpInput struct {
	Name, Email, Password string
	Lang                  string // the page's language, kept as the account's preferredLanguage
}

// LinkOpen checks a multi-use link token without counting a use (GET /join).
func (c *Claims) LinkOpen(ctx context.Context, token string) (*store.InvitationLink, error) {
	l, err := c.Store.InvitationLinkByTokenHash(ctx, c.Keys.HMAC(secret.PurposeLinkToken, token))
	if errors.Is(err, store.ErrNotFound) {
		return nil, gone("unknown link token")
	}
	if err != nil {
		return nil, fmt.Errorf("invite: link lookup: %w", err)
	}
	switch {
	case l.DeletedAt != nil:
		return nil, gone("link deleted")
	case !l.ExpiresAt.After(store.Now()):
		return nil, gone("link expired")
	case l.Uses >= l.MaxUses:
		return nil, gone("link exhausted")
	}
	return l, nil
}

// SignUp creates an account through a multi-use link. The submission counts
// against the link's maximum in the same transaction, so the cap holds under
// concurrency. An address that already has an account creates nothing and
// gets the same Result as a fresh sign-up: the page must not reveal it.
func (c *Claims) SignUp(ctx context.Context, token string, in SignUpInput) (Result, error) {
	l, err := c.LinkOpen(ctx, token)
	if err != nil {
		return Result{}, err
	}
	email, name, err := checkSignUp(in)
	if err != nil {
		return Result{}, err
	}
	if err := c.Policy.Check(in.Password, email, name); err != nil {
		return Result{}, fmt.Errorf("invite: sign-up: %w", err)
	}
	hash, err := hashPassword(in.Password) // before the existing-address check: equal timing
	if err != nil {
		return Result{}, fmt.Errorf("invite: sign-up: %w", err)
	}
	res := Result{Status: store.StatusActive, Lang: in.Lang}
	invStatus := store.InvitationAccepted
	if l.RequireApproval {
		res.Status, invStatus = store.StatusPendingApproval, store.InvitationNeedsApproval
	}
	var created *store.Account
	err = c.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UseInvitationLink(ctx, l.ID); err != nil {
			return errors.Join(ErrGone, err)
		}
		exists, err := tx.LiveAccountWithEmailExists(ctx, email)
		if err != nil || exists {
			if exists {
				return tx.Audit(ctx, linkActor(l).String(), "invitation_link.used", "invitation_link", l.ID,
					map[string]any{"result": "existing_address"})
			}
			return err
		}
		a := &store.Account{UserName: email, DisplayName: name, FormattedName: name, Origin: "link",
			Active: true, PreferredLanguage: in.Lang,
			Emails: []store.Email{{Value: email, Type: "work", IsPrimary: true}}}
		svc := account.New(tx, account.NopPolicy{}, c.log()) // bound to tx: one transaction
		if _, err := svc.Create(ctx, linkActor(l), nil, a); err != nil {
			return err
		}
		if err := tx.ClaimAccount(ctx, a.ID, store.StatusNotInvited, res.Status, hash); err != nil {
			return err
		}
		now := store.Now()
		inv := &store.Invitation{AccountID: a.ID, LinkID: &l.ID, Status: invStatus, Delivery: store.DeliveryNotSent,
			Method: "link", Email: email, UsedAt: &now, CreatedBy: linkActor(l).String()}
		if l.RequireApproval {
			inv.ExpiresAt = c.approvalExpiry(now)
		}
		if err := tx.CreateInvitation(ctx, inv); err != nil {
			return err
		}
		created, res.AccountID = a, a.ID
		a.Status = res.Status
		if err := webhook.Enqueue(ctx, tx, webhook.AccountEvent(webhook.AccountClaimed, a, linkActor(l).String())); err != nil {
			return err
		}
		return tx.Audit(ctx, linkActor(l).String(), "invitation."+invStatus, "invitation", inv.ID,
			map[string]any{"accountId": a.ID, "linkId": l.ID})
	})
	switch {
	case errors.Is(err, ErrGone):
		return Result{}, gone("link used up, expired or deleted concurrently")
	case errors.Is(err, store.ErrConflict): // the same address signed up concurrently
		return Result{Status: res.Status, Lang: in.Lang}, nil
	case err != nil:
		return Result{}, fmt.Errorf("invite: sign-up through link %s: %w", l.ID, err)
	}
	if created != nil {
		c.log().InfoContext(ctx, "signed up through link", "link_id", l.ID, "account_id", created.ID, "status", res.Status)
		c.notifyRegistration(ctx, created, "")
	}
	return res, nil
}
