// Package webhook tells the application about account lifecycle changes:
// signed HTTP POSTs to endpoints an admin registered, delivered by River
// jobs that are inserted in the very transaction of the change.
//
// Flow:
//
//	account/ or invite/ change, in tx ──Enqueue(ctx, tx, Event)──> one
//	  webhook_deliveries row per subscribed endpoint + one River job each
//	  (same tx: no event without its change, no change without its event);
//	  from fanoutMin deliveries (a bulk change), one FanoutArgs job instead,
//	  whose FanoutWorker inserts the delivery jobs in jobs.QueueEvents (a few
//	  workers of their own) when its backlog allows, completing itself in
//	  that tx
//	River worker ──DeliveryWorker.Work──> waits while an earlier delivery of
//	  the same endpoint and account is pending (per-account order), POSTs
//	  the payload with Provisiond-Signature, records status code, timing and
//	  the start of the response; a non-2xx or network error is retried with
//	  River's backoff (attempt^4 s, MaxAttempts tries, about 11 hours)
//	admin ──Replay──> a new delivery of the same event (same event id)
//
// Delivery states: pending -> delivered | failed (retries exhausted, or the
// endpoint was disabled or deleted meanwhile).
//
// Ordering: deliveries get increasing ids; those of one endpoint and one
// OrderKey ("account:<id>", "group:<id>") are delivered in id order. Writes
// to one account are serialised by its row lock, so id order is commit
// order. An earlier delivery that gave up no longer holds later ones back.
//
// Signature (docs/webhooks.md): Provisiond-Signature: t=<unix seconds>,
// v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. The endpoint's secret is
// shown once at creation and stored sealed (secret.Keys.Seal).
//
// Reach (egress/doc.go): an endpoint whose host is or resolves to an
// internal address (loopback, link-local, private, ...) is refused when
// saved (Endpoints.Egress), and every connection of a delivery checks the
// address it dials (DeliveryWorker.Egress), so DNS rebinding reaches
// nothing; redirects are not followed. The operator's webhookAllowedNetworks
// opens chosen networks. What an endpoint answers is kept (MaxResponseBytes)
// for owners to read; web/ hides it from other roles.
//
// A slow or dead endpoint never slows provisioning: Enqueue only writes
// rows; HTTP happens in workers with a 10 s timeout. webhook must not log
// endpoint secrets or signatures.
package webhook
