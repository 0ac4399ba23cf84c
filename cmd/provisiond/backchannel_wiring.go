package main

import (
	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/backchannel"
	"github.com/provisiond/provisiond/egress"
)

// addBackchannelWorker registers the back-channel logout worker with
// serve's River client: logout tokens are signed with the sign-in
// provider's keys (shared through the database, so a provider of its own
// signs with the same ones) and reach public addresses and the operator's
// webhookAllowedNetworks only.
func addBackchannelWorker(workers *river.Workers, a *app) error {
	p, err := newSignIn(a)
	if err != nil {
		return err
	}
	allow, _ := egress.ParseNetworks(a.cfg.WebhookAllowedNetworks) // validated with the configuration
	river.AddWorker(workers, &backchannel.Worker{Store: a.store, Signer: p, Log: a.log, Egress: egress.Policy{Allow: allow}})
	return nil
}
