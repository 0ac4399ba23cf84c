package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/notify"
)

// wireInvites builds the invitation service, its mail sender (none without
// PROVISIOND_SMTP_URL) and an insert-only River client: CLI commands enqueue
// deliveries, serve's workers send them (with the server's SMTP settings
// when the shell has none: server_settings.go).
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
		BaseURL: a.cfg.BaseURL, AppURL: a.cfg.AppURL, OrgName: a.cfg.OrgName, MailFrom: a.cfg.MailFrom,
		InviteTTL: time.Duration(a.cfg.InviteTTL), ApprovalTTL: time.Duration(a.cfg.ApprovalTTL),
		PurgeAfter: time.Duration(a.cfg.PurgeAfter), AccessCodeTTL: time.Duration(a.cfg.AccessCodeTTL),
		// The one secret allowed in logs (docs/security.md): embedded default,
		// no SMTP, in the server; commands print the links they must show.
		LogLinks:     a.serving && a.cfg.Embedded() && !a.cfg.MailEnabled(),
		MailByServer: a.mailByServer,
	}, a.log)
	jc, err := jobs.New(a.store, jobs.Config{Log: a.log})
	if err != nil {
		return err
	}
	a.jobs, a.invites.Jobs = jc, jc
	return nil
}

// startJobs starts the delivery, breaker notice, webhook, back-channel logout and maintenance workers and
// replaces the insert-only client with the runner's inserter. On
// PostgreSQL the workers run over pgx with LISTEN/NOTIFY (jobs.NewRunner).
// stop waits for running jobs up to grace; anything cut off is rescued later.
func startJobs(ctx context.Context, a *app) (stop func(), err error) {
	rescue, err := rescueAfter()
	if err != nil {
		return nil, err
	}
	workers := river.NewWorkers()
	a.invites.Chores = append(a.invites.Chores, func(ctx context.Context) error {
		_, err := a.integrations.RetireLapsedOAuthSecrets(ctx) // they stopped minting at their expiry already
		return err
	})
	invite.AddWorkers(workers, a.invites)
	notify.AddWorkers(workers, &notify.BreakerWorker{Store: a.store, Sender: a.invites.Sender,
		OrgName: a.cfg.OrgName, BaseURL: a.cfg.BaseURL, Log: a.log})
	addWebhookWorkers(workers, a) // webhook deliveries (client_wiring.go)
	// logout tokens (backchannel_wiring.go)
	if err := addBackchannelWorker(workers, a); err != nil {
		return nil, err
	}
	r, err := jobs.NewRunner(ctx, a.store, jobs.Config{
		Workers:      workers,
		PeriodicJobs: []*river.PeriodicJob{invite.PeriodicMaintenance(time.Duration(a.cfg.MaintenanceEvery))},
		Log:          a.log,
		RescueAfter:  rescue,
		PostgresURL:  a.cfg.DatabaseURL,
	})
	if err != nil {
		return nil, err
	}
	if err := r.Start(ctx); err != nil {
		return nil, err
	}
	a.jobs, a.invites.Jobs, a.breaker.Jobs = r.Inserter, r.Inserter, r.Inserter
	return func() {
		if err := r.Stop(5 * time.Second); err != nil {
			a.log.Warn("stopping jobs", "err", err)
		}
	}, nil
}

// rescueAfter reads PROVISIOND_JOBS_RESCUE_AFTER, how long a job held by a
// replica that died waits before another replica retries it (default and
// maximum 2m). Process-level tests set a few seconds.
func rescueAfter() (time.Duration, error) {
	v := os.Getenv("PROVISIOND_JOBS_RESCUE_AFTER")
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < time.Second || d > jobs.RescueStuckJobsAfter {
		return 0, fmt.Errorf("PROVISIOND_JOBS_RESCUE_AFTER: %q is not a duration between 1s and %s", v, jobs.RescueStuckJobsAfter)
	}
	return d, nil
}
