package main

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/mail"
)

// wireInvites builds the invitation service, its mail sender (none without
// PROVISIOND_SMTP_URL) and an insert-only River client: CLI commands enqueue
// deliveries, serve's workers send them.
func (a *app) wireInvites() error {
	var sender mail.Sender
	if a.cfg.MailEnabled() {
		s, err := mail.NewSMTPSender(a.cfg.SMTPURL, a.cfg.MailFrom)
		if err != nil {
			return fmt.Errorf("smtpURL (PROVISIOND_SMTP_URL) / mailFrom (PROVISIOND_MAIL_FROM): %w", err)
		}
		sender = s
	}
	a.invites = invite.New(a.store, a.keys, sender, invite.Config{
		BaseURL: a.cfg.BaseURL, OrgName: a.cfg.OrgName, MailFrom: a.cfg.MailFrom,
		InviteTTL: time.Duration(a.cfg.InviteTTL), ApprovalTTL: time.Duration(a.cfg.ApprovalTTL),
		PurgeAfter: time.Duration(a.cfg.PurgeAfter), AccessCodeTTL: time.Duration(a.cfg.AccessCodeTTL),
		// The one secret allowed in logs (ARCHITECTURE.md §5): embedded default, no SMTP.
		LogLinks: a.cfg.Embedded() && !a.cfg.MailEnabled(),
	}, a.log)
	jc, err := jobs.New(a.store, jobs.Config{Log: a.log})
	if err != nil {
		return err
	}
	a.jobs, a.invites.Jobs = jc, jc
	return nil
}

// startJobs replaces the insert-only client with one that runs the
// delivery and maintenance workers, and starts it. stop waits for running
// jobs up to grace; anything cut off is retried (rescued) later.
func startJobs(ctx context.Context, a *app) (stop func(), err error) {
	workers := river.NewWorkers()
	invite.AddWorkers(workers, a.invites)
	addWebhookWorkers(workers, a) // webhook deliveries (client_wiring.go)
	jc, err := jobs.New(a.store, jobs.Config{
		Workers:      workers,
		PeriodicJobs: []*river.PeriodicJob{invite.PeriodicMaintenance(time.Duration(a.cfg.MaintenanceEvery))},
		Log:          a.log,
	})
	if err != nil {
		return nil, err
	}
	if err := jc.Start(ctx); err != nil {
		return nil, fmt.Errorf("jobs: start: %w", err)
	}
	a.jobs, a.invites.Jobs = jc, jc
	return func() {
		if err := jobs.Stop(jc, 5*time.Second); err != nil {
			a.log.Warn("stopping jobs", "err", err)
		}
	}, nil
}
