package main

import (
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/clientip"
	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/webhook"
)

// newSignIn builds the OpenID provider of the application (signin/): issuer
// PROVISIOND_BASE_URL + "/oidc", reset mail through the invitations' sender.
func newSignIn(a *app) (*signin.Provider, error) {
	cfg := signin.Config{Store: a.store, Keys: a.keys, Log: a.log, BaseURL: a.cfg.BaseURL,
		OrgName: a.cfg.OrgName, AppURL: a.cfg.AppURL, Policy: password.Policy{MinLength: a.cfg.PasswordMinLength}}
	var err error
	if cfg.Clients, err = clientip.Parse(a.cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("trustedProxies (PROVISIOND_TRUSTED_PROXIES): %w", err)
	}
	if a.invites != nil && a.invites.Sender != nil {
		cfg.Mailer = a.invites.Sender
	}
	return signin.New(cfg)
}

// addWebhookWorkers registers the webhook delivery worker with serve's
// River client; deliveries reach public addresses and the operator's
// webhookAllowedNetworks only (validated with the configuration).
func addWebhookWorkers(workers *river.Workers, a *app) {
	allow, _ := egress.ParseNetworks(a.cfg.WebhookAllowedNetworks)
	river.AddWorker(workers, &webhook.DeliveryWorker{Store: a.store, Keys: a.keys, Log: a.log,
		Egress: egress.Policy{Allow: allow}, OrderWait: 2 * time.Second})
	river.AddWorker(workers, &webhook.FanoutWorker{Store: a.store})
}
