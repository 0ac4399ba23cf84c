package webhook

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// ErrInvalid wraps refused endpoint input, with a *store.InvalidError in
// the chain whose text is safe to show.
var ErrInvalid = errors.New("webhook: invalid")

// invalid is a refused field: errors.Is(err, ErrInvalid) holds and
// errors.As finds its *store.InvalidError.
func invalid(field, format string, args ...any) error {
	return fmt.Errorf("%w: %w", ErrInvalid, store.Invalid(field, format, args...))
}

// SecretPrefix marks endpoint secrets so scanners and admins recognise them.
const SecretPrefix = "whsec_"

// Endpoints manages endpoints for the admin API and console.
type Endpoints struct {
	Store *store.Store
	Keys  *secret.Keys
	// Egress is what an endpoint may point at; the zero value refuses every
	// internal address (the operator's webhookAllowedNetworks extends it).
	Egress egress.Policy
}

// EndpointInput is what an admin sets; nil fields are left unchanged on update.
type EndpointInput struct {
	URL         *string
	Events      []string
	Description *string
	Disabled    *bool
}

// Create registers an endpoint and returns it with its signing secret,
// which is shown this once.
func (s Endpoints) Create(ctx context.Context, actor string, in EndpointInput) (*store.WebhookEndpoint, string, error) {
	if in.URL == nil {
		return nil, "", invalid("url", "required")
	}
	e := &store.WebhookEndpoint{ID: store.NewID()}
	if err := s.apply(ctx, e, in); err != nil {
		return nil, "", err
	}
	sec := SecretPrefix + secret.NewToken()
	sealed, err := s.Keys.Seal([]byte(sec), secretAAD(e.ID))
	if err != nil {
		return nil, "", err
	}
	e.SecretSealed = sealed
	err = s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateWebhookEndpoint(ctx, e); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "webhook.created", "webhook", e.ID, map[string]any{"url": e.URL, "events": e.Events})
	})
	if err != nil {
		return nil, "", fmt.Errorf("webhook: create endpoint: %w", err)
	}
	return e, sec, nil
}

// Update changes an endpoint.
func (s Endpoints) Update(ctx context.Context, actor, id string, in EndpointInput) (*store.WebhookEndpoint, error) {
	var out *store.WebhookEndpoint
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		e, err := tx.UpdateWebhookEndpoint(ctx, id, func(e *store.WebhookEndpoint) error { return s.apply(ctx, e, in) })
		if err != nil {
			return err
		}
		out = e
		return tx.Audit(ctx, actor, "webhook.updated", "webhook", id,
			map[string]any{"url": e.URL, "events": e.Events, "disabled": e.Disabled})
	})
	if err != nil {
		return nil, fmt.Errorf("webhook: update endpoint %s: %w", id, err)
	}
	return out, nil
}

// Delete removes an endpoint and its deliveries.
func (s Endpoints) Delete(ctx context.Context, actor, id string) error {
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.DeleteWebhookEndpoint(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "webhook.deleted", "webhook", id, nil)
	})
	if err != nil {
		return fmt.Errorf("webhook: delete endpoint %s: %w", id, err)
	}
	return nil
}

// apply validates in and copies it onto e.
func (s Endpoints) apply(ctx context.Context, e *store.WebhookEndpoint, in EndpointInput) error {
	if in.URL != nil {
		u, err := url.Parse(strings.TrimSpace(*in.URL))
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return invalid("url", "must be an absolute http(s) URL without credentials")
		}
		if err := s.checkHost(ctx, u.Hostname()); err != nil {
			return err
		}
		e.URL = u.String()
	}
	if in.Events != nil {
		if len(in.Events) == 0 {
			return invalid("events", "must name at least one event (or \"*\")")
		}
		for _, ev := range in.Events {
			if !ValidType(ev) {
				return invalid("events", "unknown event %q (known: %s)", ev, strings.Join(EventTypes, ", "))
			}
		}
		e.Events = strings.Join(in.Events, " ")
	}
	if in.Description != nil {
		e.Description = *in.Description
	}
	if in.Disabled != nil {
		e.Disabled = *in.Disabled
	}
	return nil
}

// checkHost refuses a URL whose host is, or resolves to, an address the
// server must not reach. A name that does not resolve now is accepted: the
// delivery checks the address it connects to anyway (egress/doc.go).
func (s Endpoints) checkHost(ctx context.Context, host string) error {
	err := s.Egress.CheckHost(ctx, host)
	var refused *egress.RefusedError
	if errors.As(err, &refused) {
		return invalid("url", "%s; webhooks reach public addresses only, unless the operator allows the network (webhookAllowedNetworks)",
			refused.Error())
	}
	return nil
}
