package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/store"
)

// The CLI and the server are one product: serve records the settings a
// one-shot command needs (store.ServerSettings: public base URL, whether it
// mails, sender and organisation name), and every other command adopts
// them, so a command run from a shell without the server's environment
// builds links from the server's base URL and queues invitations for the
// server's workers to mail. A shell whose own settings differ gets a
// warning on stderr; the server's win.

// recordServerSettings is serve's half: it records its own settings.
func recordServerSettings(ctx context.Context, a *app) error {
	prev, err := a.store.RecordedServerSettings(ctx)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if prev != nil && (prev.BaseURL != a.cfg.BaseURL || prev.MailEnabled != a.cfg.MailEnabled()) {
		// Another replica (or the previous start) said otherwise: replicas must agree.
		a.log.WarnContext(ctx, "baseURL or smtpURL differs from what the last server to start recorded: a changed setting, or replicas that disagree (they must share them)",
			"base_url", a.cfg.BaseURL, "recorded_base_url", prev.BaseURL, "mail", a.cfg.MailEnabled(), "recorded_mail", prev.MailEnabled)
	}
	return a.store.RecordServerSettings(ctx, store.ServerSettings{BaseURL: a.cfg.BaseURL, MailEnabled: a.cfg.MailEnabled(),
		MailFrom: a.cfg.MailFrom, OrgName: a.cfg.OrgName})
}

// adoptServerSettings is the CLI's half, run before the invitation service
// is wired: it replaces the shell's base URL, sender and organisation name
// with the server's, and says whether the server mails (mailByServer).
// Before any serve has started it keeps the shell's configuration.
func adoptServerSettings(ctx context.Context, a *app) error {
	ss, err := a.store.RecordedServerSettings(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if ss.BaseURL != a.cfg.BaseURL && !a.cfg.BaseURLDerived() {
		a.log.WarnContext(ctx, fmt.Sprintf("WARNING: baseURL (PROVISIOND_BASE_URL) here is %s but the server runs with %s; links and URLs use the server's",
			a.cfg.BaseURL, ss.BaseURL))
	}
	if !ss.MailEnabled && a.cfg.MailEnabled() {
		a.log.WarnContext(ctx, "WARNING: smtpURL (PROVISIOND_SMTP_URL) is set here but the server runs without SMTP: nothing is mailed; links are printed instead")
	}
	a.cfg.BaseURL, a.cfg.MailFrom, a.cfg.OrgName = ss.BaseURL, ss.MailFrom, ss.OrgName
	a.mailByServer = ss.MailEnabled && !a.cfg.MailEnabled()
	if !ss.MailEnabled {
		a.cfg.SMTPURL = "" // what the server would not mail is shown, not queued
	}
	return nil
}
