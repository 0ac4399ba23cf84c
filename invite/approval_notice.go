package invite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// ApprovedArgs is the mail telling a person that an admin approved their
// claim (or sign-up) and where to sign in. It is inserted in the approval's
// transaction, so a crash never loses it and a rollback never sends it.
type ApprovedArgs struct {
	AccountID string `json:"accountId"`
}

// Kind names the job in River's table.
func (ApprovedArgs) Kind() string { return "account_approved_notice" }

// ApprovedWorker sends approval mails. River retries a temporary SMTP
// failure with its backoff; a refused message is not retried.
type ApprovedWorker struct {
	river.WorkerDefaults[ApprovedArgs]
	Service *Service
}

// Timeout keeps a send below jobs.RescueStuckJobsAfter.
func (w *ApprovedWorker) Timeout(*river.Job[ApprovedArgs]) time.Duration { return time.Minute }

// Work mails the account's owner, in their language, if the account can
// still sign in: an account suspended, deleted or left without an address
// meanwhile gets nothing.
func (w *ApprovedWorker) Work(ctx context.Context, job *river.Job[ApprovedArgs]) error {
	s := w.Service
	a, err := s.Store.AccountByID(ctx, job.Args.AccountID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if a.Status != store.StatusActive || !a.Active || a.Email == "" {
		return nil
	}
	if s.Sender == nil { // SMTP was configured when queued, not any more
		s.Log.WarnContext(ctx, "approval mail not sent: no SMTP configured", "account", a.ID)
		return nil
	}
	name := a.DisplayName
	if name == "" {
		name = a.GivenName
	}
	msg, err := mail.Render(mail.KindAccountApproved, ui.Pick(a.PreferredLanguage, a.Locale),
		mail.Data{OrgName: s.Config.OrgName, RecipientName: name, Link: s.SignInAddress()})
	if err != nil {
		return river.JobCancel(err)
	}
	if err := s.Sender.Send(ctx, mail.Outgoing{To: a.Email, ToName: a.DisplayName, Message: msg}); err != nil {
		s.Log.WarnContext(ctx, "approval mail not sent", "account", a.ID, "attempt", job.Attempt, "err", err)
		if mail.IsPermanent(err) {
			return river.JobCancel(err)
		}
		return err
	}
	return nil
}

// SignInAddress is where a person who can sign in is sent: the
// application when one is configured, else the sign-in landing page.
func (s *Service) SignInAddress() string {
	if s.Config.AppURL != "" {
		return s.Config.AppURL
	}
	return s.Config.BaseURL + "/signin"
}

// queueApproved inserts, in tx, the approval mail of account id (when mail
// is on: without SMTP the admin who approved tells the person).
func (s *Service) queueApproved(ctx context.Context, tx *store.Store, id string) error {
	if !s.MailEnabled() || s.Jobs == nil {
		return nil
	}
	if _, err := s.Jobs.InsertTx(ctx, tx.SQLTx(), ApprovedArgs{AccountID: id}, nil); err != nil {
		return fmt.Errorf("invite: queue approval mail: %w", err)
	}
	return nil
}
