package invite

import (
	"context"
	"fmt"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

// closeTx moves an open invitation to a final status (canceled, expired,
// rejected, approved) and its account to the status that follows (§3):
// canceled and expired -> not_invited, rejected -> rejected, approved ->
// active. A deleted or suspended account keeps its status.
func (s *Service) closeTx(ctx context.Context, tx *store.Store, actor string, inv *store.Invitation, status, reason string) error {
	from := inv.Status
	t := now()
	inv.Status = status
	if status == store.InvitationApproved || status == store.InvitationRejected {
		inv.DecidedAt = &t
	}
	if err := tx.SaveInvitation(ctx, inv); err != nil {
		return fmt.Errorf("invite: %s %s: %w", status, inv.ID, err)
	}
	next := map[string]string{store.InvitationCanceled: store.StatusNotInvited, store.InvitationExpired: store.StatusNotInvited,
		store.InvitationRejected: store.StatusRejected, store.InvitationApproved: store.StatusActive}[status]
	for _, st := range []string{store.StatusInvited, store.StatusPendingApproval} {
		if err := tx.SetAccountsStatus(ctx, []string{inv.AccountID}, st, next); err != nil {
			return fmt.Errorf("invite: %w", err)
		}
	}
	if status == store.InvitationApproved {
		if err := s.approved(ctx, tx, actor, inv.AccountID); err != nil {
			return err
		}
	}
	details := map[string]any{"accountId": inv.AccountID, "from": from, "to": status}
	if reason != "" {
		details["reason"] = reason
	}
	if err := tx.Audit(ctx, actor, "invitation."+status, "invitation", inv.ID, details); err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	return nil
}

// transition loads invitation id in a transaction, checks it is in one of
// from, and runs fn.
func (s *Service) transition(ctx context.Context, id string, from []string, fn func(tx *store.Store, inv *store.Invitation) error) error {
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		inv, err := tx.LockInvitation(ctx, id)
		if err != nil {
			return notFound(err)
		}
		for _, f := range from {
			if inv.Status == f {
				return fn(tx, inv)
			}
		}
		return fmt.Errorf("%w (%s)", ErrState, inv.Status)
	})
}

// Cancel cancels an open invitation; its account returns to not_invited.
func (s *Service) Cancel(ctx context.Context, actor, id string) error {
	err := s.transition(ctx, id, store.OpenInvitationStatuses, func(tx *store.Store, inv *store.Invitation) error {
		return s.closeTx(ctx, tx, actor, inv, store.InvitationCanceled, "")
	})
	return wrap("cancel", id, err)
}

// Approve approves a claim waiting for approval; the account becomes active.
func (s *Service) Approve(ctx context.Context, actor, id string) error {
	err := s.transition(ctx, id, []string{store.InvitationNeedsApproval}, func(tx *store.Store, inv *store.Invitation) error {
		return s.closeTx(ctx, tx, actor, inv, store.InvitationApproved, "")
	})
	return wrap("approve", id, err)
}

// Reject rejects a claim waiting for approval; the account becomes rejected.
func (s *Service) Reject(ctx context.Context, actor, id string) error {
	err := s.transition(ctx, id, []string{store.InvitationNeedsApproval}, func(tx *store.Store, inv *store.Invitation) error {
		return s.closeTx(ctx, tx, actor, inv, store.InvitationRejected, "")
	})
	return wrap("reject", id, err)
}

// Resend mails a sent invitation again, with the same expiry: the link its
// owner already holds when it was kept (links_kept.go), else a new link or
// code (the old one dies). An expired one needs a new invitation
// (ErrExpired). A method given with Service.WithMethod switches the invitation to
// it, with a new secret. Without SMTP nothing is mailed: the link is
// returned for the admin to hand over ("" for a code invitation).
func (s *Service) Resend(ctx context.Context, actor, id string) (string, error) {
	var link string
	err := s.transition(ctx, id, []string{store.InvitationSent}, func(tx *store.Store, inv *store.Invitation) error {
		switched := false
		if m := s.method; m != "" && m != inv.Method {
			inv.Method, switched = m, true
		}
		token, err := s.resendToken(ctx, tx, inv, switched)
		if err != nil {
			return err
		}
		link = s.shownLink(inv, token)
		inv.NotBefore = ptr(now())
		if s.MailEnabled() {
			inv.Delivery, inv.DeliveryError = store.DeliveryQueued, ""
		}
		if err := tx.SaveInvitation(ctx, inv); err != nil {
			return err
		}
		if err := tx.Audit(ctx, actor, "invitation.resent", "invitation", inv.ID,
			map[string]any{"accountId": inv.AccountID, "method": inv.Method}); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, inv, token)
	})
	return link, wrap("resend", id, err)
}

// Link issues a new claim link for a sent invitation and returns it (for
// setups without SMTP: the admin copies it). Older links, codes and queued
// mails of this invitation die; a code invitation becomes a link one, since
// the admin now holds a link to hand over. The expiry does not move.
func (s *Service) Link(ctx context.Context, actor, id string) (string, time.Time, error) {
	var link string
	var exp time.Time
	err := s.transition(ctx, id, []string{store.InvitationSent}, func(tx *store.Store, inv *store.Invitation) error {
		inv.Method = MethodLink
		token, err := s.renewToken(ctx, tx, inv)
		if err != nil {
			return err
		}
		link, exp, err = s.handOver(ctx, tx, actor, inv, token, "invitation.link_regenerated", true)
		return err
	})
	return link, exp, wrap("link", id, err)
}

// renewToken gives inv a new claim token or code (by its method), refusing
// when it has expired.
func (s *Service) renewToken(ctx context.Context, tx *store.Store, inv *store.Invitation) (string, error) {
	if expired(inv) {
		return "", ErrExpired
	}
	return s.newSecret(inv), nil
}

// expired reports whether inv, once sent, is past its expiry.
func expired(inv *store.Invitation) bool {
	return inv.FirstSentAt != nil && inv.ExpiresAt != nil && !inv.ExpiresAt.After(now())
}

func ptr[T any](v T) *T { return &v }

func wrap(action, id string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("invite: %s %s: %w", action, id, err)
}

// approved records that an approved account is claimed (so a later
// suspension and re-activation brings it back to active), queues the mail
// that tells its owner (approval_notice.go) and tells webhooks.
func (s *Service) approved(ctx context.Context, tx *store.Store, actor, accountID string) error {
	if err := tx.MarkAccountClaimed(ctx, accountID); err != nil {
		return fmt.Errorf("invite: approve: %w", err)
	}
	a, err := tx.LockAccount(ctx, accountID)
	if err != nil {
		return fmt.Errorf("invite: approve: %w", err)
	}
	if err := s.queueApproved(ctx, tx, accountID); err != nil {
		return err
	}
	return webhook.Enqueue(ctx, tx, webhook.AccountEvent(webhook.AccountApproved, a, actor))
}
