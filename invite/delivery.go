package invite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// DeliveryArgs is the delivery job of one invitation. Token is the claim
// token, or the one-time code of a code invitation, sealed with the secret
// key: River's table never holds it in clear.
type DeliveryArgs struct {
	InvitationID string `json:"invitationId"`
	Token        []byte `json:"token"`
}

// Kind names the job in River's table.
func (DeliveryArgs) Kind() string { return "invitation_delivery" }

// DeliveryWorker mails invitations. River retries a failed send with
// exponential backoff (25 attempts over about three weeks by default), so
// an SMTP outage only delays mail.
type DeliveryWorker struct {
	river.WorkerDefaults[DeliveryArgs]
	Service *Service
}

// Timeout keeps a send below jobs.RescueStuckJobsAfter.
func (w *DeliveryWorker) Timeout(*river.Job[DeliveryArgs]) time.Duration { return time.Minute }

// Work sends one invitation if it is still due, then records the outcome and
// completes the job in one transaction.
func (w *DeliveryWorker) Work(ctx context.Context, job *river.Job[DeliveryArgs]) error {
	s := w.Service
	inv, err := s.Store.InvitationByID(ctx, job.Args.InvitationID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // purged, or its account deleted: nothing to send
	}
	if err != nil {
		return err
	}
	raw, err := s.Keys.Open(job.Args.Token, "invitation:"+inv.ID)
	if err != nil {
		return river.JobCancel(fmt.Errorf("invite: open token of invitation %s: %w", inv.ID, err))
	}
	token := string(raw)
	hash, stored := s.secretHash(inv, token)
	if stored == "" || !secret.Equal(stored, hash) {
		return nil // superseded by a new link or a new code
	}
	if inv.Status != store.InvitationSent {
		if inv.Delivery == store.DeliveryQueued { // canceled (by an admin, a suspension) or expired before it went out
			return w.record(ctx, job, inv, hash, store.DeliveryNotSent, "not sent: the invitation was "+inv.Status+" first")
		}
		return nil
	}
	a, err := s.Store.AccountByID(ctx, inv.AccountID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	switch {
	case a == nil || !a.Active:
		return w.record(ctx, job, inv, hash, store.DeliveryFailed, "not sent: the account is no longer active")
	case a.Email == "":
		return w.record(ctx, job, inv, hash, store.DeliveryFailed, "not sent: the account has no email address")
	case !sentToCurrentAddress(inv, a):
		return w.record(ctx, job, inv, hash, store.DeliveryFailed, "not sent: the account's address changed")
	case s.Sender == nil: // SMTP was configured when queued, not any more
		return w.record(ctx, job, inv, hash, store.DeliveryNotSent, "not sent: no SMTP server is configured")
	}
	t := now()
	expires := t.Add(s.Config.InviteTTL)
	if inv.FirstSentAt != nil && inv.ExpiresAt != nil {
		expires = *inv.ExpiresAt
		if !expires.After(t) {
			return nil // the expiry job will close it
		}
	}
	msg, err := s.renderFor(a, inv, token, expires)
	if err != nil {
		return err
	}
	out := mail.Outgoing{To: a.Email, ToName: a.DisplayName, Message: msg,
		MessageID: fmt.Sprintf("%s.%d@%s", inv.ID, job.ID, mailDomain(s.Config.MailFrom))}
	if err := s.Sender.Send(ctx, out); err != nil {
		return w.failed(ctx, job, inv, hash, err)
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		ok, err := tx.SetDelivery(ctx, inv.ID, hash, store.DeliveryDelivered, "", t, &expires)
		if err != nil {
			return err
		}
		if ok {
			if err := tx.Audit(ctx, "system", "invitation.delivered", "invitation", inv.ID,
				map[string]any{"accountId": inv.AccountID, "attempt": job.Attempt}); err != nil {
				return err
			}
		}
		return jobs.CompleteTx(ctx, tx.SQLTx(), job)
	})
}

// failed records a failed attempt: still queued while River will retry,
// failed once it will not. The reason kept is a category an admin can act
// on; the server's own error text goes to the log only.
func (w *DeliveryWorker) failed(ctx context.Context, job *river.Job[DeliveryArgs], inv *store.Invitation, hash string, err error) error {
	permanent := mail.IsPermanent(err)
	last := job.Attempt >= job.MaxAttempts
	w.Service.Log.WarnContext(ctx, "invitation delivery failed", "invitation", inv.ID, "attempt", job.Attempt,
		"permanent", permanent, "err", err)
	reason, state := "temporary mail server failure; retrying", store.DeliveryQueued
	switch {
	case permanent:
		reason, state = "the mail server refused the message", store.DeliveryFailed
	case last:
		reason, state = "the mail server could not be reached; gave up", store.DeliveryFailed
	}
	// The state and the server's reply change together: an admin (or a
	// test) never sees "failed" without its reply.
	rerr := w.Service.Store.Tx(ctx, func(tx *store.Store) error {
		if _, err := tx.SetDelivery(ctx, inv.ID, hash, state, reason, time.Time{}, nil); err != nil {
			return err
		}
		return tx.SetDeliveryReply(ctx, inv.ID, hash, mail.Reply(err))
	})
	if rerr != nil {
		return errors.Join(err, rerr)
	}
	if permanent {
		return river.JobCancel(err)
	}
	return err
}

// record ends the job without sending, noting why on the invitation.
func (w *DeliveryWorker) record(ctx context.Context, job *river.Job[DeliveryArgs], inv *store.Invitation, hash, state, reason string) error {
	return w.Service.Store.Tx(ctx, func(tx *store.Store) error {
		if _, err := tx.SetDelivery(ctx, inv.ID, hash, state, reason, time.Time{}, nil); err != nil {
			return err
		}
		if err := tx.Audit(ctx, "system", "invitation.delivery_skipped", "invitation", inv.ID,
			map[string]any{"accountId": inv.AccountID, "reason": reason}); err != nil {
			return err
		}
		return jobs.CompleteTx(ctx, tx.SQLTx(), job)
	})
}

func mailDomain(from string) string {
	if i := strings.LastIndexByte(from, '@'); i >= 0 {
		return strings.TrimRight(from[i+1:], "> ")
	}
	return "provisiond.invalid"
}
