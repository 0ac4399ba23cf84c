package invite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// ReminderArgs is the job that mails an invitation's one reminder: the same
// claim link, days before it expires (an integration's ReminderDays).
type ReminderArgs struct {
	InvitationID string `json:"invitationId"`
}

// Kind names the job in River's table.
func (ReminderArgs) Kind() string { return "invitation_reminder" }

// reminderAttempts bounds the retries: a reminder is worth sending only
// within its days before the expiry.
const reminderAttempts = 5

// ReminderWorker mails reminders. It checks again, before sending, that
// the invitation is still open and unclaimed and its account active at the
// address it was sent to: a claim, a cancel or a suspension after the
// reminder was scheduled sends nothing.
type ReminderWorker struct {
	river.WorkerDefaults[ReminderArgs]
	Service *Service
}

// Timeout keeps a send below jobs.RescueStuckJobsAfter.
func (w *ReminderWorker) Timeout(*river.Job[ReminderArgs]) time.Duration { return time.Minute }

// Work sends the reminder if it is still due.
func (w *ReminderWorker) Work(ctx context.Context, job *river.Job[ReminderArgs]) error {
	s := w.Service
	inv, a, token, why, err := s.reminderDue(ctx, job.Args.InvitationID)
	if err != nil {
		return err
	}
	if why != "" {
		return s.Store.Tx(ctx, func(tx *store.Store) error {
			if err := tx.Audit(ctx, "system", "invitation.reminder_skipped", "invitation", job.Args.InvitationID,
				map[string]any{"reason": why}); err != nil {
				return err
			}
			return jobs.CompleteTx(ctx, tx.SQLTx(), job)
		})
	}
	name := a.DisplayName
	if name == "" {
		name = a.GivenName
	}
	msg, err := mail.Render(mail.KindInvitationReminder, ui.Pick(a.PreferredLanguage, a.Locale), mail.Data{
		OrgName: s.Config.OrgName, RecipientName: name, Link: s.ClaimLink(token), ExpiresAt: *inv.ExpiresAt})
	if err != nil {
		return err
	}
	out := mail.Outgoing{To: a.Email, ToName: a.DisplayName, Message: msg,
		MessageID: fmt.Sprintf("%s.reminder.%d@%s", inv.ID, job.ID, mailDomain(s.Config.MailFrom))}
	if err := s.Sender.Send(ctx, out); err != nil {
		s.Log.WarnContext(ctx, "invitation reminder failed", "invitation", inv.ID, "attempt", job.Attempt,
			"permanent", mail.IsPermanent(err), "err", err)
		if mail.IsPermanent(err) || job.Attempt >= job.MaxAttempts {
			if aerr := s.Store.Audit(ctx, "system", "invitation.reminder_failed", "invitation", inv.ID,
				map[string]any{"accountId": inv.AccountID, "reply": mail.Reply(err)}); aerr != nil {
				return errors.Join(err, aerr)
			}
			return river.JobCancel(err)
		}
		return err
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.Audit(ctx, "system", "invitation.reminded", "invitation", inv.ID,
			map[string]any{"accountId": inv.AccountID, "attempt": job.Attempt}); err != nil {
			return err
		}
		return jobs.CompleteTx(ctx, tx.SQLTx(), job)
	})
}

// reminderDue loads what a reminder needs, or says why none goes out.
func (s *Service) reminderDue(ctx context.Context, id string) (*store.Invitation, *store.Account, string, string, error) {
	inv, err := s.Store.InvitationByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, "", "the invitation was purged", nil
	}
	if err != nil {
		return nil, nil, "", "", err
	}
	if inv.Status != store.InvitationSent {
		return nil, nil, "", "the invitation was " + inv.Status, nil
	}
	if inv.ExpiresAt == nil || !inv.ExpiresAt.After(now()) {
		return nil, nil, "", "the invitation expired", nil
	}
	a, err := s.Store.AccountByID(ctx, inv.AccountID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, nil, "", "", err
	}
	switch {
	case a == nil || !a.Active || a.Status != store.StatusInvited:
		return nil, nil, "", "the account is no longer waiting for its invitation", nil
	case !sentToCurrentAddress(inv, a):
		return nil, nil, "", "the account's address changed", nil
	case s.Sender == nil:
		return nil, nil, "", "no SMTP server is configured", nil
	}
	token, err := s.keptToken(inv)
	if err != nil {
		return nil, nil, "", "the invitation's link was not kept", nil
	}
	return inv, a, token, "", nil
}

// remind schedules the reminders due at t, one job per invitation, each
// marked in the same transaction so that no invitation gets two. Without
// mail (no SMTP here nor on the running server) it schedules nothing; a
// one-shot maintenance run queues them for the server's workers.
func (s *Service) remind(ctx context.Context, t time.Time) (int, error) {
	if !s.MailEnabled() || s.Jobs == nil {
		return 0, nil
	}
	ins, err := s.Store.IntegrationsWithReminders(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, in := range ins {
		before := time.Duration(in.ReminderDays) * 24 * time.Hour
		for {
			n := 0
			err := s.Store.Tx(ctx, func(tx *store.Store) error {
				due, err := tx.DueReminders(ctx, in.ID, t, before, maintenanceBatch)
				if err != nil {
					return err
				}
				n = len(due)
				for _, inv := range due {
					ok, err := tx.MarkReminded(ctx, inv.ID, t)
					if err != nil {
						return err
					}
					if !ok {
						continue // another replica's run took it
					}
					if _, err := s.Jobs.InsertTx(ctx, tx.SQLTx(), ReminderArgs{InvitationID: inv.ID},
						&river.InsertOpts{MaxAttempts: reminderAttempts}); err != nil {
						return fmt.Errorf("invite: schedule reminder of %s: %w", inv.ID, err)
					}
				}
				return nil
			})
			if err != nil {
				return total, fmt.Errorf("invite: reminders of %s: %w", in.Name, err)
			}
			total += n
			if n < maintenanceBatch {
				break
			}
		}
	}
	return total, nil
}
